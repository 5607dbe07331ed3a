"""Interface strings and locale-aware formatting for each site language.

Strings live in one YAML file per language (vi.yml, en.yml, km.yml); adding a language is a
line in mkdocs.yml plus one strings file. Dates and numbers go through Babel so that
structured data (award forms, dates, counts) needs no translator.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal

from ..dates import DocDate

HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def strings(lang: str, extra_dir: str | None = None) -> dict:
    base = yaml.safe_load((HERE / "vi.yml").read_text(encoding="utf-8"))
    path = HERE / f"{lang}.yml"
    if lang != "vi" and path.exists():
        base.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    if extra_dir:
        extra = Path(extra_dir) / f"{lang}.yml"
        if extra.exists():
            base.update(yaml.safe_load(extra.read_text(encoding="utf-8")) or {})
    return base


class Lang:
    """Everything a template needs to speak one language."""

    def __init__(self, code: str, default: str = "vi", extra_dir: str | None = None):
        self.code = code
        self.default = default
        self.prefix = "" if code == default else f"{code}/"
        self._strings = strings(code, extra_dir)

    def t(self, key: str, **params) -> str:
        text = self._strings.get(key, key)
        return text.format(**params) if params else text

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
        return format_decimal(value, locale=self.code)

    def doc_date_line(self, place: str | None, value: DocDate | None) -> str:
        """The document's place-and-date line, keeping blanks where the copy has them.

        Nghị định 30/2020/NĐ-CP, Phụ lục I: "Đại Mạch, ngày 11 tháng 9 năm 2021"; days and
        months below 10 get a leading zero only for 1 and 2, which we leave to the author.
        """
        if value is None:
            return place or ""
        blank = "\u2003\u2002"  # an em and an en space: a visible gap, as on the printed copy
        day = str(value.day) if value.day else blank
        month = str(value.month) if value.month else blank
        line = f"ngày {day} tháng {month} năm {value.year}"
        return f"{place}, {line}" if place else line.capitalize()


def today() -> dt.date:
    return dt.date.today()
