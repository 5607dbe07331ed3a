"""Who issued the document: from the header, or inferred from the text when the copy has
no header; and the body's id, from the bodies mapping (data/bodies.yml) when given."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .textutil import fold, slug

LEVELS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_ABBREV = [("uy ban nhan dan", "ubnd"), ("hoi dong nhan dan", "hdnd")]


def norm(text: str) -> str:
    """Compare names written differently: case, marks, "Ủy ban nhân dân" vs "UBND"."""
    s = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text.lower())).split())
    for long, short in _ABBREV:
        s = s.replace(long, short)
    return s


@dataclass
class Issuer:
    name: str | None       # as written (header) or as inferred
    parent: str | None
    inferred: bool = False
    id: str | None = None
    known: bool = False    # id found in the bodies mapping


def _proper_after(text: str, pos: int) -> str:
    words = []
    for w in text[pos:].split("\n", 1)[0].split()[:4]:
        w = w.strip(",.;:”\"")
        if not w or not w[0].isupper():
            break
        words.append(w)
    return " ".join(words)


def infer_issuer(preamble: str, context: str, place: str | None) -> str | None:
    """"UBND tỉnh Sóc Trăng ban hành", "UBND - Hội đồng TĐKT xã Đại Mạch phát động"."""
    folded = fold(preamble)
    matches = re.finditer(r"(?:uy ban nhan dan|ubnd)\b[^.;]{0,40}?\b(tinh|thanh pho|huyen|quan|thi xa|thi tran|xa|phuong)\b"
                  r"([^.;]{0,40}?)\s(?:ban hanh|phat dong|xay dung)", folded)
    # "... do UBND thành phố Hà Nội phát động" names who launched a cited movement, not us.
    m = next((m for m in matches if not folded[:m.start()].rstrip().endswith(" do")), None)
    if not m:
        return None
    level = preamble[m.start(1):m.end(1)]
    name = _proper_after(preamble, m.end(1))
    if not name:
        # "UBND tỉnh ban hành ... trên địa bàn tỉnh Đắk Lắk": the name stands elsewhere.
        cf = fold(context)
        for mm in re.finditer(r"\b" + fold(level) + r"\s+", cf):
            name = _proper_after(context, mm.end())
            if name:
                break
    if not name and place:
        name = place
    return f"UBND {level} {name}".strip() if name else None


def resolve(name: str | None, parent: str | None, bodies: dict | None) -> tuple[str | None, bool]:
    """(id, known): the id of the body in the mapping, or a slug of its name."""
    if not name:
        return None, False
    if bodies:
        key = norm(name)
        hits = [bid for bid, b in bodies.items()
                if key in {norm(str(b.get(k) or "")) for k in ("header", "name", "short")}]
        if len(hits) > 1 and parent:
            pkey = norm(parent)
            # the line above it as the body writes it (parent_header), or its parent body's names
            hits = [h for h in hits if pkey == norm(str(bodies[h].get("parent_header") or "")) or pkey in {
                norm(str((bodies.get(bodies[h].get("parent") or "") or {}).get(k) or ""))
                for k in ("header", "name", "short")}] or hits
        if not hits and parent:  # "SỞ Y TẾ" under "UBND TỈNH ĐẮK LẮK" = "Sở Y tế tỉnh Đắk Lắk"
            place = re.sub(r"^(ubnd|hdnd)\s+", "", norm(parent))
            full = {norm(name + " " + place), norm(name + " " + _locality(parent))}
            hits = [bid for bid, b in bodies.items() if norm(str(b.get("name") or "")) in full]
        if len(hits) == 1:
            return hits[0], True
    base = slug(norm(name))
    if parent and not re.search(r"\b(tinh|huyen|xa|phuong|quan|thanh pho|thi xa|thi tran)\b", fold(name.lower())):
        base = f"{base}-{slug(_locality(parent))}".strip("-")
    return base, False


def _locality(parent: str) -> str:
    s = norm(parent)
    s = re.sub(r"^(ubnd|hdnd)\s+", "", s)
    s = re.sub(r"^(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\s+", "", s)
    return s
