"""Renders every core page of a loaded site into an output folder.

The renderer is given the page types (render/pages.py PageType; the build passes
pages/catalog.py PAGE_TYPES): their `pages(ctx, lang)` yield PageSpecs and PageBatches. The
renderer adds what every page shares (language, links relative to the page, alternates)
and writes the result, so one mechanism serves every collection and every language.
"""
from __future__ import annotations

import gc
from functools import partial
from html import escape

from pathlib import Path

from .. import urls
from ..runtime.cache_dirs import CACHE_DIR
from ..runtime.digests import digest
from ..runtime.keys import site_stamp
from ..i18n import Lang, label_font
from ..runtime.output import Output
from ..embedding import allowed_origins
from .embed import embed_files, page_embed
from .frame import Frame, mark, marked_page_vars
from .env import make_env
from .context import BuildContext
from .pages import MadePage, PageBatch, PageSpec, PageType
from .stencil import PageKit
from ..runtime.parallel import Background, Tickets, release_free_memory, run_shares, worker_count
from ..runtime.timing import phase

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SITE_CSS = "site.css"  # every core page's stylesheet: the build puts the colours and fonts.css first
FONTS_CSS = "fonts.css"


class Renderer:
    # False: every page through its template, none from a stencil (render/stencil.py); the
    # tests compare the two routes.
    stencils = True

    def __init__(self, site, output: Output, page_types: list[PageType]):
        self.site = site
        self.config = site.config
        self.output = output
        self.page_types = page_types
        self.env = make_env(self.config.theme_dir, self.config.project_dir / CACHE_DIR)
        self.ctx = BuildContext(site, full_build=output.previous is None)
        self.extra_strings = str(self.config.theme_dir / "strings") if self.config.theme_dir else None
        self.langs = [Lang(code, self.config.default_language, self.extra_strings)
                      for code in self.config.languages]
        self._kits: dict[tuple, PageKit] = {}
        # Templates whose stencil was refused (render/stencil.py), so the build says so once.
        self.refused_templates: set[str] = set()
        # (language code, root) -> the parts of partials/shell.html (shell())
        self._shells: dict[tuple[str, str], dict[str, str]] = {}

    def render_all(self) -> None:
        """Every page of every language, on every core (parallel.py), then each page type's
        finish() in this process: it sees every page written (ctx.pages_written)."""
        with phase("assets"):
            self.copy_assets()
        workers = worker_count()
        with phase("prepare"):
            for page_type in self.page_types:
                page_type.prepare(self.ctx)
        tickets = Tickets(shared=workers > 1)
        # The data files need the loaded site, not the pages: they are made in a process of
        # their own from here on, on the core the warm-up leaves idle. Once they are written,
        # that process takes pages like a render worker, in place of one: a build on n cores
        # is n processes, each holding its copy of the loaded site, not n + 1
        # (docs/architecture.md, "Memory").
        # Its result waits for the command in a file with no name, on the disk of the pages
        # (parallel.py): beside their folder, which holds nothing yet on a rebuild.
        data = Background(partial(self.data_share, tickets, workers - 1), fork=workers > 1,
                          spool=self.output.root.parent)
        self.ctx.data_forked = data.pid is not None
        try:
            with phase("warm-up"):
                self.warm_up(self.page_types)
            with phase("render"):
                results = run_shares(partial(self.render_share, tickets), workers - 1 if data.pid else workers)
                results.append(data.join())
        except BaseException:
            data.cancel()
            raise
        self.ctx.data_written = True
        written: list[tuple[int, str, list[str]]] = []
        for result in results:
            if result["output"] is not self.output:
                self.output.absorb(result["output"])
            written.extend(result["pages"])
        written.sort()
        self.ctx.pages_written.extend((code, path) for _, code, paths in written for path in paths)
        for page_type in self.page_types:
            with phase("finish " + page_type.name):
                page_type.finish(self.ctx, self.output)

    def data_share(self, tickets: Tickets, share: int, forked: bool) -> dict:
        """Each page type's write_data(ctx, output): files made from the loaded site alone (open
        data, feeds, search index). In a forked process: through an Output of its own, whose
        result the parent absorbs as it does the workers'; then the pages whose numbers it
        takes, as render share `share` (render_share). A failure here stops the other shares."""
        if forked:
            self.output = self.output.sibling()
            # What exists now is the loaded site: the one collection below passes over what
            # the data files made, not over the site (collecting touches every object it
            # examines, and so copies its page).
            gc.freeze()
        pages = []
        with tickets.closed_on_failure():
            for page_type in self.page_types:
                with phase("data " + page_type.name):
                    page_type.write_data(self.ctx, self.output)
            if forked:
                # The collector is paused for the build, so the reference cycles the data files
                # left (json.dumps with an indent makes one per call) would stay to the end;
                # then what was freed goes back to the system, before the pages.
                gc.collect()
                release_free_memory()
                pages = self._render_taken(tickets, share)
        return {"output": self.output.result() if forked else self.output, "pages": pages}

    def warm_up(self, page_types: list[PageType]) -> None:
        """Let every page type compute what it shares between pages (indexes, per-language
        facts: its generator runs up to the first page) before the workers fork, once; and
        load every template, so that no worker compiles one again."""
        for name in self.env.list_templates(extensions=["html"]):
            self.env.get_template(name)
        site_stamp(self.ctx)
        for lang in self.langs:
            for page_type in page_types:
                next(iter(page_type.pages(self.ctx, lang)), None)

    def render_share(self, tickets: Tickets, share: int, shares: int) -> dict:
        """Render the pages of the whole sequence whose numbers this share takes
        (parallel.Tickets: the next number nobody took yet, each time it is done with one)."""
        if share > 0:  # in a forked worker
            self.output = self.output.sibling()
        with tickets.closed_on_failure():
            pages = self._render_taken(tickets, share)
        return {"output": self.output.result() if share > 0 else self.output, "pages": pages}

    def _render_taken(self, tickets: Tickets, share: int) -> list[tuple[int, str, list[str]]]:
        """(sequence number, language, paths) of the items rendered: a batch's pages as one
        item, sorted as a sort of one item per page would order them (fewer objects to hand
        back and sort)."""
        pages: list[tuple[int, str, list[str]]] = []
        seq = 0
        mine = tickets.take()
        for lang in self.langs:
            for page_type in self.page_types:
                with phase(f"worker {share} {lang.code} {page_type.name}"):
                    for item in page_type.pages(self.ctx, lang):
                        if seq == mine:
                            if isinstance(item, PageBatch):
                                pages.append((seq, lang.code, sorted(self.write_batch(item, lang))))
                            else:
                                self.write(item, lang)
                                pages.append((seq, lang.code, [item.path]))
                            mine = tickets.take()
                        seq += 1
        return pages

    def copy_assets(self) -> None:
        for path in sorted(ASSETS.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                name = path.relative_to(ASSETS).as_posix()
                if name == SITE_CSS:
                    self.output.write("assets/" + name, self.site_css(path.read_bytes()))
                else:
                    self.output.copy(path, "assets/" + name)

    def site_css(self, rules: bytes) -> bytes:
        """The one stylesheet every core page links: the site's colours (config primary_color,
        accent_color), the faces of fonts.css, then site.css's rules (its print rules last).
        One <link> a page instead of a <style> line and two links (issue 24); fonts.css is
        still written for Material's pages and read by render/share_card.py."""
        colours = (f"/* The site's colours (mkdocs.yml: primary_color, accent_color), written by the build. */\n"
                   f":root{{--primary:{self.config.primary_color};--accent:{self.config.accent_color}}}\n")
        return colours.encode("utf-8") + (ASSETS / FONTS_CSS).read_bytes() + rules

    def alternates(self, path: str, root: str, lang: Lang, elsewhere: str | None = None) -> list[dict]:
        """The page at `path` in every language (for hreflang links and the switcher); for a
        page made in this language only, `elsewhere` in the others (PageSpec.elsewhere)."""
        return [
            {"code": other.code, "name": other.t("language_name"),
             "url": root + other.prefix + target, "current": other.code == lang.code,
             # hreflang wants absolute URLs; without site_url the relative one has to do
             "href": self.config.site_url.rstrip("/") + "/" + other.prefix + target
             if self.config.site_url else None}
            for other in self.langs
            for target in (path if elsewhere is None or other.code == lang.code else elsewhere,)
        ]

    def alternates_html(self, path: str, root: str, lang: Lang, elsewhere: str | None = None) -> tuple[str, str]:
        """(hreflang links, language switcher) of the page at `path` (no hreflang links for a
        page made in one language only: `elsewhere`)."""
        alternates = self.alternates(path, root, lang, elsewhere)
        return "" if elsewhere is not None else _hreflang(alternates), _switcher(alternates, lang)

    def page_vars(self, spec: PageSpec, lang: Lang) -> dict:
        root = self.config.base_path if spec.rooted else "../" * spec.depth + ("../" * lang.prefix.count("/"))
        alternates = self.alternates(spec.path, root, lang, spec.elsewhere)
        return {
            "root": root, "path": spec.path, "title": spec.title, "description": spec.description,
            "alternates": alternates, "content_lang": spec.content_lang or lang.code,
            "hreflang": "" if spec.elsewhere is not None else _hreflang(alternates),
            "switcher": _switcher(alternates, lang),
            # Whether base.html marks the head and content regions an embed variant is cut from
            # (render/embed.py): only on a page that gets one, since the markers are bytes.
            "variant": self.embeddable(spec),
            # Copy-paste embed code and oEmbed link (render/embed.py); None: not embeddable.
            "embed": page_embed(self.config, lang.prefix + spec.path, spec.title) if self.embeddable(spec)
            else page_embed(self.config, lang.prefix + spec.path, spec.title, src=lang.prefix + spec.embed_src)
            if spec.embed_src else None,
        }

    def url_for(self, root: str, lang: Lang):
        def url(path: str) -> str:
            return root + lang.prefix + path
        return url

    def render(self, spec: PageSpec, lang: Lang) -> str:
        page = self.page_vars(spec, lang)
        template = self.env.get_template(spec.template)
        return template.render(
            page=page, lang=lang, t=lang.t, site=self.site, config=self.config, ctx=self.ctx,
            url=self.url_for(page["root"], lang), asset=lambda p: page["root"] + "assets/" + p,
            shell=self.shell(lang, page["root"]), **spec.context,
        )

    def stencil_for(self, template: str, page: dict, lang: Lang, context: dict) -> Frame:
        """`template` as a Frame for pages of this language, depth and shape (render/frame.py):
        rendered with markers for the page variables and whatever `context` marks, the
        discovery lines included (a PageKit makes them). Raises MarkerUsed when the template
        computes from a marked value."""
        return Frame(self.env.get_template(template).render(
            page=marked_page_vars(page), lang=lang, t=lang.t, site=self.site, config=self.config, ctx=self.ctx,
            url=self.url_for(page["root"], lang), asset=lambda p: page["root"] + "assets/" + p,
            shell=self.shell(lang, page["root"]), **context, page_discovery=lambda: mark("discovery")))

    def shell(self, lang: Lang, root: str) -> dict:
        """The parts of every page that depend only on language and depth (partials/shell.html),
        rendered once per (language, root): most of a small page's template work otherwise."""
        cache = self._shells
        key = (lang.code, root)
        if key not in cache:
            html = self.env.get_template("partials/shell.html").render(
                lang=lang, t=lang.t, config=self.config, page={"root": root},
                label_font=label_font(self.config.languages),
                url=self.url_for(root, lang), asset=lambda p: root + "assets/" + p)
            head, from_disk, top, foot, compact_top = html.split("<!--shell:cut-->")
            cache[key] = {"head": head, "from_disk": from_disk, "top": top, "foot": foot, "compact_top": compact_top}
        return cache[key]

    def write(self, spec: PageSpec, lang: Lang) -> None:
        """Render and write one page (and its embed files), unless its key says the live
        site already has it as this build would make it (runtime/manifest.py)."""
        file = lang.prefix + spec.file
        key = self.key_of(spec, lang)
        if self.output.keep(file, key):
            return
        # A page keyed by the whole site is rendered again after any edit: it keeps its file
        # (and modification time) when its bytes come out the same.
        self.write_page(spec, lang, key, compare=spec.key is None)

    def write_page(self, spec: PageSpec, lang: Lang, key: str | None, compare: bool = False) -> list[str]:
        """Render one page and write it with its embed files; returns the embed files.
        `compare`: keep a file whose bytes are unchanged (Output.write)."""
        file = lang.prefix + spec.file
        html = self.render(spec, lang).encode("utf-8")
        self.output.write(file, html, key=key, compare=compare)
        extras = []
        if self.embeddable(spec):
            for path, data in embed_files(html, self.config, lang.code, file,
                                          lang.prefix + spec.path, spec.title,
                                          self.canonical(lang.prefix + spec.path)):
                self.output.write(path, data, key=key, extra_of=file, compare=compare)
                extras.append(path)
        return extras

    def write_batch(self, batch: PageBatch, lang: Lang) -> list[str]:
        """Write every page of a batch, or keep them all when the batch's key is unchanged;
        returns the pages' paths (without language prefix) for the sitemap."""
        name = lang.code + "/" + batch.name
        key = "k" + digest("\0".join((self.output.fingerprint, name, _own_key(batch.key))))
        kept = self.output.keep_batch(name, key)
        if kept is not None:
            return [_page_path(file[len(lang.prefix):]) for file in kept]
        # First build: every file is new, its stamp is the batch key. Later builds compare each
        # page's bytes instead, so that one edited recipient rewrites one file, not the batch.
        stamp = key if self.output.previous is None else None
        files, extras, paths = [], [], []
        if batch.make is not None and self.stencils:
            pages = batch.make(lambda depth: self.kit(lang, depth))
        else:
            pages = batch.specs()
        for page in pages:
            if isinstance(page, MadePage):
                self.output.write(lang.prefix + page.file, page.html, key=stamp)
            else:
                extras += self.write_page(page, lang, stamp)
            files.append(lang.prefix + page.file)
            paths.append(page.path)
        self.output.record_batch(name, key, files, extras)
        return paths

    def kit(self, lang: Lang, depth: int) -> PageKit:
        """The PageKit of a language and depth, made once per worker (render/stencil.py)."""
        key = (lang.code, depth)
        kit = self._kits.get(key)
        if kit is None:
            kit = self._kits[key] = PageKit(self, lang, depth)
        return kit

    def key_of(self, spec: PageSpec, lang: Lang) -> str:
        """The page's key with everything PageSpec itself says, the language and the site
        fingerprint; "k" marks a key hash in the manifest (content hashes start with "c").
        A page that declares no key is keyed by the whole site (runtime/keys.py site_stamp)."""
        own = "site\0" + site_stamp(self.ctx) if spec.key is None else _own_key(spec.key)
        head = "\0".join((self.output.fingerprint, lang.code, spec.path, spec.template, spec.title,
                          spec.description or "", spec.content_lang or "", "e" if spec.embed else (spec.embed_src or ""),
                          spec.elsewhere or ""))
        return "k" + digest(head + "\0" + own)

    def embeddable(self, spec: PageSpec) -> bool:
        """Whether the page gets an embed variant: only on a site some origin may frame
        (`frame_ancestors`); on any other the server headers say `frame-ancestors 'self'`,
        no page shows embed code, and the variants were files no frame could show (issue 24)."""
        return spec.embed and spec.file.endswith(urls.INDEX_FILE) and bool(allowed_origins(self.config))

    def canonical(self, path: str) -> str:
        """Absolute URL when site_url is known, else the site-relative path."""
        base = self.config.site_url.rstrip("/") + "/" if self.config.site_url else self.config.base_path
        return base + path


def _own_key(key) -> str:
    """A PageSpec's or PageBatch's key as text: called when it is a function, repr'd unless it
    is text already."""
    own = key() if callable(key) else key
    if isinstance(own, bytes):
        return own.decode("utf-8", "surrogateescape")
    return own if isinstance(own, str) else repr(own)


def _page_path(file: str) -> str:
    """A page's path from its file: 'x/index.html' -> 'x/', 'x/y.html' -> 'x/y.html'."""
    return file[: -len(urls.INDEX_FILE)] if file == urls.INDEX_FILE or file.endswith("/" + urls.INDEX_FILE) else file


def _hreflang(alternates: list[dict]) -> str:
    """<link rel=alternate hreflang> for every language. No x-default: it would repeat the
    default language's link, on every page (docs/i18n.md)."""
    if len(alternates) < 2:
        return ""
    return "".join(f'<link rel="alternate" hreflang="{alt["code"]}" href="{escape(alt["href"] or alt["url"])}">\n'
                   for alt in alternates)


def _switcher(alternates: list[dict], lang: Lang) -> str:
    """The language switcher: the same page in each language, the current one marked."""
    if len(alternates) < 2:
        return ""
    items = []
    for alt in alternates:
        name = escape(alt["name"])
        if alt["current"]:
            items.append(f'<span class="lang current" lang="{alt["code"]}" aria-current="true">{name}</span>')
        else:
            items.append(f'<a class="lang" href="{escape(alt["url"])}" hreflang="{alt["code"]}" '
                         f'lang="{alt["code"]}">{name}</a>')
    label = escape(lang.t("language"))
    # No indentation: the switcher is on every page (issue 24); .langs is a flex row.
    return f'<span class="langs" role="group" aria-label="{label}">' + "\n".join(items) + "</span>"
