"""The document header: issuing body and its parent, national motto, number and symbol,
place and date."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .reading import Line
from .textutil import fold, make_date, strip_markup

# Matched on folded text; tolerant of OCR ("CONGHOA XA HQI", "Poc lap - Tur do - Hanh phtc").
MOTTO_1 = re.compile(r"c\s*o\s*n\s*g\s*h\s*o\s*a\s+x\w{0,2}\s+h\w{1,3}\s+ch\w{0,2}\s+ngh\w{1,3}\s+vi\w{1,3}\s+nam")
MOTTO_2 = re.compile(r"[dp]\w{1,2}c\s+l\w{1,2}p\s*[-–]\s*t\w{1,2}\s+do\s*[-–]\s*h\w{1,2}nh\s+ph\w{1,3}")
# "Số: 108 /KH-UBND", "Số: /KH-SYT", "Sb: 44 |KH-STTTT" (the folded "s" plus up to 2 letters).
NUMBER = re.compile(r"(?:^|\s)s\w{0,2}\s*[:.]?\s*(\d*)\s*[/|]\s*([a-z]+(?:\s*-\s*[a-z0-9]+)+)")
# "Đại Mạch, ngày 11 tháng 9 năm 2021", "ngày   tháng 12 năm 2021", "ngày ... tháng ...".
DATE = re.compile(r"ng\w{0,2}y[\s._…]*?(\d{1,2})?[\s._…]*th\w{1,3}ng[\s._…]*?(\d{1,2})?[\s._…]*n\w{1,2}m\s*(\d{4})")
# Words that begin the name of a body in a header.
BODY_HEADS = ("ubnd", "uy ban", "so ", "phong ", "ban ", "hoi dong", "truong ", "bo ", "cuc ",
              "trung tam", "van phong", "cong an", "dang uy", "benh vien", "tinh uy", "huyen uy",
              "chi cuc", "thanh uy", "mat tran", "doan ", "hoi ")


@dataclass
class Header:
    bodies: list[str] = field(default_factory=list)  # as written, parent first
    motto: bool = False
    number: str | None = None   # "" when blank on the copy, None when no number line
    symbol: str | None = None
    place: str | None = None
    date: str | None = None     # ISO, possibly partial
    date_text: str | None = None

    @property
    def issuer(self) -> str | None:
        return self.bodies[-1] if self.bodies else None

    @property
    def parent(self) -> str | None:
        return self.bodies[-2] if len(self.bodies) > 1 else None


def _cut(text: str, folded: str, match: re.Match) -> tuple[str, str]:
    a, b = match.span()
    return text[:a] + " " + text[b:], folded[:a] + " " + folded[b:]


def parse_header(lines: list[Line]) -> Header:
    head = Header()
    leftovers: list[str] = []
    for line in lines:
        text = strip_markup(line.text)
        folded = fold(text)
        for motto in (MOTTO_1, MOTTO_2):
            m = motto.search(folded)
            if m:
                head.motto = True
                text, folded = _cut(text, folded, m)
        m = NUMBER.search(folded)
        if m and head.symbol is None:
            head.number = m.group(1)
            head.symbol = re.sub(r"\s+", "", text[m.start(2):m.end(2)])
            text, folded = _cut(text, folded, m)
        m = DATE.search(folded)
        if m and head.date is None:
            head.date = make_date(m.group(1), m.group(2), m.group(3))
            head.date_text = text[m.start():m.end()]
            place = text[:m.start()].strip(" ,;-")
            if place:
                head.place = place
            text = text[m.end():]  # the place went with the date
        text = re.sub(r"\s+", " ", text).strip(" -–_*")
        if text and not re.fullmatch(r"[\W_]*", text):
            leftovers.append(text)
    # Group leftover lines into bodies: a line that begins like a body name starts one,
    # any other line continues the previous ("SỞ THÔNG TIN VÀ" / "TRUYỀN THÔNG").
    for text in leftovers:
        key = fold(text.lower()) + " "
        if head.bodies and not key.startswith(BODY_HEADS):
            head.bodies[-1] += " " + text
        else:
            head.bodies.append(text)
    return head
