"""PyTorch side of gengeo's empirical NNGP kernel benchmark.

Does what gengeo's EmpiricalNngpKernel does: for each of N randomly initialised ReLU MLPs
(He init: W ~ N(0, 2/fan_in), zero biases), forward n inputs, stack the outputs of 50 networks as
the columns of F, and accumulate F F^T and (F*F)(F*F)^T in float64. Prints one JSON line with the
wall time in seconds and the mean diagonal of the kernel.
"""
import argparse
import json
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--widths", default="784-40-40-1")
p.add_argument("--points", type=int, default=1500)
p.add_argument("--networks", type=int, default=1000)
p.add_argument("--threads", type=int, required=True)
a = p.parse_args()

torch.set_num_threads(a.threads)
torch.manual_seed(1)
widths = [int(w) for w in a.widths.split("-")]
x = torch.rand(a.points, widths[0])


def network_output():
    h = x
    for i in range(len(widths) - 1):
        w = torch.randn(widths[i + 1], widths[i]) * (2.0 / widths[i]) ** 0.5
        b = torch.zeros(widths[i + 1])
        h = torch.nn.functional.linear(h, w, b)
        if i < len(widths) - 2:
            h = torch.relu(h)
    return h


t0 = time.perf_counter()
first = torch.zeros(a.points, a.points, dtype=torch.float64)
second = torch.zeros(a.points, a.points, dtype=torch.float64)
with torch.no_grad():
    for start in range(0, a.networks, 50):
        f = torch.cat([network_output() for _ in range(start, min(a.networks, start + 50))], dim=1).double()
        sq = f * f
        first += f @ f.T
        second += sq @ sq.T
k = first / a.networks
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "mean_diagonal": float(k.diagonal().mean())}))
