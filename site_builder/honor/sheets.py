"""Recipients spreadsheets: a decision's awardees kept in Excel or CSV beside it.

`decisions/qd-12.csv` (or `.xlsx`) lists the awardees of `decisions/qd-12.md`, one row each,
under column headers a communicator may write in Vietnamese. Every row goes through the
awardee schema and the personal-data check; problems name the file, the row and the column
header as the communicator sees them.

Reading a sheet depends on nothing but its bytes, its path and the decision's default award,
so what it yields (SheetAwardees: the awardees' fields, the ids the rows name, the problems)
is kept by sheet_cache between builds: a rebuild reads again only the sheets that changed.
"""
from __future__ import annotations

import datetime as dt
import sys
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..content import schema
from ..runtime.keys import STAMPS_BYTES, content_stamps
from .awardees import RESERVED_IDS, AwardeeSource, NameNormaliser, name_sort_key, new_id, taken_ids
from ..content.model import Awardee
from ..content.problems import Problem, Problems, rel
from . import shared_text
from .sheet_cache import SheetCache, pack_texts, unpack_texts
from .sheet_headers import Header, read_header
from .sheet_table import Table, TableError, column_letter, unreadable
from .annex import GROUP_LINES, has_letter, is_roman, kind_of_heading, roman_heading

if TYPE_CHECKING:
    from .read_ahead import Prefetch

# The column headers communicators may write are in honor/sheet_headers.py.
KIND_ALIASES = {"cá nhân": "individual", "ca nhan": "individual", "tập thể": "collective",
                "tap the": "collective"}

# The columns of SheetAwardees.rows, one list each (fewer objects to store and load than a
# tuple per row); `award` is the row's own award, None when it takes the decision's.
_ROW_COLUMNS = ("row", "id", "kind", "name", "award", "position", "unit", "locality", "achievement",
                "public_fields", "stt", "group", "stamps", "sort_key")
# Columns whose values repeat from row to row: one string object per distinct value.
_SHARED_COLUMNS = ("kind", "award", "position", "unit", "locality", "group")
# Columns of (nearly) unique texts, stored packed (sheet_cache.pack_texts).
_TEXT_COLUMNS = ("id", "name", "stt")
# Digests of a fixed size (runtime/keys.py content_stamps), stored as one block of bytes.
_DIGEST_COLUMNS = ("stamps",)
# Long texts one page shows: one block shared by every process of a build (honor/shared_text.py).
_BLOCK_COLUMNS = ("achievement",)


