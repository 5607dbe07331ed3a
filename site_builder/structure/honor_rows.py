"""Table rows of the honor roll, built once per recipient and language.

A recipient appears in up to seven lists (its decision, award, place as recorded, place today,
campaign, year, ...); rendering each row through Jinja for every list made browse pages cost
as much as all recipient pages together. Rows are therefore plain strings made here, with a
placeholder where the page's relative root goes, and a page joins the rows it shows. The
markup is what the templates wrote before, escaped as Jinja escapes (markupsafe, in C: a
browse list of 200 rows escapes about a thousand values).
"""
from __future__ import annotations

from markupsafe import escape

from ..addresses import awardee_path
from ..render.escaping import awardee_fields, escaped

ROOT = "\x00"  # stands for the page's relative root + language prefix until a page is made


class RowCache:
    """Rows for one language (Facts holds one)."""

    def __init__(self, facts):
        self.facts = facts
        self._list: dict[tuple, str] = {}
        self._collective: dict[tuple, str] = {}
        self._individual: dict[tuple, str] = {}

    def _link(self, a) -> str:
        return f'<a href="{ROOT}{escape(awardee_path(a))}">{awardee_fields(a).name}</a>'

    def _award(self, a) -> str:
        return escaped(self.facts.award_label.get(a.award, a.award or ""))

    @staticmethod
    def _position_unit(a) -> str:
        f = awardee_fields(a)
        joiner = ", " if a.position and a.unit else ""
        return f"{f.position}{joiner}{f.unit}"

    def list_row(self, a, with_award: bool) -> str:
        key = (a.decision, a.id, with_award)
        row = self._list.get(key)
        if row is None:
            facts = self.facts
            d = facts.decision[a.decision]
            collective = (f'<span class="muted">{escape(facts.lang.t("collectives"))}</span>'
                          if a.kind == "collective" else "")
            place = (f' <span class="muted">({escaped(facts.unit_name.get(a.locality, ""))})</span>'
                     if a.locality else "")
            award = f"<td>{self._award(a)}</td>" if with_award else ""
            row = (f'<th scope="row" lang="vi">{self._link(a)}</th><td lang="vi">{collective}'
                   f'{self._position_unit(a)}{place}</td>{award}'
                   f'<td><a href="{ROOT}{escaped(d["path"])}">{escaped(d["ref"])}</a></td></tr>')
            self._list[key] = row
        return row

    def collective_row(self, a, several_awards: bool) -> str:
        key = (a.decision, a.id, several_awards)
        row = self._collective.get(key)
        if row is None:
            award = f'<td lang="{self.facts.lang.code}">{self._award(a)}</td>' if several_awards else ""
            place = escaped(self.facts.unit_name.get(a.locality, "")) if a.locality else ""
            row = f'<th scope="row">{self._link(a)}</th>{award}<td>{place}</td></tr>'
            self._collective[key] = row
        return row

    def individual_row(self, a, several_awards: bool) -> str:
        key = (a.decision, a.id, several_awards)
        row = self._individual.get(key)
        if row is None:
            award = f'<td lang="{self.facts.lang.code}">{self._award(a)}</td>' if several_awards else ""
            row = f'<th scope="row">{self._link(a)}</th><td>{self._position_unit(a)}</td>{award}</tr>'
            self._individual[key] = row
        return row

    def rows(self, kind: str, awardees, start: int, option: bool, base: str) -> str:
        """The <tr>s of a table: kind list|collective|individual; `option` is with_award for
        lists and several_awards for decision tables; `base` is the page root + language prefix."""
        make = {"list": self.list_row, "collective": self.collective_row, "individual": self.individual_row}[kind]
        with_id = kind != "list"
        parts = []
        for number, a in enumerate(awardees, start=start + 1):
            head = f'<tr id="{awardee_fields(a).id}">' if with_id else "<tr>"
            parts.append(f'{head}<td class="num">{number}</td>{make(a, option)}')
        return "\n".join(parts).replace(ROOT, base)
