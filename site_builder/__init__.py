"""site_builder: static sites for Vietnamese emulation-campaign portals.

The public API is deliberately small:

- `SiteConfig`: the options of a site.
- `load_site(config)`: read and validate all content; problems are in `site.problems`.
- `build_site(config, site_dir)`: render the core pages atomically (raises `BuildFailed`).
- `render_site(site, out_dir)`: render an already loaded site (used by shells like MkDocs).
"""
from .build import BuildFailed, build_site, render_site
from .config import SiteConfig
from .loader import Site, load_site

__all__ = ["SiteConfig", "Site", "load_site", "build_site", "render_site", "BuildFailed"]
