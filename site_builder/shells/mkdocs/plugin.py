"""MkDocs plugin: validates content, keeps collections out of MkDocs, renders them with the core.

Event order and why:
- on_startup: remember whether this is `serve` (no atomic swap: MkDocs serves a temp dir).
- on_config: load and validate ALL content before MkDocs cleans site_dir, so bad content
  stops the build with nothing touched; then take the site's lock (a second build waits:
  runtime/site_lock.py, runtime/swap.py claim_site) and redirect site_dir to a staging folder.
- on_files: drop collection folders (plans/, decisions/, ...) and data/ from MkDocs's files:
  the core renders them, and tens of thousands of pages must not reach MkDocs's pipeline or
  Material's navigation. Hand-written translations (x.en.md) move under /en/, and an
  untranslated page gets a Vietnamese stand-in there (languages.py).
- on_page_context / on_page_content: per-page language of hand-written pages (<html lang>,
  hreflang, switcher, navigation, fallback note): see languages.py. The home page of each
  language also gets the consultations open today on top (core template
  consultations/home.html, data from pages/consultations.py), so it shows them prominently
  whatever the province wrote in index.md.
- on_post_build: the core writes its pages into the (staging) site_dir: all of them on a
  first build, then the staging folder replaces the real one; only the changed ones when
  the previous build left a trusted manifest, then they (and MkDocs's few pages) make the new
  tree with the live site's unchanged files, which replaces the real folder in one step
  (build.publish_site, runtime/output.py, runtime/swap.py). `serve` writes straight into
  MkDocs's temporary folder. Priority -100: run after other plugins wrote their output. The
  lock is released at the end.
- on_build_error: throw the staging folder away and release the lock; the last good site stays.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from ...build import load_for_build, publish_site
from ...runtime.cache_dirs import CACHE_DIR
from ...runtime.gc_pause import pause
from ...config import SiteConfig, plugin_fields
from ... import urls
from ...content.loader import COLLECTION_DIRS
from ...content.safe_files import leaves
from ...runtime.output import discard
from ...runtime.swap import claim_site, staging_dir_for
from ...pages.consultations import open_views
from ...render.env import bytecode_cache, make_env
from ...content.report import problem_lines, refusal, summary
from ...runtime.timing import phase
from .config import SiteBuilderConfig
from .languages import PageLanguages

log = logging.getLogger("mkdocs.plugins.site_builder")


# Top-level folders the core renders; nav entries pointing there are fine (MkDocs cannot see
# those pages and would say so for each).
CORE_SECTIONS = urls.CORE_SECTIONS


class _CoreNavFilter(logging.Filter):
    """Drops MkDocs's "not found in the documentation files" notice for core sections only,
    so a typo in a hand-written nav entry is still reported."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "is included in the 'nav' configuration" not in message:
            return True
        return not any(f"'{section}" in message for section in CORE_SECTIONS)


def _copied(value):
    return list(value) if isinstance(value, list) else value


