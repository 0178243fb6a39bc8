"""A safetensors file written from PyTorch, for gengeo's reader tests.

Run with Debian's interpreter (torch 1.13, no `safetensors` package):
    /usr/bin/python3 make_torch_fixture.py
Writes, next to this script:
  torch_mlp.safetensors    the state_dict of a float32 MLP 4-5-3 (fc0, ReLU, fc1) built with
                           torch.manual_seed(0), in the byte layout the safetensors library writes:
                           8-byte little-endian header length, compact JSON header (__metadata__
                           first, then tensors ordered by name -- the library orders by dtype
                           alignment, then name, and all tensors here are F32), padded with spaces
                           to a multiple of 8, then the little-endian data in header order.
  torch_mlp_expected.json  a fixed 3 x 4 input batch, PyTorch's float32 logits for it, and the
                           logits of the same weights evaluated in float64.
The Java tests read both files; they never run Python.
"""
import collections
import json
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))

torch.manual_seed(0)
model = torch.nn.Sequential(collections.OrderedDict([
    ("fc0", torch.nn.Linear(4, 5)),
    ("act", torch.nn.ReLU()),
    ("fc1", torch.nn.Linear(5, 3)),
])).float()

METADATA = {
    "gengeo.arch": "mlp:4-5-3",
    "gengeo.activation": "relu",
    "gengeo.provenance": json.dumps({"writer": "pytorch"}),
}

DTYPES = {torch.float32: ("F32", "<f4"), torch.float64: ("F64", "<f8")}


def safetensors_bytes(tensors, metadata):
    """The bytes safetensors.torch.save_file would write for `tensors` and `metadata`."""
    header = collections.OrderedDict()
    header["__metadata__"] = dict(sorted(metadata.items()))
    chunks = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous()
        dtype, np_dtype = DTYPES[t.dtype]
        raw = t.numpy().astype(np_dtype).tobytes()
        header[name] = collections.OrderedDict(
            [("dtype", dtype), ("shape", list(t.shape)), ("data_offsets", [offset, offset + len(raw)])])
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


state = model.state_dict()
assert list(state) == ["fc0.weight", "fc0.bias", "fc1.weight", "fc1.bias"], list(state)
with open(os.path.join(HERE, "torch_mlp.safetensors"), "wb") as f:
    f.write(safetensors_bytes(state, METADATA))

x = torch.tensor([
    [0.5, -1.0, 2.0, 0.25],
    [-0.75, 0.125, 0.0, 1.5],
    [1.0, 1.0, -1.0, -2.0],
], dtype=torch.float32)
with torch.no_grad():
    logits = model(x)
    logits64 = model.double()(x.double())

expected = {
    "input": x.tolist(),
    "logits": logits.tolist(),
    "logits_float64": logits64.tolist(),
    "torch_version": torch.__version__,
}
with open(os.path.join(HERE, "torch_mlp_expected.json"), "w") as f:
    json.dump(expected, f, indent=2)
    f.write("\n")