@dataclass
class SheetAwardees:
    """One spreadsheet read and checked: its awardees, the ids its rows name and the problems
    found in it. Made from the sheet's bytes, its path and the decision's default award only
    (not from the rest of the site), so sheet_cache keeps it from one build to the next."""
    file: str
    readable: bool = True
    columns: dict = field(default_factory=dict)  # field -> column header as written
    rows: dict = field(default_factory=lambda: {name: [] for name in _ROW_COLUMNS})
    refs: dict = field(default_factory=dict)  # schema.RefTable.places (arrays, or their bytes when loaded)
    ref_count: int = 0
    problems: list = field(default_factory=list)  # (line, field, code, params, severity, column, sheet)
    worksheet: str | None = None  # the worksheet read (a workbook)

    def to_plain(self) -> tuple:
        """Plain data for sheet_cache (marshal)."""
        rows = [pack_texts(self.rows[name]) if name in _TEXT_COLUMNS else shared_text.pack(self.rows[name])
                if name in _BLOCK_COLUMNS else b"".join(self.rows[name]) if name in _DIGEST_COLUMNS
                else self.rows[name] for name in _ROW_COLUMNS]
        refs = {key: array("q", pairs).tobytes() for key, pairs in self.refs.items()}
        return (self.readable, self.columns, rows, refs, self.ref_count, self.problems, self.worksheet)

    @classmethod
    def from_plain(cls, file: str, plain: tuple) -> "SheetAwardees":
        readable, columns, rows, refs, ref_count, problems, worksheet = plain
        rows = [unpack_texts(values) if name in _TEXT_COLUMNS else shared_text.unpack(values)
                if name in _BLOCK_COLUMNS else _digests(values) if name in _DIGEST_COLUMNS
                else _interned(values) if name in _SHARED_COLUMNS else values
                for name, values in zip(_ROW_COLUMNS, rows)]
        if len(rows) != len(_ROW_COLUMNS) or len({len(values) for values in rows}) > 1:
            raise ValueError("not a sheet")
        return cls(file, readable, columns, dict(zip(_ROW_COLUMNS, rows)), refs, ref_count, problems, worksheet)

    def attach(self, site, decision) -> None:
        """Add what the sheet holds to the site: the decision's awardees, refs and problems."""
        site.problems.extend(Problem(self.file, *problem) for problem in self.problems)
        if self.worksheet is not None:
            # Problems the rules find in the rows later name the worksheet too.
            site.problems.worksheets[self.file] = self.worksheet
        if self.refs:
            site.refs.append((self.file, schema.RefTable(self.columns, self.refs, self.ref_count)))
        default_award, file, columns, decision_id = decision.meta.get("award"), self.file, self.columns, decision.id
        awardees = decision.awardees
        for (row, awardee_id, kind, name, award, position, unit, locality, achievement, public, stt, group,
             stamps, sort_key) in zip(*(self.rows[name] for name in _ROW_COLUMNS)):
            awardee = Awardee(decision_id, awardee_id, kind, name, award or default_award, position, unit, locality,
                              achievement, list(public) if public else [],
                              AwardeeSource(file, row, "", columns, not award), stt=stt, group=group)
            # What the row says, digested when the sheet was read (kept in the sheet cache).
            awardee._content_stamps = stamps
            awardee._sort_key = sort_key
            awardees.append(awardee)
        if self.rows["id"]:
            taken_ids(decision).update(self.rows["id"])


def _digests(block: bytes) -> list[bytes]:
    """A column of content stamps, stored as one block of bytes, one per row again."""
    if not isinstance(block, bytes) or len(block) % STAMPS_BYTES:
        raise ValueError("damaged column")
    return [block[i:i + STAMPS_BYTES] for i in range(0, len(block), STAMPS_BYTES)]


def _interned(values: list) -> list:
    """A column of repeated values with one string object per value across the site, not per
    sheet: a province's units, places and positions repeat from sheet to sheet, and every
    process of a build copies the objects it reads (docs/architecture.md, "Memory")."""
    return [value if value is None else sys.intern(value) for value in values]


def read_sheets(cache: SheetCache, jobs: list[tuple[str, Path, str | None, str | None]],
                prefetch: Prefetch | None = None) -> list[SheetAwardees]:
    """The sheets at the paths (names: their paths in messages; then the decision's default
    award and, for a workbook, the `sheet:` to read), in order: as the cache holds
    them when their keys match, else read, checked and stored for the next build. Sheets the
    cache does not hold are parsed on every core (a first build of 100 sheets of 500 rows
    spent 1.6 s here on one): with the helper that started reading them when the program
    started (`prefetch`, honor/read_ahead.py), else with forked workers, this process taking
    its part either way (runtime/parallel.py run_items)."""
    from ..runtime.parallel import run_items, worker_count

    if prefetch is not None:
        return _read_with_helper(prefetch, cache, jobs)
    sheets: list[SheetAwardees | None] = []
    misses = []  # (position in jobs, name, bytes, suffix, default award, worksheet, cache key)
    for position, job in enumerate(jobs):
        sheet, miss = _look_up(cache, *job)
        if miss is not None:
            misses.append((position, *miss))
        sheets.append(sheet)
    if not misses:
        return sheets

    def parse(i: int) -> tuple:
        """Parse one sheet and store it in the cache, in whichever process took it (entries
        are written to a temporary file and renamed: processes never see each other's halves)."""
        return _parse_and_store(cache, *largest_first[i][1:])

    largest_first = sorted(misses, key=lambda miss: -len(miss[2]))  # the work evens out best
    processes = worker_count() if sum(len(m[2]) for m in misses) > PARALLEL_BYTES else 1
    for (position, name, *_rest), plain in zip(largest_first, run_items(parse, len(largest_first), processes)):
        sheets[position] = SheetAwardees.from_plain(name, plain)
    return sheets


