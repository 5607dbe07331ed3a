#!/usr/bin/env python3
"""Regenerate the tiny font that draws the Khmer language name in the language switcher.

Every page in every language links to the Khmer version with its name written in Khmer
("ខ្មែរ"). Loading the whole Khmer web font (about 23 KB) on every Vietnamese page for one
word is wasteful, and the system font shows empty boxes on machines without Khmer support.
So that one word gets its own font family ("Khmer Label" in site_builder/assets/fonts.css):
Noto Sans Khmer cut down to the characters of the label, with its layout tables kept, because
the label is a cluster (KHA, COENG + MO stacked below, the vowel AE around it, RO) that only
shapes correctly through GSUB/GPOS.

This is an authoring step, not part of a build: run it after changing `language_name` in
site_builder/i18n/km.yml or updating the Noto Sans Khmer file, and commit the result.
It needs fontTools and brotli (for WOFF2), which the site builder itself does not use:

    .venv/bin/pip install fonttools brotli
    .venv/bin/python scripts/make_label_font.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "site_builder" / "assets" / "fonts"
SOURCE = FONTS / "noto-sans-khmer-khmer-400-normal.woff2"
TARGET = FONTS / "khmer-label-400-normal.woff2"
LABELS = ROOT / "site_builder" / "i18n" / "km.yml"
LIMIT = 3 * 1024  # bytes: the point is that every page can afford it


def label_text() -> str:
    """The switcher's Khmer label, as the site shows it."""
    strings = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    return str(strings["language_name"])


def make(text: str, source: Path = SOURCE, target: Path = TARGET) -> int:
    options = subset.Options()
    options.flavor = "woff2"
    # Every OpenType feature of the kept scripts: Khmer shaping uses several (pref, blwf, abvs,
    # pres, blws, psts, ...), and the subsetter keeps the glyphs they produce (the subscript MO).
    options.layout_features = ["*"]
    options.layout_scripts = ["*"]
    options.notdef_outline = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names and the OFL notice
    options.name_languages = [0x0409]
    options.hinting = False  # the web font has none worth keeping at this size
    options.desubroutinize = True  # compresses better under brotli
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    # The dotted circle is not needed: the label never starts with a combining mark.
    subsetter.populate(text=text)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return target.stat().st_size


def main() -> int:
    text = label_text()
    size = make(text)
    print(f"{TARGET.relative_to(ROOT)}: {size} bytes for {text!r} "
          f"({' '.join(f'U+{ord(c):04X}' for c in text)})")
    if size > LIMIT:
        print(f"more than {LIMIT} bytes: the label font should stay tiny", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
