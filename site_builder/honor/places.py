"""Where a place named in a decision lies today, and which place pages count it.

Decisions name places as they were (xã Đại Mạch, huyện Vĩnh Châu, tỉnh Sóc Trăng); since
01/7/2025 many of those units no longer exist (Nghị quyết 202/2025/QH15: 34 provinces, no
district level, communes merged and split). data/units.yml records each unit's `until` and
`successors` (content/model.py Unit); this module follows them forward:

- a unit in force today lies in itself;
- an ended unit lies where its successors lie today, transitively; a successor that takes
  only a part of it (`part: true`) makes the place "split": a recipient recorded there is
  listed in each of those units, with a note naming the unit that was split ("một phần xã
  Đại Mạch cũ"), because the decision does not say in which part they live;
- an ended unit with no successors recorded lies where its parent lies today.

Every answer is worked out once per unit and kept (a build asks it for a few hundred units,
never once per recipient: the honor index groups 50,000 recipients by their place first).
"""
from __future__ import annotations

from dataclasses import dataclass, field

MAX_DEPTH = 8  # country, province, district, commune... with room to spare; guards bad data


@dataclass(frozen=True)
class TodayPlace:
    """A unit in force today where a recorded place lies, wholly or in part."""
    unit: str
    split: str | None = None  # the unit that was split on the way there (the note names it)

    @property
    def part(self) -> bool:
        return self.split is not None


@dataclass
class UnitHistory:
    """The units of a site through time: what each became, and the units above it then and now."""
    units: dict  # id -> content.model.Unit
    _today: dict = field(default_factory=dict)
    _parent: dict = field(default_factory=dict)
    _pages: dict = field(default_factory=dict)

    def ended(self, unit_id: str) -> bool:
        unit = self.units.get(unit_id)
        return unit is not None and unit.ended

    def recorded_chain(self, unit_id: str) -> list[str]:
        """The unit and every unit above it while it existed (its `parent`s)."""
        chain: list[str] = []
        while unit_id in self.units and unit_id not in chain and len(chain) < MAX_DEPTH:
            chain.append(unit_id)
            unit_id = self.units[unit_id].parent
        return chain

    def today(self, unit_id: str) -> tuple[TodayPlace, ...]:
        """The units in force today where the unit lies, each with the unit that was split on
        the way when only a part of it lies there; () when nothing is known."""
        found = self._today.get(unit_id)
        if found is None:
            found = self._today[unit_id] = self._follow(unit_id, ())
        return found

    def _follow(self, unit_id: str, path: tuple) -> tuple[TodayPlace, ...]:
        unit = self.units.get(unit_id)
        if unit is None or unit_id in path or len(path) > 4 * MAX_DEPTH:
            return ()  # unknown, or a cycle (rules/units.py reports both)
        if unit_id in self._today:
            return self._today[unit_id]
        if not unit.ended:
            return (TodayPlace(unit_id),)
        path = (*path, unit_id)
        if not unit.successors:
            return self._follow(unit.parent, path) if unit.parent else ()
        places: dict[str, TodayPlace] = {}
        for successor in unit.successors:
            for place in self._follow(successor.unit, path):
                # The split nearest the recorded place is the one a reader recognises.
                split = unit_id if successor.part else place.split
                places.setdefault(place.unit, TodayPlace(place.unit, split))
        return tuple(places.values())

    def today_parent(self, unit_id: str) -> str | None:
        """The unit in force today directly above a unit in force today: its parent, or, where
        that ended, what the parent became as a whole (a merged province), else further up."""
        if unit_id in self._parent:
            return self._parent[unit_id]
        found = None
        seen = {unit_id}
        parent = self.units[unit_id].parent if unit_id in self.units else None
        while parent in self.units and parent not in seen and len(seen) < MAX_DEPTH:
            seen.add(parent)
            if not self.ended(parent):
                found = parent
                break
            whole = self.today(parent)
            if len(whole) == 1 and not whole[0].part and whole[0].unit not in seen:
                found = whole[0].unit
                break
            parent = self.units[parent].parent
        self._parent[unit_id] = found
        return found

    def today_chain(self, unit_id: str) -> list[str]:
        """A unit in force today and the units above it today."""
        chain: list[str] = []
        while unit_id is not None and unit_id not in chain and len(chain) < MAX_DEPTH:
            chain.append(unit_id)
            unit_id = self.today_parent(unit_id)
        return chain

    def pages(self, unit_id: str) -> tuple[str, ...]:
        """Every place whose page counts a recipient recorded in this unit: the ended units it
        lay in as recorded (their pages show the places as recorded), and the units in force
        today where it lies, with the units above them today (their pages show today's).
        The search filter by place (pages/search_page.py) uses the same sets, so a place's
        count in the filter is the count on its page."""
        found = self._pages.get(unit_id)
        if found is None:
            then = [u for u in self.recorded_chain(unit_id) if self.ended(u)]
            now = [u for place in self.today(unit_id) for u in self.today_chain(place.unit)]
            found = self._pages[unit_id] = tuple(dict.fromkeys(then + now))
        return found

    def provinces_today(self, unit_id: str) -> list[str]:
        """The top units in force today where the unit lies (its province or city)."""
        return list(dict.fromkeys(self.today_chain(place.unit)[-1] for place in self.today(unit_id)))
