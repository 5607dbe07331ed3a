"""The Jinja2 environment of core pages.

Templates ship in site_builder/templates; a province may override any of them by putting a
file with the same name in theme/core/ (the same folder MkDocs uses for Material overrides).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

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
    from ..feeds.discover import page_discovery  # canonical, Open Graph, JSON-LD, feed links

    env.globals["page_discovery"] = page_discovery
    from ..addresses import awardee_path  # where a recipient's page lives

    env.globals["awardee_path"] = awardee_path
    return env


def bytecode_cache(cache_dir: Path, environment: str = "core") -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds: compiling ours took about half a second of every
    rebuild. Jinja checks each entry against its template's source; the folder is named after
    this package's code (templates and environment options included) and Jinja's version, so
    an upgrade starts from an empty one (older folders are removed). `environment`: a
    subfolder per Jinja environment (ours, MkDocs's), whose options differ."""
    from ..cache import code_fingerprint

    top = Path(cache_dir) / f"jinja-{jinja2.__version__}-{code_fingerprint()}"
    folder = top / environment
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in top.parent.glob("jinja-*"):
            if old != top:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return None  # a read-only project: compile every time
    return jinja2.FileSystemBytecodeCache(str(folder))
