"""PyTorch side of gengeo's curvature benchmark: time of one gradient and one Hessian-vector
product (double backward with torch.autograd.grad, as PyHessian computes it) of the mean
cross-entropy of an MLP over N random examples processed in chunks. Prints one JSON line."""
import argparse
import json
import statistics
import time

import torch

import bench_mlp

p = argparse.ArgumentParser()
p.add_argument("--widths", required=True)
p.add_argument("--examples", type=int, required=True)
p.add_argument("--chunk", type=int, required=True)
p.add_argument("--threads", type=int, required=True)
p.add_argument("--repeats", type=int, default=7)
a = p.parse_args()

torch.set_num_threads(a.threads)
torch.manual_seed(1)
widths = [int(w) for w in a.widths.split("-")]
model = bench_mlp.build(widths)
params = list(model.parameters())
x = torch.rand(a.examples, widths[0])
y = torch.randint(0, widths[-1], (a.examples,))
v = [torch.randn_like(q) for q in params]


def gradient():
    total = [torch.zeros_like(q) for q in params]
    for s in range(0, a.examples, a.chunk):
        xb, yb = x[s:s + a.chunk], y[s:s + a.chunk]
        loss = torch.nn.functional.cross_entropy(model(xb), yb) * (len(yb) / a.examples)
        for t, g in zip(total, torch.autograd.grad(loss, params)):
            t += g
    return total


def hvp():
    total = [torch.zeros_like(q) for q in params]
    for s in range(0, a.examples, a.chunk):
        xb, yb = x[s:s + a.chunk], y[s:s + a.chunk]
        loss = torch.nn.functional.cross_entropy(model(xb), yb) * (len(yb) / a.examples)
        g = torch.autograd.grad(loss, params, create_graph=True)
        dot = sum((gi * vi).sum() for gi, vi in zip(g, v))
        for t, h in zip(total, torch.autograd.grad(dot, params)):
            t += h
    return total


def timed(f):
    f()
    f()
    runs = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        f()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs) * 1e3


print(json.dumps({"torch": torch.__version__, "gradient_ms": timed(gradient), "hvp_ms": timed(hvp)}))
