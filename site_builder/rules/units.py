"""Administrative units through time (data/units.yml) must make one consistent history.

A unit is in force from `from` to `until`; what became of it is its `successors` (or the
shorthand `now_part_of`). Every successor must be in force on the day after the unit ended,
so the history can be followed forward without a gap, and following it must never lead back
to where it started (a cycle would send "browse by today's units" round for ever). Official
codes (mã đơn vị hành chính) have the form of their level and name one unit at a time.
Unknown successors and parents are reported by rules.references, like every other id.

A decision names a place as it was then, so a place that only came into being after the
decision's date is most likely today's unit written by mistake: a warning says so. A place
that ended before the decision is fine (a 2026 decision may reward work done in a former
commune).
"""
from __future__ import annotations

import calendar
import datetime as dt

from ..content.dates import UNKNOWN_DATE
from ..content.model import Successor
from ..honor.awardees import locate

# Digits of the official code by level: provinces and centrally-run cities 2, districts and
# the towns and cities under a province 3, communes, wards and townships 5 (Quyết định
# 124/2004/QĐ-TTg on the list of administrative unit codes, kept by its successors).
CODE_DIGITS = {"province": 2, "district": 3, "town": 3, "commune": 5, "ward": 5}
CODE_WORDS = {
    2: ("2 chữ số đối với tỉnh, thành phố trực thuộc trung ương", "2 digits for a province or centrally-run city"),
    3: ("3 chữ số đối với huyện, quận, thị xã, thành phố thuộc tỉnh",
        "3 digits for a district, town or city under a province"),
    5: ("5 chữ số đối với xã, phường, thị trấn", "5 digits for a commune, ward or township"),
}


def day_text(day: dt.date) -> tuple[str, str]:
    """A day as a communicator reads it: "01/7/2025" in Vietnamese, ISO in English."""
    return f"{day.day:02d}/{day.month}/{day.year}", day.isoformat()


def check(site) -> None:
    units = site.units
    for unit in units.values():
        _check_code(site, unit)
        _check_dates(site, unit)
        _check_successors(site, unit)
    _check_codes_unique(site)
    _check_places_named(site)
    _check_cycles(site, "successors", lambda u: [s.unit for s in u.successors], "unit_succession_cycle")
    _check_cycles(site, "parent", lambda u: [u.parent] if u.parent else [], "unit_parent_cycle")


def _add(site, unit, path: str, code: str, **params) -> None:
    source = unit.source
    site.problems.add(source.file if source else "content/data/units.yml", source.line_of(path) if source else None,
                      path, code, **params)


def _expected_digits(unit) -> int | None:
    if unit.type == "city":  # a centrally-run city has no parent, a city under a province has one
        return 3 if unit.parent else 2
    return CODE_DIGITS.get(unit.type)


def _check_code(site, unit) -> None:
    if unit.code is None:
        return
    digits = _expected_digits(unit)
    allowed = (digits,) if digits else tuple(CODE_WORDS)
    if not (unit.code.isascii() and unit.code.isdigit() and len(unit.code) in allowed):
        words = [CODE_WORDS[n] for n in allowed]
        _add(site, unit, "code", "unit_code_form", value=unit.code,
             expected=("; ".join(w[0] for w in words), "; ".join(w[1] for w in words)))


def _check_dates(site, unit) -> None:
    if unit.valid_from and unit.until and unit.until < unit.valid_from:
        _add(site, unit, "until", "unit_dates_reversed", start=day_text(unit.valid_from), until=day_text(unit.until))


def _check_successors(site, unit) -> None:
    shorthand = bool(unit.now_part_of) and unit.successors == [Successor(unit.now_part_of)]
    if unit.now_part_of and not shorthand:
        _add(site, unit, "now_part_of", "unit_successor_twice")
    if not unit.successors:
        return
    field = "now_part_of" if shorthand else "successors"
    if unit.until is None:
        _add(site, unit, field, "unit_successor_without_until")
        return
    if unit.until == dt.date.max:
        return  # no day after it: every successor is "in force" then
    day = unit.until + dt.timedelta(days=1)
    for i, successor in enumerate(unit.successors):
        other = site.units.get(successor.unit)
        if other is None or other.in_force_on(day):
            continue  # an unknown id: rules.references says so
        path = field if field == "now_part_of" else f"successors[{i}].unit"
        _add(site, unit, path, "unit_successor_not_in_force", successor=other.name, day=day_text(day),
             valid=_validity(other))


def _validity(unit) -> tuple[str, str]:
    start = day_text(unit.valid_from) if unit.valid_from else None
    end = day_text(unit.until) if unit.until else None
    if start and end:
        return f"từ {start[0]} đến {end[0]}", f"from {start[1]} to {end[1]}"
    if start:
        return f"từ {start[0]}", f"from {start[1]}"
    return f"đến {end[0]}", f"until {end[1]}"


def _check_codes_unique(site) -> None:
    """Two units may carry one code only at different times (a code given again later)."""
    by_code: dict[str, list] = {}
    for unit in site.units.values():
        if unit.code:
            by_code.setdefault(unit.code, []).append(unit)
    for code, holders in by_code.items():
        for i, unit in enumerate(holders):
            for earlier in holders[:i]:
                if _overlap(unit, earlier):
                    _add(site, unit, "code", "unit_code_taken", value=code, other=f"{earlier.name} ({earlier.id})")
                    break


def _overlap(a, b) -> bool:
    low = dt.date.min
    high = dt.date.max
    return (a.valid_from or low) <= (b.until or high) and (b.valid_from or low) <= (a.until or high)


def _check_cycles(site, field: str, following, code: str) -> None:
    """Report each cycle of `following` (successors or parent) once, at the first unit of it
    in the file."""
    units = site.units
    done: set[str] = set()
    for start in units:
        if start in done:
            continue
        # Depth-first, keeping the path: a unit met again on the path closes a cycle.
        path: list[str] = []
        on_path: dict[str, int] = {}
        stack = [iter([start])]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                if path:
                    done.add(path[-1])
                    del on_path[path.pop()]
                continue
            if step in on_path:
                cycle = path[on_path[step]:] + [step]
                first = units[cycle[0]]
                _add(site, first, field, code, chain=" → ".join(units[u].name + f" ({u})" for u in cycle))
                continue
            if step in done or step not in units:
                continue
            on_path[step] = len(path)
            path.append(step)
            stack.append(iter(following(units[step])))


def _last_day(date) -> dt.date:
    """The last day a document date may stand for (a partial date: its month's or year's)."""
    month = date.month or 12
    return dt.date(date.year, month, date.day or calendar.monthrange(date.year, month)[1])


def _check_places_named(site) -> None:
    """A warning at the first row of each decision naming a place not yet in force on its date."""
    starts = {uid: unit for uid, unit in site.units.items() if unit.valid_from}
    if not starts:
        return
    for decision in site.decisions.values():
        if decision.date == UNKNOWN_DATE:
            continue
        last = _last_day(decision.date)
        seen: set[str] = set()
        for awardee in decision.awardees:
            place = awardee.locality
            if place in seen or place not in starts:
                continue
            seen.add(place)
            unit = starts[place]
            if unit.valid_from > last:
                where = locate(site, awardee, "locality")
                site.problems.add(where["file"], where["line"], where["field"], "place_not_yet", severity="warning",
                                  column=where["column"], place=unit.name, start=day_text(unit.valid_from),
                                  date=day_text(decision.date.as_date()) if decision.date.complete
                                  else decision.date.iso())
