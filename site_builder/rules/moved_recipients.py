"""Recipients whose address moved: the old page redirects to the new one.

Three sources, merged into `site.moved` (decision id -> {former id: (current id, former name)}),
which the recipient pages (pages/honor_roll.py), the corrections (rules/corrections.py) and
the record of the next build (honor/moves.py) read:
- `moved_recipients: [{from, to}]` in the decision's frontmatter: for good. `to` must be a
  recipient of the decision, `from` must not be one (its page would be both).
- a correction of a name (`corrects:` of a later decision) whose recipient id is no longer in
  the sheet, because the sheet was fixed too: the recipient now named with the correction's
  `to`, whose id the correction's `from` would have given, is the one it names. Written in
  content, so it holds without any cache.
- the moves honor/moves.py finds against the last build (a name corrected in the sheet):
  kept in the build's cache only, so `check` warns at the row until the decision records it.
"""
from __future__ import annotations

import difflib
import re

from .. import urls
from ..honor.awardees import find_awardee, locate
from ..honor.moves import load_state, moves_of
from ..text.slug import slugify
from .corrections import written_value


def check(site) -> None:
    previous = load_state(site.config)
    implied = _implied_by_corrections(site)
    for decision in site.decisions.values():
        written = {**implied.get(decision.id, {}), **_written(site, decision)}
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


def _implied_by_corrections(site) -> dict:
    """decision id -> {former id: (current id, former name)}: the name corrections whose
    recipient was renamed in the sheet as well (see the module's docstring)."""
    moves: dict = {}
    for decision in site.decisions.values():
        for item in decision.get("corrects", []):
            if not item or item.get("field") != "name" or not all(item.get(k) for k in ("decision", "recipient", "from", "to")):
                continue
            target, old = site.decisions.get(item["decision"]), item["recipient"]
            if target is None or find_awardee(site, target.id, old) is not None:
                continue
            base = slugify(written_value("name", item["from"]))
            if not base or not (old == base or re.fullmatch(re.escape(base) + r"-\d+", old)):
                continue
            new_name = written_value("name", item["to"])
            named = [a for a in target.awardees if a.name == new_name]
            if len(named) == 1:
                moves.setdefault(target.id, {})[old] = (named[0].id, written_value("name", item["from"]))
    return moves


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
