"""Table rows of the honor roll, made in Python.

Every recipient is a row in its decision's table, its award's list and its place's list, in
every language; rendering each row through Jinja made browse pages cost as much as all
recipient pages together. Rows are therefore plain strings made here, with a placeholder
where the page's relative root goes, and a page joins the rows it shows. The markup is what
the templates wrote before, escaped as Jinja escapes. The parts every language shares (the
recipient's link, "position, unit") are made once per recipient (render/escaping.py), the
language's parts once per award, place and decision.
"""
from __future__ import annotations

from markupsafe import escape

from ..render.escaping import awardee_fields, escaped

ROOT = "\x00"  # stands for the page's relative root + language prefix until a page is made


class RowCache:
    """Rows for one language (Facts holds one). A row joins the recipient's parts that every
    language shares (AwardeeFields: its link and "position, unit", made once) with this
    language's parts, each made once per award and place (Facts.award_html, place_html) and
    decision."""

    def __init__(self, facts):
        self.facts = facts
        self._decisions: dict[str, str] = {}
        self._collective_mark = f'<span class="muted">{escape(facts.lang.t("collectives"))}</span>'

    @staticmethod
    def _link(f) -> str:
        return f'<a href="{ROOT}{f.href}">{f.name}</a>'

    def _decision(self, decision_id: str) -> str:
        link = self._decisions.get(decision_id)
        if link is None:
            d = self.facts.decision[decision_id]
            link = self._decisions[decision_id] = f'<td><a href="{ROOT}{escaped(d["path"])}">{escaped(d["ref"])}</a></td>'
        return link

    # A row is made when a page shows it, not kept: each shows on one page of its kind per
    # language (its decision's table, its award's list, its place's list).
    def list_row(self, a, with_award: bool) -> str:
        f = awardee_fields(a)
        collective = self._collective_mark if a.kind == "collective" else ""
        place = f' <span class="muted">({self.facts.place_html(a.locality)})</span>' if a.locality else ""
        award = f"<td>{self.facts.award_html(a.award)}</td>" if with_award else ""
        return (f'<th scope="row" lang="vi">{self._link(f)}</th><td lang="vi">{collective}'
                f'{f.position_unit}{place}</td>{award}{self._decision(a.decision)}</tr>')

    def collective_row(self, a, several_awards: bool) -> str:
        award = f'<td lang="{self.facts.lang.code}">{self.facts.award_html(a.award)}</td>' if several_awards else ""
        return f'<th scope="row">{self._link(awardee_fields(a))}</th>{award}<td>{self.facts.place_html(a.locality)}</td></tr>'

    def individual_row(self, a, several_awards: bool) -> str:
        f = awardee_fields(a)
        award = f'<td lang="{self.facts.lang.code}">{self.facts.award_html(a.award)}</td>' if several_awards else ""
        return f'<th scope="row">{self._link(f)}</th><td>{f.position_unit}</td>{award}</tr>'

    def rows(self, kind: str, awardees, start: int, option: bool, base: str) -> str:
        """The <tr>s of a table: kind list|collective|individual; `option` is with_award for
        lists and several_awards for decision tables; `base` is the page root + language prefix."""
        make = {"list": self.list_row, "collective": self.collective_row, "individual": self.individual_row}[kind]
        if kind == "list":
            parts = [f'<tr><td class="num">{number}</td>{make(a, option)}'
                     for number, a in enumerate(awardees, start=start + 1)]
        else:
            parts = [f'<tr id="{awardee_fields(a).id}"><td class="num">{number}</td>{make(a, option)}'
                     for number, a in enumerate(awardees, start=start + 1)]
        return "\n".join(parts).replace(ROOT, base)
