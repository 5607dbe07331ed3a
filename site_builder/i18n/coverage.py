"""Translation coverage: for each language, which pages lack it and which translations are stale.

A translation is stale when the fingerprint it carries (`source_hash`, written by
`site-builder translations --stamp FILE`) differs from the Vietnamese source's current
one; without a fingerprint nobody can tell, so it is reported as "not stamped". Reading a
few hundred translated files is cheap, and `check` runs it once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .translations import TRANSLATABLE, read_source, source_hash, translation_parts

# The page types a translation can be written for, in the order the report lists them: the
# collections of content/ (content/folders.py) and the hand-written pages.
PAGE_TYPES = {
    "plan": ("kế hoạch, văn bản", "plans and documents"),
    "decision": ("quyết định khen thưởng", "award decisions"),
    "message": ("thông điệp", "messages"),
    "story": ("gương điển hình", "exemplary stories"),
    "consultation": ("lấy ý kiến", "consultations"),
    "page": ("trang viết tay", "hand-written pages"),
}

_WORDS = {
    "title": ("Bản dịch ({lang}): {done}/{total} trang đã dịch", "Translations ({lang}): {done}/{total} pages translated"),
    "missing": ("  chưa dịch", "  missing"),
    "stale": ("  bản tiếng Việt đã sửa sau khi dịch", "  Vietnamese source changed since translated"),
    "unstamped": ("  chưa ghi source_hash (không biết còn đúng không)",
                  "  no source_hash (cannot tell whether it is current)"),
    "by_type": ("  theo loại trang:", "  by page type:"),
    "type_line": ("    {name}: {done}/{total}", "    {name}: {done}/{total}"),
    "hint": ("  sau khi cập nhật bản dịch: site-builder translations --stamp TỆP",
             "  after updating a translation: site-builder translations --stamp FILE"),
}


@dataclass
class LanguageCoverage:
    lang: str
    total: int = 0
    missing: list[str] = field(default_factory=list)  # source files without this language
    stale: list[str] = field(default_factory=list)  # translation files
    unstamped: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    # page type (PAGE_TYPES) -> [translated, total]
    by_type: dict[str, list[int]] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return self.total - len(self.missing)

    def count(self, kind: str, translated: bool) -> None:
        counts = self.by_type.setdefault(kind, [0, 0])
        counts[0] += translated
        counts[1] += 1

    def as_dict(self) -> dict:
        return {"lang": self.lang, "total": self.total, "translated": self.done, "missing": self.missing,
                "stale": self.stale, "unstamped": self.unstamped, "current": self.current,
                "by_type": {kind: {"translated": done, "total": total}
                            for kind, (done, total) in _in_order(self.by_type)}}


def _in_order(by_type: dict[str, list[int]]) -> list[tuple[str, list[int]]]:
    order = list(PAGE_TYPES)
    return sorted(by_type.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))


def coverage(site) -> list[LanguageCoverage]:
    config = site.config
    root = config.project_dir
    others = [code for code in config.languages if code != config.default_language]
    result = {code: LanguageCoverage(code) for code in others}
    if not others:
        return []
    # (source file, kind, meta, body, {lang: (translation file, meta)})
    items = []
    for entry in site.entries():
        langs = {code: (t.file, t.meta) for code, t in entry.translations.items()}
        items.append((entry.source.file, entry.collection, entry.meta, entry.body, langs))
    items += _pages(site, others)
    for source_file, kind, meta, body, langs in sorted(items, key=lambda i: i[0]):
        current_hash = None
        for code in others:
            cov = result[code]
            cov.total += 1
            cov.count(kind, code in langs)
            if code not in langs:
                cov.missing.append(source_file)
                continue
            file, tmeta = langs[code]
            stamped = (tmeta or {}).get("source_hash")
            if not stamped:
                cov.unstamped.append(file)
                continue
            if current_hash is None:
                current_hash = source_hash(kind, _fingerprint_meta(meta), body)
            (cov.current if str(stamped) == current_hash else cov.stale).append(file)
    return [result[code] for code in others]


def _fingerprint_meta(meta: dict) -> dict:
    # Validated values may be dates or other objects; the fingerprint is taken over what the
    # author wrote, and translatable fields are all text.
    return {k: v for k, v in meta.items() if isinstance(v, str)}


def _pages(site, others) -> list:
    """Hand-written pages (rendered by the shell): index.md with index.en.md beside it."""
    content = site.config.content_dir
    root = site.config.project_dir
    names = set(site.pages)
    items = []
    for name in sorted(names):
        parts = translation_parts(Path(name))
        if parts is not None and parts[1] in others:
            continue  # a translation, counted with its source
        langs = {}
        for code in others:
            tname = f"{name[:-3]}.{code}.md"
            if tname in names:
                langs[code] = (_rel(content / tname, root), _meta_of(content / tname))
        meta, body = _read(content / name)
        items.append((_rel(content / name, root), "page", meta, body, langs))
    return items


def _read(path: Path) -> tuple[dict, str]:
    try:
        return read_source(path)
    except Exception:  # unreadable or broken frontmatter: check reports it elsewhere
        return {}, ""


def _meta_of(path: Path) -> dict:
    return _read(path)[0]


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def report_lines(reports: list[LanguageCoverage], msg_lang: str = "vi") -> list[str]:
    i = 0 if msg_lang == "vi" else 1
    lines = []
    for cov in reports:
        lines.append(_WORDS["title"][i].format(lang=cov.lang, done=cov.done, total=cov.total))
        if cov.by_type:
            lines.append(_WORDS["by_type"][i])
            lines.extend(_WORDS["type_line"][i].format(name=PAGE_TYPES.get(kind, (kind, kind))[i], done=done,
                                                      total=total) for kind, (done, total) in _in_order(cov.by_type))
        for key in ("missing", "stale", "unstamped"):
            files = getattr(cov, key)
            if files:
                lines.append(f"{_WORDS[key][i]} ({len(files)}):")
                lines.extend(f"    {f}" for f in files)
        if cov.stale or cov.unstamped:
            lines.append(_WORDS["hint"][i])
    return lines


__all__ = ["coverage", "report_lines", "LanguageCoverage", "PAGE_TYPES", "TRANSLATABLE"]
