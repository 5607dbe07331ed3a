"""site_builder: static sites for Vietnamese emulation-campaign portals.

The public API is deliberately small:

- `SiteConfig`: the options of a site.
- `load_site(config)`: read and validate all content into a `Site`; problems are in `site.problems`.
- `build_site(config, site_dir)`: render the core pages atomically (raises `BuildFailed`).
- `render_site(site, out_dir)`: render an already loaded site (used by shells like MkDocs).

They are imported on first use: the `site-builder` command (cli.py) starts reading the
sheets before it imports the rest of the package (honor/read_ahead.py). Everything else is
internal and may move; tests/test_public_api.py holds this list and the import's lightness.
"""
from __future__ import annotations

import importlib

__all__ = ["SiteConfig", "Site", "load_site", "build_site", "render_site", "BuildFailed"]

_HOMES = {"SiteConfig": "config", "Site": "content.loader", "load_site": "content.loader", "build_site": "build",
          "render_site": "build", "BuildFailed": "build"}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'site_builder' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
