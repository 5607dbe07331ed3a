"""Real headless Chromium (Debian's package) driven by Playwright, against sites served on loopback.

Under CI=true a missing browser is a failure, never a skip: browser behaviour must be proven.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import threading
from pathlib import Path

import pytest

from ..conftest import missing_tool

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1 with an ephemeral port, in a thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_Handler, directory=str(root))
        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        missing_tool("Debian's chromium", "apt-get install chromium", "every browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def example_site(example):
    """The example site of the repository (the session's one build of it, tests/conftest.py),
    served on loopback."""
    server = StaticServer(example.root / "site")
    yield server
    server.close()


@pytest.fixture
def serve():
    """serve(folder) -> base URL; servers stop after the test."""
    servers = []

    def start(root: Path) -> str:
        server = StaticServer(root)
        servers.append(server)
        return server.url

    yield start
    for s in servers:
        s.close()


def axe_violations(page) -> list[dict]:
    """Runs axe-core (shipped inside the axe-playwright-python package) on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.response["violations"]


def describe(violations) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> "
                     + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                                 for n in v["nodes"][:3]) for v in violations)
