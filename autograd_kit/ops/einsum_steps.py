"""einsum as PyTorch computes it: a sequence of the kit's own recorded operations.

PyTorch records no einsum node: its einsum (ATen's Linear.cpp) lines every operand up on one
order of letters (the output's letters, then those summed over), taking a diagonal for a
letter repeated in one operand and unsqueezing the letters an operand lacks, then contracts
the operands left to right, each pair as one batched matrix product (permute → reshape →
bmm → view → permute), and finally drops the summed letters. The gradient is therefore that
of those operations (PermuteBackward0, BmmBackward0, ViewBackward0, SumBackward1,
MulBackward0, …), node for node as in PyTorch.
"""

from __future__ import annotations

import math

from ..tensor import Tensor

ELLIPSIS = "..."


def parse_equation(equation: str, operands: tuple[Tensor, ...]) -> tuple[list[str], str]:
    """(one term per operand, the output), with one letter per dimension: ``...`` becomes
    private letters (sorted before A, so summed first, as PyTorch sums the dimensions an
    ellipsis covers before the labels), right-aligned as in broadcasting; the implicit
    output is the ellipsis, then the letters used once, in alphabetical order."""
    _check_characters(equation)
    equation = equation.replace(" ", "")
    inputs, arrow, output = equation.partition("->")
    terms = inputs.split(",")
    if len(terms) != len(operands):
        raise RuntimeError("einsum(): more operands were provided than specified in the "
                           "equation" if len(operands) > len(terms) else
                           "einsum(): fewer operands were provided than specified in the "
                           "equation")
    for k, term in enumerate(terms):
        _check_dots(term, f"operand {k}", "that is not part of any ellipsis",
                    "for which an ellipsis was already found")
    covered = [_ellipsis_size(k, term, op) for k, (term, op) in enumerate(zip(terms, operands))]
    hidden = "".join(chr(1 + i) for i in range(max(covered, default=0)))  # the ellipsis' letters
    terms = [t.replace(ELLIPSIS, hidden[len(hidden) - n:]) for t, n in zip(terms, covered)]
    if arrow:
        _check_dots(output, "output", "that is not part of any ellipsis (...)",
                    "but an ellipsis (...) was already found")
        return terms, output.replace(ELLIPSIS, hidden)
    letters = "".join(terms)
    once = sorted(c for c in set(letters) if letters.count(c) == 1 and c not in hidden)
    return terms, hidden + "".join(once)


def _check_characters(equation: str) -> None:
    """Subscripts are letters (and ``...``); commas only before the arrow, one arrow."""
    arrow = equation.find("->")
    for index, c in enumerate(equation):
        if arrow != -1 and index in (arrow, arrow + 1):
            continue
        if c.isascii() and c.isalpha() or c in ". " or c == "," and (arrow == -1 or index < arrow):
            continue
        raise RuntimeError(f"einsum(): invalid subscript given at index {index} in the equation "
                           "string, subscripts must be in [a-zA-Z]")


def _check_dots(term: str, where: str, stray: str, again: str) -> None:
    """Dots only as one ``...``: PyTorch's messages for a stray dot or a second ellipsis."""
    rest = term
    while "." in rest:
        if not rest[rest.index("."):].startswith(ELLIPSIS):
            raise RuntimeError(f"einsum(): found '.' for {where} {stray}")
        rest = rest.replace(ELLIPSIS, "", 1)
        if "." in rest:
            if ELLIPSIS in rest:
                raise RuntimeError(f"einsum(): found '.' for {where} {again}")
            raise RuntimeError(f"einsum(): found '.' for {where} {stray}")


def _ellipsis_size(k: int, term: str, operand: Tensor) -> int:
    """How many dimensions of operand k the ellipsis in its term covers (0 without one)."""
    if ELLIPSIS not in term:
        return 0
    labels = len(term) - len(ELLIPSIS)
    if labels > operand.ndim:
        raise RuntimeError(f"einsum(): the number of subscripts in the equation ({labels}) is "
                           f"more than the number of dimensions ({operand.ndim}) for operand {k}")
    return operand.ndim - labels


def check_operands(terms: list[str], output: str, operands: tuple[Tensor, ...]) -> None:
    """PyTorch's checks, in its order: one letter per dimension, each output letter once and
    found in some operand, and each letter's sizes broadcast."""
    for k, (term, operand) in enumerate(zip(terms, operands)):
        if len(term) != operand.ndim:
            raise RuntimeError(
                f"einsum(): the number of subscripts in the equation ({len(term)}) does not "
                f"match the number of dimensions ({operand.ndim}) for operand {k} and no "
                "ellipsis was given")
    check_output(terms, output)
    sizes: dict[str, int] = {}
    for k, (term, operand) in enumerate(zip(terms, operands)):
        first: dict[str, int] = {}  # where each letter first is in this operand
        for dim, (c, size) in enumerate(zip(term, operand.shape)):
            if c in first:  # a repeated letter: a diagonal, of equal sizes
                if size != operand.shape[first[c]]:
                    raise RuntimeError(
                        f"einsum(): subscript {c} is repeated for operand {k} but the sizes "
                        f"don't match, {size} != {operand.shape[first[c]]}")
                continue
            first[c] = dim
            if sizes.setdefault(c, size) == 1:
                sizes[c] = size
            elif size not in (1, sizes[c]) and c < "A":  # a dimension the ellipsis covers
                raise RuntimeError(
                    f"einsum(): dimension {dim} covered by ellipsis in operand {k}has size "
                    f"{size} which does not broadcast with previously seen ellipsis with size "
                    f"{sizes[c]} for the respective dimension")
            elif size not in (1, sizes[c]):
                raise RuntimeError(
                    f"einsum(): subscript {c} has size {size} for operand {k} which does "
                    f"not broadcast with previously seen size {sizes[c]}")


