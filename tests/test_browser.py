"""A real browser: JupyterLab + headless Debian Chromium show a BackwardStepper and step it.

Skips cleanly without /usr/bin/chromium, Playwright or JupyterLab. Never downloads a browser.
Leaves a screenshot in test-output/browser/stepper.png.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-output" / "browser"
TOKEN = "ak-browser-test"

CELL = """\
import autograd_kit as ak
from widgets import BackwardStepper
w = ak.tensor([1.0], requires_grad=True)
x = ak.tensor([2.0], requires_grad=True)
a = x + w
b = w + 1
y = a * b
stepper = BackwardStepper(y)
stepper
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebook(path: Path) -> None:
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": CELL}
    path.write_text(json.dumps({"cells": [cell], "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))


def wait_for_server(url: str, process: subprocess.Popen, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError("JupyterLab exited early")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("JupyterLab did not start in time")


@pytest.fixture
def lab(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip("no /usr/bin/chromium")
    pytest.importorskip("playwright.sync_api")
    pytest.importorskip("jupyterlab")
    if shutil.which("dot") is None:
        pytest.skip("Graphviz 'dot' is not installed")
    notebook(tmp_path / "stepper.ipynb")
    port = free_port()
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={TOKEN}",
               f"--ServerApp.root_dir={tmp_path}", "--ServerApp.open_browser=False",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class="
               "jupyterlab.NeverCheckForUpdate", "--allow-root"]
    log = open(tmp_path / "lab.log", "w")
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        wait_for_server(f"http://127.0.0.1:{port}/api?token={TOKEN}", process, 30)
        yield f"http://127.0.0.1:{port}/lab/tree/stepper.ipynb?token={TOKEN}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()


def test_stepper_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(30_000)
            page.goto(lab)
            page.locator(".jp-Notebook .jp-Cell").first.click()
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                                   timeout=30_000, state="attached")
            page.keyboard.press("Shift+Enter")
            page.wait_for_selector(".ak-stepper svg g#n0", timeout=30_000)
            assert page.locator(".ak-stepper g.ak-current").count() == 0
            page.locator(".ak-stepper button[data-action='step']").click()
            page.wait_for_selector(".ak-stepper g#n0.ak-current")  # MulBackward0 ran
            for _ in range(3):
                page.locator(".ak-stepper button[data-action='step']").click()
            page.wait_for_selector(".ak-stepper g.ak-grad-set")  # a leaf's .grad appeared
            current = page.locator(".ak-stepper g.node.ak-current").get_attribute("id")
            assert current != "n0"
            grads = page.locator(".ak-stepper g.ak-grad-set text").all_text_contents()
            assert any(text.startswith("grad: [") for text in grads)
            assert "Step 4 of 5" in page.locator(".ak-info-title").text_content()
            news = page.get_by_role("button", name="No")  # JupyterLab's "news?" toast
            if news.count():
                news.first.click()
            page.locator(".ak-stepper").screenshot(path=str(SHOTS / "stepper.png"))
        finally:
            browser.close()
