"""Field specifications of every kind of content: one source for validation and JSON Schema.

Each collection is described once here. `validate()` walks frontmatter against a spec and
reports problems with the line of the offending field; `json_schema()` turns the same spec
into a JSON Schema for editors. Cross-references (ids of other files) are only collected
here and resolved by the loader once every file is read.
"""
from __future__ import annotations

import difflib
import posixpath
import re
from array import array
from dataclasses import dataclass, field

from .. import urls
from ..text.slug import slugify
from .dates import parse_date, parse_doc_date
from .folders import SHEET_SUFFIXES
from .frontmatter import Parsed
from .problems import Problems, kind_name


@dataclass
class F:
    type: str  # str | text | int | bool | date | docdate | list | obj | ref | enum | url | path | file | id
    required: bool = False
    ref: str | None = None  # for ref: plans | decisions | bodies | awards | units | campaigns | law_forms
    choices: tuple = ()
    items: "F | None" = None
    fields: "dict[str, F] | None" = None
    doc: str = ""
    kind: str | None = None  # name of an object's kind, for messages
    reserved: frozenset = urls.SITE_NAMES  # id: the names it may not take (urls.id_fault)
    suffixes: tuple = ()  # file: the endings its name may have (".csv", ".xlsx")
    # The web editor's Vietnamese label where this field's name means something else in other
    # places (a signer's title is a position, a document's a trích yếu); else the editor's label
    # of the name (editor/cms_config.py FIELD_LABELS).
    label: str = ""


DOC_TYPES = ("KH", "QĐ", "CT", "CV", "HD", "TB", "NQ", "NĐ", "TT")
SIGN_AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")

COMMON = {
    "draft": F("bool", doc="true: not published in production builds (shown in previews)"),
    "publish_date": F("date", doc="not published in production builds before this date"),
    "review": F("list", items=F("str"), doc="fields an import marked for review; delete when checked"),
    "source_hash": F("str", doc="(translations) fingerprint of the source when it was translated"),
}

SIGNER = F("obj", kind="signer", fields={
    "authority": F("enum", choices=SIGN_AUTHORITIES, doc="TM., KT., Q., TL. or TUQ."),
    "body": F("str", doc="what follows the authority: the collective after TM. (ỦY BAN NHÂN DÂN) or the head's title after KT. (CHỦ TỊCH)"),
    "title": F("str", required=True, doc="title of the signer (e.g. CHỦ TỊCH)", label="Chức vụ người ký"),
    "name": F("str", required=True, doc="full name of the signer"),
})

DOCUMENT = {
    "doc_type": F("enum", choices=DOC_TYPES, doc="type code: KH Kế hoạch, QĐ Quyết định, ..."),
    "number": F("str", doc='number before the slash; "" when the copy leaves it blank'),
    "symbol": F("str", doc="symbol after the slash, e.g. KH-UBND"),
    "issuer": F("ref", required=True, ref="bodies", doc="id of the issuing body in data/bodies.yml"),
    "place": F("str", doc="place name in the date line"),
    "date": F("docdate", required=True, doc="YYYY-MM-DD, or YYYY-MM / YYYY when the copy has blanks"),
    "title": F("text", required=True, doc="trích yếu: the title without the document type word"),
    "summary": F("text", doc="one or two sentences for lists and previews"),
    "campaign": F("ref", ref="campaigns", doc="id in data/campaigns.yml"),
    "signer": SIGNER,
    "cites": F("list", items=F("obj", kind="cite", fields={
        "ref": F("str", doc='number and symbol, e.g. "85/KH-UBND" (absent for documents without one)'),
        "relation": F("enum", choices=("based_on", "implements", "replaces"),
                      doc="how this document relates to the cited one (default: based_on)"),
        "date": F("docdate"),
        "issuer_name": F("str"),
        "doc_type": F("enum", choices=DOC_TYPES),
        "title": F("text"),
    }), doc="documents cited that are not in the site"),
    "illustrative": F("bool", doc="true: example content, not a real document"),
    "original": F("path", doc="the signed original, a PDF or a scan (.pdf, .jpg, .png), as a path from content/, "
                              "e.g. decisions/qd-2475-2021.pdf; offered for download beside the text"),
}

