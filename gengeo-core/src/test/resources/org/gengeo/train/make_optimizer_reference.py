"""Reference trajectories of PyTorch's optimisers for gengeo's optimiser tests.

Run with Debian's interpreter: /usr/bin/python3 make_optimizer_reference.py
Writes optimizer_reference.json: initial weights of a float64 tanh MLP 4-3-2, a fixed batch, and
the weights after three full-batch steps under each optimiser setting.
"""
import json
import math
import torch

torch.set_default_dtype(torch.float64)


def initial():
    w0 = torch.tensor([[0.5 * math.sin(1 + i + 4 * j) for i in range(4)] for j in range(3)])
    b0 = torch.tensor([0.1 * math.cos(1 + j) for j in range(3)])
    w1 = torch.tensor([[0.7 * math.sin(2 + 3 * i + j) for i in range(3)] for j in range(2)])
    b1 = torch.tensor([0.05 * (j + 1) for j in range(2)])
    return {"fc0.weight": w0, "fc0.bias": b0, "fc1.weight": w1, "fc1.bias": b1}


x = torch.tensor([[math.cos(0.3 * (i + 5 * n)) for i in range(4)] for n in range(5)])
y = torch.tensor([0, 1, 1, 0, 1])

SETTINGS = {
    "sgd": dict(opt="sgd", lr=0.1),
    "sgd-momentum": dict(opt="sgd", lr=0.1, momentum=0.9),
    "sgd-nesterov": dict(opt="sgd", lr=0.1, momentum=0.9, nesterov=True),
    "sgd-l2": dict(opt="sgd", lr=0.1, momentum=0.5, weight_decay=0.01),
    "sgd-decoupled": dict(opt="sgd", lr=0.1, decoupled=0.05),
    "sgd-l2-nobias": dict(opt="sgd", lr=0.1, momentum=0.5, weight_decay=0.01, exclude="bias"),
    "sgd-decoupled-nobias": dict(opt="sgd", lr=0.1, decoupled=0.05, exclude="bias"),
    "adam": dict(opt="adam", lr=0.01),
    "adam-l2": dict(opt="adam", lr=0.01, weight_decay=0.01),
    "adamw": dict(opt="adam", lr=0.01, decoupled=0.1),
}


def run(s):
    params = {k: v.clone().requires_grad_(True) for k, v in initial().items()}
    plist = list(params.values())
    # "exclude": "bias" puts the biases in a parameter group without weight decay (the usual CIFAR recipe)
    decayed = [v for k, v in params.items() if not (s.get("exclude") == "bias" and k.endswith(".bias"))]
    skipped = [v for k, v in params.items() if s.get("exclude") == "bias" and k.endswith(".bias")]
    if s["opt"] == "sgd":
        groups = [{"params": decayed}] + ([{"params": skipped, "weight_decay": 0.0}] if skipped else [])
        opt = torch.optim.SGD(groups, lr=s["lr"], momentum=s.get("momentum", 0.0),
                              nesterov=s.get("nesterov", False), weight_decay=s.get("weight_decay", 0.0))
    else:
        opt = torch.optim.Adam(plist, lr=s["lr"], betas=(0.9, 0.999), eps=1e-8,
                               weight_decay=s.get("weight_decay", 0.0))
    losses = []
    for _ in range(3):
        opt.zero_grad()
        h = torch.tanh(x @ params["fc0.weight"].T + params["fc0.bias"])
        logits = h @ params["fc1.weight"].T + params["fc1.bias"]
        loss = torch.nn.functional.cross_entropy(logits, y)
        loss.backward()
        losses.append(loss.item())
        if "decoupled" in s:  # AdamW-style decay, applied after the gradient is taken
            with torch.no_grad():
                for p in decayed:
                    p.mul_(1 - s["lr"] * s["decoupled"])
        opt.step()
    return {"losses": losses, "params": {k: v.detach().flatten().tolist() for k, v in params.items()}}


out = {
    "torch_version": torch.__version__,
    "initial": {k: {"shape": list(v.shape), "values": v.flatten().tolist()} for k, v in initial().items()},
    "x": x.tolist(),
    "y": y.tolist(),
    "settings": SETTINGS,
    "results": {name: run(s) for name, s in SETTINGS.items()},
}
with open("optimizer_reference.json", "w") as f:
    json.dump(out, f, indent=1)
