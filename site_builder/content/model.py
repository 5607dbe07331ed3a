"""Typed records of the content, built from validated frontmatter and data files."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import UNKNOWN_DATE, DocDate
from .frontmatter import nearest_line

DOC_TYPE_NAMES = {
    "KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị", "CV": "Công văn", "HD": "Hướng dẫn",
    "TB": "Thông báo", "NQ": "Nghị quyết", "NĐ": "Nghị định", "TT": "Thông tư",
}


@dataclass
class Source:
    """Where a record came from, for messages and for the build report."""
    file: str
    line: int | None = None


@dataclass
class Body:
    id: str
    name: str
    level: str
    short: str | None = None
    header: str | None = None  # its own line in a document header, when not its name in capitals
    parent_header: str | None = None  # the line above it in a document header; none when absent
    parent: str | None = None
    kind: str | None = None
    locality: str | None = None
    code: str | None = None
    name_en: str | None = None
    name_km: str | None = None
    valid_from: dt.date | None = None  # bodies.yml `from`: its first day
    until: dt.date | None = None  # its last day
    successors: list[str] = field(default_factory=list)
    # Where it is written, for problems about its fields (the loader sets it).
    source: DataSource | None = field(default=None, repr=False, compare=False)


@dataclass
class AwardForm:
    id: str
    label: dict[str, str]
    rank: int
    category: str | None = None
    conferred_by: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    family: str | None = None
    note: str | None = None
    law: str | None = None  # the form of the award law it is, when not its id
    valid_from: dt.date | None = None  # awards.yml `from`
    until: dt.date | None = None
    source: DataSource | None = field(default=None, repr=False, compare=False)

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label["vi"]


@dataclass
class DataSource:
    """Where a record of a data file was written: the file, the record's key (its id, or
    "[3]" for an item of a list) and the line of every key of the file, for messages."""
    file: str
    key: str
    lines: dict  # path in the file ("dai-mach.successors[0].unit") -> line; shared by its records

    def line_of(self, path: str = "") -> int | None:
        """The line of a field of the record ("successors[0].unit"), or of the nearest
        enclosing one written on a line of its own, or of the record's key."""
        return nearest_line(self.lines, f"{self.key}.{path}" if path else self.key)


@dataclass(frozen=True)
class Successor:
    """A unit that took over another one on the day after it ended: all of it, or a part."""
    unit: str
    part: bool = False


@dataclass
class Unit:
    id: str
    name: str  # as it was while the unit existed: documents show it so
    type: str | None = None
    code: str | None = None  # official code (mã đơn vị hành chính), when known
    parent: str | None = None
    valid_from: dt.date | None = None  # units.yml `from`: first day in force
    until: dt.date | None = None  # last day in force
    successors: list[Successor] = field(default_factory=list)
    now_part_of: str | None = None  # shorthand: one successor taking the whole unit
    name_en: str | None = None
    name_km: str | None = None
    source: DataSource | None = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        self.successors = [s if isinstance(s, Successor) else Successor(s["unit"], bool(s.get("part")))
                           for s in self.successors if isinstance(s, Successor) or s.get("unit")]
        if self.now_part_of and not self.successors:
            self.successors = [Successor(self.now_part_of)]

    @property
    def ended(self) -> bool:
        """Whether the unit has ended: written once it has (`until`)."""
        return self.until is not None

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.until is None or day <= self.until)


@dataclass
class Campaign:
    id: str
    name: str
    launched_by: str | None = None
    parent: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    summary: str | None = None
    name_en: str | None = None
    name_km: str | None = None
    issuer_name: str | None = None


@dataclass
class Translation:
    lang: str
    file: str
    meta: dict
    body: str
    body_line: int = 1


