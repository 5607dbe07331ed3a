"""Recipients whose address moved: the old page redirects to the new one.

Two sources, merged into `site.moved` (decision id -> {former id: (current id, former name)}),
which the recipient pages (pages/honor_roll.py), the corrections (rules/corrections.py) and
the record of the next build (honor/moves.py) read:
- `moved_recipients: [{from, to}]` in the decision's frontmatter: for good. `to` must be a
  recipient of the decision, `from` must not be one (its page would be both).
- the moves honor/moves.py finds against the last build (a name corrected in the sheet):
  kept in the build's cache only, so `check` warns at the row until the decision records it.
"""
from __future__ import annotations

import difflib

from .. import urls
from ..honor.awardees import find_awardee, locate
from ..honor.moves import load_state, moves_of


def check(site) -> None:
    previous = load_state(site.config)
    for decision in site.decisions.values():
        written = _written(site, decision)
        found = moves_of(previous.get(decision.id), decision.awardees)
        for old, (new, name) in found.items():
            if written.get(old, (None,))[0] == new:
                continue
            awardee = find_awardee(site, decision.id, new)
            where = locate(site, awardee, "name")
            site.problems.add(where["file"], where["line"], where["field"], "recipient_moved", severity="warning",
                              column=where["column"], old_name=name, new_name=awardee.name,
                              old_page=urls.recipient_path(decision.id, old),
                              new_page=urls.recipient_path(decision.id, new), decision_file=decision.source.file,
                              old_id=old, new_id=new)
        moves = {**found, **written}
        if moves:
            site.moved[decision.id] = moves


def _written(site, decision) -> dict:
    """The decision's own `moved_recipients:`, checked."""
    moves = {}
    for i, item in enumerate(decision.get("moved_recipients", [])):
        if not item or not item.get("from") or not item.get("to"):
            continue
        old, new = item["from"], item["to"]
        if find_awardee(site, decision.id, old) is not None:
            path = f"moved_recipients[{i}].from"
            site.problems.add(decision.source.file, decision.parsed.line_of(path), path, "moved_from_exists",
                              value=old)
            continue
        if find_awardee(site, decision.id, new) is None:
            path = f"moved_recipients[{i}].to"
            close = difflib.get_close_matches(new, [a.id for a in decision.awardees], n=1, cutoff=0.6)
            hint = (f"; có phải là '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ("", "")
            site.problems.add(decision.source.file, decision.parsed.line_of(path), path, "unknown_recipient",
                              decision=decision.id, value=new, hint=hint)
            continue
        moves[old] = (new, "")
    return moves
