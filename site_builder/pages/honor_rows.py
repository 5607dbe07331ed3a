"""Table rows of the honor roll, made in Python.

Every recipient is a row in its decision's table, its award's list and its place's list, in
every language; rendering each row through Jinja made browse pages cost as much as all
recipient pages together. Rows are therefore plain strings made here, and a page joins the
rows it shows. The markup is what the templates wrote before, escaped as Jinja escapes. The
parts every language shares (the recipient's link, "position, unit") are made once per
recipient (render/escaping.py), the language's parts once per award, place and decision (per
page root for the decision links).
"""
from __future__ import annotations

from markupsafe import escape

from ..honor.annex import GROUP_LINES
from ..render.escaping import awardee_fields, escape_text, escaped
from .honor_jump import group_label, group_lang


class TableRows:
    """Rows for one language (Facts holds one). A row joins the recipient's parts that every
    language shares (AwardeeFields: its link and "position, unit", made once) with this
    language's cells, each made once per award, place and decision and kept in a dictionary:
    a row is one formatted string with a few look-ups, no calls (a list page shows 100 rows,
    50,000 recipients make half a million rows per language)."""

    def __init__(self, facts):
        self.facts = facts
        self._collective_mark = f'<span class="muted">{escape(facts.lang.t("collectives"))}</span>'
        # Cells by award, place and decision id, filled as rows need them (Cells).
        code = facts.lang.code
        self._decisions: dict[str, Cells] = {}  # by page root: the cells link to the decision pages
        # A row's link to its recipient's page, up to the page's own address (href="…): by the
        # page's root and language prefix (`base`). By default only the site's language has
        # recipient pages (config recipient_pages): another language's rows link those, with
        # their hreflang (RecipientLinks).
        links, prefix = facts.links, facts.lang.prefix
        self._recipient_link = Cells(lambda base: '<a href="' + base[:len(base) - len(prefix)] + links.prefix)
        self._hreflang = str(links.hreflang)
        self._place_note = Cells(lambda u: f' <span class="muted">({facts.place_html[u]})</span>' if u else "")
        self._place = facts.place_html
        self._award = Cells(lambda award: f"<td>{facts.award_html[award]}</td>")
        self._award_lang = Cells(lambda award: f'<td lang="{code}">{facts.award_html[award]}</td>')
        self._no_cell = Cells(lambda _key: "")  # the column is not shown
        self._continued = f' <span class="muted">({escape(facts.lang.t("group_continued"))})</span>'
        self._notes_at: dict[str, Cells] = {}  # unit in force -> its list's place notes by place
        self._group_label = Cells(lambda group: escape(group_label(group, facts.lang.t)))  # honor_jump.py
        self._group_lang = Cells(lambda group: f' lang="{group_lang(group)}"' if group_lang(group) else "")

    def _note_at(self, today_place: str, unit_id: str | None) -> str:
        """The place note of a row on the page of a unit in force: the place as recorded, and
        where only a part of it lies in this unit, which unit was split ("một phần xã Đại
        Mạch cũ"); the place as recorded alone when it lies here whole."""
        facts = self.facts
        split = next((p.split for p in facts.places.today(unit_id) if p.unit == today_place), None) if unit_id else None
        if split is None:
            return self._place_note[unit_id]
        words = facts.split_note(split)
        if split != unit_id:
            words = f"{facts.unit_name.get(unit_id, unit_id)}, {words}"
        return f' <span class="muted">({escape(words)})</span>'

    # A row is made when a page shows it, not kept: each shows on one page of its kind per
    # language (its decision's table, its award's list, its place's list).
    def rows(self, kind: str, awardees, start: int, option: bool, base: str, today_place: str | None = None,
             jumps=None) -> str:
        """The <tr>s of a table: kind list|collective|individual; `option` is with_award for
        lists and several_awards for decision tables; `base` is the page root + language prefix;
        `today_place`: the unit in force whose page lists them (its rows note a split place).
        A list's rows come in <tbody>s: one, or with `jumps` (the whole list's JumpList,
        honor_jump.py) one per group of the page, headed by the group."""
        place, link, hreflang = self._place, self._recipient_link[base], self._hreflang
        decision = self._decisions.get(base)
        if decision is None:
            decision = self._decisions[base] = Cells(lambda d: _decision_cell(base, self.facts.decision[d]))
        if kind == "list":
            note, collective = self._place_note, self._collective_mark
            if today_place is not None:
                note = self._notes_at.get(today_place)
                if note is None:
                    note = self._notes_at[today_place] = Cells(lambda u: self._note_at(today_place, u))
            award = self._award if option else self._no_cell
            parts = [f'<tr><td class="num">{number}</td><th scope="row" lang="vi">{link}{f.href}"{hreflang}>{f.name}</a>'
                     f'</th><td lang="vi">{collective if a.kind == "collective" else ""}{f.position_unit}'
                     f'{note[a.locality]}</td>{award[a.award]}{decision[a.decision]}</tr>'
                     for number, a, f in _numbered(awardees, start)]
            if jumps is None:
                return "<tbody>\n" + "\n".join(parts) + "\n</tbody>"
            return self._grouped(parts, jumps.groups[start:start + len(parts)], start,
                                 {j.id: j.first for j in jumps.links}, 5 if option else 4)
        elif kind == "collective":
            award = self._award_lang if option else self._no_cell
            parts = [f'<tr id="{f.id}"><td class="num">{number}</td><th scope="row">{link}{f.href}"{hreflang}>{f.name}</a>'
                     f'</th>{award[a.award]}<td>{place[a.locality]}</td></tr>'
                     for number, a, f in _numbered(awardees, start)]
        else:
            award = self._award_lang if option else self._no_cell
            parts = [f'<tr id="{f.id}"><td class="num">{number}</td><th scope="row">{link}{f.href}"{hreflang}>{f.name}</a>'
                     f'</th><td>{f.position_unit}</td>{award[a.award]}</tr>'
                     for number, a, f in _numbered(awardees, start)]
        return "\n".join(parts)

    def _grouped(self, parts: list[str], groups: list[str], start: int, firsts: dict[str, int], span: int) -> str:
        """A list page's rows (`parts`, of the groups `groups`) in one <tbody> per group,
        each headed by its group's name; the heading where a group begins carries its anchor
        (`firsts`: the row where each group begins in the whole list), one that goes on from
        an earlier page is marked as continued."""
        out = []
        last = None
        for i, (group, row) in enumerate(zip(groups, parts)):
            if group != last:
                begins = firsts.get(group) == start + i
                anchor = f' id="{group}"' if begins else ""
                out.append(f'{"</tbody>" if out else ""}<tbody><tr class="roll-group"{anchor}><th colspan="{span}" '
                           f'scope="rowgroup"{self._group_lang[group]}>{self._group_label[group]}{"" if begins else self._continued}</th></tr>')
                last = group
            out.append(row)
        if out:
            out.append("</tbody>")
        return "\n".join(out)


    def annex(self, awardees, numbers, before: str | None, several_awards: bool, base: str) -> str:
        """A decision's rows in the order of its signed annex, as <tbody>s: one per group,
        headed by the group's heading (honor/annex.py); each row with its STT as signed.
        `before`: the group of the row before the first (on the previous page): a group that
        goes on from there is headed again, marked as continued. `numbers` are text
        (honor/annex.py annex_numbers), escaped without a Markup object each."""
        award = self._award_lang if several_awards else self._no_cell
        collective, note, span = self._collective_mark, self._place_note, 4 if several_awards else 3
        link, hreflang = self._recipient_link[base], self._hreflang
        parts = []
        group = before
        for i, (a, number) in enumerate(zip(awardees, numbers)):
            if i == 0 or a.group != group:
                if i:
                    parts.append("</tbody>\n")
                heading = "" if not a.group else _group_heading(a.group, span, self._continued if (
                    i == 0 and a.group == before) else "")
                parts.append(f'<tbody lang="vi">{heading}\n')
                group = a.group
            f = a._escaped
            if f is None:
                f = awardee_fields(a)
            parts.append(f'<tr id="{f.id}"><td class="num">{escape_text(number)}</td><th scope="row">{link}{f.href}"{hreflang}>'
                         f'{f.name}</a></th><td>{_kind_mark(a, f, collective)}{f.position_unit}'
                         f'{note[a.locality]}</td>{award[a.award]}</tr>\n')
        if parts:
            parts.append("</tbody>")
        return "".join(parts)


def _kind_mark(a, f, collective: str) -> str:
    if a.kind != "collective":
        return ""
    return collective + " " if f.position_unit else collective


def _group_heading(group: str, span: int, continued: str) -> str:
    lines = "<br>".join(str(escape(line)) for line in group.split(GROUP_LINES))
    return f'<tr class="roll-group"><th colspan="{span}" scope="rowgroup">{lines}{continued}</th></tr>'


class Cells(dict):
    """A value per key (a language's cell for an award, place or decision id), made by
    `make(key)` on first use and kept."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, key):
        cell = self[key] = self._make(key)
        return cell


def _decision_cell(base: str, d: dict) -> str:
    return f'<td><a href="{base}{escaped(d["path"])}">{escaped(d["ref"])}</a></td>'


def _numbered(awardees, start: int):
    """(row number, awardee, its escaped fields) for each awardee."""
    for number, a in enumerate(awardees, start=start + 1):
        f = a._escaped
        yield number, a, f if f is not None else awardee_fields(a)
