"""The report a check or a build ends with: every content file accounted for."""
from __future__ import annotations

from collections import Counter

STATUS_WORDS = {
    "built": ("đã dựng", "built"), "draft": ("bản nháp, chưa đăng", "draft, not published"),
    "scheduled": ("chưa đến ngày đăng", "scheduled, not yet published"), "failed": ("lỗi", "failed"),
    "data": ("dữ liệu", "data"), "page": ("trang viết tay", "hand-written page"),
    "media": ("tệp đính kèm", "media"), "ignored": ("không dùng", "not used"),
}


def problem_lines(problems, lang: str = "vi") -> list[str]:
    """Problems grouped by file, in file order, each with its line."""
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
    return [p.render(lang) for p in ordered]


def summary(problems, lang: str = "vi") -> str:
    counts = Counter(problems.files.values())
    parts = [f"{counts[k]} {STATUS_WORDS[k][0 if lang == 'vi' else 1]}" for k in STATUS_WORDS if counts.get(k)]
    errors, warnings = len(problems.errors), len(problems.warnings)
    head = ("Tệp nội dung: " if lang == "vi" else "Content files: ") + ", ".join(parts)
    tail = (f"{errors} lỗi, {warnings} cảnh báo." if lang == "vi" else f"{errors} errors, {warnings} warnings.")
    return f"{head}. {tail}"


def file_statuses(problems) -> dict[str, str]:
    return dict(sorted(problems.files.items()))
