"""The page a web server shows for an address the site does not have (404.html), one per
language: 404.html in the default language, en/404.html, km/404.html. It says so in the reader's
language and leads home, to search and to the honor roll.

A server shows it at the missing address, whatever its depth, so its links start from the
site's root path (PageSpec.rooted: "/tim-kiem/", or "/sub/tim-kiem/" under a sub-path), not
from the page. Which one a server answers with is its configuration (docs/publishing.md); the
MkDocs shell no longer writes its theme's English 404.html (shells/mkdocs/plugin.py).
"""
from __future__ import annotations

from .. import urls
from ..render.pages import PageSpec, PageTypeHooks


def pages(ctx, lang):
    yield PageSpec(path=urls.NOT_FOUND_FILE, template="not_found.html", title=lang.t("not_found_title"),
                   embed=False, rooted=True)


PAGE_TYPE = PageTypeHooks("not found", pages=pages)
