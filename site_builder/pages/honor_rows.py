"""Table rows of the honor roll, made in Python.

Every recipient is a row in its decision's table, its award's list and its place's list, in
each language that lists people (the site's, or every one: config recipient_pages); rendering each row through Jinja made browse pages cost as much as all
recipient pages together. Rows are therefore plain strings made here, and a page joins the
rows it shows. The markup is what the templates wrote before, escaped as Jinja escapes. The
parts every language shares (the recipient's link, "position, unit") are made once per
recipient (render/escaping.py), the language's parts once per award, place and decision (per
page root for the decision links).
"""
from __future__ import annotations

from markupsafe import escape

from .. import urls
from ..honor.annex import GROUP_LINES
from ..render.escaping import awardee_fields, escape_text, escaped
from .honor_jump import group_label, group_lang

RECIPIENT_LANG = "vi"  # the language of recipients' names, units and places, whatever the page's


class TableRows:
    """Rows for one language (Facts holds one). A row joins the recipient's parts that every
    language shares (AwardeeFields: its page's file name and "position, unit", made once) with
    this language's cells, each made once per award, place and decision and kept in a
    dictionary: a row is one formatted string with a few look-ups and one call for its place
    note (a list page shows 100 rows, 50,000 recipients make half a million rows per language).

    A row says what its columns need and nothing twice (docs/honor-roll.md, "What a list row
    carries"): links relative to the page's folder (urls.relative), the recipients' language
    once on their <tbody> (none on a page in Vietnamese), the row's number in a plain first
    cell (honor.css styles it), notes in <small>, a decision by its number and symbol under
    the "Quyết định" heading, and no place note that repeats the place whose list it is or
    what the row's own words say ("Trạm Y tế xã Tây" needs no "(Xã Tây)")."""

    def __init__(self, facts):
        self.facts = facts
        code = facts.lang.code
        # The recipients' own words (names, positions, units, places) are Vietnamese; a page in
        # another language says so once per <tbody>, and marks its own words in them.
        self.tbody = "<tbody>" if code == RECIPIENT_LANG else f'<tbody lang="{RECIPIENT_LANG}">'
        own = "" if code == RECIPIENT_LANG else f' lang="{code}"'
        self._own = own
        self._collective_mark = f'<small{own}>{escape(facts.lang.t("collectives"))}</small>'
        self._continued = f' <small{own}>({escape(facts.lang.t("group_continued"))})</small>'
        # A row's link to its recipient's page, in the row's language: rows are made only in
        # a language with recipient pages (config recipient_pages; elsewhere a list is a
        # summary, honor_roll.py), so the link needs no hreflang.
        self._place_note = Cells(lambda u: f" <small>({facts.place_html[u]})</small>" if u else "")
        units = facts.places.units
        self._place_name = Cells(lambda u: units[u].name if u in units else "")  # Vietnamese, as recorded
        self._award = Cells(lambda award: f"<td{own}>{facts.award_html[award]}</td>")
        self._no_cell = Cells(lambda _key: "")  # the column is not shown
        self._notes_at: dict[str, Cells] = {}  # unit whose list it is -> its rows' place notes by place
        self._folders: dict[str, tuple[Cells, Cells]] = {}  # by page folder: recipients' folders, decision cells
        self._group_label = Cells(lambda group: escape(group_label(group, facts.lang.t)))  # honor_jump.py
        self._group_lang = Cells(lambda group: "" if (group_lang(group) or code) == RECIPIENT_LANG
                                 else f' lang="{group_lang(group) or code}"')

    def _links_from(self, here: str) -> tuple["Cells", "Cells"]:
        """For a page in folder `here` (from the site's root, its language prefix included):
        each decision's folder of recipient pages as a link from it, and each decision's cell."""
        links = self._folders.get(here)
        if links is None:
            lang_prefix, decision = self.facts.lang.prefix, self.facts.decision
            links = self._folders[here] = (
                Cells(lambda d: escaped(urls.relative(here, lang_prefix + urls.decision_folder(d)))),
                Cells(lambda d: _decision_cell(urls.relative(here, lang_prefix + decision[d]["path"]),
                                               decision[d], self._own)))
        return links

    def _note_at(self, place: str, today: bool, unit_id: str | None) -> str:
        """The place note of a row on the list of `place` (`today`: a unit in force, whose list
        holds the awards of the places that lie in it today): none for the place itself; the
        place as recorded, and where only a part of it lies in this unit, which unit was split
        ("một phần xã Đại Mạch cũ")."""
        facts = self.facts
        if unit_id == place:
            return ""
        split = next((p.split for p in facts.places.today(unit_id) if p.unit == place), None) \
            if unit_id and today else None
        if split is None:
            return self._place_note[unit_id]
        words = facts.split_note(split)
        if split != unit_id:
            words = f"{facts.unit_name.get(unit_id, unit_id)}, {words}"
        return f" <small>({escape(words)})</small>"

    def _note(self, notes: "Cells", a, f) -> str:
        """A row's place note from `notes` (by place); a plain one (the place's name) is left
        out when the recipient's name, position or unit names that place already, in every
        language (the words are Vietnamese whatever the page's language). Decided once per
        recipient (AwardeeFields.place_said)."""
        note = notes[a.locality]
        if not note or note is not self._place_note[a.locality]:
            return note  # none, or one that says more (a split place)
        said = f.place_said
        if said is None:
            words = f"{a.name}\n{a.position or ''}\n{a.unit or ''}"
            said = f.place_said = names_place(words, self._place_name[a.locality])
        return "" if said else note

    # A row is made when a page shows it, not kept: each shows on one page of its kind per
    # language (its decision's table, its award's list, its place's list).
    def rows(self, awardees, start: int, with_award: bool, here: str, place: str | None = None,
             today: bool = False, jumps=None) -> str:
        """The <tr>s of a list page in <tbody>s; `here`: the page's folder from the site's root
        (its language prefix included); `place`: the unit whose list it is (its rows note
        where each lies, but not when it is that unit), `today`: a unit in force (its rows note
        a split place). A list's rows come in <tbody>s: one, or with `jumps` (the whole list's
        JumpList, honor_jump.py) one per group of the page, headed by the group."""
        folders, decision = self._links_from(here)
        note, collective = self._place_note, self._collective_mark
        if place is not None:
            key = f"{place} {today}"
            note = self._notes_at.get(key)
            if note is None:
                note = self._notes_at[key] = Cells(lambda u: self._note_at(place, today, u))
        award = self._award if with_award else self._no_cell
        parts = [f'<tr><td>{number}</td><th scope="row"><a href="{folders[a.decision]}{f.file}">{f.name}</a>'
                 f'</th><td>{_kind_mark(a, f, collective)}{f.position_unit}'
                 f'{self._note(note, a, f)}</td>{award[a.award]}{decision[a.decision]}</tr>'
                 for number, a, f in _numbered(awardees, start)]
        if jumps is None:
            return self.tbody + "\n" + "\n".join(parts) + "\n</tbody>"
        return self._grouped(parts, jumps.groups[start:start + len(parts)], start,
                             {j.id: j.first for j in jumps.links}, 5 if with_award else 4)

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
                out.append(f'{"</tbody>" if out else ""}{self.tbody}<tr class="roll-group"{anchor}><th colspan="{span}" '
                           f'scope="rowgroup"{self._group_lang[group]}>{self._group_label[group]}{"" if begins else self._continued}</th></tr>')
                last = group
            out.append(row)
        if out:
            out.append("</tbody>")
        return "\n".join(out)

    def annex(self, awardees, numbers, before: str | None, several_awards: bool, here: str) -> str:
        """A decision's rows in the order of its signed annex, as <tbody>s: one per group,
        headed by the group's heading (honor/annex.py); each row with its STT as signed.
        `before`: the group of the row before the first (on the previous page): a group that
        goes on from there is headed again, marked as continued. `numbers` are text
        (honor/annex.py annex_numbers), escaped without a Markup object each. `here`: the
        page's folder (rows).  Each row keeps its recipient's id as its anchor: the
        recipient's page links its row there."""
        award = self._award if several_awards else self._no_cell
        collective, note, span = self._collective_mark, self._place_note, 4 if several_awards else 3
        folders = self._links_from(here)[0]
        parts = []
        group = before
        for i, (a, number) in enumerate(zip(awardees, numbers)):
            if i == 0 or a.group != group:
                if i:
                    parts.append("</tbody>\n")
                heading = "" if not a.group else _group_heading(a.group, span, self._continued if (
                    i == 0 and a.group == before) else "")
                parts.append(f"{self.tbody}{heading}\n")
                group = a.group
            f = a._escaped
            if f is None:
                f = awardee_fields(a)
            parts.append(f'<tr id="{f.id}"><td>{escape_text(number)}</td><th scope="row"><a href="{folders[a.decision]}{f.file}">'
                         f'{f.name}</a></th><td>{_kind_mark(a, f, collective)}{f.position_unit}'
                         f'{self._note(note, a, f)}</td>{award[a.award]}</tr>\n')
        if parts:
            parts.append("</tbody>")
        return "".join(parts)


