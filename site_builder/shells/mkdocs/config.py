"""Options of the `site_builder` plugin in mkdocs.yml."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SiteBuilderConfig(Config):
    province = c.Type(str, default="")
    logo = c.Optional(c.Type(str))
    primary_color = c.Type(str, default="#a50e0e")
    accent_color = c.Type(str, default="#8a5a00")
    languages = c.ListOfItems(c.Type(str), default=["vi"])
    default_language = c.Type(str, default="vi")
    # Preview builds (branches, merge requests, `serve`) show drafts and scheduled content.
    preview = c.Type(bool, default=False)
    frame_ancestors = c.ListOfItems(c.Type(str), default=[])
    # Where check and build messages are written for communicators: vi or en.
    messages_language = c.Type(str, default="vi")
    # Atomic output: build into a staging folder and swap it in on success.
    atomic = c.Type(bool, default=True)
