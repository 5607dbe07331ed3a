"""Reading the recipients sheets while the program is still starting up.

A first build of a province spends most of its load parsing the decisions' sheets (50,000
rows: 1.6 s of CPU, honor/sheets.py), and before it gets there about 0.4 s importing
MkDocs, the theme and this package and reading the configuration, on one core while the
other idles. So `site-builder build` and `check` start a helper before those imports (start):
a forked process that reads the sheets into the sheet cache (honor/sheet_cache.py), taking them one
at a time from a counter it shares with this process (runtime/parallel.py Tickets). When the
load reaches the sheets (awardee_sheets.read_sheets), this process takes its part from the
same counter instead of forking a worker, waits for the helper, and finds the helper's sheets
in the cache.

The helper knows less than the load does: it lists the sheet files in the decisions folder,
finds each one's decision by the load's rule (content/sheet_files.py sheet_owners: the
decision of the sheet's stem, `<stem>.md` or `<stem>.vi.md`, else the one whose `sheet_file:`
names it; the site's language from mkdocs.yml) and reads the decision's default award and
`sheet:` from its frontmatter as written. Whatever it gets wrong costs time, never correctness: the load looks every sheet up by a key of its bytes and of
what reading it depends on, so a sheet the helper read differently is a miss, read again.
Both sides agree on which sheet a ticket stands for by ordering the folder's sheet files the
same way (sheet_order), largest first, so that the work evens out.
"""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from ..content.folders import DECISIONS_DIR, SHEET_SUFFIXES
from ..content.safe_files import refusal
from ..runtime.timing import note

_RUNNING: "Prefetch | None" = None


def sheet_order(content_dir: Path) -> list[Path]:
    """The sheet files of the decisions folder, largest first (then by name): the order
    tickets stand for, on both sides. Without the sheets the load refuses to read (a link
    out of content/, a file over its limit: content/safe_files.py), which the helper must
    not read either."""
    folder = Path(content_dir) / DECISIONS_DIR
    try:
        entries = [entry for entry in os.scandir(folder)
                   if entry.name.endswith(SHEET_SUFFIXES) and not entry.name.startswith(".") and entry.is_file()
                   and refusal(Path(entry.path), content_dir) is None]
    except OSError:
        return []
    sized = sorted((-entry.stat().st_size, entry.name) for entry in entries)
    return [folder / name for _size, name in sized]


class Prefetch:
    """The helper reading one content folder's sheets, and the counter shared with it."""

    def __init__(self, content_dir: Path, default_language: str = "vi"):
        from ..runtime.parallel import Background, Tickets

        self.content_dir = Path(content_dir)
        self.default_language = default_language  # names a decision's source: `<stem>.vi.md`
        self.tickets = Tickets(shared=True)
        self._helper = Background(self.read, fork=True)
        self.pid = self._helper.pid

    def read(self, _forked: bool) -> int:
        """In the helper: read the sheets whose tickets it takes into the cache; returns how
        many it parsed."""
        from ..content.parse_cache import ParseCache
        from ..content.sheet_files import FIELD, sheet_owners
        from .sheets import read_into_cache

        order = sheet_order(self.content_dir)
        note(f"sheet helper starts, {len(order)} sheets")
        frontmatter: dict[Path, dict] = {}  # each decision parsed once, here
        # The frontmatter the last load parsed (content/parse_cache.py), read but never written
        # here (the load saves it): parsing 2,837 decisions' YAML again was two thirds of the
        # helper's CPU when a rebuild finds every sheet in the cache.
        parse_cache = ParseCache(self.content_dir.parent)

        def meta(decision: Path | None, needle: str | None = None) -> dict:
            if decision is None:
                return {}
            if decision not in frontmatter:
                frontmatter[decision] = _frontmatter(decision, self.content_dir, needle, parse_cache.parse)
            return frontmatter[decision]

        try:
            owners = sheet_owners(self.content_dir / DECISIONS_DIR, self.default_language,
                                  lambda source: _text(meta(source, FIELD).get(FIELD)))
        except Exception:  # noqa: BLE001 - without owners every sheet is read with no award
            owners = {}
        parsed = 0
        while (i := self.tickets.take()) < len(order):
            try:
                sheet = order[i]
                parsed += read_into_cache(self.content_dir.parent, sheet,
                                          *sheet_reading(sheet, meta(owners.get(sheet.name))))
            except Exception:  # noqa: BLE001 - the load reads (and reports on) what is not stored
                continue
        note(f"sheet helper parsed {parsed}")
        return parsed

    def sheet_order(self) -> list[Path]:
        """The sheets the tickets stand for, for the load's side of the counter (honor/sheets.py)."""
        return sheet_order(self.content_dir)

    def join(self) -> int | None:
        """Wait for the helper; how many sheets it parsed, None if it failed (a failure costs
        the load time only: it reads whatever the helper did not store)."""
        from ..runtime.parallel import RenderFailed

        helper, self._helper = self._helper, None
        if helper is None:
            return None
        try:
            return helper.join()
        except RenderFailed:
            return None

    def stop(self) -> None:
        """End the helper if it still runs (the program ends before its load needed it)."""
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.cancel()


