"""Phases (đợt) and deadlines of a plan.

"Đợt 1: Từ ngày 09/9/2021 đến hết ngày 31/12/2021", "Đợt 2: Sau ngày 31/12/2021 (...)",
"THỜI GIAN THỰC HIỆN: Từ ngày 10/9/2021 đến ngày 30/10/2021", "... trước ngày 15/10/2021".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .textutil import NUMERIC_DATE, fold, make_date

_SPAN = re.compile(
    r"t\S{1,2}\s+ng\S{1,2}y\s+" + NUMERIC_DATE + r"\s*(?:-|đ\S{0,2}n|d\S{1,2}n)\s+(?:h\S{1,2}t\s+)?(?:ng\S{1,2}y\s+)?" + NUMERIC_DATE
)
_AFTER = re.compile(r"sau\s+ng\S{1,2}y\s+" + NUMERIC_DATE)
_PHASE_LABEL = re.compile(r"(d\S{1,2}t\s+(?:\d+|[ivx]+))\s*[:.-]?\s*$")
_DEADLINE = re.compile(r"(?:tr\S{1,3}c|ch\S{1,2}m nh\S{1,2}t(?: l\S)?|h\S{1,2}n ch\S{1,2}t)\s+(?:ng\S{1,2}y\s+)?" + NUMERIC_DATE)


@dataclass
class Phase:
    name: str
    start: str | None = None
    end: str | None = None
    note: str | None = None
    guessed_name: bool = False


@dataclass
class Deadline:
    date: str
    what: str


def _label_before(text: str, folded: str, pos: int) -> str | None:
    line_start = folded.rfind("\n", 0, pos) + 1
    m = _PHASE_LABEL.search(folded[line_start:pos])
    if m:
        a = line_start + m.start(1)
        return re.sub(r"\s+", " ", text[a:line_start + m.end(1)]).strip()
    return None


def find_phases(text: str, title: str) -> list[Phase]:
    folded = fold(text)
    phases: list[Phase] = []
    for m in _SPAN.finditer(folded):
        start, end = make_date(*m.group(1, 2, 3)), make_date(*m.group(4, 5, 6))
        label = _label_before(text, folded, m.start())
        guessed = False
        if label is None:
            # An unnamed period: name it after the "đợt ..." of the title when there is one
            # ("đợt cao điểm"), else after the heading it stands under; a reviewer checks it.
            t = re.search(r"(đợt\s+(?!thi)\S+(?:\s+(?!thi)\S+)?)", title, re.IGNORECASE)
            if t:
                label = t.group(1)[0].upper() + t.group(1)[1:]
            else:
                head = text[folded.rfind("\n", 0, m.start()) + 1:m.start()].strip(" :-*#")
                label = head.capitalize() if head and len(head.split()) <= 6 else "Thời gian thực hiện"
                guessed = True
        phases.append(Phase(label, start, end, guessed_name=guessed))
    for m in _AFTER.finditer(folded):
        label = _label_before(text, folded, m.start())
        if label is None:
            continue
        line_end = folded.find("\n", m.start())
        note = text[m.start(): line_end if line_end >= 0 else len(text)].strip().rstrip(".")
        phases.append(Phase(label, note=note))
    phases.sort(key=lambda p: (p.start or "9999", p.name))
    return phases


def find_deadlines(text: str) -> list[Deadline]:
    folded = fold(text)
    found: list[Deadline] = []
    for m in _DEADLINE.finditer(folded):
        date = make_date(*m.group(1, 2, 3))
        if date is None:
            continue
        # What is due: the clause before the deadline, from the start of its sentence.
        start = max(folded.rfind(". ", 0, m.start()), folded.rfind("\n", 0, m.start()),
                    folded.rfind(": ", 0, m.start()) if folded.rfind(": ", 0, m.start()) > m.start() - 200 else -1)
        what = text[start + 1:m.start()].strip(" *,;:")
        what = re.sub(r"\*+", "", re.sub(r"\s+", " ", what)).strip()
        if what:
            found.append(Deadline(date, what[0].upper() + what[1:]))
    return found
