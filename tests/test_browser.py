"""A real browser: JupyterLab + headless Debian Chromium show a BackwardStepper and step it,
and a forward-pass Replay (``watch()``) and move through it.

Skips cleanly without /usr/bin/chromium, Playwright or JupyterLab. Never downloads a browser.
JupyterLab runs with its own settings directory where news are off, so no "Would you like to
get notified about official Jupyter news?" toast covers the widgets. Waits are conditions
(selectors), never sleeps. Leaves screenshots in test-output/browser/{stepper,replay}.png.
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
from widgets import BackwardStepper, watch
w = ak.tensor([1.0], requires_grad=True)
x = ak.tensor([2.0], requires_grad=True)
a = x + w
b = w + 1
y = a * b
stepper = BackwardStepper(y)
stepper
"""
REPLAY_CELL = """\
start = ak.tensor([1.0, 2.0], requires_grad=True)
with watch() as film:
    h = start
    while h.detach().norm() < 100:
        h = h * 2
    total = h.sum()
film
"""
STEPPER = ".ak-stepper:not(.ak-replay)"
REPLAY = ".ak-replay"
NEWS_OFF = {"fetchNews": "false", "checkForUpdates": False}  # apputils-extension:notification
TIMEOUT_MS = 45_000  # per wait: generous for two busy shared cores, still condition-based


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebook(path: Path) -> None:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
              "source": source} for source in (CELL, REPLAY_CELL)]
    path.write_text(json.dumps({"cells": cells, "metadata": {
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
    settings = tmp_path / "settings"
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps(NEWS_OFF))
    port = free_port()
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={TOKEN}",
               f"--ServerApp.root_dir={tmp_path}", "--ServerApp.open_browser=False",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class="
               "jupyterlab.NeverCheckForUpdate", "--allow-root"]
    log = open(tmp_path / "lab.log", "w")
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        wait_for_server(f"http://127.0.0.1:{port}/api?token={TOKEN}", process, 60)
        yield f"http://127.0.0.1:{port}/lab/tree/stepper.ipynb?token={TOKEN}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()


def test_stepper_and_replay_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(lab)
            run_first_cell(page)  # the stepper cell…
            page.keyboard.press("Shift+Enter")  # …then the replay cell
            check_stepper(page)
            check_replay(page)
            assert page.get_by_text("official Jupyter news").count() == 0  # no news toast
            page.locator(STEPPER).screenshot(path=str(SHOTS / "stepper.png"))
            page.locator(REPLAY).screenshot(path=str(SHOTS / "replay.png"))
        finally:
            browser.close()


def run_first_cell(page, attempts: int = 3) -> None:
    """Run the stepper cell until its graph shows. On a loaded machine a keypress can reach
    JupyterLab before the cell's editor is ready and be lost; then the cell is clicked and
    run again (a screenshot of each miss is kept in test-output/browser/)."""
    for attempt in range(1, attempts + 1):
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                               state="attached")
        page.keyboard.press("Shift+Enter")
        try:
            page.wait_for_selector(f"{STEPPER} svg g#n0")
            return
        except Exception:  # (Playwright's TimeoutError)
            page.screenshot(path=str(SHOTS / f"missed-run-{attempt}.png"))
            if attempt == attempts:
                raise


def check_stepper(page) -> None:
    assert page.locator(f"{STEPPER} g.ak-current").count() == 0
    step = page.locator(f"{STEPPER} button[data-action='step']")
    step.click()
    page.wait_for_selector(f"{STEPPER} g#n0.ak-current")  # MulBackward0 ran
    for _ in range(3):
        step.click()
    page.wait_for_function("document.querySelector('.ak-stepper:not(.ak-replay) "
                           ".ak-info-title').textContent.startsWith('Step 4 of 5')")
    page.wait_for_selector(f"{STEPPER} g.ak-grad-set")  # a leaf's .grad appeared
    current = page.locator(f"{STEPPER} g.node.ak-current").get_attribute("id")
    assert current != "n0"
    grads = page.locator(f"{STEPPER} g.ak-grad-set text").all_text_contents()
    assert any(text.startswith("grad: [") for text in grads)


def check_replay(page) -> None:
    """7 operations (6 doublings, then the sum); the film opens on the whole graph."""
    page.wait_for_selector(f"{REPLAY} svg g.node")
    counter = f"document.querySelector('{REPLAY} .ak-counter').textContent"
    page.wait_for_function(f"{counter} === 'operation 7 / 7'")
    assert page.locator(f"{REPLAY} g.ak-hidden").count() == 0
    page.locator(f"{REPLAY} button[data-action='start']").click()
    page.wait_for_function(f"{counter} === 'operation 0 / 7'")
    page.wait_for_selector(f"{REPLAY} g.node.ak-hidden", state="attached")
    for _ in range(4):
        page.locator(f"{REPLAY} button[data-action='next']").click()
    page.wait_for_function(f"{counter} === 'operation 4 / 7'")
    title = f"document.querySelector('{REPLAY} .ak-info-title').textContent"
    page.wait_for_function(f"{title} === 'Operation 4 of 7: MulBackward0'")  # the frame came
    page.wait_for_selector(f"{REPLAY} g.node.ak-current")
    hidden = page.locator(f"{REPLAY} g.node.ak-hidden").count()
    assert hidden >= 3  # three later operations' nodes are not there yet
