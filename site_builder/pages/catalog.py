"""The page types a build renders, in order (render/pages.py PageType). The build hands this
list to the renderer (build.py), which imports no page type itself."""
from __future__ import annotations

from .. import feeds
from ..render.pages import PageType
from . import (campaigns, consultations, documents, folder_indexes, from_disk, honor_roll, messages, not_found, originals,
               recipient_embeds, search_page, share_images, verification, web_editor, widgets)

# feeds stays last: its finish() writes the sitemap of every page written before it; folder_indexes
# comes just before it, its finish() needing every page written (its own pages are not listed).
PAGE_TYPES: list[PageType] = [documents.PAGE_TYPE, campaigns.PAGE_TYPE, messages.PAGE_TYPE, consultations.PAGE_TYPE,
                              honor_roll.PAGE_TYPE, verification.PAGE_TYPE, recipient_embeds.PAGE_TYPE,
                              originals.PAGE_TYPE, widgets.PAGE_TYPE, search_page.PAGE_TYPE, not_found.PAGE_TYPE,
                              from_disk.PAGE_TYPE, share_images.PAGE_TYPE, web_editor.PAGE_TYPE, folder_indexes.PAGE_TYPE,
                              feeds.PAGE_TYPE]


def register(page_type: PageType) -> None:
    """Add a page type of a theme or plugin (rendered after the built-in ones)."""
    if page_type not in PAGE_TYPES:
        PAGE_TYPES.append(page_type)
