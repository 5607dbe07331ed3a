"""Which fields a translation may carry, and the fingerprint that tells a stale translation.

A translation (`<stem>.<lang>.md` beside the Vietnamese source) carries only what changes
with the language: titles, summaries, alt texts and the body. Facts (numbers, dates,
issuers, awardees) are read from the Vietnamese source, so they cannot drift apart.

`source_hash` is a short fingerprint of the source's translatable fields and body, written
into the translation when it is made (`site-builder translations --stamp FILE`). When the
Vietnamese text changes later, the fingerprint no longer matches and `check` reports the
translation as stale.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

# Fields a translation may set, per kind of content. "page" is a hand-written MkDocs page.
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "plan": ("title", "summary"),
    "decision": ("title", "summary"),
    "message": ("title", "summary", "audience", "image_alt"),
    "story": ("title", "summary", "photo_alt"),
    "consultation": ("title", "summary"),
    "page": ("title", "description"),
}
# Bookkeeping fields every translation may carry besides the translatable ones.
TRANSLATION_FIELDS = ("source_hash",)

HASH_LENGTH = 12


def allowed_fields(kind: str) -> tuple[str, ...]:
    return TRANSLATABLE.get(kind, ()) + TRANSLATION_FIELDS


def source_hash(kind: str, meta: dict, body: str) -> str:
    """Fingerprint of what a translator translates: the translatable fields and the body.

    Whitespace at line ends and blank-line runs are normalised so that re-wrapping a file
    in an editor does not make every translation stale.
    """
    fields = {k: _plain(meta.get(k)) for k in TRANSLATABLE.get(kind, ()) if meta.get(k) not in (None, "")}
    text = re.sub(r"[ \t]+\n", "\n", body.strip())
    text = re.sub(r"\n{3,}", "\n\n", text)
    payload = json.dumps({"fields": fields, "body": text}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _plain(value):
    return value.strip() if isinstance(value, str) else value


def translation_parts(path: Path) -> tuple[Path, str] | None:
    """`plans/x.en.md` -> (`plans/x.md`, "en"); None when the name carries no language."""
    stem = path.name[:-3] if path.name.endswith(".md") else None
    if not stem or "." not in stem:
        return None
    base, lang = stem.rsplit(".", 1)
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        return None
    return path.with_name(base + ".md"), lang


def kind_of(content_dir: Path, source: Path) -> str:
    """Kind of content of a source file, from the folder it sits in."""
    from ..content.folders import COLLECTION_DIRS

    try:
        parts = source.resolve().relative_to(content_dir.resolve()).parts
    except ValueError:
        parts = source.parts
    return COLLECTION_DIRS.get(parts[0], "page") if len(parts) > 1 else "page"


def read_source(path: Path) -> tuple[dict, str]:
    """(frontmatter, body) of a Markdown file; a page without frontmatter is all body."""
    from ..content.frontmatter import FrontmatterError, parse

    text = path.read_text(encoding="utf-8")
    try:
        parsed = parse(text)
    except FrontmatterError as exc:
        if exc.code == "no_frontmatter":
            return {}, text.lstrip("\ufeff")
        raise
    return parsed.meta or {}, parsed.body


def stamp(translation: Path, content_dir: Path, default_language: str = "vi") -> str:
    """Write the current fingerprint of the Vietnamese source (`x.md`, or `x.vi.md` as the web
    editor names it) into a translation file.

    Only the `source_hash:` line is touched (added at the end of the frontmatter, or
    replaced), so the translator's comments and layout stay as they were.
    """
    parts = translation_parts(translation)
    if parts is None:
        raise ValueError(f"{translation}: not a translation (<name>.<lang>.md)")
    source, _lang = parts
    if not source.is_file():
        source = source.with_name(f"{source.stem}.{default_language}.md")
    if not source.is_file():
        raise FileNotFoundError(f"{source}: the Vietnamese source does not exist")
    meta, body = read_source(source)
    value = source_hash(kind_of(content_dir, source), meta, body)
    text = translation.read_text(encoding="utf-8")
    line = f"source_hash: {value}"
    if re.search(r"(?m)^source_hash:.*$", text):
        text = re.sub(r"(?m)^source_hash:.*$", line, text, count=1)
    elif text.lstrip("\ufeff").startswith("---"):
        lines = text.split("\n")
        close = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if close is None:
            raise ValueError(f"{translation}: the frontmatter has no closing --- line")
        lines.insert(close, line)
        text = "\n".join(lines)
    else:
        text = f"---\n{line}\n---\n{text}"
    translation.write_text(text, encoding="utf-8")
    return value
