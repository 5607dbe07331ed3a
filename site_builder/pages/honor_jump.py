"""The jump list of a long honor-roll list: its rows grouped by initial, each group headed in
the table, and links to where each group begins, on whichever page of the list that is.

An award's or a place's list is sorted collectives first, then people by given name the
Vietnamese way (honor/index.py); a group is the collectives, then each letter of the
Vietnamese alphabet the given names begin with ("Ấn" under Â, "Đức" under Đ), then the names
that begin with a number or a letter of another script, under "Khác". Plain links to page
addresses and anchors: the jump list works without JavaScript (docs/honor-roll.md, "On a
phone").
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..honor.awardees import awardee_sort_key
from ..text.sorting import initial_letter

# A list of more rows than this is grouped and has a jump list (about 4 screens on a phone).
JUMP_LIST_FROM = 30

COLLECTIVES = "tap-the"
OTHER = "khac"
# The anchors of letters with marks, written as Vietnamese keyboards type them (Telex):
# ASCII, readable in an address, and none the same as another letter's.
_TELEX = {"ă": "aw", "â": "aa", "đ": "dd", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw"}


def group_of(awardee) -> str:
    """The anchor id of the awardee's group: "tap-the", "chu-a", "chu-aw" (Ă), "chu-dd" (Đ)...,
    "khac". Kept on the awardee once made: an awardee is in several lists (its award's, its
    places'), each made in every language, and the jump lists are part of their pages' keys,
    so every build made them for each list (217,000 calls at 50,000 recipients, in each render
    worker) even when it kept every page. pages/honor_roll.py stamp_all makes them all before
    the workers fork."""
    group = awardee._jump_group
    if group is None:
        if awardee.kind == "collective":
            group = COLLECTIVES
        else:
            letter = initial_letter(awardee_sort_key(awardee))
            group = OTHER if letter is None else "chu-" + _TELEX.get(letter, letter)
        awardee._jump_group = group
    return group


def group_label(group: str, t) -> str:
    """What a group's heading and its link say: "Tập thể", "A", "Ă", "Đ", "Khác"."""
    if group == COLLECTIVES:
        return t("collectives")
    if group == OTHER:
        return t("jump_other")
    code = group[len("chu-"):]
    return next((letter for letter, typed in _TELEX.items() if typed == code), code).upper()


def group_lang(group: str) -> str | None:
    """The language of a group's label when it is not the page's: a letter is one of the
    Vietnamese alphabet on every page ("Đ" on an English page too), "Tập thể" and "Khác" are
    translated."""
    return None if group in (COLLECTIVES, OTHER) else "vi"


@dataclass(slots=True)
class JumpLink:
    """One group's link: its anchor, what it says (and in which language, when not the
    page's), the page where it begins and the row it begins at. Attributes, not a dictionary:
    a template's `j.path` on a dictionary raised an AttributeError before finding the key, a
    tenth of a list page's rendering (25 links a page, 2,400 list pages at 50,000 recipients)."""
    id: str
    label: str
    lang: str | None
    path: str
    first: int


@dataclass
class JumpList:
    """A long list's groups: `links`, one JumpLink a group in the list's order, and `groups`,
    the group of every row (rows made once per list, not again per page)."""
    links: list[JumpLink]
    groups: list[str]


def jump_list(rows: list, base: str, per_page: int, t) -> JumpList | None:
    """The jump list of the list at `base` (`per_page` rows a page, urls.paged numbers the
    pages); None for a list too short to need one."""
    if len(rows) <= JUMP_LIST_FROM:
        return None
    groups = [group_of(awardee) for awardee in rows]
    found: dict[str, JumpLink] = {}
    last = None
    for i, group in enumerate(groups):
        if group != last and group not in found:
            found[group] = JumpLink(group, group_label(group, t), group_lang(group), urls.paged(base, 1 + i // per_page), i)
        last = group
    return JumpList(list(found.values()), groups)
