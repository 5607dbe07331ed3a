"""Measurements the benchmark reports: a child's wall time and peak memory (its largest process,
and all its processes together: bench/process_tree.py), a site's size, and what one page costs
a reader on the network (HTML + its CSS and JS, gzipped).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench.process_tree import TreeMemory

# Common web-server default (Apache mod_deflate); nginx defaults to 1, pre-compressed assets to 9.
GZIP_LEVEL = 6


@dataclass
class RunResult:
    command: list[str]
    seconds: float
    peak_rss_bytes: int
    returncode: int
    log: Path
    # All processes of the command's tree together, sampled (None where /proc is missing).
    tree_rss_bytes: int | None = None
    tree_pss_bytes: int | None = None

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def log_tail(self, lines: int = 20) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def run_measured(command: list[str], log: Path, cwd: Path | None = None) -> RunResult:
    """Run ``command``, returning its wall time, the peak resident memory of its largest
    process (``os.wait4`` reports the command and the children it waited for, unlike
    ``getrusage(RUSAGE_CHILDREN)``, which keeps the maximum over every earlier child too), and
    the peaks of all its processes together, sampled while it runs."""
    # Each timed command starts with nothing left to write back from the step before: the
    # kernel writes dirty pages back 30 s after they were made, so the full build's 1 GB
    # landed in the middle of whatever ran next (the Hugo build, at 50,000 recipients).
    if hasattr(os, "sync"):
        os.sync()
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        memory = TreeMemory(process.pid)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            memory.stop()
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)   # already reaped: keep Popen quiet
    return RunResult(command, seconds, usage.ru_maxrss * 1024, process.returncode, log,
                     memory.peak_rss_bytes, memory.peak_pss_bytes)


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``folder``."""
    total = files = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(directory, name))
            files += 1
    return total, files


@dataclass
class PageWeight:
    page: Path
    html_gz: int
    css_gz: int = 0
    js_gz: int = 0
    assets: list[tuple[str, int]] = field(default_factory=list)   # (url, gzipped bytes)
    missing: list[str] = field(default_factory=list)              # referenced, not in the site

    @property
    def total_gz(self) -> int:
        return self.html_gz + self.css_gz + self.js_gz


class _AssetLinks(HTMLParser):
    """Stylesheets and scripts a browser downloads to show the page."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        if tag == "link" and values.get("href"):
            if "stylesheet" in rel or ("preload" in rel and values.get("as") == "style"):
                self.css.append(values["href"])
            elif "modulepreload" in rel or ("preload" in rel and values.get("as") == "script"):
                self.js.append(values["href"])
        elif tag == "script" and values.get("src"):
            self.js.append(values["src"])


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def page_weight(site_dir: Path, page: Path) -> PageWeight:
    """Gzipped bytes of ``page`` and of every local stylesheet and script it loads, each once.

    Fonts and images are not counted (the budget is "HTML with its CSS and JS").
    Third-party URLs are listed as missing: the built site must not have any.
    """
    html = page.read_bytes()
    links = _AssetLinks()
    links.feed(html.decode("utf-8", errors="replace"))
    weight = PageWeight(page, gzipped_size(html))
    seen: set[Path] = set()
    for kind, urls in (("css", links.css), ("js", links.js)):
        for url in urls:
            target = _local_file(site_dir, page, url)
            if target is None or not target.is_file():
                weight.missing.append(url)
                continue
            if target in seen:
                continue
            seen.add(target)
            size = gzipped_size(target.read_bytes())
            weight.assets.append((url, size))
            if kind == "css":
                weight.css_gz += size
            else:
                weight.js_gz += size
    return weight


def _local_file(site_dir: Path, page: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        return (site_dir / path.lstrip("/")).resolve()
    return (page.parent / path).resolve()
