"""Recipient addresses that stay when a name is corrected in the sheet.

A recipient's id, and so its address, is made from its name (awardees.new_id). A name fixed
in the sheet ("Ngyễn Văn Nam" -> "Nguyễn Văn Nam") gives the row a new id; links already
shared on Zalo or embedded in a portal name the old one. So the build remembers what it
published, per decision: each recipient's id with the row's place in the list and what the
row said (name, position, unit), and the moves found so far. A recipient of the last build
that is gone, at the same place in the list as a new one, or with the same position and
unit, with a similar name (folded, text/folding.py, then difflib's ratio at least SIMILAR),
has moved: its old address becomes a page that redirects to the new one
(pages/honor_roll.py). Moves are carried from build to build as long as their new page
exists; `moved_recipients:` in the decision records one for good (the cache may be lost: a
new CI runner, a cleaned folder), and `check` warns, at the row, until it is written there.

The record is a cache file (.cache/site-builder/published-recipients.marshal), never a file
in content/: the build does not edit content. It is written after a build is published
(build.py publish_site), read by the load's rules (rules/moved_recipients.py).
"""
from __future__ import annotations

import difflib
import marshal
from pathlib import Path

from ..runtime.atomic import replace_file
from ..runtime.cache_dirs import CACHE_DIR
from ..text.folding import fold

STATE_FILE = "published-recipients.marshal"
VERSION = 1
# How alike two folded names must be to be one person's (difflib ratio): a corrected letter or
# two in a name of 15 letters is about 0.9; two different given names rarely reach 0.8.
SIMILAR = 0.8
# New recipients of the same position and unit a gone one is compared with, besides the one
# at its place.
CANDIDATES = 20
# More recipients gone from one decision in one build than this is a list replaced, not names
# fixed: no moves are looked for (each look compares names: 50,000 gone rows took half a
# minute). At most MOST_GONE x (CANDIDATES + 1) comparisons a decision, a tenth of a second.
MOST_GONE = 200


def state_path(config) -> Path:
    return Path(config.project_dir) / CACHE_DIR / STATE_FILE


def load_state(config) -> dict:
    """decision id -> (rows: {id: (place, name, position, unit)}, moved: {former id: (id, former name)})
    of the last published build; {} when there is none or it cannot be read."""
    try:
        data = marshal.loads(state_path(config).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("decisions"), dict):
        return {}
    return data["decisions"]


def rows_of(awardees) -> dict:
    return {a.id: (place, a.name, a.position or "", a.unit or "") for place, a in enumerate(awardees)}


def save_state(site) -> None:
    """Record what this build published, for the next one (only when it changed)."""
    decisions = {d.id: (rows_of(d.awardees), {old: (new, name) for old, (new, name) in site.moved.get(d.id, {}).items()})
                 for d in site.decisions.values()}
    data = marshal.dumps({"version": VERSION, "decisions": decisions})
    path = state_path(site.config)
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, data)
    except OSError:
        pass  # a cache: the next build finds no moves, and says nothing wrong


def moves_of(previous: tuple | None, awardees) -> dict:
    """former id -> (current id, former name): the moves of one decision, those the last build
    knew that still lead to a page and those found now. Each gone recipient is compared with
    the new one at its place and at most CANDIDATES new ones of the same position and unit,
    and only when at most MOST_GONE are gone: a sheet replaced whole costs a count."""
    if not previous:
        return {}
    rows, known = previous
    current = {a.id: a for a in awardees}
    at_place, by_job = {}, {}
    for place, a in enumerate(awardees):
        if a.id not in rows:
            at_place[place] = a
            by_job.setdefault((a.position or "", a.unit or ""), []).append(a)
    found, taken = {}, set()
    if at_place and len(rows) - (len(current) - len(at_place)) <= MOST_GONE:
        for old, (place, name, position, unit) in rows.items():
            if old in current:
                continue
            candidates = [at_place[place]] if place in at_place else []
            if position or unit:
                candidates += by_job.get((position, unit), ())[:CANDIDATES]
            folded, best = fold(name), None
            for a in candidates:
                if a.id in taken:
                    continue
                matcher = difflib.SequenceMatcher(None, folded, fold(a.name))
                if matcher.quick_ratio() < SIMILAR:  # an upper bound of ratio(), cheaper
                    continue
                ratio = matcher.ratio()
                if ratio >= SIMILAR and (best is None or ratio > best[0]):
                    best = (ratio, a.id)
            if best is not None:
                found[old] = best[1]
                taken.add(best[1])
    moves = {}
    for old, (new, name) in known.items():
        new = found.get(new, new)  # its page moved again
        if old not in current and new in current:
            moves[old] = (new, name)
    for old, new in found.items():
        moves[old] = (new, rows[old][1])
    return moves
