"""The authority to sign (thẩm quyền ký) must fit the document's issuer.

Nghị định 30/2020/NĐ-CP, Điều 13 and Phụ lục I (the signing block): "TM." (thay mặt) is
written when the head signs on behalf of a collective body that decides collectively, a
People's Committee; "KT." (ký thay) when a deputy signs for the head, the line under it
naming the deputy ("KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH"); "Q.", "TL." and "TUQ." for an acting
head and for signing by order or by delegation. What is checked, on plans and decisions alike:

- TM. only for a collective issuer: a People's Committee (bodies.yml `kind: people_committee`,
  or, for a body without `kind`, a `level` of province, district or commune), and never on a
  head's own decision. An award decision (content/decisions/) is always the head's own: the
  award law gives the power to confer to the head, not to the committee (Chủ tịch UBND,
  Giám đốc Sở: rules/law/catalogue.yml `authorities`), so decision 2475/QĐ-UBND of the
  Chairman of UBND tỉnh Sóc Trăng is signed "CHỦ TỊCH", or "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH",
  never "TM. ỦY BAN NHÂN DÂN". Bodies that are one person (level president, prime_minister)
  or a ministry or department (headed by a minister or director) never sign TM. either.
- KT. is signed by a deputy for the head: the title under it is the head's with "PHÓ" (the
  deputy of a minister is a "THỨ TRƯỞNG"), possibly followed by more ("PHÓ CHỦ TỊCH THƯỜNG
  TRỰC"), and the line after "KT." names the head.
- A deputy (a title starting "PHÓ", or "THỨ TRƯỞNG") signs only with KT.
- Q., TL. and TUQ. are not judged: who may sign them is set by each body's own working
  rules (quy chế làm việc), which the site does not know.
"""
from __future__ import annotations

COLLECTIVE_KINDS = ("people_committee",)
# Levels whose bodies are People's Committees when bodies.yml gives no `kind`.
COMMITTEE_LEVELS = ("province", "district", "commune")
DEPUTY_OF = {"BỘ TRƯỞNG": "THỨ TRƯỞNG"}  # otherwise "PHÓ " + the head's title


def check(site) -> None:
    for doc in [*site.plans.values(), *site.decisions.values()]:
        signer = doc.get("signer")
        body = site.bodies.get(doc.get("issuer"))
        if not isinstance(signer, dict) or body is None:
            continue  # no signer, or an unknown issuer: rules.references reports it
        problem = fault(doc, body, signer)
        if problem is not None:
            code, field, params = problem
            site.problems.add(doc.source.file, doc.parsed.line_of(f"signer.{field}"), f"signer.{field}", code,
                              **params)


def is_collective(body) -> bool:
    """A body that decides collectively, for which its head signs "TM." (thay mặt)."""
    if body.kind:
        return body.kind in COLLECTIVE_KINDS
    return body.level in COMMITTEE_LEVELS


def fault(doc, body, signer: dict) -> tuple[str, str, dict] | None:
    """(problem code, the signer's field it concerns, params) when the signing block does not
    fit the issuer; None when it does."""
    authority = signer.get("authority")
    title = _words(signer.get("title"))
    head = _words(signer.get("body"))
    if authority == "TM.":
        own = doc.collection == "decision"
        if own or not is_collective(body):
            head_title = _head_of(title) or "CHỦ TỊCH"
            why = (("quyết định khen thưởng là quyết định của người đứng đầu, không phải của tập thể",
                    "an award decision is the head's own decision, not the collective body's") if own and
                   is_collective(body) else
                   (f"{body.name} không phải là một tập thể ra quyết định chung",
                    f"{body.name} is not a body that decides collectively"))
            return "signer_not_collective", "authority", {
                "why": why, "head": head_title, "deputy": _deputy_of(head_title)}
        return None
    if authority == "KT.":
        head_title = head or _head_of(title)
        deputy = _deputy_of(head_title)
        # "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "PHÓ GIÁM ĐỐC PHỤ TRÁCH" are deputies too
        if not head or (title != deputy and not title.startswith(deputy + " ")):
            return "signer_kt_deputy", "title" if head else "body", {
                "title": signer.get("title") or "", "head": head_title, "deputy": _deputy_of(head_title)}
        return None
    if authority is None and title and _head_of(title) != title:
        head_title = _head_of(title)
        return "signer_deputy_without_kt", "title", {
            "title": signer.get("title"), "head": head_title, "deputy": title}
    return None


def _words(text) -> str:
    return " ".join(str(text).upper().split()) if text else ""


def _head_of(title: str) -> str:
    """The head's title a deputy's title stands for ("PHÓ CHỦ TỊCH" -> "CHỦ TỊCH")."""
    for head, deputy in DEPUTY_OF.items():
        if title == deputy:
            return head
    return title[len("PHÓ "):] if title.startswith("PHÓ ") else title


def _deputy_of(head: str) -> str:
    return DEPUTY_OF.get(head, f"PHÓ {head}")
