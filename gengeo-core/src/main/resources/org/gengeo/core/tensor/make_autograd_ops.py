"""Builds autograd_ops.pt, the TorchScript module through which gengeo takes second derivatives.

DJL exposes only Tensor.backward(), which accumulates into each leaf's .grad; with create_graph
that leaves a reference cycle (leaf -> .grad -> graph -> leaf) and leaks every product's graph.
torch.autograd.grad returns the gradients instead and touches no .grad, so this module wraps it.
It holds no weights and no model: it only differentiates tensors handed to it.

Regenerate with Debian's PyTorch: /usr/bin/python3 make_autograd_ops.py
"""
from typing import List, Optional

import torch


class AutogradOps(torch.nn.Module):
    def forward(self, output: torch.Tensor, inputs: List[torch.Tensor], v: List[torch.Tensor]) -> List[torch.Tensor]:
        """Hessian-vector product: the gradient of (grad(output, inputs) . v) with respect to inputs."""
        g = torch.autograd.grad([output], inputs, create_graph=True, allow_unused=True)
        dot = torch.zeros([], dtype=output.dtype)
        for i in range(len(inputs)):
            gi = g[i]
            if gi is not None:
                dot = dot + (gi * v[i]).sum()
        h = torch.autograd.grad([dot], inputs, allow_unused=True)
        out: List[torch.Tensor] = []
        for i in range(len(inputs)):
            hi = h[i]
            if hi is None:
                out.append(torch.zeros_like(inputs[i]))
            else:
                out.append(hi)
        return out

    @torch.jit.export
    def jvp(self, output: torch.Tensor, inputs: List[torch.Tensor], v: List[torch.Tensor]) -> torch.Tensor:
        """J v for the Jacobian J of output with respect to inputs, by the double-vjp trick:
        g(u) = J^T u is linear in u, so the gradient of g(u) . v with respect to u is J v."""
        u = torch.zeros_like(output).requires_grad_(True)
        seed: List[Optional[torch.Tensor]] = [u]
        g = torch.autograd.grad([output], inputs, grad_outputs=seed, create_graph=True, allow_unused=True)
        dot = torch.zeros([], dtype=output.dtype)
        for i in range(len(inputs)):
            gi = g[i]
            if gi is not None:
                dot = dot + (gi * v[i]).sum()
        jv = torch.autograd.grad([dot], [u], retain_graph=True, allow_unused=True)[0]
        if jv is None:
            return torch.zeros_like(output)
        return jv

    @torch.jit.export
    def vjp(self, output: torch.Tensor, inputs: List[torch.Tensor], cotangent: torch.Tensor) -> List[torch.Tensor]:
        """J^T c for the Jacobian J of output with respect to inputs (the graph is kept)."""
        seed: List[Optional[torch.Tensor]] = [cotangent]
        g = torch.autograd.grad([output], inputs, grad_outputs=seed, retain_graph=True, allow_unused=True)
        out: List[torch.Tensor] = []
        for i in range(len(inputs)):
            gi = g[i]
            if gi is None:
                out.append(torch.zeros_like(inputs[i]))
            else:
                out.append(gi)
        return out


torch.jit.script(AutogradOps()).save("autograd_ops.pt")
