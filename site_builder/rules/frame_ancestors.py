"""`frame_ancestors` entries that are not origins are left out of the CSP header (so a typo
never widens who may frame the site); `check` says which, so the operator can fix them."""
from __future__ import annotations

from ..embedding.origins import invalid_origins


def check(site) -> None:
    for value in invalid_origins(site.config):
        site.problems.add("mkdocs.yml", None, "frame_ancestors", "bad_origin", severity="warning", value=value)