PLAN = {
    **COMMON, **DOCUMENT,
    "implements": F("list", items=F("ref", ref="documents"), doc="ids of documents this one carries out"),
    "replaces": F("list", items=F("ref", ref="documents"), doc="ids of documents this one replaces"),
    "phases": F("list", items=F("obj", kind="phase", fields={
        "name": F("str", required=True), "start": F("date"), "end": F("date"), "note": F("text"),
    })),
    "deadlines": F("list", items=F("obj", kind="deadline", fields={
        "date": F("date", required=True), "what": F("text", required=True),
    })),
    "awards": F("list", items=F("ref", ref="awards"), doc="award forms the plan offers"),
    "tasks": F("list", items=F("obj", kind="task", fields={
        "assignee": F("str", required=True), "task": F("text", required=True),
        "body": F("ref", ref="bodies"),
    })),
    "recipients": F("list", items=F("str"), doc="Nơi nhận, as written"),
}

AWARDEE = {
    "kind": F("enum", choices=("individual", "collective"), doc="individual (cá nhân) or collective (tập thể)"),
    "name": F("str", required=True),
    "position": F("str"),
    "unit": F("str"),
    "locality": F("ref", ref="units"),
    "award": F("ref", ref="awards"),
    "achievement": F("text"),
    # A recipient's page is <id>.html beside its decision's own files (urls.DECISION_NAMES).
    "id": F("id", reserved=urls.DECISION_NAMES, doc="lower-case ASCII words joined by hyphens"),
    "public_fields": F("list", items=F("str")),
    # The signed annex's order is the list's order; these keep its numbering and grouping
    # (honor/annex.py).
    "stt": F("str", doc="the row's number as the signed annex prints it (1, 1., 1a, I); "
                        "without it, rows are numbered in the list's order"),
    "group": F("str", doc="the annex's group heading the row stands under (I. TẬP THỂ, a unit's name)"),
}

# The fields of a recipient a correction decision may amend (rules/corrections.py). Not its
# award form: a different form is a different award, conferred or annulled by its own decision.
CORRECTABLE_FIELDS = ("name", "position", "unit", "locality", "achievement")

# The list of people of a decision or consultation, when it is not named after the entry
# (`<stem>.csv`): a file in the same folder, as the web editor stores an upload under the
# name it had on the communicator's computer (content/sheet_files.py).
SHEET_FILE = F("file", suffixes=SHEET_SUFFIXES,
               doc="the file name of its list (.csv or .xlsx) in the same folder, when it is not <stem>.csv "
                   "or <stem>.xlsx, e.g. danh-sach-khen-thuong.xlsx")

DECISION = {
    **COMMON, **DOCUMENT,
    "plan": F("ref", ref="documents", doc="id of the plan this decision rewards"),
    "phase": F("str", doc="name of the plan's phase"),
    "award": F("ref", ref="awards", doc="default award of every awardee"),
    "awardees": F("list", items=F("obj", kind="awardee", fields=AWARDEE)),
    "sheet": F("str", doc="the worksheet to read in the .xlsx list beside the decision, when the workbook "
                          "has several sheets with values"),
    "sheet_file": SHEET_FILE,
    "revokes": F("list", items=F("obj", kind="revocation", fields={
        "decision": F("ref", required=True, ref="decisions"),
        "recipient": F("str", required=True),
        "reason": F("text"),
    })),
    # A correction decision (Quyết định đính chính): docs/honor-roll.md "Correcting an award".
    "corrects": F("list", items=F("obj", kind="correction", fields={
        "decision": F("ref", required=True, ref="decisions", doc="id of the decision being corrected"),
        "recipient": F("str", required=True, doc="the recipient's id in that decision (its page's name)"),
        "field": F("enum", required=True, choices=CORRECTABLE_FIELDS,
                   doc="what is corrected: name, position, unit, locality (a unit id) or achievement"),
        "from": F("str", required=True, doc="the value as the corrected decision published it (checked)"),
        "to": F("str", required=True, doc="the corrected value"),
    }), doc="fields of recipients of earlier decisions that this decision corrects"),
    # Addresses of recipients whose id changed (a name corrected in the sheet): the old page
    # redirects to the new one (docs/honor-roll.md "Addresses that stay").
    "moved_recipients": F("list", items=F("obj", kind="moved_recipient", fields={
        "from": F("id", required=True, reserved=urls.DECISION_NAMES, doc="the recipient's former id"),
        "to": F("id", required=True, reserved=urls.DECISION_NAMES, doc="its id now"),
    }), doc="former recipient ids of this decision whose pages redirect to the current ones"),
    "recipients": F("list", items=F("str"), doc="Nơi nhận, as written"),
}

