"""PyTorch side of the imported-module benchmark: builds torchvision's ResNet-18 with the CIFAR stem
(3x3 stride-1 first convolution, no max-pool) for 10 classes, saves it as TorchScript with 256
random 3x32x32 images and labels (x.npy, y.npy) into --out for gengeo to import, and times one
Hessian-vector product of the mean cross-entropy in eval mode by double backward
(torch.autograd.grad with create_graph, as PyHessian does) on the same module and data.
Prints one JSON line."""
import argparse
import json
import os
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F
import torchvision

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--examples", type=int, default=256)
p.add_argument("--threads", type=int, required=True)
p.add_argument("--repeats", type=int, default=3)
a = p.parse_args()

torch.set_num_threads(a.threads)
torch.manual_seed(0)
model = torchvision.models.resnet18(num_classes=10)
model.conv1 = torch.nn.Conv2d(3, 64, 3, 1, 1, bias=False)
model.maxpool = torch.nn.Identity()
model.eval()
scripted = torch.jit.script(model)
scripted.save(os.path.join(a.out, "resnet18.pt"))
x = torch.rand(a.examples, 3, 32, 32)
y = torch.randint(0, 10, (a.examples,))
np.save(os.path.join(a.out, "x.npy"), x.numpy())
np.save(os.path.join(a.out, "y.npy"), y.numpy())

module = torch.jit.load(os.path.join(a.out, "resnet18.pt")).eval()
params = list(module.parameters())
v = [torch.randn_like(q) for q in params]


def hvp():
    loss = F.cross_entropy(module(x), y)
    g = torch.autograd.grad(loss, params, create_graph=True)
    return torch.autograd.grad(sum((gi * vi).sum() for gi, vi in zip(g, v)), params)


hvp()
times = []
for _ in range(a.repeats):
    t0 = time.perf_counter()
    hvp()
    times.append((time.perf_counter() - t0) * 1e3)
print(json.dumps({"hvp_ms": statistics.median(times), "parameters": sum(q.numel() for q in params)}))
