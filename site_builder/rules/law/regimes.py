"""The award law's regimes: which authority may confer which form, between which dates.

A regime is the set of texts in force for a while (a law and its decrees): its dates, its
legal bases, and for each authority (the `level` of a body, content/schema.py LEVELS) the
forms it may confer, each grant citing its basis and article and saying whether that was
checked against a text. The regimes follow each other without gap or overlap, so every
date has exactly one. The law is the same for every province, so it ships with the package
(catalogue.yml: the authorities and forms; regimes/*.yml: one file a regime) and a new
decree is one more file. The data is read and checked once, when a check first needs it: a
mistake in it is the package's, reported as LawDataError with its file, line and field.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from ...content import schema
from ...content.dates import short_date
from ...content.frontmatter import FrontmatterError, load_yaml, nearest_line
from ...content.problems import Problems

F = schema.F
FOLDER = Path(__file__).parent
CATALOGUE = FOLDER / "catalogue.yml"
REGIMES = FOLDER / "regimes"

NAMES = F("obj", required=True, kind="names", fields={"vi": F("str", required=True), "en": F("str", required=True)})
# Where a statement about the law comes from: exactly one of the two.
PROVENANCE = {
    "checked": F("str", doc="the text this was checked against"),
    "unverified": F("str", doc="where the statement comes from, when it was not checked"),
}
CATALOGUE_SPEC = {
    "authorities": F("obj", required=True, kind="authorities", fields={level: NAMES for level in schema.LEVELS}),
    "forms": F("list", required=True, items=F("obj", kind="form", fields={
        "id": F("id", required=True), "label": NAMES, "family": F("str"), "defined_in": F("str"),
    })),
}
GRANT = F("obj", kind="grant", fields={
    "forms": F("list", required=True, items=F("str")), "basis": F("str", required=True),
    "article": F("str", doc="the article; the chapter when the article was not verified; absent when neither is known"),
    **PROVENANCE,
})
POWER = F("obj", kind="power", fields={
    "grants": F("list", items=GRANT),
    "ended": dataclasses.replace(NAMES, required=False, doc="why this authority confers nothing any more"),
})
REGIME_SPEC = {
    "id": F("id", required=True), "from": F("date"), "until": F("date"),
    "inherits": F("str", doc="id of the regime whose authorities this one keeps unless it names them"),
    "name": NAMES,
    "bases": F("list", required=True, items=F("obj", kind="basis", fields={
        "id": F("id", required=True), "short": F("str", required=True), "number": F("str", required=True),
        "title": F("str"), "date": F("date"), **PROVENANCE,
    })),
    "authorities": F("obj", required=True, kind="authorities", fields={level: POWER for level in schema.LEVELS}),
}


class LawDataError(Exception):
    """The shipped law data is wrong: a defect of the package, never of a site's content."""


@dataclass(frozen=True)
class LegalForm:
    id: str
    label: dict  # {vi, en}
    family: str | None = None
    defined_in: str | None = None


@dataclass(frozen=True)
class Basis:
    id: str
    short: str
    number: str
    title: str | None = None
    date: dt.date | None = None
    checked: str | None = None
    unverified: str | None = None


@dataclass(frozen=True)
class Grant:
    forms: tuple[str, ...]
    basis: Basis
    article: str | None
    checked: str | None = None
    unverified: str | None = None

    @property
    def citation(self) -> str:
        return f"{self.basis.short}, {self.article}" if self.article else self.basis.short


@dataclass(frozen=True)
class Power:
    """What one authority may confer under one regime."""
    grants: tuple[Grant, ...] = ()
    ended: dict | None = None  # {vi, en}: why it confers nothing

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(form for grant in self.grants for form in grant.forms))

    def citations(self) -> str:
        return "; ".join(dict.fromkeys(grant.citation for grant in self.grants))


@dataclass(frozen=True)
class Regime:
    id: str
    start: dt.date | None
    until: dt.date | None
    name: dict
    bases: tuple[Basis, ...]
    powers: dict  # level -> Power
    file: str = ""

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return (self.start is None or last >= self.start) and (self.until is None or first <= self.until)

    def may_confer(self, level: str, form: str) -> bool:
        return form in self.powers[level].forms

    def deciders(self, form: str) -> list[str]:
        """The levels that may confer `form` under this regime, in the order of LEVELS."""
        return [level for level in schema.LEVELS if self.may_confer(level, form)]

    def when(self, lang: str) -> str:
        """"từ 01/7/2025", "đến 31/12/2023", "từ 01/01/2024 đến 30/6/2025" (and in English)."""
        since, to = ("từ", "đến") if lang == "vi" else ("from", "until")
        parts = []
        if self.start:
            parts.append(f"{since} {short_date(self.start, lang)}")
        if self.until:
            parts.append(f"{to} {short_date(self.until, lang)}")
        return " ".join(parts)


@dataclass(frozen=True)
class Law:
    authorities: dict  # level -> {vi, en}
    forms: dict  # id -> LegalForm
    regimes: tuple[Regime, ...]  # in date order

    def during(self, first: dt.date, last: dt.date) -> list[Regime]:
        """The regimes in force on some day from `first` to `last`."""
        return [regime for regime in self.regimes if regime.overlaps(first, last)]

    def offering(self, form: str) -> list[Regime]:
        """The regimes under which some authority may confer `form`."""
        return [regime for regime in self.regimes if regime.deciders(form)]

    def authority(self, level: str, lang: str) -> str:
        names = self.authorities.get(level)
        return names["vi" if lang == "vi" else "en"] if names else level


@functools.cache
def the_law() -> Law:
    """The law of the package's data, read and checked on first use."""
    return read_law(CATALOGUE, sorted(REGIMES.glob("*.yml")))


