"""Renders every core page of a loaded site into an output folder.

Page types live in site_builder/structure/, one module each; every module exposes
`pages(ctx)` yielding PageSpecs. The renderer adds what every page shares (language,
links relative to the page, alternates) and writes the result, so one mechanism serves
every collection and every language.
"""
from __future__ import annotations

from pathlib import Path

from ..i18n import Lang
from ..output import Output
from .embed import embed_files, page_embed
from .env import make_env
from .markdown import CitationLinker, to_html
from .pages import PageSpec

ASSETS = Path(__file__).resolve().parent.parent / "assets"


class BuildContext:
    """What page types need about the whole site, computed once per build."""

    def __init__(self, site):
        self.site = site
        self.config = site.config
        self.children: dict[str, list] = {}
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
        self.linker = CitationLinker(site.documents.values())
        self._html_cache: dict[tuple, str] = {}
        # (language code, path) of every core page written, for the sitemap (feeds/sitemap.py).
        self.pages_written: list[tuple[str, str]] = []

    def doc_path(self, doc) -> str:
        if doc.collection == "decision":
            return f"khen-thuong/{doc.id}/"
        return f"van-ban/{doc.id}/"

    def body_html(self, entry, lang_code: str, root: str, prefix: str) -> str:
        """The entry's body in a language (falling back to Vietnamese), with citations linked."""
        translation = entry.translations.get(lang_code)
        text = translation.body if translation else entry.body
        key = (entry.collection, entry.id, lang_code, root, prefix)
        if key not in self._html_cache:
            linked = self.linker.link(text, lambda d: root + prefix + self.doc_path(d))
            self._html_cache[key] = to_html(linked)
        return self._html_cache[key]


class Renderer:
    def __init__(self, site, output: Output):
        self.site = site
        self.config = site.config
        self.output = output
        self.env = make_env(self.config.theme_dir)
        self.ctx = BuildContext(site)
        self.extra_strings = str(self.config.theme_dir / "strings") if self.config.theme_dir else None
        self.langs = [Lang(code, self.config.default_language, self.extra_strings)
                      for code in self.config.languages]

    def render_all(self) -> None:
        from ..structure import MODULES

        self.copy_assets()
        for lang in self.langs:
            for module in MODULES:
                for spec in module.pages(self.ctx, lang):
                    self.write(spec, lang)
        for module in MODULES:
            finish = getattr(module, "finish", None)
            if finish:
                finish(self.ctx, self.output)

    def copy_assets(self) -> None:
        for path in sorted(ASSETS.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                self.output.copy(path, "assets/" + path.relative_to(ASSETS).as_posix())

    def page_vars(self, spec: PageSpec, lang: Lang) -> dict:
        root = "../" * spec.depth + ("../" * lang.prefix.count("/"))
        alternates = [
            {"code": other.code, "name": other.t("language_name"),
             "url": root + other.prefix + spec.path, "current": other.code == lang.code,
             # hreflang wants absolute URLs; without site_url the relative one has to do
             "href": self.config.site_url.rstrip("/") + "/" + other.prefix + spec.path
             if self.config.site_url else None}
            for other in self.langs
        ]
        return {
            "root": root, "path": spec.path, "title": spec.title, "description": spec.description,
            "alternates": alternates, "content_lang": spec.content_lang or lang.code,
            # Copy-paste embed code and oEmbed link (render/embed.py); None: not embeddable.
            "embed": page_embed(self.config, lang.prefix + spec.path, spec.title) if self.embeddable(spec) else None,
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
            **spec.context,
        )

    def write(self, spec: PageSpec, lang: Lang) -> None:
        html = self.render(spec, lang)
        self.output.write(lang.prefix + spec.file, html)
        self.ctx.pages_written.append((lang.code, spec.path))
        if self.embeddable(spec):
            for path, data in embed_files(html, self.config, lang.code, lang.prefix + spec.file,
                                          lang.prefix + spec.path, spec.title,
                                          self.canonical(lang.prefix + spec.path)):
                self.output.write(path, data)

    @staticmethod
    def embeddable(spec: PageSpec) -> bool:
        return spec.embed and spec.file.endswith("index.html")

    def canonical(self, path: str) -> str:
        """Absolute URL when site_url is known, else the site-relative path."""
        base = self.config.site_url.rstrip("/") + "/" if self.config.site_url else self.config.base_path
        return base + path
