"""PyTorch side of gengeo's ResNet benchmark (resnet.sh): the same CIFAR ResNet (torchvision BasicBlocks,
projection shortcuts; defined in gengeo-core's test fixture script torch_reference.py), float32.

Times (1) one training step on a batch of 128 3x32x32 images (training-mode batch norm, mean cross-entropy,
backward, SGD with lr 0.1, momentum 0.9 and weight decay 5e-4 on every parameter, reading the loss), and
(2) one Hessian-vector product of the mean loss over N images in chunks (evaluation mode, double backward
with torch.autograd.grad as PyHessian does). Prints one JSON line of medians in milliseconds.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../gengeo-core/src/test/resources/org/gengeo/core/model"))
from torch_reference import CifarResNet  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--n", type=int, default=3)
p.add_argument("--width", type=int, default=16)
p.add_argument("--threads", type=int, required=True)
p.add_argument("--batch", type=int, default=128)
p.add_argument("--examples", type=int, default=1000)
p.add_argument("--chunk", type=int, default=250)
p.add_argument("--repeats", type=int, default=5)
p.add_argument("--steps", type=int, default=10)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)
model = CifarResNet(a.n, a.width, 3, 10)
params = list(model.parameters())
opt = torch.optim.SGD(params, lr=0.1, momentum=0.9, weight_decay=5e-4)
pool = torch.rand(8192, 3, 32, 32)
labels = torch.randint(0, 10, (8192,))
batches = [torch.randint(0, 8192, (a.batch,)) for _ in range(8192 // a.batch)]
state = {"step": 0}


def step():
    idx = batches[state["step"] % len(batches)]
    state["step"] += 1
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(pool[idx]), labels[idx])
    loss.backward()
    opt.step()
    return loss.item()


x = torch.rand(a.examples, 3, 32, 32)
y = torch.randint(0, 10, (a.examples,))
v = [torch.randn_like(q) for q in params]


def hvp():
    total = [torch.zeros_like(q) for q in params]
    for s in range(0, a.examples, a.chunk):
        loss = torch.nn.functional.cross_entropy(model(x[s:s + a.chunk]), y[s:s + a.chunk]) * (min(a.chunk, a.examples - s) / a.examples)
        g = torch.autograd.grad(loss, params, create_graph=True)
        dot = sum((gi * vi).sum() for gi, vi in zip(g, v))
        for t, h in zip(total, torch.autograd.grad(dot, params)):
            t += h
    return [t.sum().item() for t in total]


def median_ms(f, repeats, warmups=2):
    for _ in range(warmups):
        f()
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        runs.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(runs), runs


model.train()
step_ms, step_runs = median_ms(lambda: [step() for _ in range(a.steps)], a.repeats)
model.eval()
hv_ms, hv_runs = median_ms(hvp, a.repeats, 1)
print(json.dumps({"torch": torch.__version__, "step_ms": step_ms / a.steps, "step_runs_ms": [r / a.steps for r in step_runs],
                  "hvp_ms": hv_ms, "hvp_runs_ms": hv_runs}))
