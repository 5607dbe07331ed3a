"""A page the core writes: where it goes, which template renders it, with what."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ..urls import INDEX_FILE


@dataclass
class PageSpec:
    path: str  # without language prefix, ending in "/" (a folder with index.html) or a file name
    template: str
    title: str
    context: dict = field(default_factory=dict)
    description: str = ""
    # Language of the page's main content when it differs from the interface (fallbacks).
    content_lang: str | None = None
    # Every page gets a chrome-less embed variant beside it (render/embed.py) unless it opts out.
    embed: bool = True
    # A page without an embed variant of its own may name the file that embeds it instead
    # (path without language prefix, fragment allowed: a recipient's card
    # 'khen-thuong/qd/nhung-nguoi.html#x', pages/recipient_embeds.py; a later page of a list,
    # its first page's nhung.html, honor_roll.later_page_embed); its "Nhúng trang này" code
    # then points there.
    embed_src: str | None = None
    # What the page's output depends on besides the site fingerprint (runtime/manifest.py): when it is
    # given and unchanged since the last build, the page is neither rendered nor written.
    # Any value with a stable repr (str, bytes, tuples of them), or a function returning one
    # (called only by the worker that renders the page: every worker walks every PageSpec).
    # None: the page may show anything of the site; its key is then everything the loaded site
    # says (runtime/keys.py site_stamp), and when it is rendered it is written only when its
    # bytes changed.
    key: object = None
    # Links from the site's root path (config.base_path: "/van-ban/") instead of relative to
    # the page: for a page a server shows at any address (the 404 page, pages/not_found.py).
    rooted: bool = False
    # A page made in one language only (a recipient's page: config recipient_pages): the page
    # (path without language prefix, fragment allowed) its language switcher offers in each
    # other language instead of itself. Such a page names no alternates (<link rel="alternate"
    # hreflang>): it has none, and the page offered is another page.
    elsewhere: str | None = None

    @property
    def file(self) -> str:
        return page_file(self.path)

    @property
    def depth(self) -> int:
        return self.file.count("/")


@dataclass
class PageBatch:
    """Pages made together and kept together, for collections of thousands of pages that
    change together (a decision's recipients). When `key` is what it was at the last build and
    the pages' files are still there, the pages are not even generated: an unchanged batch
    costs its key, not one PageSpec per page. Page types yield batches among their PageSpecs;
    a worker of a parallel build renders a whole batch (runtime/parallel.py)."""

    name: str  # unique among one language's batches, e.g. "recipients/qd-12-2021"
    key: object  # like PageSpec.key (a value or a function): what the pages show besides the fingerprint
    specs: Callable[[], Iterable[PageSpec]]
    # The same pages made from stencils of their templates, for page types too numerous for
    # the PageSpec route (render/stencil.py): make(kit_for) yields MadePages (and PageSpecs for
    # pages it leaves to Jinja); kit_for(depth) gives the PageKit of pages at that depth.
    make: Callable | None = None


@dataclass(slots=True)
class MadePage:
    """A page a PageBatch's `make` made: its path (without language prefix) and its HTML."""
    path: str
    html: bytes  # UTF-8

    @property
    def file(self) -> str:
        return page_file(self.path)


def page_file(path: str) -> str:
    """The file of a page: 'x/' -> 'x/index.html', 'x/y.html' -> 'x/y.html'."""
    return path + INDEX_FILE if path.endswith("/") or not path else path


@runtime_checkable
class PageType(Protocol):
    """A kind of page the core writes (pages/catalog.py lists them; the renderer calls these
    hooks in this order, for every page type, render/renderer.py)."""

    name: str  # for timings and messages: "documents", "feeds"...

    def prepare(self, ctx) -> None:
        """What both its pages and the data files of any page type need (the honor index):
        computed once, before the process that makes the data files forks."""

    def pages(self, ctx, lang) -> Iterable[PageSpec | PageBatch]:
        """The pages of one language; the first item is asked for once before the workers
        fork (warm-up), so what a generator computes before it is shared."""

    def write_data(self, ctx, output) -> None:
        """Files made from the loaded site alone (downloads, open data, feeds, search index),
        written while the pages render, in a process of their own (runtime/parallel.py)."""

    def finish(self, ctx, output) -> None:
        """Files that need every page written (the sitemap: ctx.pages_written)."""


def _no_pages(ctx, lang) -> Iterable[PageSpec | PageBatch]:
    return ()


def _nothing(*_args) -> None:
    return None


@dataclass
class PageTypeHooks:
    """A PageType made of its module's functions: each page type of the core is a module whose
    functions other modules and tests call too, so its PAGE_TYPE names them instead of a class
    repeating them. A hook a page type has no use for does nothing."""

    name: str
    pages: Callable[..., Iterable[PageSpec | PageBatch]] = _no_pages
    prepare: Callable[..., None] = _nothing
    write_data: Callable[..., None] = _nothing
    finish: Callable[..., None] = _nothing
