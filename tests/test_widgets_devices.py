"""The widgets on a GPU graph: the same picture, the same steps and the same numbers as on the CPU.

The ``device`` fixture gives 'cpu' and 'cuda' (a real GPU where CuPy sees one, the CuPy stand-in
elsewhere, which refuses silent host conversion as CuPy does). Every number a widget shows is
copied to the host explicitly, so a GPU graph must draw and step exactly like a CPU one.
"""

from __future__ import annotations

from typing import Any

import pytest
from widget_graphs import c09_paths, c12_vector

import autograd_kit as ak
from widgets.dot import DotOptions, build_dot
from widgets.drawing import trace_with_names
from widgets.steps import BackwardWalk


def dot_source(g: dict[str, Any], root: str) -> str:
    graph, names = trace_with_names((g[root],), g)
    return build_dot(graph, names, DotOptions("forward", True, True)).source


@pytest.mark.parametrize("build,root", [(c09_paths, "L"), (c12_vector, "z")])
def test_picture_is_the_same_on_every_device(device, build, root):
    on_device = dot_source(build(device), root)
    on_cpu = dot_source(build("cpu"), root)
    if device == "cpu":
        assert on_device == on_cpu
    else:  # the same picture, with each tensor's device after its dtype
        assert "float32 cuda:0<" in on_device and "cuda" not in on_cpu
        assert on_device.replace(" cuda:0<", "<") == on_cpu
    assert "MulBackward0" in on_device and "AccumulateGrad" in on_device


def test_walk_gives_the_syllabus_gradients_on_the_device(device):
    g = c09_paths(device)
    walk = BackwardWalk(g["L"], names=g)
    walk.goto(len(walk))
    names = ["a", "w1", "w2", "w3", "w4"]
    assert all(g[n].grad.device.type == device for n in names)
    assert [g[n].grad.item() for n in names] == [3.5, -4.0, -6.0, -1.0, 3.0]


def test_every_frame_matches_the_cpu_walk(device):
    walks = []
    for dev in ("cpu", device):
        g = c12_vector(dev)
        walks.append(BackwardWalk(g["z"], gradient=ak.ones(3, device=dev), names=g))
    cpu, other = walks
    assert len(cpu) == len(other) > 0
    for position in range(len(cpu) + 1):
        assert other.frame(position) == cpu.frame(position)


def test_back_and_forth_on_the_device_restores_the_leaf_grads(device):
    g = c12_vector(device)
    walk = BackwardWalk(g["z"], gradient=ak.ones(3, device=device), names=g)
    walk.goto(len(walk))
    assert g["x"].grad.tolist() == [5.0, 1.0, 7.0] and g["y"].grad.tolist() == [0.0, 2.0, 8.0]
    walk.goto(0)
    assert g["x"].grad is None and g["y"].grad is None
    walk.goto(len(walk))
    assert g["x"].grad.tolist() == [5.0, 1.0, 7.0]
    assert g["x"].grad.device.type == device
