"""The closing block: recipients (Nơi nhận) and the signing block (TM./KT., title, name)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .reading import Line
from .structure import AUTHORITY, RECIPIENTS_HEAD
from .textutil import fold, strip_markup

_INITIALS = re.compile(r"\s*/?\s*\*[^*\s]{1,8}\*\s*$")  # typist's initials: "VT *hệ*", "/*ĐUC*"


@dataclass
class Signature:
    authority: str | None = None
    body: str | None = None
    title: str | None = None
    name: str | None = None
    recipients: list[str] = field(default_factory=list)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_name(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 6 and not _is_upper(text) and not re.search(r"[\d:;,()/]", text)
            and all(w[0].isupper() for w in words))


def parse_closing(lines: list[Line]) -> Signature:
    sig = Signature()
    in_recipients = False
    titles: list[str] = []
    for line in lines:
        if sig.name and titles:
            break  # the signature is complete; what follows is an annex (a decision's list)
        text = _INITIALS.sub("", strip_markup(line.text)).strip()
        if not text:
            continue
        head = RECIPIENTS_HEAD.match(fold(text))
        if head:
            in_recipients = True
            rest = text[head.end():].strip()
            if rest and _is_upper(rest):  # OCR merged the two columns: "Nơi nhận: GIÁM ĐỐC"
                titles.append(rest)
            elif rest:
                sig.recipients.append(rest.strip(" ;,."))
            continue
        if text.startswith(("-", "+", "•")):
            if in_recipients:
                sig.recipients.append(text.lstrip("-+• ").strip(" ;,.") )
            continue
        m = AUTHORITY.match(text)
        if m:
            sig.authority = m.group(1) + "."
            if m.group(2).strip():
                sig.body = m.group(2).strip()
            in_recipients = False
            continue
        if _is_upper(text) and len(text.split()) <= 8:
            titles.append(text)
            continue
        if _is_name(text):
            sig.name = text
    # "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH": the last upper-case line is the signer's title;
    # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the body slot then holds the head's title.
    if titles:
        sig.title = titles[-1]
    return sig
