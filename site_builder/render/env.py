"""The Jinja2 environment of core pages.

Templates ship in site_builder/templates; a province may override any of them by putting a
file with the same name in theme/core/ (the same folder MkDocs uses for Material overrides).
Templates take every page's address from urls.py, published to them as `paths`.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import jinja2

from ..runtime.cache_dirs import machine_cache_dir

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def make_env(theme_dir: Path | None, cache_dir: Path | None = None) -> jinja2.Environment:
    """`cache_dir`: where compiled templates are kept between builds (bytecode_cache())."""
    paths = []
    if theme_dir and (Path(theme_dir) / "core").is_dir():
        paths.append(str(Path(theme_dir) / "core"))
    paths.append(str(TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=bytecode_cache(cache_dir) if cache_dir else None,
    )
    from ..feeds.discover import page_discovery

    env.globals["page_discovery"] = page_discovery
    from .. import urls

    env.globals["awardee_path"] = urls.awardee_path
    # Templates write no section root themselves: url(paths.award_page(id)), url(paths.SEARCH).
    env.globals["paths"] = urls
    return env


def bytecode_cache(cache_dir: Path, environment: str = "core") -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds: compiling ours took about half a second of every
    rebuild, and 0.3 s of the first build of a project. They are kept for the whole machine
    (machine_cache_dir(), like Python's own compiled modules), so that a project's first build
    on a machine that built before compiles nothing; in `cache_dir` (the project's) when that
    folder cannot be written. Jinja checks each entry against its template's source and path
    (a project's theme overrides are entries of their own); the folder is named after this
    package's code (templates and environment options included) and Jinja's version, so an
    upgrade starts from an empty one (folders of other versions are removed once unused for
    an hour: another checkout on the machine may be building with one). `environment`: a
    subfolder per Jinja environment (ours, MkDocs's), whose options differ."""
    from ..runtime.digests import code_fingerprint

    name = f"jinja-{jinja2.__version__}-{code_fingerprint()}"
    for parent in (machine_cache_dir(), Path(cache_dir)):
        if parent is None:
            continue
        top = parent / name
        folder = top / environment
        try:
            folder.mkdir(parents=True, exist_ok=True)
            os.utime(top)  # its time says when a build last used it
        except OSError:
            continue  # read-only: the next place, else compile every time
        _remove_unused(parent, keep=top)
        return _SparingCache(str(folder))
    return None


def _remove_unused(parent: Path, keep: Path) -> None:
    """Compiled templates of other versions that no build used for an hour."""
    hour_ago = time.time() - 3600
    for old in parent.glob("jinja-*"):
        try:
            if old != keep and old.stat().st_mtime < hour_ago:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass  # removed meanwhile by another build


class _SparingCache(jinja2.FileSystemBytecodeCache):
    """A compiled template that cannot be stored (a full disk, its folder removed by a build
    of another version) is compiled again next time; it never fails the build."""

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


