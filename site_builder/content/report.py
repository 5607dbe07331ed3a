"""The report a check or a build ends with: every content file accounted for."""
from __future__ import annotations

from collections import Counter
from itertools import groupby

STATUS_WORDS = {
    "built": ("đã dựng", "built"), "draft": ("bản nháp, chưa đăng", "draft, not published"),
    "scheduled": ("chưa đến ngày đăng", "scheduled, not yet published"), "failed": ("lỗi", "failed"),
    "data": ("dữ liệu", "data"), "page": ("trang viết tay", "hand-written page"),
    "media": ("tệp đính kèm", "media"), "ignored": ("không dùng", "not used"),
}


def problem_lines(problems, lang: str = "vi") -> list[str]:
    """Problems grouped by file: a heading per file, then its problems in line order.

    Each problem line still starts with "file:line:" so that terminals and editors can
    jump to it; the heading tells a communicator at a glance which files need work.
    """
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
    lines: list[str] = []
    for file, group in groupby(ordered, key=lambda p: p.file):
        group = list(group)
        if lines:
            lines.append("")
        lines.append(file_heading(file, group, lang))
        lines.extend(p.render(lang) for p in group)
    return lines


def file_heading(file: str, group, lang: str = "vi") -> str:
    errors = sum(1 for p in group if p.severity == "error")
    warnings = len(group) - errors
    if lang == "vi":
        counts = [f"{errors} lỗi" if errors else "", f"{warnings} cảnh báo" if warnings else ""]
    else:
        counts = [f"{errors} error{'s' if errors != 1 else ''}" if errors else "",
                  f"{warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""]
    return f"== {file} ({', '.join(c for c in counts if c)}) =="


def summary(problems, lang: str = "vi") -> str:
    counts = Counter(problems.files.values())
    parts = [f"{counts[k]} {STATUS_WORDS[k][0 if lang == 'vi' else 1]}" for k in STATUS_WORDS if counts.get(k)]
    head = ("Tệp nội dung: " if lang == "vi" else "Content files: ") + ", ".join(parts)
    return f"{head}. {error_counts(problems, lang)}."


def error_counts(problems, lang: str = "vi") -> str:
    """"2 lỗi, 1 cảnh báo" / "2 errors, 1 warning": the summary's and the CI reports' counts."""
    errors, warnings = len(problems.errors), len(problems.warnings)
    if lang == "vi":
        return f"{errors} lỗi, {warnings} cảnh báo"
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"


def refusal(problems, lang: str = "vi") -> str:
    """The last line of a build the content's errors stopped."""
    errors = len(problems.errors)
    if lang == "vi":
        return f"{errors} lỗi trong nội dung, trang không được dựng"
    return f"{_count(errors, 'error')} in content, site not built"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def file_statuses(problems) -> dict[str, str]:
    return dict(sorted(problems.files.items()))
