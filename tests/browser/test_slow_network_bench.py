"""bench/slow_network.py runs: one round (--quick) on the example site prints its three figures
and a line per target. No figure is judged here (no timing assertions: docs/testing.md)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from ..conftest import REPO, missing_tool
from .conftest import chromium_path


def test_the_slow_network_bench_runs_in_quick_mode(example):
    if chromium_path() is None:
        missing_tool("Debian's chromium", "apt-get install chromium", "every browser test")
    done = subprocess.run([sys.executable, str(REPO / "bench" / "slow_network.py"), "--quick", "--site",
                           str(example.root / "site")], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONUTF8": "1"})
    out = done.stdout
    assert done.returncode in (0, 1), out + done.stderr  # 1: a target missed; 2 or a traceback: broken
    assert "Traceback" not in done.stderr, done.stderr
    for measure in ("home page, first contentful paint (s)", "recipient page, load event (s)",
                    "home search, Enter to first result (s)"):
        assert re.search(rf"\| {re.escape(measure)} \| \d+\.\d\d \| \d+\.\d\d \|", out), out
    assert re.search(r"^(PASS|FAIL) recipient page loaded within 1\.5 s: median \d+\.\d\d s$", out, re.M), out
    assert re.search(r"^(PASS|FAIL) first results within 2\.0 s: median \d+\.\d\d s$", out, re.M), out
    assert re.search(r"^server: (nginx, gzip on|Python http\.server, NO compression)", out, re.M), out
