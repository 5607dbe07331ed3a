"""A plan's or decision's signed original (`original`): a real PDF or scan inside content/.

The field names a file from content/ (content/schema.py refuses a path that leaves it before
anything is opened). Here, without reading more than its first and last bytes:

- it is one the loader found inside content/ (`site.media`: not through a link out of it,
  not over the media limit: content/safe_files.py), else "not found";
- its suffix is .pdf, .jpg/.jpeg or .png, and its bytes are what the suffix says: a PDF
  starts with "%PDF-" and ends with "%%EOF" (within its last 1024 bytes, where PDF writers
  put it, trailing newlines or padding included); a JPEG starts with FF D8 FF; a PNG with its
  8-byte signature. A text file or a Word document renamed ".pdf" is refused, since the
  page would offer citizens a "signed original" that is not one;
- it is at most SIZE_LIMITS["original"] (20 MB: docs/content-model.md).

Each problem names the document's file and the line of `original`. A document whose original
passes has it as its `original` (content/model.py Document), which pages, embeds and open data
read.
"""
from __future__ import annotations

from pathlib import Path

from ..content.model import Original
from ..content.safe_files import SIZE_LIMITS, too_large

SUFFIX_KINDS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}
MAGIC = {"jpeg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
PDF_END = b"%%EOF"
PDF_TAIL = 1024  # bytes at the end of a PDF in which its "%%EOF" must be


def check(site) -> None:
    media = set(site.media)
    content = Path(site.config.content_dir)
    for doc in [*site.plans.values(), *site.decisions.values(), *(
            e for e in site.unpublished.values() if e.collection in ("plan", "decision"))]:
        value = doc.get("original")
        if not value:
            continue  # absent, or a path the schema refused (reported there)
        line = doc.parsed.line_of("original")
        problem = fault(content, value, media)
        if isinstance(problem, tuple):
            site.problems.add(doc.source.file, line, "original", problem[0], value=value, **problem[1])
        else:
            doc.original = problem


def fault(content: Path, value: str, media: set) -> Original | tuple[str, dict]:
    """The checked Original that `value` (a path under content/) names, or (problem code,
    params) saying why it cannot be one."""
    kind = SUFFIX_KINDS.get(Path(value).suffix.lower())
    if kind is None:
        return "original_kind", {}
    if value not in media:
        return "media_missing", {}
    path = content / value
    over = too_large(path, "original")
    if over is not None:
        return "original_too_large", {"size": _megabytes(over[1]["size"]),
                                      "limit": _megabytes(SIZE_LIMITS["original"][1])}
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(8)
            file.seek(max(0, size - PDF_TAIL))
            tail = file.read(PDF_TAIL)
    except OSError:
        return "media_missing", {}
    if not head.startswith(MAGIC[kind]) or (kind == "pdf" and PDF_END not in tail):
        return "original_not_its_kind", {"kind": kind.upper()}
    return Original(value, kind, size)


def _megabytes(size: int) -> tuple[str, str]:
    """(vi, en): "25,3 MB", "25.3 MB"."""
    text = f"{size / (1024 * 1024):.1f} MB"
    return text.replace(".", ","), text