def read_law(catalogue: Path, regime_files: list[Path]) -> Law:
    problems = Problems()
    raw, _ = _validated(catalogue, CATALOGUE_SPEC, "catalogue", problems)
    forms = {}
    for item in raw.get("forms", []):
        if "id" in item and "label" in item:
            forms[item["id"]] = LegalForm(**item)
    for form in forms.values():
        if form.family is not None and form.family not in forms:
            _fault(problems, catalogue, f"form {form.id}: its family {form.family!r} is not a form")
    regimes = [_regime(path, *_validated(path, REGIME_SPEC, "regime", problems), forms, problems)
               for path in regime_files]
    regimes = _inherited([pair for pair in regimes if pair is not None], problems)
    _check_sequence(regimes, problems)
    if problems:
        raise LawDataError("the award law's data is wrong:\n" + "\n".join(p.render("en") for p in problems))
    return Law(raw["authorities"], forms, tuple(regimes))


def _validated(path: Path, spec: dict, kind: str, problems: Problems) -> tuple[dict, dict]:
    """The file's fields that are valid, and the line of each field."""
    try:
        raw, lines, dups = load_yaml(path.read_text(encoding="utf-8"))
    except (FrontmatterError, OSError, UnicodeDecodeError) as exc:
        _fault(problems, path, f"cannot be read: {exc}")
        return {}, {}
    for key, line in dups:
        problems.add(path.name, line, key, "duplicate_key")
    if not isinstance(raw, dict):
        _fault(problems, path, "must be a mapping of fields")
        return {}, {}
    validator = schema.Validator(problems, path.name, None, kind, line_of=lambda p: nearest_line(lines, p))
    return validator.check(raw, spec), lines


def _fault(problems: Problems, path: Path, what: str, line: int | None = None) -> None:
    problems.add(path.name, line, None, "bad_file", detail=(what, what))


def _provenance(problems: Problems, path: Path, where: str, item: dict, line) -> None:
    if ("checked" in item) == ("unverified" in item):
        _fault(problems, path, f"{where}: say either `checked` (against which text) or `unverified` (from where)",
               line)


def _regime(path: Path, data: dict, lines: dict, forms: dict, problems: Problems) -> tuple[Regime, str | None] | None:
    """The regime of one file, with the id of the regime it inherits from."""
    if not data.get("id") or "name" not in data:
        return None
    bases = {}
    for i, item in enumerate(data.get("bases", [])):
        _provenance(problems, path, f"bases[{i}]", item, nearest_line(lines, f"bases[{i}]"))
        if "id" in item and "short" in item and "number" in item:
            bases[item["id"]] = Basis(**item)
    powers = {}
    for level, power in data.get("authorities", {}).items():
        grants = []
        for i, grant in enumerate(power.get("grants", [])):
            where = f"authorities.{level}.grants[{i}]"
            _provenance(problems, path, where, grant, nearest_line(lines, where))
            unknown = [form for form in grant.get("forms", []) if form not in forms]
            if unknown:
                _fault(problems, path, f"{where}: no such form in catalogue.yml: {', '.join(unknown)}",
                       nearest_line(lines, f"{where}.forms"))
            if grant.get("basis") not in bases:
                _fault(problems, path, f"{where}: basis {grant.get('basis')!r} is not one of this regime's bases",
                       nearest_line(lines, f"{where}.basis"))
                continue
            if "forms" in grant:
                grants.append(Grant(tuple(grant["forms"]), bases[grant["basis"]], grant.get("article"),
                                    grant.get("checked"), grant.get("unverified")))
        if grants and power.get("ended"):
            _fault(problems, path, f"authorities.{level}: an authority with grants has not ended",
                   nearest_line(lines, f"authorities.{level}"))
        powers[level] = Power(tuple(grants), power.get("ended"))
    regime = Regime(data["id"], data.get("from"), data.get("until"), data["name"], tuple(bases.values()), powers,
                    path.name)
    return regime, data.get("inherits")


def _inherited(regimes: list[tuple[Regime, str | None]], problems: Problems) -> list[Regime]:
    """Each regime with the powers it keeps from the one it `inherits`, every authority named."""
    done: dict[str, Regime] = {}
    for regime, parent_id in sorted(regimes, key=lambda pair: pair[0].start or dt.date.min):
        powers = dict(regime.powers)
        path = Path(regime.file)
        if regime.id in done:
            _fault(problems, path, f"the regime id {regime.id!r} is used twice")
        if parent_id is not None:
            parent = done.get(parent_id)
            if parent is None:
                _fault(problems, path, f"inherits {parent_id!r}, which is not an earlier regime")
            else:
                powers = {**parent.powers, **powers}
        missing = [level for level in schema.LEVELS if level not in powers]
        if missing:
            _fault(problems, path, f"says nothing of the authorities {', '.join(missing)}: give their grants, "
                                   "or `ended`, or inherit them")
        done[regime.id] = dataclasses.replace(regime, powers={level: powers.get(level, Power()) for level in schema.LEVELS})
    return list(done.values())


def _check_sequence(regimes: list[Regime], problems: Problems) -> None:
    """Every day falls under exactly one regime: no gap, no overlap, open at both ends."""
    if not regimes:
        problems.add(REGIMES.name, None, None, "bad_file", detail=("no regime", "no regime"))
        return
    if regimes[0].start is not None:
        _fault(problems, Path(regimes[0].file), "the first regime must have no `from`")
    if regimes[-1].until is not None:
        _fault(problems, Path(regimes[-1].file), "the last regime must have no `until`")
    for earlier, later in zip(regimes, regimes[1:]):
        if earlier.until is None or later.start != earlier.until + dt.timedelta(days=1):
            _fault(problems, Path(later.file), f"must begin the day after {earlier.id} ends")