def _read_with_helper(prefetch: Prefetch, cache: SheetCache, jobs: list) -> list[SheetAwardees]:
    """read_sheets together with sheet_prefetch's helper: this process reads the sheets whose
    tickets it takes (from the cache, else parsing them), then waits for the helper and reads
    the rest, which the helper left in the cache (what it did not: read here, as ever)."""
    from ..runtime.timing import note

    waiting = {job[1].name: position for position, job in enumerate(jobs)}  # one folder
    sheets: list[SheetAwardees | None] = [None] * len(jobs)
    order = prefetch.sheet_order()
    note(f"load joins the sheet helper, {len(jobs)} sheets")
    try:
        with prefetch.tickets.closed_on_failure():
            while (i := prefetch.tickets.take()) < len(order):
                position = waiting.pop(order[i].name, None)
                if position is not None:
                    sheet, miss = _look_up(cache, *jobs[position])
                    sheets[position] = sheet if miss is None else SheetAwardees.from_plain(
                        miss[0], _parse_and_store(cache, *miss))
    finally:
        note("the load's share of the sheets done")
        prefetch.join()
    note("sheet helper done")
    rest = sorted(waiting.values())
    for position, sheet in zip(rest, read_sheets(cache, [jobs[position] for position in rest])):
        sheets[position] = sheet
    return sheets


def _look_up(cache: SheetCache, name: str, path: Path, default_award: str | None, worksheet: str | None) -> tuple:
    """(the sheet, None) when the cache holds it or it cannot be read; else (None, what
    _parse_and_store needs: name, bytes, suffix, default award, worksheet, cache key)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        sheet = SheetAwardees(name, readable=False)
        sheet.problems.append((None, None, "bad_file", {"detail": str(exc)}, "error", None, None))
        return sheet, None
    key = _key(cache, name, data, path.suffix, default_award, worksheet)
    sheet = _cached(cache, name, key)
    return (sheet, None) if sheet is not None else (None, (name, data, path.suffix, default_award, worksheet, key))


def read_into_cache(project_dir: Path, path: Path, default_award: str | None, worksheet: str | None = None) -> int:
    """In sheet_prefetch's helper: read the sheet at `path` into the cache as read_sheets
    would; 1 when it was parsed, 0 when the cache held it already."""
    name = rel(path, project_dir)
    data = path.read_bytes()
    cache = SheetCache(project_dir)
    key = _key(cache, name, data, path.suffix, default_award, worksheet)
    if cache.holds(name, key):
        return 0
    _parse_and_store(cache, name, data, path.suffix, default_award, worksheet, key)
    return 1


def _key(cache: SheetCache, name: str, data: bytes, suffix: str, default_award: str | None,
         worksheet: str | None) -> bytes:
    return cache.key(name, data, _sheet_depends(suffix, default_award, worksheet))


def _cached(cache: SheetCache, name: str, key: bytes) -> SheetAwardees | None:
    stored = cache.load(name, key)
    if stored is None:
        return None
    try:
        return SheetAwardees.from_plain(name, stored)
    except (TypeError, ValueError):
        return None  # not what this code stores: read the sheet again


def _parse_and_store(cache: SheetCache, name: str, data: bytes, suffix: str, default_award: str | None,
                     worksheet: str | None, key: bytes) -> tuple:
    """Parse a missed sheet and store it; its plain data (SheetAwardees.to_plain)."""
    plain = parse_sheet(name, data, suffix, default_award, worksheet).to_plain()
    cache.save(name, key, plain)
    return plain


# Below this many bytes of sheets to parse, forking costs more than it saves.
PARALLEL_BYTES = 1_000_000


def _sheet_depends(suffix: str, default_award: str | None, worksheet: str | None) -> tuple:
    """What reading a sheet depends on besides its bytes, its path and this package's code
    (sheet_cache.SheetCache.key adds those): the libraries that read it (a CSV not in UTF-8
    is decoded as charset-normalizer guesses), the decision's default award and `sheet:`."""
    reader = (f"csv, charset-normalizer {_version('charset-normalizer')}" if suffix == ".csv"
              else f"openpyxl {_version('openpyxl')}")
    # rules/privacy.py takes a date for a date of birth only up to the current year.
    return (reader, default_award, worksheet, dt.date.today().year)


