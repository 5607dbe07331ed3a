"""Award forms named in a document, matched against the site's award list.

The list comes from data/awards.yml (a list of {id, label: {vi: ...}}, optionally
`aliases`), passed in by the caller. The text is searched for award phrases ("Bằng khen
của Chủ tịch UBND tỉnh", "Giấy khen của Thủ trưởng các sở"), each phrase is compared with
every label by how much of the label it contains (tolerant of OCR damage), and the most
specific label wins. A phrase that fits several labels equally ("Huân chương Lao động"
when the list has three classes) is reported as ambiguous instead of guessed.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .textutil import fold, slug

# Heads of award phrases, folded and OCR-tolerant ("Béng khen", "Gidy khen").
_HEADS = re.compile(
    r"\b(hu\w{1,2}n ch\w{1,3}ng|huy ch\w{1,3}ng|b\w{1,2}ng khen|gi\w{1,2}y khen|c\w thi d\w{1,2}a"
    r"|chi\w{1,2}n s\w thi d\w{1,2}a (?=toan quoc|cap|co so)|danh hi\w{1,2}u [a-z ]{3,30}?(?=[,.;]))"
)
_PHRASE_END = re.compile(r"[;.:(\n,]|\s(?:va|doi voi|cho|theo|de|tai|trong|thuoc)\s")
_CONFERRER_BEFORE = re.compile(
    r"((?:chu tich|thu tuong|giam doc|bo truong|thu truong)[^.;,]{0,45}?)\s+(?:se\s+)?(?:xem xet,?\s+)?(?:quyet dinh\s+)?(?:tang|khen thuong)\s*$"
)
_ABBREV = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "tp": "thanh pho"}
THRESHOLD = 0.8


def canon(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(text.lower())).split()
    out: list[str] = []
    for w in words:
        if w == "cua":
            continue
        out.extend(_ABBREV.get(w, w).split())
    return " ".join(out)


@dataclass
class AwardMatch:
    ids: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)  # phrase, candidate ids
    unmatched: list[str] = field(default_factory=list)                    # phrases
    guessed: bool = False  # no award list: ids are slugs of the phrases


def _coverage(needle: str, haystack: str) -> float:
    a, b = needle.replace(" ", ""), haystack.replace(" ", "")
    if not a:
        return 0.0
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(bl.size for bl in blocks) / len(a)


def find_phrases(text: str) -> list[str]:
    folded = fold(text.lower())
    phrases: list[str] = []
    for m in _HEADS.finditer(folded):
        end_m = _PHRASE_END.search(folded, m.end())
        end = end_m.start() if end_m else len(text)
        phrase = re.sub(r"\s+", " ", text[m.start():end]).strip(" *")
        words = phrase.split()[:12]
        phrase = " ".join(words)
        if len(canon(phrase).split()) <= 2:  # bare "Bằng khen": who gives it may stand before
            before = _CONFERRER_BEFORE.search(folded[max(0, m.start() - 80):m.start()])
            if before:
                a = m.start() - (len(folded[max(0, m.start() - 80):m.start()]) - before.start(1))
                who = re.sub(r"\s+", " ", text[a:a + len(before.group(1))]).strip()
                phrase = f"{phrase} của {who}"
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases


def _labels(award: dict) -> list[str]:
    label = award.get("label")
    names = [label.get("vi", "")] if isinstance(label, dict) else [str(label or "")]
    names += list(award.get("aliases") or [])
    return [canon(n) for n in names if n]


def match_awards(text: str, awards: list[dict] | None) -> AwardMatch:
    result = AwardMatch()
    phrases = find_phrases(text)
    if not awards:
        result.guessed = bool(phrases)
        for p in phrases:
            s = slug(canon(p))
            if s and s not in result.ids:
                result.ids.append(s)
        return result
    for phrase in phrases:
        c = canon(phrase)
        scored = []
        for award in awards:
            best = max((_coverage(lbl, c) for lbl in _labels(award)), default=0.0)
            length = max((len(lbl) for lbl in _labels(award)), default=0)
            scored.append((best, length, award["id"]))
        fits = sorted((s for s in scored if s[0] >= THRESHOLD), reverse=True)
        if fits:
            top = [f for f in fits if f[0] >= fits[0][0] - 0.02]
            top.sort(key=lambda f: f[1], reverse=True)
            if len(top) > 1 and top[0][1] == top[1][1]:
                result.ambiguous.append((phrase, [f[2] for f in top]))
            elif top[0][2] not in result.ids:
                result.ids.append(top[0][2])
            continue
        # The phrase may be a shorter form of several labels ("Huân chương Lao động").
        wider = [a["id"] for a in awards if any(_coverage(c, lbl) >= 0.95 for lbl in _labels(a))]
        if wider:
            result.ambiguous.append((phrase, wider))
        else:
            result.unmatched.append(phrase)
    return result
