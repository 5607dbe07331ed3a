"""Personal data must not reach a public honor roll by accident.

Decisions publish names, positions and units. ID-card numbers (CCCD: 12 digits; the older
CMND: 9 digits), phone numbers, e-mail addresses and full dates of birth are personal data
(Nghị định 13/2023/NĐ-CP on personal data protection; the Personal Data Protection Law in
force from 01/01/2026), and they slip in when a communicator pastes a whole HR spreadsheet.
Any awardee field (and any story frontmatter field) that looks like one of them is an error,
so the build stops, unless the awardee lists that field in `public_fields` (a hotline of a
collective, say, that the unit wants published).

The patterns favour catching leaks over silence, but avoid the everyday numbers of
achievement texts:
- money and counts are written with dot (or space) thousands separators ("ủng hộ
  150.000.000 đồng") and never begin with 0, while every CCCD number does (its first three
  digits are a province code, 001-096): a grouped 12-digit number is an ID number when it
  begins with 0; a grouped 9-digit one (CMND) when it begins with 0 or is not shaped like
  thousands (`381-234-567`); a grouped number followed by a currency word is money. So a
  CMND written `381.234.567` is taken for a count unless a label names it ("CMND 381.234.567");
  an unbroken run of 9 or 12 digits is an ID number whatever it begins with;
- event dates ("từ ngày 10/9/2021") are only dates of birth next to a birth word, or in a
  field where no date belongs (name, position, unit) or a field named like one (ngay_sinh);
- numbers after a slash or before one ("1234/QĐ-UBND", "10/9/2021") are references and dates.
Full-width digits and signs (what a Vietnamese IME types in full-width mode) are read as
their ASCII forms (NFKC). E-mail addresses are found written plainly, with spaces around
the @, or with the @ spelt out in brackets and the dots spelt out: "hung [at] soyte [dot] vn",
"hung (a còng) soyte chấm vn"; a bare word "at" is English prose, not an address.
Every find in a field is reported, not only the first.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from ..text.folding import APOSTROPHES, fold

# Unbroken digit runs: 12 digits = CCCD, 9 digits = CMND. A leading 0 and 10-11 digits is a
# phone number (handled below), so those lengths are not ID numbers.
_DIGIT_RUN = re.compile(r"(?<![\d.,])\d{9,12}(?!\d|[.,]\d)")
# Digits in two or more groups, each separator one space, dot or hyphen (spaces around a dot
# or hyphen allowed): "079-080-012-345", "079.080.012.345", "0790 8001 2345". Not after or
# before a slash (references, dates) or a letter; not inside a longer grouped number.
_GROUPED = re.compile(r"(?<![\w/])(?<![\d][.\-])\d{1,6}(?:(?: ?[.\-] ?| )\d{1,6}){1,5}(?![\w/])(?![.\-]\d)")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}([ .])\d{3}(?:\1\d{3})*")
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_MONEY_AFTER = re.compile(r"\s*(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|tỉ|nghìn|ngàn)", re.IGNORECASE)
# After a label, the number may be grouped with spaces or dots: "CCCD: 079 092 001 234".
_ID_LABEL = re.compile(r"(?:cccd|cmnd|can cuoc|chung minh nhan dan|dinh danh|so id)\W{0,6}((?:\d[\s.]?){9,12})")
# Phone numbers: 0 or +84/84, then 9-10 digits, in groups separated by spaces, dots, hyphens
# or parentheses ("0912 345 678", "(0262) 3852 123", "+84 912.345.678").
_PHONE = re.compile(r"(?<![\w.,])(\(?\+?\(?84\)?\s?[\s.\-]?\s?|\(?0)(\d[\s.\-()]{0,3}){8,10}\d?(?![\d])")
_NOT_DIGIT = re.compile(r"\D+")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# The @ spaced or spelt out in brackets, the dot spelt out (in lower-case text without marks:
# "a còng" is "a cong"): "hung @ soyte.vn", "hung [at] soyte [dot] vn", "hung (a cong) soyte
# cham vn". The address
# must end in a dot (or its word) and a top-level domain of letters.
_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|a\s*cong)\s*[\])}>]\s*)"
_DOT = r"(?:\s*\.\s*|\s*[\[({<]\s*(?:dot|cham)\s*[\])}>]\s*|\s+(?:dot|cham)\s+)"
_SPELT_EMAIL = re.compile(rf"([\w.+\-]+){_AT}([\w\-]+(?:{_DOT}[\w\-]+)*{_DOT}[a-z]{{2,}})(?![\w])")
_SPELT_DOT = re.compile(_DOT)
# A quick look for the spelt-out @ on raw text: a bracket, then "at" or "a c(òng)" in any
# case (ASCII or full-width; a bracket first: 0.7 µs a row, where a look for a bare "a còng" cost 7 µs).
_MAY_SPELL_AT = re.compile(r"[\[({<\uff08\uff3b\uff5b\uff1c]\s*(?:[aA][tT]|[aA]\s*[cC])")
_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)|(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
# Birth words in folded text; "sinh" alone also means "pupil" (học sinh) or "student" (sinh
# viên), so it counts only right before the date or joined to ngày/năm/tháng.
_BIRTH_WORD = re.compile(r"(?:(?:ngay|nam|thang)\s+sinh|sinh\s+(?:ngay|nam|vao|luc)|\bsn\b|\bdob\b|\bborn\b|birth"
                         r"|\bsinh\s*$)")
_BIRTH_KEY = re.compile(r"(?:sinh|birth|dob|^sn$)")
# Fields in which a full date has no business: there, any full date is taken as a birth date.
_NO_DATE_FIELDS = {"name", "position", "unit", "locality", "id"}
SKIP_FIELDS = {"public_fields", "kind", "award", "__headers__"}

# A cheap first look at the raw text, so the detailed patterns (and fold(), the costly part)
# only run on the few values that could match one: at 50,000 awardees the detailed scan of
# every field took most of the loading time. It must accept every text on which a detailed
# pattern could match (tests/test_privacy.py checks this on crafted and random texts):
# - ID label, phone and bare digit runs all need nine digits with nothing but separators
#   between them: fold() turns any run of non-word characters into one space and drops
#   apostrophes, Latin combining marks and format characters, so in the raw text the
#   separators are any run of non-word characters, underscores or apostrophes (some
#   apostrophes, like U+02BC, count as letters in Python);
# - a numeric date (that pattern runs on the raw text) has the shape of _NUMERIC_DATE;
# - a date in words, "ngày 12 tháng 3 năm 1985" after folding, needs a day digit, five
#   letters (t h a n g, however accented), a month, three letters (n a m), then a four-digit
#   year; fold() keeps one raw letter per folded letter, so the letters are counted here.
_SEP = rf"[\W_{re.escape(APOSTROPHES)}]"
_LETTER = rf"[^\W\d_{re.escape(APOSTROPHES)}]"
_NINE_DIGITS = rf"\d(?:{_SEP}*\d){{8}}"
_WORDS_DATE = (rf"\d{_SEP}*(?:{_LETTER}{_SEP}*){{5}}\d(?:{_SEP}*\d)?{_SEP}*(?:{_LETTER}{_SEP}*){{3}}"
               rf"\d(?:{_SEP}*\d){{3}}")
# Both numeric date forms have a digit, a separator, one or two digits, a separator, a digit
# (this loose form is several times faster to search for than the exact one).
_NUMERIC_DATE = r"\d\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d"
_MAY_HOLD_NUMBER = re.compile(f"{_NINE_DIGITS}|{_NUMERIC_DATE}|{_WORDS_DATE}")
_DIGIT = re.compile(r"\d")


def _may_hold_email(text: str) -> bool:
    return "@" in text or "\uff20" in text or _MAY_SPELL_AT.search(text) is not None  # U+FF20: full-width @


def _may_hold_number(text: str) -> bool:
    first = _DIGIT.search(text)  # every alternative starts with a digit: search from the first
    return bool(first and _MAY_HOLD_NUMBER.search(text, first.start()))


WHAT = {
    "id_number": ("số căn cước/CMND", "an ID-card number"),
    "phone": ("số điện thoại", "a phone number"),
    "email": ("địa chỉ e-mail", "an e-mail address"),
    "birth_date": ("ngày sinh đầy đủ", "a full date of birth"),
}


def _mask_digits(text: str) -> tuple[str, str]:
    """How a number looks without echoing it: its length and last two digits (vi, en)."""
    digits = re.sub(r"\D", "", text)
    return f"{len(digits)} chữ số, …{digits[-2:]}", f"{len(digits)} digits, …{digits[-2:]}"


def _mask_email(user: str, domain: str) -> str:
    return f"{user[:1]}…@{domain}"


def _is_full_date(day: int, month: int, year: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= dt.date.today().year


def _dates(text: str, folded: str):
    """(text before it, year, the date as year-month-day) of every full calendar date,
    numeric or in words."""
    for m in _DATE_NUMERIC.finditer(text):
        if m.group(3):
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            year, month, day = int(m.group(4)), int(m.group(5)), int(m.group(6))
        if _is_full_date(day, month, year):
            yield fold(text[max(0, m.start() - 30):m.start()]), year, f"{year}-{month}-{day}"
    for m in _DATE_WORDS.finditer(folded):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _is_full_date(day, month, year):
            yield folded[max(0, m.start() - 30):m.start()], year, f"{year}-{month}-{day}"


def scan(field: str, value) -> tuple[str, object] | None:
    """The first kind of personal data found in one field's value, as (kind, masked sample)."""
    return next(iter(scan_all(field, value)), None)