@lru_cache(maxsize=None)
def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "none"


def parse_sheet(file: str, data: bytes, suffix: str, default_award: str | None,
                worksheet: str | None = None) -> SheetAwardees:
    """Read the bytes of a recipients sheet (`file`: its path in messages; `worksheet`: the
    decision's `sheet:`) and check its rows."""
    sheet = SheetAwardees(file)
    problems = Problems()
    table = None
    try:
        table = _table(data, suffix, worksheet)
    except TableError as exc:
        problems.add(file, None, None, exc.code, **exc.params)
        sheet.readable = False
    if table is not None:
        if table.header_index is None:
            problems.add(file, None, None, "sheet_no_rows")
        else:
            _read_rows(sheet, problems, table, default_award)
    sheet.worksheet = table.sheet if table is not None else None
    sheet.problems = [(p.line, p.field, p.code, p.params, p.severity, p.column,
                       sheet.worksheet if p.line else None) for p in problems]
    return sheet


def _table(data: bytes, suffix: str, worksheet: str | None) -> Table:
    if suffix == ".csv" and worksheet is not None:
        worksheet = None  # reported at the decision's `sheet:` (honor/loading.py)
    try:
        if suffix == ".csv":
            from .csv_sheet import read_csv
            return read_csv(data)
        from .xlsx_sheet import read_xlsx
        return read_xlsx(data, worksheet)
    except TableError:
        raise
    except Exception:  # noqa: BLE001 - a file its reader breaks on is unreadable, never a traceback
        raise unreadable(("tệp bị hỏng hoặc không đúng định dạng", "the file is damaged or not in its format")) from None


def _read_rows(sheet: SheetAwardees, problems: Problems, table: Table, default_award: str | None) -> None:
    """The awardees of the rows below the header row, checked; problems name the row (as
    Excel numbers it) and the column (its header as written, else its letter)."""
    file = sheet.file
    written = [cell.strip() for cell in table.rows[table.header_index]]
    header = read_header(written)

    def column(index: int | None) -> str | None:
        if index is None:
            return None
        return written[index] if index < len(written) and written[index] else column_letter(index)

    for index, code, params in header.problems:
        problems.add(file, table.header_row, None, code, column=column(index), **params)
    for row, index, code, params in table.problems:
        problems.add(file, row, None, code, column=column(index), **params)
    if "name" not in header.columns:
        return  # reported with the header: no row can be read
    # One mapping shared by every row of the sheet (read only): field -> header as written.
    sheet.columns = header.columns
    refs = schema.RefTable(sheet.columns)
    check_row = _row_checker(problems, file, sheet.columns, refs)
    fields = header.fields
    every_column_read = None not in fields
    width = len(fields)
    headerless: dict[int, list] = {}  # column index -> [first row, rows] of values without a header
    explicit_ids: dict[str, int] = {}  # id -> the row that gave it
    taken = set(RESERVED_IDS)
    rows = []
    headings = _Headings(fields, table.headings)
    for index in range(table.header_index + 1, len(table.rows)):
        number = index + 1
        cells = [c.strip() for c in table.rows[index]]
        if not any(cells):
            continue  # an empty row: nothing to lose
        if headings.read(index, cells):
            # A group heading of the annex: the rows below stand under it. It is published
            # too, so it is checked for personal data as a row's cells are.
            _check_heading(problems, file, number, column(headings.column), headings.line)
            continue
        if len(cells) > width or header.blank:
            _note_headerless(cells, width, header, number, headerless)
        if every_column_read:
            item = {f: c for f, c in zip(fields, cells) if c}
        else:
            item = {f: c for f, c in zip(fields, cells) if c and f is not None}
            if header.unknown:
                _scan_unknown_columns(problems, file, number, header, cells, item)
        if "kind" not in item and headings.kind:
            item["kind"] = headings.kind  # under "I. TẬP THỂ" or "II. CÁ NHÂN"
        values = check_row(item, number)
        if not values.get("name"):
            continue  # reported by check_row: the name is required
        given_id = values.get("id")
        if given_id:
            first = explicit_ids.setdefault(given_id, number)
            if first != number:
                problems.add(file, number, "id", "duplicate_id", column=sheet.columns.get("id"), value=given_id,
                             other=(f"dòng {first}", f"row {first}"))
                continue
        if not (values.get("award") or default_award):
            problems.add(file, number, "award", "missing_field", column=sheet.columns.get("award", "award"))
        row = (number, new_id(taken, values), values.get("kind") or "individual", values["name"],
               values.get("award"), values.get("position"), values.get("unit"), values.get("locality"),
               values.get("achievement"), values.get("public_fields") or None, values.get("stt"),
               values.get("group") or headings.group)
        rows.append(row + (content_stamps(*row[1:4], row[4] or default_award, *row[5:]),
                           name_sort_key(row[2], row[3])))
    for index, (first, count) in sorted(headerless.items()):
        letter = column_letter(index)
        problems.add(file, first, None, "cells_without_header", column=letter, letter=letter, first=first,
                     rows=(f"{count} dòng", f"{count} row" + ("" if count == 1 else "s")))
    if not rows and not problems.errors:
        problems.add(file, None, None, "sheet_no_rows")
    sheet.rows = _by_column(rows)
    sheet.refs, sheet.ref_count = refs.places, refs.count