def names_place(text: str, name: str) -> bool:
    """Whether `text` names the place `name` ("Xã Tây") in any case as a whole name: "Trạm Y
    tế xã Tây" and "UBND xã Tây, huyện Đông" do; "xã Tây Hòa" (another place: a capital
    goes on with the name), "phường 21" and "xã Tâyx" do not."""
    if not name:
        return False
    low, key = text.lower(), name.lower()
    if len(low) != len(text):
        return False  # a letter whose lower case is longer: positions would not match
    start = low.find(key)
    while start >= 0:
        end = start + len(key)
        after = text[end:end + 2]
        if (start == 0 or not text[start - 1].isalnum()) and not (after[:1].isalnum() or (
                after[:1] == " " and (after[1:].isupper() or after[1:].isdigit()))):
            return True
        start = low.find(key, start + 1)
    return False


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


def _decision_cell(href: str, d: dict, lang: str) -> str:
    """A list row's decision: its number and symbol ("288/QĐ-UBND", in the recipients'
    language), or the page's words for one without a number."""
    words = f'<td{lang}>' if d["number"] is None else "<td>"
    return f'{words}<a href="{escaped(href)}">{escaped(d["number"] or d["ref"])}</a></td>'


def _numbered(awardees, start: int):
    """(row number, awardee, its escaped fields) for each awardee."""
    for number, a in enumerate(awardees, start=start + 1):
        f = a._escaped
        yield number, a, f if f is not None else awardee_fields(a)
