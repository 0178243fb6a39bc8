"""TorchScript modules and PyTorch's reference values for gengeo's bring-your-own-model tests.

Run with Debian's interpreter (torch 1.13, numpy; no `safetensors` package):
    /usr/bin/python3 make_script_fixtures.py
Writes, next to this script (all small; the Java tests read them and never run Python):
  resmlp.pt, resmlp_x.npz   a scripted (torch.jit.script) MLP 6-8-8-3 with batch norm, GELU, a
                            residual connection around LayerNorm + Linear, its 16 inputs and labels
                            (arrays x, y)
  cnn.pt, cnn_x.npy,        a traced (torch.jit.trace, eval mode) torchvision-style CNN: 3x3 conv
  cnn_y.npy                 stem without bias + BatchNorm2d + ReLU, one BasicBlock (conv-bn-relu-
                            conv-bn + identity, ReLU), adaptive average pool, fc; 16 inputs [16,3,8,8]
                            float32 and int64 labels
  NAME_expected.json        for each module, in eval mode (batch-norm running statistics, which
                            are made non-trivial by a few training-mode passes before saving):
                            parameter names and shapes in named_parameters() order, buffers,
                            logits, mean cross-entropy loss, its gradient, a seeded direction v and
                            the Hessian-vector product Hv (double backward), the top 3 eigenvalues of
                            the dense Hessian (float64 copy of the module, numpy.linalg.eigvalsh),
                            and one SGD step of the saved TorchScript module (torch.jit.load) in
                            training mode (lr 0.1): the parameters and buffers after it (the traced
                            CNN keeps the eval-mode batch norm it was traced with, as in PyTorch)
  seq_mlp.safetensors,      the state_dict of nn.Sequential(Linear(4,5), ReLU(), Linear(5,3))
  seq_mlp_expected.json     (names 0.weight ... 2.bias) and its float32 logits on a fixed input
  checkpoint.pth            a torch.save pickle of that state_dict, which gengeo must refuse
  nonfinite.pt              a scripted Linear(6, 3) with one NaN weight, which gengeo must refuse
  intparam.pt               a scripted Linear(6, 3) with an extra int64 parameter (requires_grad
                            off, the only way PyTorch allows one), which gengeo must refuse
  u8_x.npy                  uint8 images [5,1,2,2] with values 0..19 * 13 (reader test)
"""
import collections
import copy
import json
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
LR = 0.1


class ResMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc0 = nn.Linear(6, 8)
        self.bn = nn.BatchNorm1d(8)
        self.norm = nn.LayerNorm(8)
        self.fc1 = nn.Linear(8, 8)
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        h = F.gelu(self.bn(self.fc0(x)))
        h = h + self.fc1(self.norm(h))
        return self.head(F.gelu(h))


class BasicBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + x)


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(4)
        self.layer1 = nn.Sequential(BasicBlock(4))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.avgpool(self.layer1(x))
        return self.fc(torch.flatten(x, 1))


def flat(tensors):
    return torch.cat([t.reshape(-1) for t in tensors])


def loss_of(model, x, y):
    return F.cross_entropy(model(x), y)


def hessian_top(model, x, y, k=3):
    """Top eigenvalues of the dense Hessian of the mean loss, in float64."""
    m = copy.deepcopy(model).double().eval()
    names = [n for n, _ in m.named_parameters()]
    shapes = [p.shape for _, p in m.named_parameters()]
    base = flat([p.detach() for p in m.parameters()])

    def f(w):
        params = {}
        at = 0
        for n, s in zip(names, shapes):
            c = int(np.prod(s))
            params[n] = w[at:at + c].reshape(s)
            at += c
        buffers = {n: b for n, b in m.named_buffers()}
        out = torch.func.functional_call(m, (params, buffers), (x.double(),)) if hasattr(torch, "func") else \
            torch.nn.utils.stateless.functional_call(m, {**params, **buffers}, (x.double(),))
        return F.cross_entropy(out, y)

    h = torch.autograd.functional.hessian(f, base).numpy()
    ev = np.linalg.eigvalsh((h + h.T) / 2)
    return sorted(ev.tolist(), reverse=True)[:k]


