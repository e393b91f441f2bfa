"""widgets.draw: golden DOT text for syllabus graphs, escaping, names, missing `dot`."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy
import pytest
import widget_graphs  # tests/widget_graphs.py

import autograd_kit as ak
import widgets
from widgets import labels

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("AK_REGENERATE_GOLDEN") == "1"  # AK_REGENERATE_GOLDEN=1 pytest …


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/<name>.dot; rewrite it when AK_REGENERATE_GOLDEN=1."""
    path = GOLDEN / f"{name}.dot"
    if REGENERATE or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not REGENERATE:
            pytest.fail(f"golden file {path.name} was missing and has been written; re-run")
    assert text == path.read_text(encoding="utf-8")


SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(drawing: widgets.Drawing) -> list[str]:
    root = ET.fromstring(drawing.svg)  # the SVG must parse as XML
    return [el.text or "" for el in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("name,build,root,run_backward", [
    ("c08_mean", widget_graphs.c08_mean, "out", False),
    ("c08_product_after_backward", widget_graphs.c08_product, "y", True),
    ("c09_paths", widget_graphs.c09_paths, "L", False),
    ("c11_retain_after_backward", widget_graphs.c11_retain, "y", True),
])
def test_golden_dot(name, build, root, run_backward):
    g = build()
    if run_backward:
        g[root].backward()
    first = widgets.draw(g[root], names=g).source
    assert first == widgets.draw(g[root], names=g).source  # deterministic
    check_golden(name, first)


def test_same_code_gives_same_text():
    g1, g2 = widget_graphs.c09_paths(), widget_graphs.c09_paths()
    sources = {widgets.draw(g1["L"], names=g1).source, widgets.draw(g2["L"], names=g2).source}
    assert len(sources) == 1
    assert "0x" not in sources.pop()  # no addresses


def test_picture_shows_pytorch_structure():
    g = widget_graphs.c11_retain()
    g["y"].backward()
    texts = svg_texts(widgets.draw(g["y"], names=g))
    joined = "\n".join(texts)
    for expected in ["MulBackward0", "AddBackward0", "AccumulateGrad", "w", "x", "a",
                     "leaf · requires_grad", "non-leaf · requires_grad · retain_grad()",
                     "grad: [5]", "grad: [2]", "(freed)", "Legend"]:
        assert expected in texts or expected in joined, expected


def test_saved_tensors_listed_before_backward():
    g = widget_graphs.c08_product()
    joined = "\n".join(svg_texts(widgets.draw(g["y"], names=g)))
    assert "saved: a, b" in joined


def test_names_come_from_the_callers_locals():
    w = ak.tensor([1.0], requires_grad=True)
    x = ak.tensor([2.0], requires_grad=True)
    a = x + w
    b = w + 1
    y = a * b
    source = widgets.draw(y).source
    for name in ["w", "x", "a", "b", "y"]:
        assert f"<B>{name}</B>" in source
    del a, b


def test_names_do_not_depend_on_unrelated_tensors():
    g = widget_graphs.c08_product()
    noisy = dict(g, unrelated=ak.ones(3, requires_grad=True) * 2)
    assert widgets.draw(g["y"], names=noisy).source == widgets.draw(g["y"], names=g).source


@pytest.mark.parametrize("evil", ['<b>x</b>', '"]; evil', "a & b", "back\\slash \\N", "]>}"])
def test_names_are_escaped(evil):
    w = ak.tensor([1.0], requires_grad=True)
    y = w * 3
    drawing = widgets.draw(y, names={evil: w, "y": y})
    texts = svg_texts(drawing)
    assert evil in texts  # shown literally, and the SVG still parses
    assert "<b>x</b>" not in drawing.source


def test_direction_backward_reverses_the_edges():
    g = widget_graphs.c08_product()
    forward = widgets.draw(g["y"], names=g).source
    backward = widgets.draw(g["y"], names=g, direction="backward").source
    assert "n1 -> n0" in forward and "n0 -> n1" in backward
    with pytest.raises(ValueError, match="direction"):
        widgets.draw(g["y"], names=g, direction="sideways")


def test_options_and_toggles():
    g = widget_graphs.c08_mean()
    source = widgets.draw(g["out"], names=g, legend=False, show_values=False, rankdir="LR").source
    assert "legend" not in source and "data:" not in source and "rankdir=LR" in source


def test_save_formats(tmp_path):
    g = widget_graphs.c08_mean()
    drawing = widgets.draw(g["out"], names=g)
    assert drawing.save(tmp_path / "g.svg").read_text().startswith("<svg")
    assert drawing.save(tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"
    assert drawing.save(tmp_path / "g.pdf").read_bytes()[:4] == b"%PDF"
    bundle = drawing._repr_mimebundle_()
    assert bundle["image/svg+xml"] == drawing._repr_svg_()


def test_missing_dot_is_reported_when_drawing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no `dot` anywhere
    g = widget_graphs.c08_product()
    with pytest.raises(widgets.GraphvizMissing) as info:
        widgets.draw(g["y"], names=g)
    message = str(info.value)
    assert "dot" in message and "conda install -c conda-forge graphviz" in message
    assert "apt-get install graphviz" in message and "brew install graphviz" in message


def test_only_the_values_shown_are_copied(monkeypatch):
    copied: list[int] = []
    real = labels.to_host

    def spy(array):
        copied.append(int(array.size))
        return real(array)

    monkeypatch.setattr(labels, "to_host", spy)
    x = ak.ones(300, 400, requires_grad=True)
    y = (x * 2).sum()
    widgets.draw(y, names={"x": x, "y": y})
    assert copied and max(copied) <= labels.MAX_VALUES


def test_few_values_formats():
    assert labels.format_values(numpy.array(6.0)) == "6"
    assert labels.format_values(numpy.array([5.0, 1.0, 7.0])) == "[5, 1, 7]"
    assert labels.format_values(numpy.ones((3, 3))) == "[1, 1, 1, 1, …]"
    assert labels.format_values(numpy.array([0.0128, 1e6])) == "[0.0128, 1e+06]"


def fan_in(ops: int) -> tuple[ak.Tensor, ak.Tensor]:
    """``y = y*1.0 + x`` repeated: every AddBackward0 feeds x's AccumulateGrad."""
    x = ak.tensor([1.0], requires_grad=True)
    y = x
    for _ in range(ops):
        y = y * 1.0 + x
    return x, y


def test_big_fan_in_graph_is_summarised_quickly():
    import time

    x, y = fan_in(2_000)
    start = time.perf_counter()
    drawing = widgets.draw(y, names={"x": x, "y": y})
    assert time.perf_counter() - start < 10
    assert "3,901 earlier nodes not shown" in drawing.source
    assert "max_nodes=None" in drawing.source
    assert drawing.source.count("AddBackward0") < 120
    assert "constraint=false" in drawing.source  # the edges into x's AccumulateGrad
    small = widgets.draw(*fan_in(3)[::-1], max_nodes=None)
    assert "constraint" not in small.source and "not shown" not in small.source


def test_slow_layout_raises_instead_of_hanging(monkeypatch):
    from widgets import render

    monkeypatch.setattr(render, "LAYOUT_TIMEOUT", 1e-4)
    g = widget_graphs.c08_product()
    with pytest.raises(widgets.LayoutTimeout, match="max_nodes"):
        widgets.draw(g["y"], names=g)
