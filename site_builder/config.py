"""Typed options of the site, independent of the shell that reads them.

The MkDocs adapter fills this from `mkdocs.yml` (the plugin's options plus site_name,
site_url and docs_dir); tests and other shells build it directly.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SiteConfig:
    content_dir: Path
    site_name: str = "Cổng thi đua - khen thưởng"
    site_url: str = ""  # absolute URL of the published site, for feeds, sitemaps and embeds
    province: str = ""
    logo: str | None = None  # path inside content/ or theme/
    primary_color: str = "#a50e0e"
    accent_color: str = "#8a5a00"
    languages: list[str] = field(default_factory=lambda: ["vi"])
    default_language: str = "vi"
    # Preview builds show drafts and scheduled content under a banner; production hides them.
    preview: bool = False
    # "Today" decides which scheduled files and messages are live. SITE_BUILDER_TODAY=2021-10-01
    # builds the site as it will look (or looked) on that day: tests and rehearsals.
    today: dt.date = field(default_factory=lambda: build_today())
    theme_dir: Path | None = None  # theme/ folder: core templates may be overridden in theme/core/
    frame_ancestors: list[str] = field(default_factory=list)  # origins allowed to embed the site
    extra: dict = field(default_factory=dict)

    @property
    def project_dir(self) -> Path:
        return self.content_dir.parent

    @property
    def base_path(self) -> str:
        """Path part of site_url ("/" when unknown): the site may live under a sub-path."""
        if not self.site_url:
            return "/"
        from urllib.parse import urlsplit
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"


def build_today() -> dt.date:
    """The build's "today": SITE_BUILDER_TODAY (YYYY-MM-DD) when set, else the real date."""
    import os

    value = os.environ.get("SITE_BUILDER_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"SITE_BUILDER_TODAY={value!r}: write the date as YYYY-MM-DD") from None
