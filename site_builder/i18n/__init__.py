"""Interface strings and locale-aware formatting for each site language.

Strings live in one YAML file per language (vi.yml, en.yml, km.yml); adding a language is a
line in mkdocs.yml plus one strings file. Dates and numbers go through Babel so that
structured data (award forms, dates, counts) needs no translator.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from ..content.dates import DocDate
from ..text.folding import fold

HERE = Path(__file__).parent


# libyaml's loader when PyYAML has it: the strings files are read on every build, and the
# pure-Python loader took a tenth of a second of each.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}


@lru_cache(maxsize=None)
def strings(lang: str, extra_dir: str | None = None) -> dict:
    base = _load(HERE / "vi.yml")
    path = HERE / f"{lang}.yml"
    if lang != "vi" and path.exists():
        base.update(_load(path))
    if extra_dir:
        extra = Path(extra_dir) / f"{lang}.yml"
        if extra.exists():
            extra_strings = _load(extra)
            # a province adds terms to the package's, it does not have to copy them all
            terms = {**base.get("terms", {}), **(extra_strings.pop("terms", None) or {})}
            base.update(extra_strings, terms=terms)
    return base


# The language switcher names each language in itself; Khmer's name ("ខ្មែរ") is drawn in the
# "Khmer Label" font (assets/fonts.css, docs/theme.md "Fonts"), which pages preload.
LABEL_FONT = "fonts/khmer-label-400-normal.woff2"
LABEL_FONT_LANGUAGES = frozenset({"km"})


def label_font(languages) -> str | None:
    """The font file (under assets/) a site's pages preload for their language switcher: the
    Khmer label font when the switcher shows a Khmer name (a site of several languages, Khmer
    among them); None otherwise: a Vietnamese and English site writes no Khmer, and a preload
    it never uses costs every page a request and a line of markup (issue 24). Both renderers
    ask here (partials/shell.html, theme/main.html)."""
    codes = set(languages)
    return LABEL_FONT if len(codes) > 1 and codes & LABEL_FONT_LANGUAGES else None


# A term's trailing number ("Đợt 2"): the catalogue writes the term once with "{n}".
_NUMBERED = re.compile(r"^(.*?\D)\s*(\d+)$")


class Lang:
    """Everything a template needs to speak one language."""

    def __init__(self, code: str, default: str = "vi", extra_dir: str | None = None):
        self.code = code
        self.default = default
        self.prefix = "" if code == default else f"{code}/"
        self._strings = strings(code, extra_dir)
        self._numbers: dict[object, str] = {}  # value -> formatted (number())

    def t(self, key: str, **params) -> str:
        text = self._strings.get(key, key)
        return text.format(**params) if params else text

    @property
    def name(self) -> str:
        """The language's own name (Tiếng Việt, English, ខ្មែរ)."""
        return self.t("language_name")

    def doc_type(self, code: str) -> str:
        """Name of a document type (KH -> Kế hoạch / Plan / ផែនការ) without a translator."""
        return self._strings.get(f"doc_type_{code}") or code

    # --- structured data in this language, or in Vietnamese marked as such -----------

    def term_text(self, text) -> str | None:
        """A recurring word of structured data (a signer's title "CHỦ TỊCH", a phase "Đợt 2")
        in this language, from the catalogue's `terms` (keyed by the folded Vietnamese, a
        trailing number written "{n}"); None when the catalogue has no such term."""
        if not isinstance(text, str) or not text.strip():
            return None
        if self.code == self.default:
            return text
        terms = self._strings.get("terms") or {}
        key = fold(text)
        if key in terms:
            return terms[key]
        numbered = _NUMBERED.match(key)
        if numbered and f"{numbered[1].strip()} {{n}}" in terms:
            return terms[f"{numbered[1].strip()} {{n}}"].format(n=numbered[2])
        return None

    def term(self, text) -> Markup:
        """`term_text`, or the Vietnamese as written, marked lang="vi" for screen readers."""
        translated = self.term_text(text)
        return escape(translated) if translated is not None else self.tag(text, self.default)

    def doc_label(self, doc, bodies, mark: bool = True):
        """How a document is named wherever a page names it: "Kế hoạch số 85/KH-UBND", and
        one without a number by its type, issuer and date ("Kế hoạch của UBND tỉnh Sóc Trăng
        năm 2021"), so two unnumbered plans never read alike. `bodies` maps issuer ids to
        bodies (site.bodies). Markup with the Vietnamese parts marked lang="vi" (mark=False:
        plain text, for titles, feeds and search)."""
        def part(text: str, text_lang: str):
            if not mark:
                return text
            return escape(text) if text.isascii() or text_lang == self.code else self.tag(text, text_lang)

        type_name = self.doc_type(doc.doc_type)
        if doc.number:
            return self._fill("doc_label_numbered", mark, type=type_name, ref=part(doc.reference, self.default))
        body = bodies.get(doc.get("issuer")) if isinstance(doc.get("issuer"), str) else None
        # the body's name in this language, else its short Vietnamese name ("UBND tỉnh Sóc Trăng")
        issuer = getattr(body, f"name_{self.code}", None) if body is not None and self.code != self.default else None
        issuer_lang = self.code if issuer else self.default
        issuer = issuer or ((body.short or body.name) if body is not None else "")
        when = self._doc_when(doc.get("date"))
        key = {(True, True): "doc_label_unnumbered", (True, False): "doc_label_by",
               (False, True): "doc_label_dated", (False, False): "doc_label_type"}[(bool(issuer), bool(when))]
        return self._fill(key, mark, type=type_name, issuer=part(issuer, issuer_lang), when=when)

    def _doc_when(self, value) -> str:
        if not isinstance(value, (DocDate, dt.date)) or (isinstance(value, DocDate) and not value.year):
            return ""  # no date, or a wrong one (UNKNOWN_DATE, reported by check)
        if isinstance(value, DocDate) and not value.complete:
            return self.t("doc_in_month", date=self.partial_date(value)) if value.month \
                else self.t("doc_in_year", year=value.year)
        return self.t("doc_on_day", date=self.date(value))

    def _fill(self, key: str, mark: bool, **parts):
        """A catalogue string filled with parts that may be Markup (escaped once, as Markup)."""
        if mark:
            return Markup(escape(self._strings.get(key, key))).format(**parts)
        return self.t(key, **parts)

    # --- content in this language, or in Vietnamese when nobody translated it ---------

    def name_of(self, record) -> str:
        """A body's, unit's or campaign's name: `name_en`/`name_km` when given, else Vietnamese."""
        if record is None:
            return ""
        return getattr(record, f"name_{self.code}", None) or record.name

    def name_lang(self, record) -> str:
        if record is not None and self.code != self.default and getattr(record, f"name_{self.code}", None):
            return self.code
        return self.default

    def field(self, entry, key: str, default=""):
        """A translatable field of an entry from its translation, else from the source."""
        translation = entry.translations.get(self.code) if self.code != self.default else None
        if translation is not None and translation.meta.get(key) not in (None, ""):
            return translation.meta[key]
        value = entry.meta.get(key)
        return default if value is None else value

    def field_lang(self, entry, key: str) -> str:
        """Language the reader gets `field(entry, key)` in."""
        translation = entry.translations.get(self.code) if self.code != self.default else None
        if translation is not None and translation.meta.get(key) not in (None, ""):
            return self.code
        return self.default

    def translated(self, entry) -> bool:
        return self.code == self.default or self.code in entry.translations

    def content_lang(self, entry) -> str:
        """Language of an entry's body for this reader: PageSpec.content_lang."""
        return self.code if self.translated(entry) else self.default

    def tag(self, text, text_lang: str) -> Markup:
        """Text marked with its language when it differs from the page's (lang="vi" fragments)."""
        if not text:
            return Markup("")
        if text_lang == self.code:
            return escape(text)
        return Markup('<span lang="{}">{}</span>').format(text_lang, text)

    def fallback_note(self) -> str:
        """The visible note on a page shown in Vietnamese because it is not translated yet."""
        return self.t("fallback_note")

    def date(self, value) -> str:
        """A calendar date in the reader's language (11/09/2021, 11 Sept 2021, ...)."""
        if value is None:
            return ""
        if isinstance(value, DocDate):
            if not value.complete:
                return self.partial_date(value)
            value = value.as_date()
        pattern = self._strings.get("date_format", "dd/MM/yyyy")
        return format_date(value, pattern, locale=self.code)

    def partial_date(self, value: DocDate) -> str:
        if value.month:
            return self.t("date_month_year", month=value.month, year=value.year)
        return str(value.year)

    def number(self, value) -> str:
        # Pages show the same few counts again and again (thousands of calls a build), and
        # Babel parses its pattern on every call: remembered per value.
        cache = self._numbers
        text = cache.get(value)
        if text is None:
            text = format_decimal(value, locale=self.code)
            if len(cache) < 100_000:
                cache[value] = text
        return text

    def file_size(self, size: int) -> str:
        """A file's size as a reader takes it in: "1,2 MB" (vi), "1.2 MB" (en); below 1 MB in
        whole kilobytes ("350 KB"), never "0,0 MB"."""
        if size < 1024 * 1024:
            return f"{format_decimal(max(1, round(size / 1024)), locale=self.code)} KB"
        return f"{format_decimal(round(size / (1024 * 1024), 1), format='#,##0.0', locale=self.code)} MB"

    def doc_date_line(self, place: str | None, value: DocDate | None) -> str:
        """The document's place-and-date line, keeping blanks where the copy has them.

        Nghị định 30/2020/NĐ-CP, Phụ lục I: "đối với những số thể hiện ngày nhỏ hơn 10 và
        tháng 1, 2 phải ghi thêm số 0 phía trước" — a day below 10 and the months 1 and 2 take a
        leading zero ("ngày 05 tháng 01 năm 2026", "ngày 28 tháng 02 năm 2023"), the months 3 to
        9 do not ("ngày 11 tháng 9 năm 2021"): a 1 or 2 written in front of them would make no
        month, so they need no guard against it.
        """
        if value is None:
            return place or ""
        blank = "\u2003\u2002"  # an em and an en space: a visible gap, as on the printed copy
        day = f"{value.day:02d}" if value.day else blank
        month = (f"{value.month:02d}" if value.month <= 2 else str(value.month)) if value.month else blank
        line = f"ngày {day} tháng {month} năm {value.year}"
        return f"{place}, {line}" if place else line.capitalize()


def today() -> dt.date:
    return dt.date.today()
