"""Reads every file under content/ into a Site, reporting problems instead of stopping.

One pass classifies each file (data, collection entry, translation, recipients sheet,
media, hand-written page) so that nothing is skipped silently; entries are validated
against their schema, then rules (rules/) check what spans several files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .. import urls
from ..config import SiteConfig
from .frontmatter import FrontmatterError, load_yaml, parse
from .parse_cache import ParseCache
from .model import (
    COLLECTION_CLASSES, AwardForm, Body, Campaign, Consultation, DataSource, Decision, Document, Entry, Message,
    Source, Story, Translation, Unit,
)
from .folders import COLLECTION_DIRS, MEDIA_SUFFIXES, SHEET_COLLECTIONS, SHEET_SUFFIXES
from .problems import Problems, rel, unreadable
from .safe_files import leaves, too_large
from .sheet_files import assign_named_sheets

# What an empty translation may hold and still be empty: the ASCII white space (a line break).
ASCII_SPACE = " \t\n\r\x0b\x0c"
DATA_FILES = {"bodies.yml": "body", "awards.yml": "award", "units.yml": "unit", "campaigns.yml": "campaign"}
# What a data file must be, for the `data_file_shape` problem.
DATA_SHAPES = {
    "list": ("một danh sách, mỗi mục bắt đầu bằng '- id: …'", "a list whose items each begin with '- id: …'"),
    "map": ("các mục viết 'mã:' ở đầu dòng, các trường của mục thụt lề bên dưới",
            "entries written 'id:' at the start of a line, with their fields indented below"),
}
# Fields of a data file whose name is a Python word, and the record's attribute for them.
_ATTRIBUTES = {"from": "valid_from"}
_TRANSLATION = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3})$")


@dataclass
class Site:
    config: SiteConfig
    problems: Problems
    bodies: dict[str, Body] = field(default_factory=dict)
    awards: dict[str, AwardForm] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    plans: dict[str, Document] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    messages: dict[str, Message] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    # Proposal lists put out for public comment, in and out of their window (pages/consultations.py
    # decides what shows); their candidates are in no decision.
    consultations: dict[str, Consultation] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)  # hand-written pages, rendered by the shell
    media: list[str] = field(default_factory=list)
    unpublished: dict[str, Entry] = field(default_factory=dict)  # drafts and scheduled entries
    # Files under content/ (relative, "/"-separated) that no shell may publish: the photos of
    # stories about revoked awards (rules/stories.py).
    withheld: set[str] = field(default_factory=set)
    # (file, schema.Ref) written in data files and frontmatter awardees, (file, schema.RefTable)
    # of each recipients sheet (its rows' refs grouped by id); entries keep their own refs.
    refs: list = field(default_factory=list)
    # Recipients whose address moved: decision id -> {former id: (current id, former name)}
    # (rules/moved_recipients.py); their former pages redirect.
    moved: dict = field(default_factory=dict)

    def collection(self, name: str) -> dict:
        return {"plan": self.plans, "decision": self.decisions, "message": self.messages,
                "story": self.stories, "consultation": self.consultations}[name]

    def entries(self) -> list[Entry]:
        """Every published entry of every collection (content/folders.py COLLECTION_DIRS), in
        the order of that table: for rules that look at all of them alike."""
        return [entry for kind in COLLECTION_DIRS.values() for entry in self.collection(kind).values()]

    def document(self, doc_id: str) -> Document | None:
        return self.plans.get(doc_id) or self.decisions.get(doc_id)

    @property
    def documents(self) -> dict[str, Document]:
        return {**self.plans, **self.decisions}

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def load_site(config: SiteConfig) -> Site:
    site = Site(config, Problems())
    root = config.project_dir
    content = config.content_dir
    if not content.is_dir():
        site.problems.add(rel(content, root), None, None, "bad_file", detail=unreadable(FileNotFoundError()))
        return site
    entries: list[tuple[str, Path, str]] = []  # (collection, source file, the entry's id)
    translations: list[tuple[str, Path, str, str]] = []
    # collection -> {stem: the sheet of people beside the entry of that stem}
    sheets: dict[str, dict[str, Path]] = {kind: {} for kind in SHEET_COLLECTIONS}
    for path in sorted(content.rglob("*")):
        rp = path.relative_to(content)
        if any(part.startswith(".") for part in rp.parts[:-1]) or (
                rp.name.startswith(".") and not rp.name.endswith(".md")):
            continue  # editor and VCS files and folders are not content
        name = rel(path, root)
        # Nothing is read through a link that leaves content/ (content/safe_files.py); the
        # same words whether its target exists or not.
        if path.is_symlink() and leaves(path, content):
            site.problems.add(name, None, None, "link_outside")
            continue
        if not path.is_file():
            continue
        if rp.name.startswith("."):  # "..md", ".md": Markdown that no address can name
            problem = schema.id_problem(rp.name[:-len(".md")], FILE_NAME, suffix=".md")
            site.problems.add(name, None, None, problem[0], **problem[1])
            continue
        over = too_large(path)
        if over is not None:
            _report_too_large(site, name, **over[1])
            continue
        top = rp.parts[0] if len(rp.parts) > 1 else ""
        if top == "data":
            if rp.name in DATA_FILES and len(rp.parts) == 2:
                _load_data(site, path, DATA_FILES[rp.name])
            else:
                site.problems.add(name, None, None, "unknown_file", severity="warning")
            continue
        if top in COLLECTION_DIRS and len(rp.parts) == 2:
            kind = COLLECTION_DIRS[top]
            if path.suffix == ".md":
                match = _TRANSLATION.match(path.stem)
                if match and match["lang"] == config.default_language:
                    # `<stem>.vi.md`: the source, named as the web editor's translations beside
                    # it name it (docs/i18n.md); never two sources of one id.
                    plain = path.with_name(match["stem"] + ".md")
                    if plain.exists():
                        site.problems.add(name, None, None, "two_sources", other=rel(plain, root),
                                          stem=match["stem"], lang=match["lang"])
                    else:
                        entries.append((kind, path, match["stem"]))
                elif match and match["lang"] in config.languages:
                    translations.append((kind, path, match["stem"], match["lang"]))
                elif match and source_file(path.with_name(match["stem"] + ".md"), config.default_language):
                    # A translation into a language the site does not publish: say so, never
                    # load it as a separate entry.
                    site.problems.add(name, None, None, "language_not_configured", severity="warning",
                                      lang=match["lang"])
                    site.problems.mark(name, "ignored")
                else:
                    entries.append((kind, path, path.stem))
                continue
            if kind in sheets and path.suffix in SHEET_SUFFIXES:
                beside = sheets[kind]
                if path.stem in beside:  # a .csv and a .xlsx: which one is the list?
                    site.problems.add(name, None, None, "two_sheets", other=rel(beside[path.stem], root))
                    site.problems.mark(name, "failed")
                else:
                    beside[path.stem] = path
                continue
        if path.suffix.lower() in MEDIA_SUFFIXES:
            site.media.append(rp.as_posix())
            site.problems.mark(name, "media")
            continue
        if top not in COLLECTION_DIRS and path.suffix == ".md":
            match = _TRANSLATION.match(path.stem)
            if match and match["lang"] not in config.languages and path.with_name(match["stem"] + ".md").exists():
                site.problems.add(name, None, None, "language_not_configured", severity="warning",
                                  lang=match["lang"])
                site.problems.mark(name, "ignored")
                continue
            problem = _page_name_problem(rp, config.languages)
            if problem is not None:
                site.problems.add(name, None, None, problem[0], **problem[1])
                continue
            site.pages.append(rp.as_posix())
            site.problems.mark(name, "page")
            continue
        site.problems.add(name, None, None, "unknown_file", severity="warning")
        site.problems.mark(name, "ignored")

    # Unchanged files' frontmatter as the last load parsed it (content/parse_cache.py).
    cache = ParseCache(root)
    for kind, path, entry_id in entries:
        _load_entry(site, kind, path, entry_id, cache.parse)
    for kind, path, stem, lang in translations:
        _attach_translation(site, kind, path, stem, lang, cache.parse)
    cache.save()
    assign_named_sheets(site, sheets)
    from ..honor.loading import load_awardees
    from ..rules.run import run_rules
    from ..runtime.gc_pause import paused_gc
    # Hundreds of thousands of small objects that are never cyclic garbage: with the cyclic
    # collector on, rescanning them cost a third of loading 50,000 awardees.
    with paused_gc():
        load_awardees(site, sheets["decision"], sheets["consultation"])
        run_rules(site)
    _soften_unpublished(site)
    for name in site.problems.failed_files():
        site.problems.mark(name, "failed")
    return site


FILE_NAME = ("tên tệp", "file name")
FOLDER_NAME = ("tên thư mục", "folder name")


def _page_name_problem(rp: Path, languages) -> tuple[str, dict] | None:
    """(code, params) when a hand-written page's path cannot be its address: each folder and
    the file name (less `.md` and a language) must be an id; at the top of content/ it may not
    take a name of the site's own folders or a language's (`van-ban.md`, `en.md`)."""
    stem, suffix = rp.name[:-len(".md")], ".md"
    head, dot, lang = stem.rpartition(".")
    if dot and lang in languages:
        stem, suffix = head, f".{lang}.md"
    segments = [*rp.parts[:-1], stem]
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if last and segment == "index":
            continue  # the page of its folder
        reserved = (urls.SITE_NAMES - {"index"}) | frozenset(languages) if i == 0 else frozenset()
        problem = schema.id_problem(segment, FILE_NAME if last else FOLDER_NAME, reserved,
                                    suffix if last else "")
        if problem is not None:
            return problem
    return None


_SIZE_WORDS = {
    "markdown": (("tệp Markdown (.md)", "a Markdown file (.md)"),
                 ("hãy chia văn bản thành nhiều tệp, hoặc đưa danh sách người được khen vào bảng tính "
                  ".csv/.xlsx cùng tên", "split the text into several files, or move a list of awardees "
                  "into a .csv/.xlsx sheet of the same name")),
    "data": (("tệp dữ liệu (.yml)", "a data file (.yml)"),
             ("hãy kiểm tra xem nội dung có bị chép lặp nhiều lần không", "check that nothing was pasted "
              "over and over")),
    "csv": (("bảng tính .csv", "a .csv sheet"),
            ("hãy tách danh sách thành nhiều quyết định, hoặc xóa các cột và hàng thừa",
             "split the list into several decisions, or delete unused columns and rows")),
    "xlsx": (("bảng tính .xlsx", "an .xlsx sheet"),
             ("hãy tách danh sách thành nhiều quyết định, hoặc xóa các trang tính, cột và hàng thừa",
              "split the list into several decisions, or delete unused sheets, columns and rows")),
    "media": (("tệp đính kèm (ảnh, âm thanh, video, PDF)", "a media file (image, sound, video, PDF)"),
              ("hãy nén hoặc thu nhỏ tệp; với video, đăng lên một dịch vụ video rồi ghi địa chỉ vào video_url",
               "compress or shrink it; for a video, put it on a video service and write its address in "
               "video_url")),
}


def _report_too_large(site: Site, name: str, size: int, limit: int, size_kind: str) -> None:
    kind, advice = _SIZE_WORDS[size_kind]
    size_text = _megabytes(size)
    site.problems.add(name, None, None, "too_large", size=size_text, limit=_megabytes(limit), kind=kind,
                      advice=advice)


def _megabytes(size: int) -> tuple[str, str]:
    """(vi, en): "52,4 MB", "52.4 MB"."""
    text = f"{size / (1024 * 1024):.1f} MB"
    return text.replace(".", ","), text


def _soften_unpublished(site: Site) -> None:
    """A draft's problems are warnings in production: a communicator's unfinished draft must
    not stop everyone else's publishing. Preview builds show drafts, so there they are errors."""
    unpublished = {e.source.file for e in site.unpublished.values()}
    for problem in site.problems:
        if problem.file in unpublished:
            problem.severity = "warning"


