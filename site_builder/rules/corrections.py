"""A correction decision (Quyết định đính chính) amends named fields of named recipients of
earlier decisions: a misspelt name, a wrong unit.

`corrects: [{decision, recipient, field, from, to}]` in its frontmatter. Each item is checked
(the recipient exists, `from` is what the corrected decision published, the correction is not
dated before it) and applied: the awardee's field takes the new value, so every page, list,
download, index and embed shows it, and `awardee.corrections` keeps the trail (model.Correction)
that the recipient's page shows under "Lịch sử". The recipient keeps its id, so its address
does not change. Corrections apply in the order of their decisions' dates, so a second
correction of the same field starts from the first one's `to`. Only published decisions
correct: a draft correction takes effect when it is published.
"""
from __future__ import annotations

import difflib

from ..content.dates import UNKNOWN_DATE
from ..content.model import Correction
from ..honor.awardees import amend, find_awardee
from .privacy import check_awardee_fields
from ..text.normal_names import normal_name

# How each field is named in messages (vi, en).
FIELD_NAMES = {"name": ("họ và tên / tên tập thể", "name"), "position": ("chức vụ", "position"),
               "unit": ("đơn vị", "unit"), "locality": ("địa phương", "locality"),
               "achievement": ("thành tích", "achievement")}


def check(site) -> None:
    for decision in sorted(site.decisions.values(), key=lambda d: (d.date.sort_key(), d.id)):
        for i, item in enumerate(decision.get("corrects", [])):
            if item and all(item.get(key) is not None for key in ("decision", "recipient", "field", "from", "to")):
                _apply(site, decision, i, item)


def _apply(site, decision, i: int, item: dict) -> None:
    target = site.decisions.get(item["decision"])
    if target is None:
        return  # an unknown decision id is reported by rules.references
    file, prefix = decision.source.file, f"corrects[{i}]"

    def report(key: str, code: str, **params) -> None:
        site.problems.add(file, decision.parsed.line_of(f"{prefix}.{key}"), f"{prefix}.{key}", code, **params)

    awardee = recipient_of(site, target.id, item["recipient"])
    if awardee is None:
        close = difflib.get_close_matches(item["recipient"], [a.id for a in target.awardees], n=1, cutoff=0.6)
        hint = (f"; có phải là '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ("", "")
        report("recipient", "unknown_recipient", decision=target.id, value=item["recipient"], hint=hint)
        return
    if _before(decision.date, target.date):
        report("decision", "correction_before_decision", date=decision.date.iso(), decision=target.id,
               target_date=target.date.iso())
        return
    field = item["field"]
    old, new = written_value(field, item["from"]), written_value(field, item["to"])
    if field == "locality" and new not in site.units:
        report("to", "unknown_ref", target=("đơn vị hành chính", "administrative unit"), value=new, hint=("", ""))
        return
    # The new value is published like any field of the list: the personal-data check of the
    # sheet reader looks at it too (the recipient's public_fields let a field through).
    found = []
    check_awardee_fields({field: new, "public_fields": awardee.public_fields},
                         lambda _field, code, **params: found.append((code, params)))
    for code, params in found:
        report("to", code, **params)
    if found:
        return
    current = getattr(awardee, field) or ""
    if current == new and old != new:
        # Already corrected where the list is kept (the sheet was fixed too): the value stands,
        # and the trail still says which decision corrected it.
        pass
    elif current != old:
        report("from", "correction_mismatch", field_name=FIELD_NAMES[field], value=old, current=current,
               recipient=awardee.key)
        return
    amend(awardee, field, new or None)
    awardee.corrections = (*awardee.corrections, Correction(decision.id, decision.date, field, old, new))


def recipient_of(site, decision_id: str, recipient_id: str):
    """The awardee a later decision names: by its id, or by a former id whose page moved
    (rules/moved_recipients.py), so that a decision written before a name was fixed in the
    sheet still finds its recipient."""
    awardee = find_awardee(site, decision_id, recipient_id)
    if awardee is None:
        moved = site.moved.get(decision_id, {}).get(recipient_id)
        awardee = find_awardee(site, decision_id, moved[0]) if moved else None
    return awardee


def written_value(field: str, value: str) -> str:
    """A value in the one form the sheet reader gives names (text/normal_names.py), so that
    `from` compares with what was read and `to` is shown as any name is."""
    value = value.strip()
    if field in ("name", "position", "unit"):
        normal = normal_name(value)
        return normal[0] if normal is not None else value
    return value


def _before(date, target) -> bool:
    """Whether a document of `date` is surely dated before one of `target` (a partial date
    stands for any day it allows)."""
    if date == UNKNOWN_DATE or target == UNKNOWN_DATE:
        return False
    latest = (date.year, date.month or 12, date.day or 31)
    earliest = (target.year, target.month or 1, target.day or 1)
    return latest < earliest
