"""PyTorch side of gengeo's side-by-side step benchmark.

Does per step what gengeo's StepFixture does: gather a minibatch by index from 8192 random
examples held in memory, forward through an MLP with ReLU, mean cross-entropy, backward, plain SGD
(lr 0.1), read the loss. Prints one JSON line with per-step times in microseconds.
"""
import argparse
import json
import statistics
import time

import torch

import bench_mlp

p = argparse.ArgumentParser()
p.add_argument("--widths", required=True)
p.add_argument("--batch", type=int, required=True)
p.add_argument("--threads", type=int, required=True)
p.add_argument("--warmup", type=int, default=200)
p.add_argument("--steps", type=int, default=500)
p.add_argument("--repeats", type=int, default=5)
a = p.parse_args()

torch.set_num_threads(a.threads)
torch.manual_seed(1)
widths = [int(w) for w in a.widths.split("-")]
model = bench_mlp.build(widths)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
n = 8192
x = torch.rand(n, widths[0])
y = torch.randint(0, widths[-1], (n,))
batches = [torch.randint(0, n, (a.batch,)) for _ in range(n // a.batch)]
state = {"step": 0}


def step():
    idx = batches[state["step"] % len(batches)]
    state["step"] += 1
    xb, yb = x[idx], y[idx]
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(xb), yb)
    loss.backward()
    opt.step()
    return loss.item()


for _ in range(a.warmup):
    step()
times = []
for _ in range(a.repeats):
    t0 = time.perf_counter()
    for _ in range(a.steps):
        step()
    times.append((time.perf_counter() - t0) / a.steps * 1e6)
print(json.dumps({"torch": torch.__version__, "median_us": statistics.median(times), "runs_us": times}))