MESSAGE = {
    **COMMON,
    "kind": F("enum", required=True, choices=("slogan", "message", "article", "poster", "audio", "video")),
    "title": F("text", required=True),
    "campaign": F("ref", ref="campaigns"),
    "audience": F("str"),
    "languages": F("list", items=F("str")),
    "valid_from": F("date"),
    "valid_until": F("date"),
    "image": F("path"),
    "image_alt": F("text"),
    "audio": F("path"),
    "video_url": F("url"),
    "summary": F("text"),
    "issuer": F("ref", ref="bodies"),
    "illustrative": F("bool", doc="true: example content, not a real message"),
}

STORY = {
    **COMMON,
    "decision": F("ref", required=True, ref="decisions"),
    "recipient": F("str", required=True),
    "title": F("text", required=True),
    "photo": F("path"),
    "photo_alt": F("text"),
    "summary": F("text"),
    "public_fields": F("list", items=F("str"), doc="fields the personal-data check must let through"),
}

# A proposal list put out for public comment before the proposal goes up (lấy ý kiến nhân dân,
# docs/consultation.md). Its candidates are in a sheet beside it, read as a decision's are;
# they are candidates, not awardees, and appear in no honor-roll output.
# `contact` holds the public contacts of the office that takes the comments (the Ban Thi
# đua-Khen thưởng): the personal-data check lets a phone number, e-mail address and street
# address through in these fields only (rules/privacy.py CONTACT_FIELDS).
CONTACT = F("obj", kind="contact", fields={
    "office": F("str", doc="the office that takes the comments, e.g. Ban Thi đua - Khen thưởng tỉnh"),
    "address": F("str", doc="its postal address"),
    "phone": F("str", doc="its public telephone number"),
    "email": F("str", doc="its public e-mail address"),
    "url": F("url", doc="the province's feedback system (hệ thống tiếp nhận phản ánh, kiến nghị)"),
}, doc="how to comment: the office's address, phone and e-mail, or a link to the feedback system")
CONSULTATION = {
    **COMMON,
    "title": F("text", required=True, doc="what is proposed, e.g. Danh sách đề nghị tặng Huân chương Lao động"),
    "issuer": F("ref", required=True, ref="bodies", doc="id of the body that puts the list out for comment"),
    "number": F("str", doc="number of the notice (thông báo) that publishes the list, if any"),
    "symbol": F("str", doc="its symbol, e.g. TB-UBND"),
    "date": F("docdate", doc="date of that notice"),
    "legal_basis": F("text", required=True,
                     doc="the legal text that requires the consultation (e.g. Nghị định 152/2025/NĐ-CP)"),
    "award": F("ref", ref="awards", doc="the award form proposed for every candidate (a row may name its own)"),
    "from": F("date", required=True, doc="first day of the consultation window; not shown before it"),
    "to": F("date", required=True, doc="last day of the window; archived after it"),
    "contact": CONTACT,
    "summary": F("text"),
    "campaign": F("ref", ref="campaigns"),
    "sheet": F("str", doc="the worksheet to read in the .xlsx list beside it, when the workbook has several"),
    "sheet_file": SHEET_FILE,
    "illustrative": F("bool", doc="true: example content, not a real consultation"),
}

