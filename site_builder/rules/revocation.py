"""A decision may take back awards of earlier decisions (thu hồi khen thưởng).

`revokes: [{decision, recipient, reason}]` marks the awardee `revoked_by` the revoking
decision; every page, count, download, feed and search index then leaves it out through
`awardees.active_awardees()`, and its old URL says the award was revoked. Only published
decisions revoke: a draft revocation takes effect when the draft is published.
"""
from __future__ import annotations

import difflib

from .corrections import recipient_of


def check(site) -> None:
    for decision in sorted(site.decisions.values(), key=lambda d: (d.date.sort_key(), d.id)):
        for i, item in enumerate(decision.get("revokes", [])):
            if not item or not item.get("decision") or not item.get("recipient"):
                continue
            target = site.decisions.get(item["decision"])
            if target is None:
                continue  # an unknown decision id is reported by rules.references
            path = f"revokes[{i}].recipient"
            awardee = recipient_of(site, target.id, item["recipient"])
            if awardee is None:
                close = difflib.get_close_matches(item["recipient"], [a.id for a in target.awardees], n=1, cutoff=0.6)
                hint = (f"; có phải là '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ("", "")
                site.problems.add(decision.source.file, decision.parsed.line_of(path), path, "unknown_recipient",
                                  decision=target.id, value=item["recipient"], hint=hint)
                continue
            if awardee.revoked_by and awardee.revoked_by != decision.id:
                site.problems.add(decision.source.file, decision.parsed.line_of(path), path, "already_revoked",
                                  severity="warning", value=awardee.key,
                                  other=site.decisions[awardee.revoked_by].source.file)
                continue
            awardee.revoked_by = decision.id


def revocation_of(site, awardee) -> dict | None:
    """The revoking decision and the reason it gives, for the revoked award's page."""
    decision = site.decisions.get(awardee.revoked_by or "")
    if decision is None:
        return None
    for item in decision.get("revokes", []):
        if item and item.get("decision") == awardee.decision and \
                recipient_of(site, awardee.decision, item.get("recipient") or "") is awardee:
            return {"decision": decision, "reason": item.get("reason")}
    return {"decision": decision, "reason": None}
