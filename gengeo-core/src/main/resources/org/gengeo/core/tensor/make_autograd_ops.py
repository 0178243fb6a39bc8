"""Builds autograd_ops.pt, the TorchScript module through which gengeo takes second derivatives.

DJL exposes only Tensor.backward(), which accumulates into each leaf's .grad; with create_graph
that leaves a reference cycle (leaf -> .grad -> graph -> leaf) and leaks every product's graph.
torch.autograd.grad returns the gradients instead and touches no .grad, so this module wraps it.
It holds no weights and no model: it only differentiates tensors handed to it.

Regenerate with Debian's PyTorch: /usr/bin/python3 make_autograd_ops.py
"""
from typing import List, Optional

import torch


def or_zeros(grads: List[Optional[torch.Tensor]], like: List[torch.Tensor]) -> List[torch.Tensor]:
    """The gradients, with zeros where an input did not reach the output (allow_unused)."""
    out: List[torch.Tensor] = []
    for i in range(len(like)):
        gi = grads[i]
        if gi is None:
            out.append(torch.zeros_like(like[i]))
        else:
            out.append(gi)
    return out


def dot(grads: List[Optional[torch.Tensor]], v: List[torch.Tensor], dtype: torch.dtype) -> torch.Tensor:
    """sum_i <grads_i, v_i>, skipping unused inputs."""
    total = torch.zeros([], dtype=dtype)
    for i in range(len(v)):
        gi = grads[i]
        if gi is not None:
            total = total + (gi * v[i]).sum()
    return total


class AutogradOps(torch.nn.Module):
    def forward(self, output: torch.Tensor, inputs: List[torch.Tensor], v: List[torch.Tensor]) -> List[torch.Tensor]:
        """Hessian-vector product: the gradient of (grad(output, inputs) . v) with respect to inputs."""
        g = torch.autograd.grad([output], inputs, create_graph=True, allow_unused=True)
        return or_zeros(torch.autograd.grad([dot(g, v, output.dtype)], inputs, allow_unused=True), inputs)

    @torch.jit.export
    def jvp(self, output: torch.Tensor, inputs: List[torch.Tensor], v: List[torch.Tensor]) -> torch.Tensor:
        """J v for the Jacobian J of output with respect to inputs, by the double-vjp trick:
        g(u) = J^T u is linear in u, so the gradient of g(u) . v with respect to u is J v."""
        u = torch.zeros_like(output).requires_grad_(True)
        seed: List[Optional[torch.Tensor]] = [u]
        g = torch.autograd.grad([output], inputs, grad_outputs=seed, create_graph=True, allow_unused=True)
        jv = torch.autograd.grad([dot(g, v, output.dtype)], [u], retain_graph=True, allow_unused=True)[0]
        if jv is None:
            return torch.zeros_like(output)
        return jv

    @torch.jit.export
    def vjp(self, output: torch.Tensor, inputs: List[torch.Tensor], cotangent: torch.Tensor) -> List[torch.Tensor]:
        """J^T c for the Jacobian J of output with respect to inputs (the graph is kept)."""
        seed: List[Optional[torch.Tensor]] = [cotangent]
        return or_zeros(torch.autograd.grad([output], inputs, grad_outputs=seed, retain_graph=True, allow_unused=True), inputs)


torch.jit.script(AutogradOps()).save("autograd_ops.pt")