def check_output(terms: list[str], output: str) -> None:
    """Each output letter appears once in the output and in at least one operand."""
    used = set("".join(terms))
    for i, c in enumerate(output):
        if c in output[:i]:
            raise RuntimeError(f"einsum(): output subscript {c} appears more than once in the "
                               "output")
        if c not in used:
            raise RuntimeError(f"einsum(): output subscript {c} does not appear in the "
                               "equation for any input operand")


def einsum_steps(terms: list[str], output: str, operands: tuple[Tensor, ...]) -> Tensor:
    """Σ over the letters not in ``output`` of the product of the operands, step by step."""
    check_operands(terms, output, operands)
    letters = sorted(set("".join(terms)))  # (PyTorch's order: A-Z, then a-z)
    position = {c: i for i, c in enumerate(output)}  # the output's letters first,
    for c in letters:  # then the summed ones
        position.setdefault(c, len(position))
    out_dims, all_dims = len(output), len(position)
    counts = [0] * all_dims  # how many operands have a letter with a size other than 1
    aligned = []
    for term, op in zip(terms, operands):
        permutation = [-1] * all_dims
        dim = 0
        for c in term:
            p = position[c]
            if permutation[p] == -1:
                counts[p] += op.shape[dim] != 1
                permutation[p] = dim
                dim += 1
            else:  # a repeated letter: its diagonal, put where the letter first was
                first = permutation[p]
                op = op.diagonal(0, first, dim).movedim(-1, first)
        for p in range(all_dims):  # a letter this operand lacks: a dimension of size 1
            if permutation[p] == -1:
                op = op.unsqueeze(dim)
                permutation[p] = dim
                dim += 1
        aligned.append(op.permute(permutation))
    while len(aligned) > 1:  # contract left to right
        a, b = aligned.pop(0), aligned.pop(0)
        sum_dims, a_only, b_only = [], [], []
        for d in range(out_dims, all_dims):
            if a.shape[d] != 1 and b.shape[d] != 1:
                counts[d] -= 1
                if counts[d] == 1:
                    sum_dims.append(d)
                    counts[d] = 0
            elif counts[d] == 1:  # only one operand has it: summed right away
                if a.shape[d] != 1:
                    a_only.append(d)
                    counts[d] = 0
                elif b.shape[d] != 1:
                    b_only.append(d)
                    counts[d] = 0
        if a_only:
            a = a.sum(a_only, True)
        if b_only:
            b = b.sum(b_only, True)
        aligned.insert(0, _sum_of_products(a, b, sum_dims))
    result = aligned[0]
    if all_dims > out_dims:  # drop the summed letters
        if len(operands) > 1:  # (already summed: they have size 1)
            return result.view(tuple(result.shape[:out_dims]))
        return result.sum(list(range(out_dims, all_dims)))
    return result


def _sum_of_products(left: Tensor, right: Tensor, sum_dims: list[int]) -> Tensor:
    """Σ over ``sum_dims`` of left · right (same number of dimensions, broadcast), as one
    bmm: PyTorch's sumproduct_pair, the summed dimensions kept with size 1."""
    if not sum_dims:
        return left * right
    both, left_only, right_only = [], [], []
    sum_size = 1
    for i in range(left.ndim):
        in_left, in_right = left.shape[i] != 1, right.shape[i] != 1
        if i in sum_dims:
            if in_left and in_right:
                sum_size *= left.shape[i]
            elif in_left:
                left = left.sum(i, True)
            elif in_right:
                right = right.sum(i, True)
        elif in_left and in_right:
            both.append(i)
        elif in_left:
            left_only.append(i)
        else:
            right_only.append(i)
    sizes = [left.shape[d] for d in both + left_only] + [1] * len(sum_dims) + [
        right.shape[d] for d in right_only]
    both_size = math.prod(left.shape[d] for d in both)
    left_size = math.prod(left.shape[d] for d in left_only)
    right_size = math.prod(right.shape[d] for d in right_only)
    left = left.permute(both + left_only + sum_dims + right_only).reshape(
        both_size, left_size, sum_size)
    right = right.permute(both + sum_dims + right_only + left_only).reshape(
        both_size, sum_size, right_size)
    order = both + left_only + sum_dims + right_only
    back = [order.index(d) for d in range(len(order))]
    return left.bmm(right).view(tuple(sizes)).permute(back)
