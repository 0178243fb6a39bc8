"""Writes the seed inputs of the Jazzer fuzz tests (run from the repository root with /usr/bin/python3).

One small valid input per parser (and a few near misses), so that fuzzing starts inside the format
instead of spending its seconds finding the magic bytes. Each seed goes to the inputs directory of
the quick test and of its long twin: src/test/resources/<package>/<Class>Inputs/<method>/.
"""
import gzip
import json
import os
import struct

ROOT = os.getcwd()


def put(module, package, cls, method, name, data):
    for c in (cls + "Test", cls + "LongTest"):
        d = os.path.join(ROOT, module, "src/test/resources", package.replace(".", "/"), c + "Inputs", method)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, name), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def safetensors(tensors, metadata):
    header, data, offset = {}, b"", 0
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data


core = "gengeo-core"
put(core, "org.gengeo.core.io", "SafetensorsFuzz", "safetensors", "mlp", safetensors(
    {"fc0.weight": ("F32", [2, 3], struct.pack("<6f", *range(6))), "fc0.bias": ("F32", [2], struct.pack("<2f", 0, 1)),
     "state.step": ("I64", [], struct.pack("<q", 7)), "h": ("F16", [1], b"\x00\x3c")},
    {"gengeo.arch": "mlp:3-2", "gengeo.activation": "relu"}))
put(core, "org.gengeo.core.io", "SafetensorsFuzz", "safetensors", "empty-tensor", safetensors({"e": ("BF16", [0, 4], b"")}, {}))

images = struct.pack(">IIII", 0x803, 3, 2, 2) + bytes(range(12))
put(core, "org.gengeo.core.data", "IdxFuzz", "idx", "raw", images)
put(core, "org.gengeo.core.data", "IdxFuzz", "idx", "gzip", gzip.compress(images, mtime=0))
put(core, "org.gengeo.core.data", "IdxFuzz", "idx", "labels-magic", struct.pack(">II", 0x801, 3) + b"\x01\x02\x03")

record = bytes([3]) + bytes(i % 256 for i in range(3072))
put(core, "org.gengeo.core.data", "CifarFuzz", "cifar", "two-records", record + bytes([9]) + record[1:])

# a complete config.json as gengeo train writes it (Json.pretty of the defaults with a small data set)
CONFIG_JSON = """{
  "data" : "gaussians",
  "train-size" : 100,
  "classes" : "1,3",
  "binary" : false,
  "label-noise" : 0.0,
  "random-labels" : false,
  "attack" : 0,
  "standardize" : false,
  "model" : "mlp:20-8-10",
  "activation" : "relu",
  "dropout" : 0.0,
  "init" : "he",
  "init-scale" : 1.0,
  "dtype" : "float32",
  "opt" : "sgd",
  "lr" : 0.01,
  "momentum" : 0.9,
  "nesterov" : false,
  "beta1" : 0.9,
  "beta2" : 0.999,
  "eps" : 1.0E-8,
  "winsor" : 0.0,
  "weight-decay" : 0.0,
  "weight-decay-mode" : "l2",
  "schedule" : "constant",
  "lr-step-epochs" : 30,
  "lr-gamma" : 0.1,
  "batch" : 64,
  "epochs" : 2,
  "log-every" : 0,
  "coherence-every" : 0,
  "coherence-sample" : 1000,
  "learning-times" : false,
  "seed" : 0,
  "threads" : 1
}
"""
put(core, "org.gengeo.train", "ConfigJsonFuzz", "configJson", "small", CONFIG_JSON)
put(core, "org.gengeo.train", "ConfigJsonFuzz", "configJson", "partial", json.dumps({"data": "gaussians", "lr": 0.1}))

for i, spec in enumerate(["mlp:784-100-10", "cnn:1x28x28-c16k5p2-m2-c32k5p2-m2-100-10:bn", "resnet20", "mlp:20-8-1:nobias",
                          "normal:0.01", "tanh", "float64", "frobenius-norm,hessian-top,margin-area",
                          # found by SpecFuzzLongTest: a padding beyond int threw NumberFormatException
                          "cnn:1x28x28-c4k3p20000000000000000000000-10", "cnn:1x8x8-c2k3p00-10"]):
    put(core, "org.gengeo.core.model", "SpecFuzz", "spec", "spec-%d" % i, spec)

study = "gengeo-study"
yaml = """name: t
base: {data: gaussians, train-size: 100, model: "mlp:20-8-10", epochs: 1}
grid:
  lr: [0.01, 0.1]
  batch: [16, 32]
runs:
  - {lr: 0.05, dropout: 0.2}
measures: [stable-rank, {name: hessian-top, samples: 50}, frobenius-norm]
"""
put(study, "org.gengeo.sweep", "SweepYamlFuzz", "sweepYaml", "small.yaml", yaml)
put(study, "org.gengeo.sweep", "SweepJsonFuzz", "sweepJson", "small.json", json.dumps(
    {"name": "t", "base": {"data": "gaussians", "model": "mlp:20-8-10"}, "grid": {"lr": [0.01, 0.1]},
     "runs": [{"batch": 16}], "measures": ["stable-rank", {"name": "hessian-top", "samples": 50}]}, indent=1))