class SiteBuilderPlugin(BasePlugin[SiteBuilderConfig]):
    def __init__(self):
        super().__init__()
        self.serving = False
        self.clean = False  # `site-builder build --clean`: ignore the previous build's manifest
        self.site = None
        self.final_dir: Path | None = None
        self.staging: Path | None = None
        self.page_languages: PageLanguages | None = None
        self._resume_gc = None  # collector.pause() of the build under way
        self.lock = None  # the site's lock (runtime/site_lock.py) while a build writes it
        self.report = ""  # the problem report this build printed (warnings), for runtime/sources_stamp.py

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def core_config(self, config) -> SiteConfig:
        theme_dir = config.theme.custom_dir if config.theme.custom_dir else None
        # The plugin's options as written (lists copied: the core may not change MkDocs's).
        options = {f.name: _copied(self.config[f.name]) for f in plugin_fields()}
        options["preview"] = options["preview"] or self.serving
        return SiteConfig(
            content_dir=Path(config.docs_dir), site_name=config.site_name, site_url=config.site_url or "",
            theme_dir=Path(theme_dir) if theme_dir else None, extra=dict(config.extra), **options,
        )

    def on_config(self, config):
        nav_log = logging.getLogger("mkdocs.structure.nav")
        if not any(isinstance(f, _CoreNavFilter) for f in nav_log.filters):
            nav_log.addFilter(_CoreNavFilter())
        lang = self.config.messages_language
        # No collector passes from loading to publishing (runtime/gc_pause.py); resumed when the
        # build ends either way (on_post_build, on_build_error).
        self._resume_gc = pause()
        try:
            with phase("load"):
                self.site = load_for_build(self.core_config(config))
        except BaseException:
            self._resume_collector()
            raise
        problems = self.site.problems
        lines = problem_lines(problems, lang)
        for line in lines:
            print(line, file=sys.stderr)
        print(summary(problems, lang), file=sys.stderr)
        self.report = "\n".join([*lines, summary(problems, lang)]) if lines else ""
        if problems.errors:
            self._resume_collector()
            # Abort, not PluginError: MkDocs logs a PluginError (where logging goes, which a
            # caller may have redirected) and then raises its own English Abort; an Abort is
            # passed on as it is and printed by either command (`mkdocs build`, cli.py).
            raise Abort(refusal(problems, lang))
        # The core writes a 404.html per language (pages/not_found.py); the theme's own is in
        # English and links nowhere.
        config.theme.static_templates.discard(urls.NOT_FOUND_FILE)
        theme_dir = self.site.config.theme_dir
        self.page_languages = PageLanguages(list(self.config.languages), self.config.default_language,
                                            str(theme_dir / "strings") if theme_dir else None)
        if not self.serving:
            try:
                self.lock = claim_site(Path(config.site_dir), lang)
            except BaseException:
                self._resume_collector()
                raise
        if self.config.atomic and not self.serving:
            self.final_dir = Path(config.site_dir)
            self.staging = staging_dir_for(self.final_dir)
            config.site_dir = str(self.staging)
        return config

    def on_files(self, files, *, config):
        # Files the loader reported as not published (e.g. a translation into a language the
        # site does not list) and the files it withholds (a revoked award's story photo) must
        # not slip through MkDocs either.
        docs = Path(config.docs_dir).resolve()
        prefix = docs.relative_to(self.site.config.project_dir.resolve()).as_posix() + "/"
        ignored = {k[len(prefix):] for k, v in self.site.problems.files.items() if v == "ignored"}
        ignored |= self.site.withheld
        for file in list(files):
            if file.src_uri in ignored:
                files.remove(file)
                continue
            top = file.src_uri.split("/", 1)[0]
            if top in COLLECTION_DIRS or top == "data":
                if not file.src_uri.endswith(tuple(_MEDIA)):
                    files.remove(file)
                    continue
            # MkDocs follows links, into folders too: nothing of content/ reached through a link
            # out of it is published (the loader reported it: content/safe_files.py). Theme
            # files come from their own folder.
            if file.src_dir == config.docs_dir and leaves(file.abs_src_path, docs):
                files.remove(file)
        return self.page_languages.on_files(files, config)

    def on_env(self, env, *, config, files):
        # The theme's templates (Material's and the overrides) compiled once and kept between
        # builds like ours (render/env.py): MkDocs compiles them on every build, a third of a
        # second of a rebuild that changes one recipient.
        if env.bytecode_cache is None and self.site is not None:
            env.bytecode_cache = bytecode_cache(self.site.config.project_dir / CACHE_DIR, "theme")
        # The theme's links into core sections come from urls.py, as core templates' do.
        env.globals["site_paths"] = urls
        return env

    def on_page_context(self, context, *, page, config, nav):
        return self.page_languages.on_page_context(context, page, config, nav)

    def on_page_content(self, html, *, page, config, files):
        html = self.page_languages.on_page_content(html, page)
        base, code = self.page_languages.page_language(page)
        if base == "index.md" and self.site is not None and self.site.consultations:
            html = self.home_notice(code) + html
        return html

    def home_notice(self, code: str) -> str:
        """The open consultations, in the language of the home page `code`, rendered by the core's
        template (a province may override it in theme/core/)."""
        views = open_views(self.site, self.page_languages.langs[code])
        if not views:
            return ""
        lang = self.page_languages.langs[code]
        env = make_env(self.site.config.theme_dir, self.site.config.project_dir / CACHE_DIR)
        root = "../" * lang.prefix.count("/")  # the home page of a language is its folder's index
        return env.get_template("consultations/home.html").render(
            open=views, lang=lang, t=lang.t, url=lambda path: root + lang.prefix + path)

    @event_priority(-100)
    def on_post_build(self, *, config):
        try:
            self.page_languages.restore(config)
            if self.staging is not None:
                staging, self.staging = self.staging, None  # publish_site discards it on failure
                publish_site(self.site, self.final_dir, staging=staging, clean=self.clean)
                config.site_dir = str(self.final_dir)
            else:
                publish_site(self.site, Path(config.site_dir), direct=True)
        finally:
            self._resume_collector()
            self._release_lock()

    def on_build_error(self, *, error):
        self._resume_collector()
        if self.staging is not None:
            discard(self.staging)
            self.staging = None
        self._release_lock()

    def _release_lock(self) -> None:
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()

    def _resume_collector(self) -> None:
        resume, self._resume_gc = self._resume_gc, None
        if resume is not None:
            resume()


_MEDIA = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".mp3", ".ogg", ".m4a", ".wav", ".pdf",
          ".mp4", ".webm")

