"""Writes a model from PyTorch in the safetensors format, for gengeo's interoperability test.

Run with Debian's interpreter (torch 1.13; the safetensors package is not needed, the format is
written by hand as the specification describes): /usr/bin/python3 make_torch_fixture.py
Outputs torch_cnn.safetensors (a small float32 CNN, state_dict renamed to gengeo's names) and
torch_cnn_expected.json (a fixed input batch and PyTorch's logits for it).
"""
import json
import struct

import torch

torch.manual_seed(0)
ARCH = "cnn:1x8x8-c3k3p1-m2-c4k3-8-3"


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv0 = torch.nn.Conv2d(1, 3, 3, padding=1)
        self.conv1 = torch.nn.Conv2d(3, 4, 3)
        self.fc0 = torch.nn.Linear(4 * 2 * 2, 8)
        self.fc1 = torch.nn.Linear(8, 3)

    def forward(self, x):
        x = torch.tanh(self.conv0(x.view(-1, 1, 8, 8)))
        x = torch.nn.functional.max_pool2d(x, 2)
        x = torch.tanh(self.conv1(x))
        x = torch.flatten(x, 1)
        return self.fc1(torch.tanh(self.fc0(x)))


net = Net()
state = {k: v.contiguous() for k, v in net.state_dict().items()}
meta = {"gengeo.arch": ARCH, "gengeo.activation": "tanh", "gengeo.provenance": json.dumps({"writer": "pytorch " + torch.__version__})}

header = {"__metadata__": meta}
offset = 0
blobs = []
for name in sorted(state):
    t = state[name]
    raw = t.numpy().astype("<f4").tobytes()
    header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
    offset += len(raw)
    blobs.append(raw)
h = json.dumps(header, separators=(",", ":")).encode()
h += b" " * ((8 - len(h) % 8) % 8)
with open("torch_cnn.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(h)))
    f.write(h)
    for b in blobs:
        f.write(b)

x = torch.rand(4, 64)
with torch.no_grad():
    logits = net(x)
with open("torch_cnn_expected.json", "w") as f:
    json.dump({"torch": torch.__version__, "arch": ARCH, "x": x.tolist(), "logits": logits.tolist()}, f, indent=1)