def scan_all(field: str, value) -> list[tuple[str, object]]:
    """Every piece of personal data found in one field's value, each as (kind, masked
    sample), in the order: e-mail addresses, ID numbers after a label, phone numbers, other
    ID numbers, dates of birth; one find per number or address however many patterns see it."""
    if value is None or isinstance(value, (bool, list, dict)):
        return []
    if isinstance(value, (dt.date, dt.datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    if len(text) < 6:
        return []
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)  # full-width digits, "＠"
    found = _emails(text) if _may_hold_email(text) else []
    # Every other pattern needs a long number or a date (see _MAY_HOLD_NUMBER); most fields
    # have neither, and this check keeps the scan cheap at 100,000 awardees.
    if _may_hold_number(text):
        found += _numbers(field, text)
    return found


def _emails(text: str) -> list[tuple[str, str]]:
    """Every e-mail address in `text`, as ("email", masked sample): written plainly, else
    spelt out (looked for in the text without marks and in lower case, punctuation kept)."""
    found = [m.group(0).partition("@")[::2] for m in _EMAIL.finditer(text)]
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()
    found += [(m.group(1), _SPELT_DOT.sub(".", m.group(2))) for m in _SPELT_EMAIL.finditer(bare)
              if not _EMAIL.fullmatch(m.group(0))]  # the plain ones are found above
    return [("email", _mask_email(user, domain)) for user, domain in dict.fromkeys(found)]


def scan_numbers(field: str, text: str) -> tuple[str, object] | None:
    """The first find of the detailed patterns: ID numbers, phone numbers, dates of birth.
    `scan` calls them only on texts its quick look passes; the tests hold that the quick
    look never hides a find."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return next(iter(_numbers(field, text)), None)


def _numbers(field: str, text: str) -> list[tuple[str, object]]:
    """Every ID number, phone number and date of birth in `text` (NFKC already)."""
    if len(_NOT_DIGIT.sub("", text)) < 6:
        return []
    found: list[tuple[str, object]] = []
    seen: set[str] = set()  # the digits of each number found
    spans: list[tuple[int, int]] = []  # where in `text` each was found

    def add(kind: str, key: str, sample, m: re.Match | None = None) -> None:
        """One find per number, whichever patterns see it (or a part of it: the nine digits
        after +84 3)."""
        if key in seen or m is not None and any(m.start() < end and start < m.end() for start, end in spans):
            return
        seen.add(key)
        if m is not None:
            spans.append(m.span())
        found.append((kind, sample))

    folded = fold(text)  # lower-case ASCII words: "Ngày sinh: 12/3" -> "ngay sinh 12 3"
    for m in _ID_LABEL.finditer(folded):
        add("id_number", _NOT_DIGIT.sub("", m.group(1)), _mask_digits(m.group(1)))
    for m in _PHONE.finditer(text):
        if _is_money(text, m) or _DOT_THOUSANDS.fullmatch(m.group(0).rstrip(" .-()")):
            continue  # "84.500.000.000": a bare 84 and dot thousands are an amount
        digits = _NOT_DIGIT.sub("", m.group(0))
        national = digits[2:] if digits.startswith("84") and len(digits) >= 11 else digits[1:]
        starts_ok = digits.startswith("84") and len(digits) in (11, 12) or digits.startswith("0") and len(digits) in (10, 11)
        if starts_ok and national[:1] in "123456789" and not (len(digits) == 12 and digits.startswith("0")):
            add("phone", digits, _mask_digits(m.group(0)), m)
    for m in _DIGIT_RUN.finditer(text):
        run = m.group(0)
        if len(run) in (9, 12) and not _is_money(text, m):
            add("id_number", run, _mask_digits(run), m)
    for m in _GROUPED.finditer(text):
        if _is_grouped_id(m.group(0)) and not _is_money(text, m):
            add("id_number", _NOT_DIGIT.sub("", m.group(0)), _mask_digits(m.group(0)), m)
    birth_field = _is_birth_field(field)
    for before, year, written in _dates(text, folded):
        if birth_field or field in _NO_DATE_FIELDS or _BIRTH_WORD.search(before):
            add("birth_date", written, f"…/…/{str(year)[:2]}…")
    return found


def _is_money(text: str, m: re.Match) -> bool:
    """The number `m` found in `text` is money: it is followed by a currency word and does not
    begin with 0, + or a bracket as phone and ID numbers do ("0912 345 678 đồng chí Hùng")."""
    written = m.group(0).rstrip(" .-()")
    return written[:1] in "123456789" and _MONEY_AFTER.match(text, m.start() + len(written)) is not None


def _is_grouped_id(written: str) -> bool:
    """A number written in groups is an ID number: 12 digits beginning with 0 (CCCD), or 9
    digits (CMND) beginning with 0 or not shaped like thousands (`381-234-567`, `38 1234 567`).
    A number that does not begin with 0, in groups of three after a dot or a space, is money or
    a count (`150.000.000`, `250 000 000`)."""
    digits = _NOT_DIGIT.sub("", written)
    if len(digits) == 12:
        return digits[0] == "0"
    return len(digits) == 9 and (digits[0] == "0" or not _THOUSANDS.fullmatch(written))


@lru_cache(maxsize=1024)  # a handful of column names, asked for on every row
def _is_birth_field(field: str) -> bool:
    return bool(_BIRTH_KEY.search(fold(field)))


def check_awardee_fields(item: dict, report) -> None:
    """Called for every awardee while it is loaded; `report(field, code, **params)` knows the
    file, line or row and column."""
    public = item.get("public_fields") or []
    if isinstance(public, str):
        public = [f.strip() for f in public.split(",")]
    elif not isinstance(public, list):
        public = []  # a number or a group: the schema reports it; every field is checked
    # One quick look at the whole row first: every pattern matches inside one field, so it
    # also matches inside the fields joined, and a row with no "@" (or one spelt out) and
    # nothing shaped like a long number or a date (nearly every row) needs no look at its
    # fields one by one.
    fields = {field: value for field, value in item.items() if field not in SKIP_FIELDS and field not in public}
    try:
        joined = "\n".join(fields.values())
    except TypeError:
        joined = None  # not all text: each field is looked at
    if joined is not None and not _may_hold_email(joined) and not _may_hold_number(joined):
        return
    for field, value in fields.items():
        for kind, sample in scan_all(str(field), value):
            report(field, "personal_data", what=WHAT[kind], sample=sample, field_name=field)


# The frontmatter fields of a consultation that may hold a phone number, an e-mail address
# and a street address: `contact`, the public contacts of the office that takes the comments
# (the Ban Thi đua - Khen thưởng), which the consultation exists to publish. They are an
# office's, not a person's (docs/consultation.md); every other field of a consultation is
# checked, and its candidates' sheet is checked as a decision's recipients are.
CONTACT_FIELDS = frozenset({"contact"})
# Collections whose frontmatter is checked here, and the fields each may publish as it is.
CHECKED_FRONTMATTER = {"story": frozenset(), "consultation": CONTACT_FIELDS}


def check(site) -> None:
    """Stories and consultations: their frontmatter is checked the same way (a story may list
    `public_fields`; a consultation's `contact` is let through)."""
    entries = [e for kind in CHECKED_FRONTMATTER for e in site.collection(kind).values()]
    entries += [e for e in site.unpublished.values() if e.collection in CHECKED_FRONTMATTER]
    for story in entries:
        raw = story.parsed.meta if getattr(story, "parsed", None) else story.meta
        public = [*(story.meta.get("public_fields") or []), *CHECKED_FRONTMATTER[story.collection]]
        for field, value in (raw or {}).items():
            if field in SKIP_FIELDS or field in public:
                continue
            for kind, sample in scan_all(str(field), value):
                site.problems.add(story.source.file, story.parsed.line_of(field), field, "personal_data",
                                  what=WHAT[kind], sample=sample, field_name=field)