class _Headings:
    """The group headings between a sheet's rows (honor/annex.py says how communicators write
    them): `read` takes a row that is one and says so; `group` is the heading the rows below
    stand under (consecutive heading rows are its lines), `kind` the kind it names, if any."""

    def __init__(self, fields: list, merged: set):
        self.name = fields.index("name")
        self.stt = fields.index("stt") if "stt" in fields else None
        self.merged = merged  # indexes of rows merged across cells around one value (xlsx_sheet.py)
        self.group: str | None = None
        self.kind: str | None = None
        self._lines: list[str] = []
        self._open = False  # the last row read was a heading: the next one adds a line
        self.line, self.column = "", 0  # the last heading read and the column it stands in

    def read(self, index: int, cells: list[str]) -> bool:
        line = self._heading(index, cells)
        if line is None:
            self._open = False
            return False
        self.line, self.column = line, next(column for column, cell in enumerate(cells) if cell)
        if not self._open:
            self._lines, self._open = [], True
        self._lines.append(line)
        self.group = GROUP_LINES.join(self._lines)
        self.kind = kind_of_heading(self._lines) or self.kind
        return True

    def _heading(self, index: int, cells: list[str]) -> str | None:
        values = [(column, cell) for column, cell in enumerate(cells) if cell]
        if index in self.merged:
            return values[0][1]
        if len(values) == 1:
            column, cell = values[0]
            # Not in the name column: a row holding only a name is a recipient.
            if column != self.name and column in (self.stt, 0) and has_letter(cell):
                return cell
        elif (len(values) == 2 and self.stt is not None and {c for c, _ in values} == {self.stt, self.name}
              and is_roman(cells[self.stt])):
            return roman_heading(cells[self.stt], cells[self.name])  # "I" | "TẬP THỂ"
        return None


def _check_heading(problems: Problems, file: str, number: int, column: str | None, line: str) -> None:
    from ..rules.privacy import check_awardee_fields

    check_awardee_fields({"group": line}, lambda field, code, **params: problems.add(
        file, number, field, code, column=column, **params))