def _load_data(site: Site, path: Path, kind: str) -> None:
    name = rel(path, site.config.project_dir)
    site.problems.mark(name, "data")
    try:
        raw, lines, dups = load_yaml(path.read_text(encoding="utf-8"), first_line=1)
    except FrontmatterError as exc:
        site.problems.add(name, exc.line, None, exc.code, detail=exc.detail)
        return
    except (OSError, UnicodeDecodeError) as exc:
        site.problems.add(name, None, None, "bad_file", detail=unreadable(exc))
        return
    for key, line in dups:
        site.problems.add(name, line, key, "duplicate_key")
    spec = schema.DATA[kind]
    if raw is not None and not isinstance(raw, list if kind == "award" else dict):
        site.problems.add(name, 1, None, "data_file_shape", expected=DATA_SHAPES["list" if kind == "award" else "map"])
        return
    if kind == "award":
        # The id is a field of each item, checked as one (schema F("id")).
        items = [(str(i), None, item) for i, item in enumerate(raw or [])]
        prefix = lambda key: f"[{key}]"  # noqa: E731
    else:
        # The keys are the ids: each becomes an address (a place's, a campaign's page).
        items = []
        for k, v in (raw or {}).items():
            problem = schema.id_problem(str(k) if k is not None else "")
            if problem is not None:
                site.problems.add(name, lines.get(str(k)), str(k), problem[0], **problem[1])
            items.append((str(k), None if problem else str(k), v))
        prefix = lambda key: key  # noqa: E731
    target = {"body": site.bodies, "award": site.awards, "unit": site.units, "campaign": site.campaigns}[kind]
    for key, item_id, item in items:
        if not isinstance(item, dict):
            site.problems.add(name, lines.get(prefix(key)), prefix(key), "not_a_mapping")
            continue
        validator = schema.Validator(site.problems, name, None, kind,
                                     line_of=lambda p, k=key: _data_line(lines, prefix(k), p))
        data = validator.check(item, spec)
        site.refs.extend((name, r) for r in validator.refs)
        if kind == "award":
            item_id = data.get("id")  # None when missing or not an id: reported
        if not item_id:
            continue
        data = {_ATTRIBUTES.get(k, k): v for k, v in data.items() if k != "id"}
        record = {"body": Body, "award": AwardForm, "unit": Unit, "campaign": Campaign}[kind]
        try:
            made = record(id=item_id, **{k: v for k, v in data.items() if v is not None})
        except TypeError:
            continue  # a required field was missing: already reported
        if hasattr(made, "source"):  # rules that check the record name its file and lines
            made.source = DataSource(name, prefix(key), lines)
        target[item_id] = made
    if kind == "award":
        ordered = sorted(site.awards.values(), key=lambda a: a.rank)
        site.awards.clear()
        site.awards.update((a.id, a) for a in ordered)


