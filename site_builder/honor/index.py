"""Everything the honor-roll pages need, computed once per build.

A province may publish 100,000 awardees, each with a page in every language, so nothing
here is done per page: awardees are sorted once (people by given name the Vietnamese way,
collectives alphabetically), then dealt into per-award, per-unit and per-year buckets in that
order, so every bucket is already sorted. A decision's own list keeps the order, numbering and
groups of its signed annex instead (honor/annex.py). Only active awards are indexed
(awardees.active_awardees), so a revocation reaches every list and count.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .annex import annex_numbers
from .awardees import active_awardees, awardee_sort_key
from .places import UnitHistory

PER_PAGE = 100  # rows per page of any long list: under 20 screens on a 360 px phone (docs/honor-roll.md)


@dataclass
class DecisionRoll:
    """A decision's list as signed: its standing awards in the annex's order, each with its
    STT (`numbers`, as signed or its place in the annex) and its group (Awardee.group)."""
    decision: object
    rows: list = field(default_factory=list)  # awardees whose award stands, in annex order
    numbers: list = field(default_factory=list)  # the STT of each of `rows`
    collectives: int = 0
    revoked: int = 0  # awards of this decision later revoked (names are not shown)
    revoked_by: list = field(default_factory=list)  # the decisions that revoked them
    page_of: dict = field(default_factory=dict)  # awardee id -> page number of the decision page
    award_counts: Counter = field(default_factory=Counter)
    # A digest of the stamps of its rows, kept once made (runtime/keys.py roll_key).
    rows_key: str | None = field(default=None, repr=False, compare=False)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def individuals(self) -> int:
        return len(self.rows) - self.collectives


@dataclass
class HonorIndex:
    decisions: list  # newest first
    rolls: dict  # decision id -> DecisionRoll
    by_award: dict  # award id -> [awardee], collectives first
    recorded: Counter  # unit id -> awards named in that unit or a unit under it (as recorded)
    today: Counter  # unit id in force today -> awards whose place lies in it or a unit under it today
    by_year: dict  # year -> [decision]
    campaign_of: dict  # decision id -> campaign id
    places: UnitHistory  # where each unit lies today (honor/places.py)
    total: int = 0
    collectives: int = 0
    # A place's own list and the units directly under it that have awards: a place page lists
    # its own and links to the units under it, so an awardee is listed once per level. An ended
    # unit's page shows the places as recorded, a page of a unit in force today shows today's
    # (its own list holds the awards of every unit that lies in it today, wholly or in part).
    recorded_own: dict = field(default_factory=dict)  # unit id -> [awardee] named in that unit
    today_own: dict = field(default_factory=dict)  # unit id in force -> [awardee] whose place lies in it
    recorded_under: dict = field(default_factory=dict)  # unit id -> {unit id} directly under it then
    today_under: dict = field(default_factory=dict)  # unit id -> {unit id} directly under it today
    # unit id in force -> the ended units that lie in it today (not those under another of them)
    former: dict = field(default_factory=dict)
    # decision id -> {recipient id: story}: a decision's pages ask it once, not once per recipient
    stories: dict = field(default_factory=dict)


def campaign_of(site, decision) -> str | None:
    """A decision's campaign: its own, else its plan's."""
    if decision.get("campaign"):
        return decision.get("campaign")
    plan = site.document(decision.get("plan") or "")
    return plan.get("campaign") if plan else None


def build_index(site) -> HonorIndex:
    active = active_awardees(site)
    collectives = sorted((a for a in active if a.kind == "collective"), key=awardee_sort_key)
    individuals = sorted((a for a in active if a.kind != "collective"), key=awardee_sort_key)
    decisions = sorted(site.decisions.values(), key=lambda d: (d.date.sort_key(), d.id), reverse=True)
    rolls = {d.id: DecisionRoll(d) for d in decisions}
    by_award: dict[str, list] = {}
    recorded: Counter = Counter()
    today: Counter = Counter()
    recorded_own: dict[str, list] = {}
    today_own: dict[str, list] = {}
    places = UnitHistory(site.units)
    # Where each place lies then and now, worked out once per place named, not per award.
    lies_in: dict[str, tuple] = {}
    at_place: Counter = Counter()
    for group in (collectives, individuals):
        for a in group:
            roll = rolls[a.decision]
            roll.award_counts[a.award] += 1
            by_award.setdefault(a.award, []).append(a)
            if a.locality:
                found = lies_in.get(a.locality)
                if found is None:
                    found = lies_in[a.locality] = (
                        [a.locality] if a.locality in site.units else [],
                        [place.unit for place in places.today(a.locality)])
                then, now = found
                at_place[a.locality] += 1
                for unit in then:
                    recorded_own.setdefault(unit, []).append(a)
                for unit in now:
                    today_own.setdefault(unit, []).append(a)
    # Each place counts the awards there and in every unit under it: added up per place,
    # not per award (Counter.update for each of 50,000 awards cost a tenth of a second). An
    # award whose place was split counts once in each unit above its parts, not twice.
    for locality, count in at_place.items():
        for unit in places.recorded_chain(locality):
            recorded[unit] += count
        for unit in dict.fromkeys(u for p in places.today(locality) for u in places.today_chain(p.unit)):
            today[unit] += count
    for roll in rolls.values():
        annex = roll.decision.awardees
        for a, number in zip(annex, annex_numbers(annex)):
            if a.revoked_by:
                roll.revoked += 1
                if a.revoked_by not in roll.revoked_by:
                    roll.revoked_by.append(a.revoked_by)
            else:
                roll.rows.append(a)
                roll.numbers.append(number)
                roll.collectives += a.kind == "collective"
        roll.page_of = {a.id: 1 + i // PER_PAGE for i, a in enumerate(roll.rows)}
    by_year: dict[int, list] = {}
    for d in decisions:
        by_year.setdefault(d.date.year, []).append(d)
    stories: dict[str, dict] = {}
    for story in site.stories.values():
        stories.setdefault(story.get("decision"), {})[story.get("recipient")] = story
    recorded_under: dict[str, set] = {}
    today_under: dict[str, set] = {}
    for locality in at_place:
        chains = [(places.recorded_chain(locality), recorded_under)]
        chains += [(places.today_chain(p.unit), today_under) for p in places.today(locality)]
        for chain, under in chains:
            for child, parent in zip(chain, chain[1:]):
                under.setdefault(parent, set()).add(child)
    return HonorIndex(
        decisions=decisions, rolls=rolls,
        by_award={k: by_award[k] for k in site.awards if k in by_award},  # highest award first
        recorded=recorded, today=today, recorded_own=recorded_own, today_own=today_own,
        recorded_under=recorded_under, today_under=today_under, former=_former(places, recorded),
        by_year=dict(sorted(by_year.items(), reverse=True)), places=places,
        campaign_of={d.id: campaign_of(site, d) for d in decisions}, stories=stories,
        total=len(active), collectives=len(collectives),
    )


def _former(places: UnitHistory, recorded: Counter) -> dict[str, list]:
    """unit in force -> the ended units with awards that lie in it today, wholly or in part,
    leaving out those whose parent lies there too (a merged province stands for its districts)."""
    former: dict[str, list] = {}
    for unit_id in recorded:
        if not places.ended(unit_id):
            continue
        parent = places.units[unit_id].parent
        above = {p.unit for p in places.today(parent)} if parent and places.ended(parent) else set()
        for place in places.today(unit_id):
            if place.unit not in above:
                former.setdefault(place.unit, []).append(unit_id)
    return former


def index_of(ctx) -> HonorIndex:
    """The index of this build (cached on the build context)."""
    index = ctx.honor_index
    if index is None:
        index = ctx.honor_index = build_index(ctx.site)
    return index


def has_print_view(decision) -> bool:
    """Whether a decision gets a print view (/khen-thuong/<decision>/in/): only when its list
    may run over one page (more than PER_PAGE awards, annulled ones counted, so that the
    link check, which runs before annulments are applied, agrees). A decision whose list fits
    on its page prints whole from that page; a copy of it was 1.5 KB a recipient (issue 24)."""
    return len(decision.awardees) > PER_PAGE


def pages_of(items: list, per_page: int = PER_PAGE) -> list[list]:
    """Items cut into pages; an empty list is one empty page."""
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
