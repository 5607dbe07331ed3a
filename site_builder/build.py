"""Building the core part of a site: load, refuse on errors, render, publish all or nothing.

`publish_site` is what shells call: it renders into a staging folder (only what changed,
when the previous build left a trusted manifest: runtime/manifest.py) and puts the new site in
place in one step, only when every page rendered (runtime/output.py, runtime/swap.py). A
failure, or a kill, leaves the live folder as it was. One build at a time writes a site: the
site's lock (runtime/site_lock.py) is held from before the staging folder is made.
"""
from __future__ import annotations

from pathlib import Path

from .config import SiteConfig
from .content.loader import Site, load_site
from .editor.bundle import provide as provide_editor
from .honor.moves import save_state
from .runtime.output import Output, commit, discard, open_output
from .runtime.swap import claim_site
from .pages.catalog import PAGE_TYPES
from .render.renderer import Renderer
from .runtime.gc_pause import paused_gc
from .runtime.timing import phase


class BuildFailed(Exception):
    """The content has errors; nothing was written."""

    def __init__(self, site: Site):
        super().__init__(f"{len(site.problems.errors)} errors in content")
        self.site = site


def render_site(site: Site, out_dir: Path | Output) -> Output:
    """Render every core page of an already loaded, error-free site: into a folder (every
    file written, no manifest), or through an Output from open_output()."""
    output = out_dir if isinstance(out_dir, Output) else Output(out_dir)
    Renderer(site, output, PAGE_TYPES).render_all()
    return output


def publish_site(site: Site, target: Path, staging: Path | None = None, clean: bool = False,
                 direct: bool = False) -> Output:
    """Render `site` and make `target` the new site, incrementally when possible.

    `staging`: the folder to render into (a shell may already have written its own pages
    there; they are published too); the shell then holds the site's lock, taken before it
    made the folder (runtime/swap.py claim_site). When None, the lock is taken here and the
    folder made beside `target`. `direct`: write into `target` itself (a development
    server's throw-away folder). `clean`: ignore the previous build's manifest."""
    lock = claim_site(Path(target)) if staging is None and not direct else None
    try:
        # The whole build allocates in bulk over the loaded site: no collector passes (runtime/gc_pause.py).
        with paused_gc():
            with phase("open output"):
                output = open_output(site.config, Path(target), staging=staging, clean=clean, direct=direct)
            try:
                render_site(site, output)
            except BaseException:
                if not direct:
                    discard(output.root)
                raise
            with phase("commit"):
                commit(output, site.config, Path(target))
            # What was published, so the next build can tell a recipient whose name was
            # corrected in the sheet and redirect its old address (honor/moves.py).
            save_state(site)
    finally:
        if lock is not None:
            lock.release()
    return output


def load_for_build(config: SiteConfig) -> Site:
    """load_site(), and what a build needs before it writes anything that `check` does not:
    the web editor's files, when the site enables it (fetched once: editor/bundle.py). Not
    having them is a problem of the site, told like the others."""
    site = load_site(config)
    if site.ok:
        provide_editor(site)
    return site


def build_site(config: SiteConfig, site_dir: Path, clean: bool = False) -> Site:
    """Core pages only (no MkDocs), atomically: the old site stays until the new one is whole."""
    site = load_for_build(config)
    if not site.ok:
        raise BuildFailed(site)
    publish_site(site, Path(site_dir), clean=clean)
    return site
