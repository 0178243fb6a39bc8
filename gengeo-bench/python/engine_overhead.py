"""PyTorch side of gengeo's EngineOverheadBench: per-call cost of a one-element add (new result
and in place) and float32 matrix-product GFLOP/s at the MLP step shapes and at 2048. Prints one
JSON line; each figure is the median of --repeats timed runs."""
import argparse
import json
import statistics
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, required=True)
p.add_argument("--repeats", type=int, default=5)
a = p.parse_args()
torch.set_num_threads(a.threads)
OPS = 20000


def per_op(body):
    body()
    t = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        n = body()
        t.append((time.perf_counter() - t0) / n * 1e6)
    return statistics.median(t)


x1 = torch.ones(1)
y1 = torch.ones(1)


def add():
    for _ in range(OPS):
        x1.add(y1)
    return OPS


def addi():
    for _ in range(OPS):
        x1.add_(y1)
    return OPS


out = {"torch": torch.__version__, "add_us": per_op(add), "addi_us": per_op(addi), "gemm": {}}
for m, k, n in [(64, 784, 100), (256, 784, 512), (256, 512, 512), (2048, 2048, 2048)]:
    x = torch.rand(m, k)
    w = torch.rand(k, n)
    reps = max(3, int(2e9 / (2.0 * m * k * n)))

    def gemm():
        for _ in range(reps):
            x.matmul(w)
        return reps

    us = per_op(gemm)
    out["gemm"][f"{m}x{k}x{n}"] = 2.0 * m * k * n / us / 1e3
print(json.dumps(out))
