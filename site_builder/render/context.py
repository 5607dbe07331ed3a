"""The build context: what page types need about the whole site, computed once per build.

Every field is declared here, with what it holds and who fills it: the renderer makes one
BuildContext per build (render/renderer.py) and hands it to every page type hook
(render/pages.py PageType). Fields that a page type computes on first use are caches
declared as None (or empty) until then; they are filled in the warm-up, before the render
workers fork, so that they inherit them. The data process forks before the warm-up (its files
need the loaded site only) and fills the caches the pages it takes later need on first use.
"""
from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from .. import urls
from .markdown import CitationLinker, to_html

if TYPE_CHECKING:
    from ..content.loader import Site
    from ..honor.index import HonorIndex

# What a body's citation links begin with while it is converted, replaced by the page's root
# and language prefix when a page takes it (body_html): a body is converted once per language,
# not once per page depth and language (a decision's page and its print view, an English page
# showing the Vietnamese text). Random, so no text can hold it.
_LINK_BASE = f"sb-link-base-{uuid.uuid4().hex}/"


class BuildContext:
    def __init__(self, site: Site, full_build: bool = True):
        self.site = site
        self.config = site.config
        # True when the previous build left nothing to keep: every page is rendered.
        self.full_build = full_build
        # document id -> the documents that implement it (`implements:`), by date
        self.children: dict[str, list] = {}
        # document id -> the documents that replace it (`replaces:`)
        self.replaced_by: dict[str, list] = {}
        for doc in site.documents.values():
            for parent in doc.get("implements", []):
                self.children.setdefault(parent, []).append(doc)
            for old in doc.get("replaces", []):
                self.replaced_by.setdefault(old, []).append(doc)
        for kids in self.children.values():
            kids.sort(key=lambda d: (d.date.sort_key(), d.id))
        # plan id -> the award decisions that reward it (decision `plan:`), for the plan's page
        self.rewarded_by: dict[str, list] = {}
        for decision in sorted(site.decisions.values(), key=lambda d: (d.date.sort_key(), d.id)):
            if decision.get("plan"):
                self.rewarded_by.setdefault(decision.get("plan"), []).append(decision)
        # Links citations of documents in Markdown bodies (body_html).
        self.linker = CitationLinker(site.documents.values())
        # (collection, id, language of the text) -> body HTML, links from _LINK_BASE (body_html)
        self.html_cache: dict[tuple, str] = {}
        # (language code, path) of every core page written, for the sitemap (feeds/sitemap.py);
        # filled by the renderer once every worker is done.
        self.pages_written: list[tuple[str, str]] = []
        # pages_written as one digest, once it is complete (runtime/keys.py pages_stamp).
        self.pages_stamp: str | None = None
        # Set by the renderer once it has run every page type's write_data: a finish() that
        # would otherwise write the data files itself leaves them be.
        self.data_written: bool = False
        # Set by the renderer when write_data runs in a forked process of its own (runtime/
        # parallel.py Background): what only write_data reads may then be dropped here.
        self.data_forked: bool = False

        # ---- caches of page types, None until first used --------------------------------
        # The honor index (honor/index.py index_of).
        self.honor_index: HonorIndex | None = None
        # language code -> the honor roll's per-language facts (pages/honor_roll.py facts_of).
        self.honor_facts: dict[str, object] = {}
        # Every awardee's stamps made up front (pages/honor_roll.py stamp_all).
        self.awardees_stamped: bool = False
        # Every document's identity and title as one digest (runtime/keys.py documents_stamp).
        self.documents_stamp: str | None = None
        # Every message and document as one digest (runtime/keys.py messages_stamp).
        self.messages_stamp: str | None = None
        # Everything the loaded site says, as one digest (runtime/keys.py site_stamp): the key
        # of the pages that declare none.
        self.site_stamp: str | None = None
        # data/bodies.yml found by folded name (content/labels.py), for plans' task assignees
        # (pages/documents.py summary_of): folding every body's labels once, not once a plan.
        self.bodies_by_label: object | None = None
        # The recipients' search records (pages/search_page.py) and their facet counts. Once a
        # forked data process holds the records, this process drops them (pages/search_page.py).
        self.search_name_records: list[dict] | None = None
        self.search_has_names: bool = False
        self.facet_counts: tuple[dict, dict] | None = None
        # Per index folder, what writing the search indexes did (pages/search_page.py write_data).
        self.search_stats: dict | None = None

    def doc_path(self, doc) -> str:
        if doc.collection == "decision":
            return urls.decision_folder(doc.id)
        return urls.document_page(doc.id)

    def body_html(self, entry, lang_code: str, root: str, prefix: str) -> str:
        """The entry's body in a language (falling back to Vietnamese), with citations linked."""
        translation = entry.translations.get(lang_code)
        text = translation.body if translation else entry.body
        key = (entry.collection, entry.id, lang_code if translation else None)
        html = self.html_cache.get(key)
        if html is None:
            html = self.html_cache[key] = to_html(self.linker.link(text, lambda d: _LINK_BASE + self.doc_path(d)))
        return html.replace(_LINK_BASE, root + prefix)