def reference(model, script_file, x, y, seed):
    model.eval()
    params = list(model.parameters())
    loss = loss_of(model, x, y)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    g = flat(grads)
    gen = torch.Generator().manual_seed(seed)
    v = torch.randn(g.numel(), generator=gen)
    hv = flat(torch.autograd.grad(g @ v, params))
    logits = model(x)
    out = collections.OrderedDict()
    out["parameters"] = [{"name": n, "shape": list(p.shape)} for n, p in model.named_parameters()]
    out["buffers"] = {n: b.reshape(-1).tolist() for n, b in model.named_buffers() if b.dtype.is_floating_point}
    out["logits"] = logits.detach().reshape(-1).tolist()
    out["loss"] = loss.item()
    out["gradient"] = g.detach().tolist()
    out["v"] = v.tolist()
    out["hv"] = hv.tolist()
    out["hessianTop"] = hessian_top(model, x, y)
    step = torch.jit.load(os.path.join(HERE, script_file)).train()
    step_loss = loss_of(step, x, y)
    step_grads = torch.autograd.grad(step_loss, list(step.parameters()))
    with torch.no_grad():
        for p, gr in zip(step.parameters(), step_grads):
            p -= LR * gr
    out["sgd"] = {"lr": LR, "trainLoss": step_loss.item(),
                  "parameters": flat([p.detach() for p in step.parameters()]).tolist(),
                  "buffers": {n: b.reshape(-1).tolist() for n, b in step.named_buffers() if b.dtype.is_floating_point}}
    return out


def warm_up(model, x):
    """A few training-mode passes so the batch-norm running statistics are not the initial 0 and 1."""
    model.train()
    with torch.no_grad():
        for i in range(3):
            model(x * (1 + 0.5 * i) + 0.3)
    model.eval()


def write_json(name, value):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(value, f, indent=1)
        f.write("\n")


def safetensors_bytes(tensors):
    header = collections.OrderedDict()
    chunks = []
    offset = 0
    for name in sorted(tensors):
        raw = tensors[name].detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def main():
    torch.manual_seed(0)
    x = torch.randn(16, 6)
    y = torch.randint(0, 3, (16,))
    resmlp = ResMlp()
    warm_up(resmlp, x)
    torch.jit.save(torch.jit.script(resmlp), os.path.join(HERE, "resmlp.pt"))
    np.savez(os.path.join(HERE, "resmlp_x.npz"), x=x.numpy(), y=y.numpy())
    write_json("resmlp_expected.json", reference(resmlp, "resmlp.pt", x, y, seed=1))

    torch.manual_seed(1)
    xc = torch.randn(16, 3, 8, 8)
    yc = torch.randint(0, 3, (16,))
    cnn = SmallCnn()
    warm_up(cnn, xc)
    torch.jit.save(torch.jit.trace(cnn.eval(), xc), os.path.join(HERE, "cnn.pt"))
    np.save(os.path.join(HERE, "cnn_x.npy"), xc.numpy())
    np.save(os.path.join(HERE, "cnn_y.npy"), yc.numpy())
    write_json("cnn_expected.json", reference(cnn, "cnn.pt", xc, yc, seed=2))

    torch.manual_seed(2)
    seq = nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3))
    xs = torch.randn(3, 4)
    with open(os.path.join(HERE, "seq_mlp.safetensors"), "wb") as f:
        f.write(safetensors_bytes(seq.state_dict()))
    write_json("seq_mlp_expected.json", {"x": xs.reshape(-1).tolist(), "logits": seq(xs).detach().reshape(-1).tolist()})
    torch.save(seq.state_dict(), os.path.join(HERE, "checkpoint.pth"))

    bad = nn.Linear(6, 3)
    with torch.no_grad():
        bad.weight[0, 0] = float("nan")
    torch.jit.save(torch.jit.script(bad), os.path.join(HERE, "nonfinite.pt"))

    write_integer_parameter_module()

    np.save(os.path.join(HERE, "u8_x.npy"), (np.arange(20, dtype=np.uint8) * 13).reshape(5, 1, 2, 2))


class IntegerParameter(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 3)
        self.steps = nn.Parameter(torch.arange(3, dtype=torch.int64), requires_grad=False)

    def forward(self, x):
        return self.fc(x)


def write_integer_parameter_module():
    """intparam.pt alone (python3 -c 'import make_script_fixtures as m; m.write_integer_parameter_module()')."""
    torch.manual_seed(3)
    torch.jit.save(torch.jit.script(IntegerParameter()), os.path.join(HERE, "intparam.pt"))


if __name__ == "__main__":
    main()
