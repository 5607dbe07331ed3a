"""Each award's verification code and what its verification page says about it.

The code comes from urls.verification_code (the decision id and the recipient id, nothing
else), so it stays stable across builds and edits of anything but those ids. Two awards whose
codes collide are resolved the same way in every build: the award of the older decision (by
date, then decision id, then recipient id) keeps the code, the other takes the code one
character longer, and so on until it is unique. New decisions are usually the newer ones, so
a code already printed on paper keeps working when a later award happens to collide with it.

The status an award's verification page states (pages/verification.py):
- "annulled": `revoked_by` (rules/revocation.py) names the decision that annulled it;
- "corrected": `corrections` (content/model.py Awardee; filled by rules/corrections.py) names
  the correction decisions; the award stays valid, with its corrected values;
- "valid": neither.
"""
from __future__ import annotations

from ..urls import VERIFY_CODE_LENGTH, verification_code


def assign_codes(site) -> None:
    """Give every awardee of `site` its verification code (Awardee._verify_code), collisions
    resolved as the module says. Idempotent: a site whose awardees have codes is left alone."""
    decisions = sorted(site.decisions.values(), key=lambda d: (d.date.sort_key(), d.id))
    if all(a._verify_code for d in decisions for a in d.awardees):
        return
    taken: set[str] = set()
    for decision in decisions:
        for a in sorted(decision.awardees, key=lambda a: a.id):
            a._verify_code = unique_code(decision.id, a.id, taken)


def unique_code(decision_id: str, recipient_id: str, taken: set[str], length: int = VERIFY_CODE_LENGTH) -> str:
    """The award's code, the shortest from `length` up that `taken` does not hold (then added to it)."""
    code = verification_code(decision_id, recipient_id, length)
    while code in taken:
        length += 1
        code = verification_code(decision_id, recipient_id, length)
    taken.add(code)
    return code


def code_of(awardee) -> str:
    """The awardee's verification code (assign_codes gave it)."""
    return awardee._verify_code or verification_code(awardee.decision, awardee.id)


def status_of(awardee) -> str:
    """"annulled", "corrected" or "valid" (the module's docstring)."""
    if awardee.revoked_by:
        return "annulled"
    return "corrected" if awardee.corrections else "valid"


def correcting_decisions(awardee) -> list[str]:
    """The ids of the decisions that corrected the award, oldest first, each once (one
    decision may correct several fields)."""
    return list(dict.fromkeys(c.decision for c in awardee.corrections))
