"""The signed originals of plans and decisions (rules/originals.py checked them), copied beside
each document's page at urls.original_file: one file for every language, linked by the page,
its embed variant and the open data."""
from __future__ import annotations

from pathlib import Path

from .. import urls
from ..content.safe_files import leaves, too_large
from ..render.pages import PageTypeHooks


def original_path(ctx, doc, original) -> str:
    """Where a document's original lives in the site."""
    return urls.original_file(ctx.doc_path(doc), original.suffix)


def write_data(ctx, output) -> None:
    site = ctx.site
    content = Path(site.config.content_dir)
    for doc in [*site.plans.values(), *site.decisions.values()]:
        if doc.original is None:
            continue
        source = content / doc.original.source
        # The check found it inside content/ and within its limit; this is the copy's own guard.
        if not leaves(source, content) and too_large(source, "original") is None:
            output.copy(source, original_path(ctx, doc, doc.original))


PAGE_TYPE = PageTypeHooks("originals", write_data=write_data)