LABELS = F("obj", kind="award", fields={"vi": F("str", required=True), "en": F("str"), "km": F("str")})

# The authorities the award law knows (site_builder/rules/law/catalogue.yml names them): the
# `level` of a body says which one issues its decisions.
LEVELS = ("president", "prime_minister", "ministry", "province", "department", "district", "commune",
          "armed_forces")

BODY = {
    "name": F("str", required=True), "short": F("str"),
    # Nghị định 30/2020/NĐ-CP, Phụ lục I: the issuing body stands under its full official name;
    # only the line of the body above it (cơ quan chủ quản) may abbreviate ("UBND TỈNH ...").
    "header": F("str", doc="the issuing body's line in a document header when it is not the name in capitals "
                           "(a department under its province: SỞ Y TẾ); the full official name, never "
                           "abbreviated (rules/signatures.py refuses UBND, HĐND)"),
    "parent_header": F("str", doc="the line printed above the body's own in its documents' header, as the "
                                  "copies show it (UBND TỈNH TRÀ VINH); absent: no line (none is inferred "
                                  "from `parent`)"),
    "parent": F("ref", ref="bodies"),
    "level": F("enum", required=True, choices=LEVELS,
               doc="which authority's powers it has: president (Chủ tịch nước), prime_minister, ministry, "
                   "province (Chủ tịch UBND tỉnh), department (sở), district (huyện, until 30/6/2025), commune "
                   "(xã, phường), armed_forces (đơn vị lực lượng vũ trang)"),
    "kind": F("str"), "locality": F("ref", ref="units"), "code": F("str"),
    "name_en": F("str"), "name_km": F("str"),
    "from": F("date", doc="the day the body began; absent = before any document of the site"),
    "until": F("date", doc="its last day (a district People's Committee: 2025-06-30); absent = still in being"),
    "successors": F("list", items=F("ref", ref="bodies"),
                    doc="ids of the bodies that took over its work (merged, split, renamed)"),
}
AWARD = {
    "id": F("id", required=True, doc="lower-case ASCII words joined by hyphens"), "label": LABELS,
    "category": F("enum", choices=("order", "medal", "honorary_title", "prize", "title", "certificate", "flag",
                                   "badge")),
    "rank": F("int", required=True),
    "law": F("ref", ref="law_forms", doc="id of the form in the award law (site_builder/rules/law/catalogue.yml) when it is "
                        "not this entry's id; the law then decides who may confer it"),
    "conferred_by": F("list", items=F("enum", choices=LEVELS),
                      doc="a form of the site's own (not in the law): the levels of body that may confer it"),
    "from": F("date", doc="first day the form may be conferred (absent: as the law says)"),
    "until": F("date", doc="last day the form may be conferred (absent: as the law says)"),
    "recipients": F("list", items=F("str")),
    "family": F("str", doc="id of the order or title this class belongs to (hạng Nhất/Nhì/Ba)"),
    "note": F("text"),
}
# Units through time (docs/content-model.md "Administrative units through time"): a unit is
# in force from `from` to `until` (both days included, either open); what became of it is
# its `successors`, each taking the whole of it or a part (a commune split in several, a
# district dissolved, provinces merged). The id is the readable part of the unit's address;
# `code` is the official code (mã đơn vị hành chính), kept beside it.
SUCCESSOR = F("obj", kind="successor", fields={
    "unit": F("ref", required=True, ref="units", doc="id of a unit that took over this one or a part of it"),
    "part": F("bool", doc="true: only a part of this unit went to it (the unit was split)"),
})
UNIT = {
    "name": F("str", required=True, doc="the name in force while the unit existed, as documents write it"),
    "type": F("enum", choices=("country", "province", "city", "district", "town", "commune", "ward")),
    "code": F("str", doc="official administrative unit code (mã đơn vị hành chính): 2 digits for a "
                         "province or centrally-run city, 3 for a district, 5 for a commune or ward"),
    "parent": F("ref", ref="units", doc="the unit above it while it existed"),
    "from": F("date", doc="first day in force (absent: before any document of the site)"),
    "until": F("date", doc="last day in force (absent: still in force)"),
    "successors": F("list", items=SUCCESSOR, doc="the units that took it over on the day after `until`"),
    "now_part_of": F("ref", ref="units", doc="shorthand for one successor taking the whole unit"),
    "name_en": F("str"), "name_km": F("str"),
}
CAMPAIGN = {
    "name": F("text", required=True), "launched_by": F("ref", ref="documents"),
    "parent": F("ref", ref="campaigns"), "start": F("date"), "end": F("date"),
    "summary": F("text"), "name_en": F("str"), "name_km": F("str"),
    "issuer_name": F("str", doc="who launched it, when the launching document is not in the site"),
}

