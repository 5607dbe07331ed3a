"""The Jinja2 environment of core pages.

Templates ship in site_builder/templates; a province may override any of them by putting a
file with the same name in theme/core/ (the same folder MkDocs uses for Material overrides).
"""
from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def make_env(theme_dir: Path | None) -> jinja2.Environment:
    paths = []
    if theme_dir and (Path(theme_dir) / "core").is_dir():
        paths.append(str(Path(theme_dir) / "core"))
    paths.append(str(TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates are compiled once per build; bytecode caching across builds is not
        # worth the stale-cache risk for a tool that communicators run rarely.
        auto_reload=False,
    )
    from ..feeds.discover import page_discovery  # canonical, Open Graph, JSON-LD, feed links

    env.globals["page_discovery"] = page_discovery
    from ..addresses import awardee_path  # where a recipient's page lives

    env.globals["awardee_path"] = awardee_path
    return env