def start(config_file: str) -> Prefetch | None:
    """Start reading the sheets of the site configured in `config_file` (mkdocs.yml), when
    there are several cores and any sheets; at most one helper runs."""
    global _RUNNING
    from ..runtime.parallel import worker_count

    if _RUNNING is not None or worker_count() < 2:
        return None
    site = _site_folders(config_file)
    if site is None or not sheet_order(site[0]):
        return None
    sys.stdout.flush()  # nothing buffered may be written twice by the forked helper
    sys.stderr.flush()
    _RUNNING = Prefetch(*site)
    return _RUNNING


@contextlib.contextmanager
def reading_ahead(config_file: str):
    """Around a command that loads the site: the helper starts first, and never outlives it."""
    start(config_file)
    try:
        yield
    finally:
        stop()


def take(content_dir: Path) -> Prefetch | None:
    """The running helper, if it reads `content_dir`'s sheets: it is the caller's from now on
    (to join). A helper reading another folder (the configuration file said otherwise than
    the shell decided) is stopped: it would only take a core from the load."""
    global _RUNNING
    prefetch, _RUNNING = _RUNNING, None
    if prefetch is None:
        return None
    if prefetch.content_dir.resolve() != Path(content_dir).resolve():
        prefetch.stop()
        return None
    return prefetch


def stop() -> None:
    """End a helper nobody took (the program stops before loading the sheets)."""
    global _RUNNING
    prefetch, _RUNNING = _RUNNING, None
    if prefetch is not None:
        prefetch.stop()


def _site_folders(config_file: str) -> tuple[Path, str] | None:
    """The content folder MkDocs will use: `docs_dir` of the configuration file, relative to
    the file's folder ("docs" when unset), made absolute as MkDocs does; and the site's
    language, the plugin's `default_language` (config.py's default when unset). None when the
    file cannot be read: then nothing is prefetched and MkDocs reports the problem."""
    import yaml

    from ..config import SiteConfig

    class _AnyTags(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        """mkdocs.yml may hold !ENV and !!python/name tags: their values do not matter here."""

    _AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        with open(config_file, encoding="utf-8-sig") as fh:
            config = yaml.load(fh, Loader=_AnyTags)  # noqa: S506 - a safe loader with inert tags
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    docs_dir = config.get("docs_dir") if isinstance(config, dict) else None
    if not isinstance(docs_dir, str):
        docs_dir = "docs"
    folder = os.path.dirname(os.path.abspath(config_file))
    language = _text(_plugin_options(config).get("default_language")) or SiteConfig.default_language
    return Path(os.path.normpath(os.path.join(folder, docs_dir))), language


def _plugin_options(config) -> dict:
    """The site_builder plugin's section of mkdocs.yml (`plugins:` as a list or a mapping)."""
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, list):  # - site_builder: {...}
        plugins = {name: options for item in plugins if isinstance(item, dict) for name, options in item.items()}
    options = plugins.get("site_builder") if isinstance(plugins, dict) else None
    return options if isinstance(options, dict) else {}


def sheet_reading(sheet: Path, decision: dict) -> tuple[str | None, str | None]:
    """What reading `sheet` depends on from its decision's frontmatter as written (`decision`,
    empty when the helper found none): the default `award`, and for a workbook the `sheet:` to
    read. The load validates both; when they differ, its key misses and it reads the sheet again."""
    return _text(decision.get("award")), _text(decision.get("sheet")) if sheet.suffix == ".xlsx" else None


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _frontmatter(decision: Path, content_dir: Path, needle: str | None, parse) -> dict:
    """The decision's frontmatter as written, {} when it cannot be read or the load would not
    read it either; with `needle`, {} too when the text does not hold it (not worth parsing).
    `parse`: ParseCache.parse over the cache the last load saved (content/parse_cache.py),
    which gives what frontmatter.parse gives."""
    from ..content.frontmatter import FrontmatterError

    if refusal(decision, content_dir) is not None:
        return {}
    try:
        text = decision.read_text(encoding="utf-8")
        if needle is not None and needle not in text:
            return {}
        meta = parse(text).meta
    except (OSError, ValueError, FrontmatterError):
        return {}
    return meta if isinstance(meta, dict) else {}
