"""PyTorch references for gengeo's residual, VGG and NiN networks (independent implementations).

Run with Debian's interpreter (torch 1.13, torchvision 0.14): /usr/bin/python3 torch_reference.py fixtures DIR
writes, for each small network below, DIR/NAME.model.safetensors (its state_dict under torchvision's names,
num_batches_tracked included, float64, gengeo.arch in the metadata) and DIR/NAME.expected.safetensors
(an input batch x, labels y, evaluation-mode logits, training-mode logits, the training-mode gradient of
the mean cross-entropy for every parameter ("grad.NAME"), and the running statistics after that one
training-mode pass ("after.NAME")). The networks are built from torchvision's own BasicBlock and VGG
make_layers, so only gengeo's spec grammar, not its layer code, is shared with what is tested.

/usr/bin/python3 torch_reference.py resnet18 DIR writes a torchvision resnet18 (10 classes, float32) the
same way, and /usr/bin/python3 torch_reference.py check FILE EXPECTED loads a gengeo-written resnet18 file
into torchvision's resnet18 with strict=True and prints the largest logit difference against EXPECTED.
"""
import json
import struct
import sys

import torch
import torch.nn as nn
from torchvision.models import resnet18
from torchvision.models.resnet import BasicBlock
from torchvision.models.vgg import make_layers

DTYPES = {torch.float64: "F64", torch.float32: "F32", torch.int64: "I64"}


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    offset, blobs = 0, []
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous()
        raw = t.numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    types = {v: k for k, v in DTYPES.items()}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[a:b]), dtype=types[info["dtype"]]).reshape(info["shape"])
    return out


class CifarResNet(nn.Module):
    """He et al.'s CIFAR ResNet with projection shortcuts, from torchvision's BasicBlock."""

    def __init__(self, n, w, in_ch, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, w, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(w)
        self.relu = nn.ReLU()
        c = w
        for s in range(3):
            out = w * 2 ** s
            blocks = []
            for b in range(n):
                stride = 2 if s > 0 and b == 0 else 1
                down = None
                if stride != 1 or c != out:
                    down = nn.Sequential(nn.Conv2d(c, out, 1, stride, bias=False), nn.BatchNorm2d(out))
                blocks.append(BasicBlock(c, out, stride, down))
                c = out
            setattr(self, "layer%d" % (s + 1), nn.Sequential(*blocks))
        self.fc = nn.Linear(c, classes)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


class Vgg(nn.Module):
    """torchvision's VGG features with the CIFAR-sized classifier gengeo's vgg specs describe."""

    def __init__(self, cfg, hidden, classes):
        super().__init__()
        self.features = make_layers(cfg, batch_norm=True)
        last = [v for v in cfg if v != "M"][-1]
        self.classifier = nn.Sequential(nn.Linear(last, hidden), nn.ReLU(), nn.Dropout(0.0), nn.Linear(hidden, hidden),
                                        nn.ReLU(), nn.Dropout(0.0), nn.Linear(hidden, classes))

    def forward(self, x):
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(self.features(x), 1), 1)
        return self.classifier(x)


class Nin(nn.Module):
    """Network-in-Network blocks (3x3 then two 1x1 convolutions, batch norm and ReLU after each)."""

    def __init__(self, d, w, in_ch, classes):
        super().__init__()
        layers, c = [], in_ch
        for b in range(d):
            for k in range(3):
                layers += [nn.Conv2d(c, w, 3 if k == 0 else 1, 2 if k == 0 and b > 0 else 1, 1 if k == 0 else 0),
                           nn.BatchNorm2d(w), nn.ReLU()]
                c = w
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Conv2d(w, classes, 1)

    def forward(self, x):
        return torch.flatten(nn.functional.adaptive_avg_pool2d(self.classifier(self.features(x)), 1), 1)


def randomise_statistics(net, g):
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.copy_(torch.rand(m.num_features, generator=g, dtype=m.running_mean.dtype) - 0.5)
                m.running_var.copy_(0.5 + 1.5 * torch.rand(m.num_features, generator=g, dtype=m.running_var.dtype))
                m.weight.copy_(0.5 + torch.rand(m.num_features, generator=g, dtype=m.weight.dtype))
                m.bias.copy_(0.2 * torch.randn(m.num_features, generator=g, dtype=m.bias.dtype))


def fixture(out_dir, name, arch, net, shape, classes):
    g = torch.Generator().manual_seed(1)
    net = net.double()
    randomise_statistics(net, g)
    state = {k: v.clone() for k, v in net.state_dict().items()}
    x = torch.rand((5,) + shape, generator=g, dtype=torch.float64)
    y = torch.randint(0, classes, (5,), generator=g)
    net.eval()
    with torch.no_grad():
        logits_eval = net(x)
    net.train()
    logits_train = net(x)
    loss = nn.functional.cross_entropy(logits_train, y)
    loss.backward()
    expected = {"x": x.reshape(5, -1), "y": y, "logits_eval": logits_eval, "logits_train": logits_train.detach()}
    for k, p in net.named_parameters():
        expected["grad." + k] = p.grad
    for k, b in net.named_buffers():
        if not k.endswith("num_batches_tracked"):
            expected["after." + k] = b
    write_safetensors("%s/%s.model.safetensors" % (out_dir, name), state, {"gengeo.arch": arch, "gengeo.activation": "relu"})
    write_safetensors("%s/%s.expected.safetensors" % (out_dir, name), expected, {"torch": torch.__version__})


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "fixtures":
        torch.manual_seed(0)
        fixture(path, "resnet8", "resnet8:w=4:in=3x12x12:classes=3", CifarResNet(1, 4, 3, 3), (3, 12, 12), 3)
        fixture(path, "resnet14", "resnet14:w=2:in=1x9x9:classes=4", CifarResNet(2, 2, 1, 4), (1, 9, 9), 4)
        fixture(path, "vgg11_bn", "vgg11_bn:w=4:hidden=8:classes=5",
                Vgg([4, "M", 8, "M", 16, 16, "M", 32, 32, "M", 32, 32, "M"], 8, 5), (3, 32, 32), 5)
        fixture(path, "nin", "nin:d=2:w=6:in=3x10x10:classes=3", Nin(2, 6, 3, 3), (3, 10, 10), 3)
    elif mode == "resnet18":
        torch.manual_seed(0)
        net = resnet18(num_classes=10)
        randomise_statistics(net, torch.Generator().manual_seed(1))
        net.eval()
        x = torch.rand(3, 3, 32, 32)
        with torch.no_grad():
            logits = net(x)
        write_safetensors(path + "/resnet18.safetensors", net.state_dict(), {"gengeo.arch": "resnet18"})
        write_safetensors(path + "/resnet18.expected.safetensors", {"x": x.reshape(3, -1), "logits": logits}, {})
    elif mode == "check":
        net = resnet18(num_classes=10)
        state = read_safetensors(path)
        state = {k: v for k, v in state.items() if not k.startswith("optimizer.") and not k.startswith("state.")}
        net.load_state_dict(state, strict=True)
        net.eval()
        expected = read_safetensors(sys.argv[3])
        with torch.no_grad():
            logits = net(expected["x"].reshape(-1, 3, 32, 32))
        print("max_abs_diff %.3e" % (logits - expected["logits"]).abs().max().item())


if __name__ == "__main__":
    main()
