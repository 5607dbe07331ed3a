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
from ..config import SiteConfig
from .frontmatter import FrontmatterError, load_yaml, parse
from .model import (
    COLLECTION_CLASSES, AwardForm, Body, Campaign, Decision, Document, Entry, Message, Source,
    Story, Translation, Unit,
)
from .folders import COLLECTION_DIRS, MEDIA_SUFFIXES, SHEET_SUFFIXES
from .problems import Problems, rel

DATA_FILES = {"bodies.yml": "body", "awards.yml": "award", "units.yml": "unit", "campaigns.yml": "campaign"}
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
    pages: list[str] = field(default_factory=list)  # hand-written pages, rendered by the shell
    media: list[str] = field(default_factory=list)
    unpublished: dict[str, Entry] = field(default_factory=dict)  # drafts and scheduled entries
    # (file, schema.Ref) written in data files and frontmatter awardees, (file, schema.RefTable)
    # of each recipients sheet (its rows' refs grouped by id); entries keep their own refs.
    refs: list = field(default_factory=list)

    def collection(self, name: str) -> dict:
        return {"plan": self.plans, "decision": self.decisions, "message": self.messages,
                "story": self.stories}[name]

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
        site.problems.add(rel(content, root), None, None, "bad_file", detail="folder not found")
        return site
    entries: list[tuple[str, Path]] = []
    translations: list[tuple[str, Path, str, str]] = []
    sheets: dict[str, Path] = {}
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        rp = path.relative_to(content)
        name = rel(path, root)
        if any(part.startswith(".") for part in rp.parts):
            continue  # editor and VCS files are not content
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
                if match and match["lang"] in config.languages and match["lang"] != config.default_language:
                    translations.append((kind, path, match["stem"], match["lang"]))
                elif match and path.with_name(match["stem"] + ".md").exists():
                    # A translation into a language the site does not publish: say so, never
                    # load it as a separate entry.
                    site.problems.add(name, None, None, "language_not_configured", severity="warning",
                                      lang=match["lang"])
                    site.problems.mark(name, "ignored")
                else:
                    entries.append((kind, path))
                continue
            if kind == "decision" and path.suffix in SHEET_SUFFIXES:
                if path.stem in sheets:  # a .csv and a .xlsx: which one is the list?
                    site.problems.add(name, None, None, "two_sheets", other=rel(sheets[path.stem], root))
                    site.problems.mark(name, "failed")
                else:
                    sheets[path.stem] = path
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
            site.pages.append(rp.as_posix())
            site.problems.mark(name, "page")
            continue
        site.problems.add(name, None, None, "unknown_file", severity="warning")
        site.problems.mark(name, "ignored")

    for kind, path in entries:
        _load_entry(site, kind, path)
    for kind, path, stem, lang in translations:
        _attach_translation(site, kind, path, stem, lang)
    from ..honor.loading import load_awardees
    from ..rules.run import run_rules
    from ..runtime.gc_pause import paused_gc
    # Hundreds of thousands of small objects that are never cyclic garbage: with the cyclic
    # collector on, rescanning them cost a third of loading 50,000 awardees.
    with paused_gc():
        load_awardees(site, sheets)
        run_rules(site)
    _soften_unpublished(site)
    for name in site.problems.failed_files():
        site.problems.mark(name, "failed")
    return site


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
        site.problems.add(name, None, None, "bad_file", detail=str(exc))
        return
    for key, line in dups:
        site.problems.add(name, line, key, "duplicate_key")
    spec = schema.DATA[kind]
    if kind == "award":
        items = [(str(i), (item or {}).get("id") if isinstance(item, dict) else None, item)
                 for i, item in enumerate(raw or [])]
        prefix = lambda key: f"[{key}]"  # noqa: E731
    else:
        items = [(str(k), str(k), v) for k, v in (raw or {}).items()]
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
        if not item_id:
            continue
        data = {k: v for k, v in data.items() if k != "id"}
        record = {"body": Body, "award": AwardForm, "unit": Unit, "campaign": Campaign}[kind]
        try:
            target[item_id] = record(id=item_id, **{k: v for k, v in data.items() if v is not None})
        except TypeError:
            pass  # a required field was missing: already reported
    if kind == "award":
        ordered = sorted(site.awards.values(), key=lambda a: a.rank)
        site.awards.clear()
        site.awards.update((a.id, a) for a in ordered)


def _data_line(lines: dict, item_prefix: str, path: str) -> int | None:
    full = f"{item_prefix}.{path}" if path else item_prefix
    while full:
        if full in lines:
            return lines[full]
        cut = max(full.rfind("."), full.rfind("["))
        full = full[:cut] if cut > 0 else ""
    return None


def _read(site: Site, path: Path):
    name = rel(path, site.config.project_dir)
    try:
        return parse(path.read_text(encoding="utf-8"))
    except FrontmatterError as exc:
        site.problems.add(name, exc.line, None, exc.code, detail=exc.detail)
    except (OSError, UnicodeDecodeError) as exc:
        site.problems.add(name, None, None, "bad_file", detail=str(exc))
    return None


def _load_entry(site: Site, kind: str, path: Path) -> None:
    name = rel(path, site.config.project_dir)
    parsed = _read(site, path)
    if parsed is None:
        return
    for key, line in parsed.duplicates:
        site.problems.add(name, line, key, "duplicate_key")
    validator = schema.Validator(site.problems, name, parsed, kind)
    meta = validator.check(parsed.meta, schema.COLLECTIONS[kind])
    entry_id = path.stem
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


def _attach_translation(site: Site, kind: str, path: Path, stem: str, lang: str) -> None:
    name = rel(path, site.config.project_dir)
    parsed = _read(site, path)
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