COLLECTIONS = {"plan": PLAN, "decision": DECISION, "message": MESSAGE, "story": STORY,
               "consultation": CONSULTATION}
DATA = {"body": BODY, "award": AWARD, "unit": UNIT, "campaign": CAMPAIGN}


def id_problem(value, what: tuple[str, str] = ("mã", "id"), reserved: frozenset = urls.SITE_NAMES,
               suffix: str = "") -> tuple[str, dict] | None:
    """(problem code, params) when `value` cannot be an id (urls.id_fault): the id of an entry
    (its file name less `suffix`, ".md"), of a data record (its key) or of a recipient; None
    when it can. `what` names it for the communicator: ("mã", "id"), ("tên tệp", "file name")."""
    fault = urls.id_fault(value, reserved)
    if fault is None:
        return None
    shown = f"{value}{suffix}"
    if fault == "reserved":
        return "reserved_id", {"what": what, "value": shown, "names": ", ".join(sorted(reserved))}
    suggestion = slugify(str(value), max_length=urls.ID_MAX_LENGTH)
    if suggestion in reserved:
        suggestion = ""
    suggestion += suffix if suggestion else ""
    hint = (f'; ví dụ "{suggestion}"', f'; for example "{suggestion}"') if suggestion else ("", "")
    return "bad_id", {"what": what, "value": shown, "max": urls.ID_MAX_LENGTH, "hint": hint}


# A scheme ("https:") or a drive ("C:") before anything else.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def content_path(value: str) -> str | None:
    """The path under content/ that a media field (image, audio, photo) names, normalised
    ("messages/./a.png" -> "messages/a.png"); None when it names no file inside content/:
    absolute ("/etc/x", "C:\\x"), leaving it ("../../x"), an address ("https://..."), or
    written with backslashes. Decided from the text alone: nothing outside content/ is looked
    at, so a message never tells whether such a file exists."""
    if not value or "\\" in value or "\0" in value or value.startswith("/") or _SCHEME.match(value):
        return None
    normal = posixpath.normpath(value)
    if normal in (".", "..") or normal.startswith("../"):
        return None
    return normal


@dataclass
class Ref:
    path: str  # field path, e.g. "implements[0]"
    target: str  # collection
    value: str
    line: int | None


@dataclass
class RefTable:
    """The ids written in the rows of one spreadsheet, grouped by what they name.

    50,000 rows name a few dozen award forms and units: resolving them is one look-up per
    distinct id, not one Ref object per cell. `places`: (target, value, field) -> the pairs
    (order, row) where it is written, flat in an array("q") or its bytes (what the sheet
    cache stores); `order` counts the sheet's refs as they were written."""
    columns: dict  # field -> column header as the communicator wrote it
    places: dict = field(default_factory=dict)
    count: int = 0

    def add(self, ref: Ref) -> None:
        pairs = self.places.get((ref.target, ref.value, ref.path))
        if pairs is None:
            pairs = self.places[(ref.target, ref.value, ref.path)] = array("q")
        pairs.extend((self.count, ref.line))
        self.count += 1

    def unresolved(self, known) -> list[Ref]:
        """Refs whose (target, value) `known(target, value)` rejects, in the order written,
        each with the `column` it was written in."""
        found = []
        for (target, value, path), pairs in self.places.items():
            if not known(target, value):
                pairs = array("q", pairs)
                found.extend((pairs[i], pairs[i + 1], path, target, value) for i in range(0, len(pairs), 2))
        refs = []
        for _order, line, path, target, value in sorted(found):
            ref = Ref(path, target, value, line)
            ref.column = self.columns.get(path)
            refs.append(ref)
        return refs


