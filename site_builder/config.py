"""Typed options of the site, independent of the shell that reads them: declared here once.

Options marked `plugin_option` are what a province writes in its site configuration (the
`site_builder` plugin section of mkdocs.yml); the MkDocs shell derives its option schema from
them (shells/mkdocs/config.py), so a new option, or a changed default, is one edit here. The
others come from elsewhere: the shell's own settings (site_name, site_url, docs_dir as
content_dir, the theme folder, extra) or the environment (today). Tests and other shells
build SiteConfig directly.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, Field, dataclass, field, fields
from pathlib import Path

# The colours of a site that sets none. Pages set them from the config (--primary and
# --accent in partials/shell.html), so this is the only place they are written.
DEFAULT_PRIMARY_COLOR = "#a50e0e"
DEFAULT_ACCENT_COLOR = "#8a5a00"

PLUGIN = "plugin"  # field metadata key: the option is set in the plugin's section
CHOICES = "choices"  # field metadata key: the only values the option may take (rules/options.py)

# recipient_pages: the languages a recipient's own page (khen-thuong/<decision>/<recipient>.html)
# and the lists of people (a decision's list, the lists by award form and by place) are made in
# (docs/honor-roll.md, "One page per recipient, in the site's language" and "The lists of
# people, in the site's language"). Their content (name, unit, achievement) is written in the
# site's language only, so by default they are too, like the award's verification page: in
# every other language a list is a summary linking the site-language one. Every language: a
# copy per language, its interface translated (at 50,000 recipients, 50,000 files and about
# 320 MB more for each language besides the site's, and the lists' rows: about 1.9 KB a
# recipient more on the realistic 10,000 province).
SITE_LANGUAGE = "site-language"
EVERY_LANGUAGE = "every-language"


def plugin_option(default=None, *, default_factory=None, choices: tuple | None = None):
    """A field a province sets in the plugin's section of its configuration; `choices`: the
    only values it may take (check names the option and them otherwise)."""
    metadata = {PLUGIN: True, **({CHOICES: choices} if choices else {})}
    if default_factory is not None:
        return field(default_factory=default_factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass
class SiteConfig:
    content_dir: Path
    site_name: str = "Cổng thi đua - khen thưởng"
    site_url: str = ""  # absolute URL of the published site, for feeds, sitemaps and embeds
    province: str = plugin_option("")
    logo: str | None = plugin_option(None)  # path inside content/ or theme/
    primary_color: str = plugin_option(DEFAULT_PRIMARY_COLOR)
    accent_color: str = plugin_option(DEFAULT_ACCENT_COLOR)
    languages: list[str] = plugin_option(default_factory=lambda: ["vi"])
    default_language: str = plugin_option("vi")
    # Preview builds show drafts and scheduled content under a banner; production hides them.
    preview: bool = plugin_option(False)
    # "Today" decides which scheduled files and messages are live. SITE_BUILDER_TODAY=2021-10-01
    # builds the site as it will look (or looked) on that day: tests and rehearsals.
    today: dt.date = field(default_factory=lambda: build_today())
    theme_dir: Path | None = None  # theme/ folder: core templates may be overridden in theme/core/
    frame_ancestors: list[str] = plugin_option(default_factory=list)  # origins allowed to embed the site
    # The web editor at /quan-tri/ (docs/web-editor.md): its git backend, repository, branch and
    # login settings, checked by rules/editor.py. None: the site has no editor.
    editor: dict | None = plugin_option(None)
    recipient_pages: str = plugin_option(SITE_LANGUAGE, choices=(SITE_LANGUAGE, EVERY_LANGUAGE))
    extra: dict = field(default_factory=dict)

    @property
    def project_dir(self) -> Path:
        return self.content_dir.parent

    @property
    def icon(self) -> str:
        """The site's icon (favicon), a path from the site's root: the logo, else the core's own
        (assets/logo.svg, copied by every build). Every page links it, so no browser asks for
        /favicon.ico, which the site does not have."""
        return self.logo or "assets/logo.svg"

    def recipient_language(self, code: str) -> str:
        """The language of the recipient pages that the pages in language `code` link to:
        their own when every language has recipient pages (recipient_pages), else the site's."""
        return code if self.recipient_pages == EVERY_LANGUAGE else self.default_language

    @property
    def base_path(self) -> str:
        """Path part of site_url ("/" when unknown): the site may live under a sub-path."""
        if not self.site_url:
            return "/"
        from urllib.parse import urlsplit
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"


def plugin_fields() -> list[Field]:
    """The options set in the plugin's section, in declaration order."""
    return [f for f in fields(SiteConfig) if f.metadata.get(PLUGIN)]


def default_of(option: Field):
    """An option's default value (a new list for list options)."""
    return option.default if option.default_factory is MISSING else option.default_factory()


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