def _note_headerless(cells: list[str], width: int, header: Header, number: int, headerless: dict) -> None:
    """Count the values of the row in columns without a header: past the last header, or
    under an empty one. They belong to no field, so they would be lost."""
    for index in [*range(width, len(cells)), *header.blank]:
        if index < len(cells) and cells[index]:
            seen = headerless.get(index)
            if seen is None:
                headerless[index] = [number, 1]
            else:
                seen[1] += 1


def _scan_unknown_columns(problems: Problems, file: str, number: int, header: Header, cells: list[str],
                          item: dict) -> None:
    """Columns with an unknown header are reported once, at the header row, and not read;
    their cells are still scanned for personal data (a "Ngày sinh" or "CCCD" column)."""
    from ..rules.privacy import check_awardee_fields

    values = {text: cells[index] for index, text in header.unknown.items() if index < len(cells) and cells[index]}
    if values:
        values["public_fields"] = item.get("public_fields")
        check_awardee_fields(values, lambda field, code, **params: problems.add(
            file, number, field, code, column=field, **params))


def _by_column(rows: list[tuple]) -> dict[str, list]:
    columns = dict(zip(_ROW_COLUMNS, (list(values) for values in zip(*rows)))) if rows else {
        name: [] for name in _ROW_COLUMNS}
    shared: dict[str, str] = {}
    for name in _SHARED_COLUMNS:
        columns[name] = [value if value is None else shared.setdefault(value, value) for value in columns[name]]
    return columns


def _row_checker(problems, file: str, headers: dict, refs):
    """check(item, row) -> the validated fields of one row of the sheet `file`; its problems go
    to `problems`, its refs to `refs` (a RefTable). One Validator serves every row."""
    from ..rules.privacy import check_awardee_fields

    line = 0
    names = NameNormaliser()
    validator = schema.Validator(problems, file, None, "awardee", line_of=lambda p: line,
                                 column_of=lambda p: headers.get(p.split(".")[0].split("[")[0], p))

    def check(item: dict, row: int) -> dict:
        nonlocal line
        line = row
        if "public_fields" in item:
            item["public_fields"] = [f.strip() for f in item["public_fields"].split(",") if f.strip()]
        if "kind" in item:
            item["kind"] = KIND_ALIASES.get(item["kind"].lower(), item["kind"])
        names.normalise(item, validator.report)
        check_awardee_fields(item, validator.report)
        plain = _plain_sheet_row(item, row)
        if plain is not None:
            data, row_refs = plain
        else:
            validator.refs = []
            data = validator.check(item, schema.AWARDEE)
            row_refs = validator.refs
        for ref in row_refs:
            refs.add(ref)
        return data

    return check


# Sheet cells are text; these sets let _plain_sheet_row validate a row without the
# Validator's per-field dispatch (the same result, for the rows that need no report).
_TEXT_FIELDS = frozenset(k for k, f in schema.AWARDEE.items() if f.type in ("str", "text"))
_REF_FIELDS = {k: f.ref for k, f in schema.AWARDEE.items() if f.type == "ref"}
_KINDS = schema.AWARDEE["kind"].choices
_ID_RESERVED = schema.AWARDEE["id"].reserved


def _plain_sheet_row(item: dict, line: int) -> tuple[dict, list] | None:
    """What Validator.check(item, AWARDEE) returns for a sheet row whose every cell is valid
    (known column, known kind, a name): (data, refs). None when something must be reported:
    then the Validator checks the row and says what is wrong."""
    data, refs = {}, []
    for key, value in item.items():
        if not isinstance(value, str):
            if key == "public_fields" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                data[key] = [v.strip() for v in value]
                continue
            return None
        if key in _TEXT_FIELDS:
            data[key] = value.strip()
        elif key in _REF_FIELDS:
            if value:
                refs.append(schema.Ref(key, _REF_FIELDS[key], value, line))
                data[key] = value
        elif key == "kind" and (value in _KINDS or not value):
            if value:
                data[key] = value
        elif key == "id" and schema.id_problem(value, reserved=_ID_RESERVED) is None:
            data[key] = value  # an id the page's file name may take (else the Validator says why)
        else:
            return None
    if not data.get("name"):
        return None
    return data, refs
