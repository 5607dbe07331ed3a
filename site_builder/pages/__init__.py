"""Page types of the core, one module each (as in Material's blog plugin `pages/`).

Each module exposes `pages(ctx, lang)` yielding PageSpecs and may expose
`write_data(ctx, output)` for files made from the loaded site alone (downloads, open data,
feeds, search index: written while the pages render, runtime/parallel.py) and
`finish(ctx, output)` for files that need every page written (the sitemap), and
`prepare(ctx)` for what both its pages and the data files of any module need (the honor
index): computed once, before the process that makes the data files forks.
"""
from __future__ import annotations

from .. import feeds
from . import campaigns, documents, honor_roll, messages, recipient_embeds, search_page, widgets

# feeds stays last: its finish() writes the sitemap of every page written before it.
MODULES = [documents, campaigns, messages, honor_roll, recipient_embeds, widgets, search_page, feeds]


def register(module) -> None:
    if module not in MODULES:
        MODULES.append(module)
