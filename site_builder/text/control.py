"""Control characters: invisible in an editor and in Excel, never meant in a public text.

C0 controls but tab, line feed and carriage return (a cell or a paragraph may hold several
lines), DEL, C1 controls, and the byte-order mark, which inside a text means two files were
glued together. A NUL byte copied from a broken export reached the pages, feeds and downloads
as it was. Markdown files (content/frontmatter.py) and recipients sheets
(honor/sheet_table.py) refuse them with the line, or the row and column, where they are.
"""
from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")


def code_point(char: str) -> str:
    """How a message names an invisible character: U+0000."""
    return f"U+{ord(char):04X}"