@dataclass
class Validated:
    data: dict
    refs: list[Ref] = field(default_factory=list)


class Validator:
    """Checks one mapping against a spec, reporting into `problems`."""

    def __init__(self, problems: Problems, file: str, parsed: Parsed | None, lang_kind: str,
                 line_of=None, column_of=None):
        self.problems, self.file, self.parsed = problems, file, parsed
        self.kind = lang_kind
        self.refs: list[Ref] = []
        self._line_of = line_of
        self._column_of = column_of

    def line(self, path: str) -> int | None:
        if self._line_of:
            return self._line_of(path)
        return self.parsed.line_of(path) if self.parsed else None

    def report(self, path, code, **params):
        """Add a problem at the field `path` (params may set its severity); return it."""
        column = self._column_of(path) if self._column_of else None
        return self.problems.add(self.file, self.line(path), path, code, column=column, **params)

    def check(self, data: dict, spec: dict[str, F], prefix: str = "", kind: str | None = None) -> dict:
        kind = kind or self.kind
        out = {}
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in spec:
                close = difflib.get_close_matches(str(key), list(spec), n=1, cutoff=0.6)
                hint = (f"; có phải là '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ("", "")
                self.report(path, "unknown_field", kind=(kind_name(kind, "vi"), kind_name(kind, "en")),
                            hint=hint)
                continue
            if value is None or value == "" and spec[key].type not in ("str", "text"):
                continue
            out[key] = self.value(value, spec[key], path)
        for key, f in spec.items():
            if f.required and (data.get(key) is None or data.get(key) == "") and key not in self._skip_required:
                self.report(f"{prefix}.{key}" if prefix else key, "missing_field")
        return out

    _skip_required: tuple = ()

    def value(self, value, f: F, path: str):
        t = f.type
        if t in ("id", "path", "file"):
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                return self.wrong(path, ("chữ", "text"), value)
            value = value.strip()
            if t == "file":
                return self.file_name(value, f, path)
            if t == "path":
                normal = content_path(value)
                if normal is None:
                    self.report(path, "bad_path", value=value)
                return normal
            problem = id_problem(value, reserved=f.reserved)
            if problem is not None:
                self.report(path, problem[0], **problem[1])
                return None
            return value
        if t in ("str", "text", "url"):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
            if not isinstance(value, str):
                return self.wrong(path, ("chữ", "text"), value)
            return value.strip() if t != "text" else value.strip()
        if t == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return self.wrong(path, ("số nguyên", "a whole number"), value)
            return value
        if t == "bool":
            if not isinstance(value, bool):
                return self.wrong(path, ("true hoặc false", "true or false"), value)
            return value
        if t == "date":
            parsed = parse_date(value)
            if parsed is None:
                self.report(path, "not_a_date", value=value)
            return parsed
        if t == "docdate":
            parsed = parse_doc_date(value)
            if parsed is None:
                self.report(path, "not_a_date", value=value)
            return parsed
        if t == "enum":
            if value not in f.choices:
                self.report(path, "not_in_choices", value=value, choices=", ".join(f.choices))
                return None
            return value
        if t == "ref":
            if not isinstance(value, str):
                return self.wrong(path, ("mã (chữ)", "an id"), value)
            self.refs.append(Ref(path, f.ref, value, self.line(path)))
            return value
        if t == "list":
            if not isinstance(value, list):
                # One word may stand for a list of one; a group of fields may not.
                value = [value] if f.items and f.items.type in ("str", "ref") and not isinstance(value, dict) else None
                if value is None:
                    return self.wrong(path, ("danh sách", "a list"), "?")
            # An item that is not valid is reported and left out: rules read only valid ones.
            items = (self.value(v, f.items, f"{path}[{i}]") for i, v in enumerate(value))
            return [item for item in items if item is not None]
        if t == "obj":
            if not isinstance(value, dict):
                return self.wrong(path, ("nhóm trường", "a group of fields"), value)
            return self.check(value, f.fields, path, kind=f.kind)
        raise AssertionError(t)

    def file_name(self, value: str, f: F, path: str) -> str | None:
        """A file of the entry's own folder, by its name alone: no folder, no "..", not hidden
        (decided from the text; whether it exists is the loader's)."""
        if not value or any(c in value for c in "/\\\0") or value.startswith("."):
            self.report(path, "file_not_beside", value=value)
            return None
        if not value.endswith(f.suffixes):  # as the loader tells sheets from other files
            self.report(path, "file_suffix", value=value, suffixes=", ".join(f.suffixes))
            return None
        return value

    def wrong(self, path, expected, value):
        shown = value if isinstance(value, (str, int, float)) else type(value).__name__
        self.report(path, "wrong_type", expected=expected, value=shown)
        return None


# ---- JSON Schema -------------------------------------------------------------------------

_DATE_RX = r"^\d{4}-\d{2}-\d{2}$"
_DOCDATE_RX = r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"


def _field_schema(f: F) -> dict:
    t = f.type
    if t in ("str", "text", "path", "url", "ref"):
        s = {"type": "string"}
        if t == "url":
            s["format"] = "uri"
    elif t == "id":
        s = _id_schema(f.reserved)
    elif t == "file":
        endings = "|".join(re.escape(suffix) for suffix in f.suffixes)
        s = {"type": "string", "pattern": f"^[^/\\\\.][^/\\\\]*({endings})$"}
    elif t == "int":
        s = {"type": "integer"}
    elif t == "bool":
        s = {"type": "boolean"}
    elif t == "date":
        s = {"type": "string", "pattern": _DATE_RX}
    elif t == "docdate":
        s = {"anyOf": [{"type": "string", "pattern": _DOCDATE_RX}, {"type": "integer"}]}
    elif t == "enum":
        s = {"enum": list(f.choices)}
    elif t == "list":
        s = {"type": "array", "items": _field_schema(f.items)}
    elif t == "obj":
        s = _object_schema(f.fields)
    else:
        raise AssertionError(t)
    if f.doc:
        s["description"] = f.doc
    return s


def _id_schema(reserved: frozenset) -> dict:
    return {"type": "string", "pattern": f"^{urls.ID_FORM.pattern}$", "maxLength": urls.ID_MAX_LENGTH,
            "not": {"enum": sorted(reserved)}}


def _nullable(s: dict) -> dict:
    """Optional fields may be written empty (`parent:`): the validator treats that as absent."""
    if "enum" in s:
        return {**s, "enum": [*s["enum"], None]}
    if isinstance(s.get("type"), str):
        return {**s, "type": [s["type"], "null"]}
    if "anyOf" in s:
        return {**s, "anyOf": [*s["anyOf"], {"type": "null"}]}
    return s


def _object_schema(spec: dict[str, F]) -> dict:
    return {
        "type": "object",
        "properties": {k: _field_schema(v) if v.required else _nullable(_field_schema(v)) for k, v in spec.items()},
        "required": [k for k, v in spec.items() if v.required],
        "additionalProperties": False,
    }


def json_schema(kind: str) -> dict:
    if kind in COLLECTIONS:
        schema = _object_schema(COLLECTIONS[kind])
    else:  # data files: awards.yml is a list, the others map ids to records
        item = _object_schema(DATA[kind])
        schema = {"type": "array", "items": item} if kind == "award" else {
            "type": "object", "propertyNames": _id_schema(urls.SITE_NAMES), "additionalProperties": item}
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = f"site-builder {kind} frontmatter"
    return schema