@dataclass(frozen=True)
class Original:
    """A document's signed original (bản gốc có chữ ký): a PDF or a scan kept in content/,
    checked by rules/originals.py, published beside the document's page (urls.original_file)."""
    source: str  # its path under content/ ("decisions/qd-2475-2021.pdf")
    kind: str  # "pdf", "jpeg" or "png": what its bytes are
    size: int  # bytes

    @property
    def suffix(self) -> str:
        """The suffix of its published copy: one per kind, whatever case the source used."""
        return {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png"}[self.kind]

    @property
    def label(self) -> str:
        """How its kind is named on the page: PDF, JPEG, PNG."""
        return self.kind.upper()

    @property
    def media_type(self) -> str:
        return "application/pdf" if self.kind == "pdf" else f"image/{self.kind}"


@dataclass
class Entry:
    """A Markdown content file of any collection."""
    id: str
    collection: str  # plan | decision | message | story
    source: Source
    meta: dict
    body: str
    body_line: int = 1
    draft: bool = False
    publish_date: dt.date | None = None
    translations: dict[str, Translation] = field(default_factory=dict)
    # What pages show of the entry as one digest, kept once made (runtime/keys.py entry_stamp).
    _page_stamp: str | None = field(default=None, init=False, repr=False, compare=False)

    def get(self, key, default=None):
        value = self.meta.get(key)
        return default if value is None else value

    @property
    def title(self) -> str:
        return self.meta.get("title", self.id)


@dataclass
class Document(Entry):
    """Plans and other official documents (and, as a subclass, award decisions)."""
    # Its signed original once rules/originals.py checked the file: pages, embeds and open
    # data link it, and page keys include it (runtime/keys.py entry_stamp).
    original: Original | None = field(default=None, compare=False)

    @property
    def doc_type(self) -> str:
        return self.meta.get("doc_type") or ("QĐ" if self.collection == "decision" else "KH")

    @property
    def date(self) -> DocDate:
        """The document's date; UNKNOWN_DATE when it is missing or wrong (already reported)."""
        return self.meta.get("date") or UNKNOWN_DATE

    @property
    def number(self) -> str:
        return self.meta.get("number") or ""

    @property
    def symbol(self) -> str:
        return self.meta.get("symbol") or ""

    @property
    def reference(self) -> str:
        """"108/KH-UBND", or "/KH-UBND" when the number is blank."""
        if not self.symbol:
            return self.number
        return f"{self.number}/{self.symbol}"

    @property
    def type_name(self) -> str:
        return DOC_TYPE_NAMES.get(self.doc_type, self.doc_type)


@dataclass(frozen=True)
class Correction:
    """One field of an awardee amended by a correction decision (Quyết định đính chính,
    `corrects:` in its frontmatter; rules/corrections.py applies it). The awardee's field holds
    the corrected value; this is the trail its page shows under "Lịch sử"."""
    decision: str  # id of the correcting decision
    date: DocDate  # its date
    field: str  # name, position, unit, locality or achievement
    old: str  # the value the corrected decision published ("" for none)
    new: str  # the value in force since the correction


@dataclass(slots=True)
class Awardee:
    decision: str  # decision id
    id: str
    kind: str  # individual | collective
    name: str
    award: str | None
    position: str | None = None
    unit: str | None = None
    locality: str | None = None
    achievement: str | None = None
    public_fields: list[str] = field(default_factory=list)
    source: Source | None = None
    revoked_by: str | None = None  # id of the decision that revoked it
    # Its place in the signed annex (honor/annex.py): its number as signed, and the heading of
    # its group (lines joined by "\n"), when the list gives them.
    stt: str | None = None
    group: str | None = None
    # Corrections applied to it, oldest first (rules/corrections.py): the fields above hold
    # the corrected values. A tuple, empty for nearly every awardee (one shared object).
    corrections: tuple[Correction, ...] = ()
    # What is derived from the fields, kept once made (honor/awardees.py, runtime/keys.py,
    # render/escaping.py). Slots rather than a dictionary per object: a province's 100,000
    # awardees sit compactly in memory, and a pass over them ran about twice as fast at 100,000
    # (the honor index 0.42 -> 0.23 s).
    _sort_key: str | None = field(default=None, init=False, repr=False, compare=False)
    _jump_group: str | None = field(default=None, init=False, repr=False, compare=False)  # pages/honor_jump.py
    _content_stamps: bytes | None = field(default=None, init=False, repr=False, compare=False)
    _escaped: object = field(default=None, init=False, repr=False, compare=False)  # AwardeeFields
    _verify_code: str | None = field(default=None, init=False, repr=False, compare=False)  # honor/verification.py

    @property
    def key(self) -> str:
        return f"{self.decision}/{self.id}"


# An awardee read from a sheet holds its achievement as a SharedText (honor/shared_text.py):
# its place in one block of bytes that every process of a build shares, decoded when a page
# asks for it, because each process copies the str objects it reads (docs/architecture.md,
# "Memory"). `achievement` reads as the text whatever the slot holds, and is made and
# assigned as before (a correction assigns the corrected str).
_ACHIEVEMENT_SLOT = Awardee.achievement


def _achievement(awardee: Awardee) -> str | None:
    held = _ACHIEVEMENT_SLOT.__get__(awardee, Awardee)
    return held if held is None or held.__class__ is str else held.text()


Awardee.achievement = property(_achievement, _ACHIEVEMENT_SLOT.__set__,
                               doc="What the awardee is commended for, as written; None when not given.")


def held_achievement(awardee: Awardee):
    """The achievement as the awardee holds it: None, a str, or its sheet's text not decoded
    (a SharedText: `utf8()` gives its bytes), for a key that need not decode 50,000 texts."""
    return _ACHIEVEMENT_SLOT.__get__(awardee, Awardee)


@dataclass
class Decision(Document):
    awardees: list[Awardee] = field(default_factory=list)
    # Ids given to its awardees so far, and the reserved ones (honor/awardees.py taken_ids).
    _awardee_ids: set[str] | None = field(default=None, init=False, repr=False, compare=False)
    # awardee id -> awardee, rebuilt when awardees were added (honor/awardees.py find_awardee).
    _awardee_index: dict[str, Awardee] | None = field(default=None, init=False, repr=False, compare=False)


@dataclass
class Message(Entry):
    pass


@dataclass
class Story(Entry):
    pass


@dataclass
class Consultation(Entry):
    """A proposal list put out for public comment (lấy ý kiến nhân dân). Its people are read
    from the sheet beside it by the decisions' sheet reader, so they are Awardee records and
    the field keeps that reader's name; they are candidates, never awardees: they live here,
    not in a decision, and no honor-roll output looks here."""
    awardees: list[Awardee] = field(default_factory=list)
    _awardee_ids: set[str] | None = field(default=None, init=False, repr=False, compare=False)
    _awardee_index: dict[str, Awardee] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def candidates(self) -> list[Awardee]:
        return self.awardees

    @property
    def opens(self) -> dt.date | None:
        """The first day of the consultation window (`from`)."""
        return self.meta.get("from")

    @property
    def closes(self) -> dt.date | None:
        """The last day of the window (`to`)."""
        return self.meta.get("to")


COLLECTION_CLASSES = {"plan": Document, "decision": Decision, "message": Message, "story": Story,
                      "consultation": Consultation}