def _data_line(lines: dict, item_prefix: str, path: str) -> int | None:
    return DataSource("", item_prefix, lines).line_of(path)


def _read(site: Site, path: Path, parse_text=parse, text: str | None = None):
    """The file parsed (`text`: its text, when the caller has read it), or None with the
    problem reported."""
    name = rel(path, site.config.project_dir)
    try:
        return parse_text(path.read_text(encoding="utf-8") if text is None else text)
    except FrontmatterError as exc:
        site.problems.add(name, exc.line, None, exc.code, detail=exc.detail)
    except (OSError, UnicodeDecodeError) as exc:
        site.problems.add(name, None, None, "bad_file", detail=unreadable(exc))
    return None


def source_file(plain: Path, default_language: str) -> Path | None:
    """The source of the entry whose plain name is `plain` (`plans/kh-1.md`): that file, or
    `plans/kh-1.vi.md` (the site's language), whichever exists."""
    named = plain.with_name(f"{plain.stem}.{default_language}.md")
    return plain if plain.exists() else named if named.exists() else None


def _load_entry(site: Site, kind: str, path: Path, entry_id: str, parse_text=parse) -> None:
    """`entry_id`: the file name less `.md`, and less the site's language for a source named
    as the web editor names it (`kh-1.vi.md`), as the walk found it; the entry's id and a part
    of its address (`plans/kh-1.md`: /van-ban/kh-1/)."""
    name = rel(path, site.config.project_dir)
    problem = schema.id_problem(entry_id, FILE_NAME, suffix=path.name[len(entry_id):])
    if problem is not None:
        site.problems.add(name, None, None, problem[0], **problem[1])
        return
    parsed = _read(site, path, parse_text)
    if parsed is None:
        return
    for key, line in parsed.duplicates:
        site.problems.add(name, line, key, "duplicate_key")
    validator = schema.Validator(site.problems, name, parsed, kind)
    meta = validator.check(parsed.meta, schema.COLLECTIONS[kind])
    cls = COLLECTION_CLASSES[kind]
    entry = cls(id=entry_id, collection=kind, source=Source(name, 1), meta=meta, body=parsed.body,
                body_line=parsed.body_line, draft=bool(meta.get("draft")),
                publish_date=meta.get("publish_date"))
    entry.refs = validator.refs  # resolved by rules.references
    entry.parsed = parsed
    if meta.get("review"):
        site.problems.add(name, parsed.line_of("review"), "review", "review_pending",
                          count=len(meta["review"]), fields=", ".join(map(str, meta["review"])))
    scheduled = entry.publish_date and entry.publish_date > site.config.today
    if (entry.draft or scheduled) and not site.config.preview:
        site.unpublished[entry_id] = entry
        site.problems.mark(name, "draft" if entry.draft else "scheduled")
        return
    collection = site.collection(kind)
    if entry_id in collection:
        other = collection[entry_id].source.file
        site.problems.add(name, None, None, "duplicate_id", value=entry_id, other=other)
        return
    collection[entry_id] = entry
    site.problems.mark(name, "built")


def _attach_translation(site: Site, kind: str, path: Path, stem: str, lang: str, parse_text=parse) -> None:
    name = rel(path, site.config.project_dir)
    problem = schema.id_problem(stem, FILE_NAME, suffix=f".{lang}.md")
    if problem is not None:
        site.problems.add(name, None, None, problem[0], **problem[1])
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None  # _read reads it again and reports why it cannot
    if text is not None and not text.strip(ASCII_SPACE):
        # What the web editor writes for an entry whose other language's pane was left empty
        # (docs/web-editor.md): not translated yet. The report lists it as not used; the
        # translations' coverage counts the source as missing that language.
        site.problems.mark(name, "ignored")
        return
    parsed = _read(site, path, parse_text, text)
    if parsed is None:
        return
    source = site.collection(kind).get(stem) or site.unpublished.get(stem)
    if source is None:
        site.problems.add(name, None, None, "unknown_ref", target=("văn bản gốc", "source file"),
                          value=stem, hint=("", ""))
        return
    # Translations carry only the fields that change with the language; everything else is
    # taken from the Vietnamese source, so facts cannot drift between languages.
    source.translations[lang] = Translation(lang, name, parsed.meta, parsed.body, parsed.body_line)
    site.problems.mark(name, "built")
