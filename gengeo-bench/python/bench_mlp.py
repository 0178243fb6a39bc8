"""The MLP both PyTorch benchmark scripts build: Linear layers with ReLU between them."""
import torch


def build(widths):
    """torch.nn.Sequential of Linear(w_i, w_i+1) with ReLU after every layer but the last."""
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)
