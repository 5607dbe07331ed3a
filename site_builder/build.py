"""Building the core part of a site: load, refuse on errors, render, swap in."""
from __future__ import annotations

from pathlib import Path

from .config import SiteConfig
from .loader import Site, load_site
from .output import Output, discard, staging_dir_for, swap_in
from .render.renderer import Renderer


class BuildFailed(Exception):
    """The content has errors; nothing was written."""

    def __init__(self, site: Site):
        super().__init__(f"{len(site.problems.errors)} errors in content")
        self.site = site


def render_site(site: Site, out_dir: Path) -> Output:
    """Render every core page of an already loaded, error-free site into out_dir."""
    output = Output(out_dir)
    Renderer(site, output).render_all()
    return output


def build_site(config: SiteConfig, site_dir: Path) -> Site:
    """Core pages only (no MkDocs), atomically: the old site stays until the new one is whole."""
    site = load_site(config)
    if not site.ok:
        raise BuildFailed(site)
    staging = staging_dir_for(site_dir)
    try:
        render_site(site, staging)
    except BaseException:
        discard(staging)
        raise
    swap_in(staging, site_dir)
    return site
