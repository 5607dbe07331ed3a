"""Per-page languages for the hand-written pages MkDocs + Material render.

Material knows one language per site (`theme.language`, `extra.alternate`). The portal
needs one per page: `index.md` is Vietnamese, `index.en.md` English, and an untranslated
page is still served at `/en/...` in Vietnamese with a note. So:

- files: `x.<lang>.md` moves to `/<lang>/x/`; for every language without a translation a
  generated copy of the Vietnamese page takes its place (a fallback, marked below);
- page context: `page_lang` (read by theme/partials/language.html to pick Material's UI
  strings and `<html lang>`), `site_t`/`site_lang` (the core's strings), `site_alternates`
  (the switcher) and `extra.alternate` (Material writes the hreflang links from it) are set
  for the page being rendered; the navigation is swapped for the reader's language;
- content: a fallback page gets the note in the reader's language and its content is
  wrapped in `lang="vi"`.
Only hand-written pages pass through here (a handful), so the per-page cost is nil.
"""
from __future__ import annotations

import html as html_lib

from ... import urls
from ...i18n import Lang, label_font

# Core sections linked from mkdocs.yml's nav, and the string key naming each of them.
SECTION_KEYS = {urls.DOCUMENTS: "documents", urls.CAMPAIGNS: "campaigns", urls.HONOR_ROLL: "honor_roll",
                urls.MESSAGES: "messages", urls.CONSULTATIONS: "consultations", urls.SEARCH: "search"}


def split_lang(src_uri: str, languages) -> tuple[str, str | None]:
    """"about.en.md" -> ("about.md", "en"); "about.md" -> ("about.md", None)."""
    stem = src_uri[:-3]
    head, _, name = stem.rpartition("/")
    if "." in name:
        base, lang = name.rsplit(".", 1)
        if lang in languages:
            return (f"{head}/" if head else "") + base + ".md", lang
    return src_uri, None


def dest_for(base_src: str, lang: str, directory_urls: bool) -> tuple[str, str]:
    """(dest_uri, url) of a page's copy in a language: about.md -> en/about/ ; index.md -> en/."""
    base = base_src[:-3]
    if base == "index" or base.endswith("/index"):
        dest = f"{lang}/{base[:-5]}index.html"
    else:
        dest = f"{lang}/{base}/index.html" if directory_urls else f"{lang}/{base}.html"
    url = dest[: -len("index.html")] if dest.endswith("index.html") and directory_urls else dest
    return dest, url


class PageLanguages:
    def __init__(self, languages: list[str], default: str, extra_strings: str | None = None):
        self.default = default
        self.languages = [default] + [code for code in languages if code != default]
        self.others = set(self.languages) - {default}
        self.langs = {code: Lang(code, default, extra_strings) for code in self.languages}
        self.urls: dict[tuple[str, str], str] = {}  # (base src_uri, lang) -> url
        self.fallbacks: set[str] = set()  # src_uris of generated Vietnamese stand-ins
        self._saved_alternate = None

    # --- files ---------------------------------------------------------------------------

    def on_files(self, files, config):
        from mkdocs.structure.files import File

        directory_urls = config.use_directory_urls
        pages = [f for f in files if f.is_documentation_page()]
        present: set[tuple[str, str]] = set()
        sources = []
        for file in pages:
            base, lang = split_lang(file.src_uri, self.others)
            if lang is None:
                self.urls[(base, self.default)] = file.url
                sources.append(file)
                continue
            dest, url = dest_for(base, lang, directory_urls)
            file.dest_uri, file.url = dest, url
            file.__dict__.pop("abs_dest_path", None)  # cached from the old dest_uri, if computed
            self.urls[(base, lang)] = url
            present.add((base, lang))
        for file in sources:
            for lang in self.others:
                if (file.src_uri, lang) in present:
                    continue
                src_uri = f"{file.src_uri[:-3]}.{lang}.md"
                stand_in = File.generated(config, src_uri, content=file.content_string)
                dest, url = dest_for(file.src_uri, lang, directory_urls)
                stand_in.dest_uri, stand_in.url = dest, url
                stand_in.__dict__.pop("abs_dest_path", None)
                files.append(stand_in)
                self.urls[(file.src_uri, lang)] = url
                self.fallbacks.add(src_uri)
        return files

    # --- page context --------------------------------------------------------------------

    def page_language(self, page) -> tuple[str, str]:
        base, lang = split_lang(page.file.src_uri, self.others)
        return base, lang or self.default

    def on_page_context(self, context, page, config, nav):
        base, code = self.page_language(page)
        lang = self.langs[code]
        alternates = [
            {"code": other, "name": self.langs[other].name, "url": self.urls[(base, other)],
             "current": other == code}
            for other in self.languages if (base, other) in self.urls
        ]
        context["page_lang"] = code
        context["site_lang"] = lang
        context["site_t"] = lang.t
        context["site_alternates"] = alternates
        context["site_fallback"] = page.file.src_uri in self.fallbacks
        context["site_label_font"] = label_font(self.languages)  # theme/main.html preloads it
        if len(alternates) > 1:
            if self._saved_alternate is None:
                self._saved_alternate = config.extra.get("alternate")
            # Material writes <link rel="alternate" hreflang> from this list; it is per site,
            # so it is set for the page being rendered (pages render one after another).
            # No x-default, as on core pages (docs/i18n.md).
            config.extra["alternate"] = [{"name": a["name"], "link": a["url"], "lang": a["code"]} for a in alternates]
        if code != self.default and nav is not None:
            context["nav"] = self.translated_nav(nav, lang)
        return context

    def translated_nav(self, nav, lang: Lang):
        """The site navigation for a reader of `lang`: same items, that language's pages."""
        from mkdocs.structure.nav import Link, Navigation

        items = []
        for item in nav.items:
            url = getattr(item, "url", None)
            if getattr(item, "is_page", False):
                base, _ = split_lang(item.file.src_uri, self.others)
                if item.is_homepage:
                    continue  # the brand link leads home
                target = self.urls.get((base, lang.code))
                title = item.title
            elif url in SECTION_KEYS:
                target, title = lang.prefix + url, lang.t(SECTION_KEYS[url])
            else:
                items.append(item)
                continue
            items.append(Link(title, target) if target else item)
        translated = Navigation(items, nav.pages)
        home = self.urls.get(("index.md", lang.code))
        translated.homepage = Link(lang.t("home"), home) if home else nav.homepage
        return translated

    def restore(self, config) -> None:
        if self._saved_alternate is not None or "alternate" in config.extra:
            if self._saved_alternate is None:
                config.extra.pop("alternate", None)
            else:
                config.extra["alternate"] = self._saved_alternate
        self._saved_alternate = None

    # --- content ---------------------------------------------------------------------------

    def on_page_content(self, html: str, page) -> str:
        if page.file.src_uri not in self.fallbacks:
            return html
        _, code = self.page_language(page)
        note = html_lib.escape(self.langs[code].fallback_note())
        return (f'<p class="fallback-note" role="note">{note}</p>\n'
                f'<div class="fallback-content" lang="{self.default}">\n{html}\n</div>')
