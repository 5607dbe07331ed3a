"""A sheet's achievements held as one block of bytes, shared by every process of a build.

A build forks its render workers and its data process from the process that loaded the
site, and each of them starts by sharing that process's memory. Python writes an object's
reference count whenever code reads the object, so a process that reads an awardee's
achievement (a kilobyte as Python keeps Vietnamese text) copies the 4 KB page it sits on, and
every process ended up with its own copy of every achievement (docs/architecture.md,
"Memory"). Held here instead, a sheet's achievements are one `bytes` object (UTF-8) and the
offsets where each one ends: reading one touches the two objects' headers only, so the
block's pages stay shared, once for the whole build. An awardee holds a SharedText (its
sheet's column and its row there, about 50 bytes) and decodes its achievement when a page
asks for it (content/model.py `Awardee.achievement`): one page and one open-data row use it.

The sheet cache stores the column in the same form (`pack`), so loading a cached sheet
decodes no achievement at all.
"""
from __future__ import annotations

from array import array

_FORM = "utf-8 block"


class TextColumn:
    """Texts as one UTF-8 block: text i is block[ends[i - 1]:ends[i]] (from 0 for the first)."""

    __slots__ = ("block", "ends")

    def __init__(self, block: bytes, ends: array):
        self.block = block
        self.ends = ends

    def text(self, index: int) -> str:
        return self.utf8(index).decode("utf-8", "surrogatepass")

    def utf8(self, index: int) -> bytes:
        """Text i's bytes, not decoded."""
        return self.block[self.ends[index - 1] if index else 0:self.ends[index]]


class SharedText:
    """One text of a TextColumn: what an awardee holds in place of its achievement's str."""

    __slots__ = ("column", "index")

    def __init__(self, column: TextColumn, index: int):
        self.column = column
        self.index = index

    def text(self) -> str:
        return self.column.text(self.index)

    def utf8(self) -> bytes:
        return self.column.utf8(self.index)


def pack(values: list) -> tuple:
    """A column of texts (None allowed) as plain data for the sheet cache (marshal)."""
    block = bytearray()
    ends = array("q")
    for value in values:
        if value:
            block += value.encode("utf-8", "surrogatepass")
        ends.append(len(block))
    nones = bytes(value is None for value in values) if None in values else b""
    return (_FORM, bytes(block), ends.tobytes(), len(values), nones)


def unpack(packed: tuple) -> list:
    """The column `pack` made, as a SharedText per text (None where the value was None; "" for
    an empty text, which no block holds)."""
    form, block, ends_bytes, count, nones = packed
    if form != _FORM:
        raise ValueError("not a text column")
    ends = array("q")
    ends.frombytes(ends_bytes)
    if len(ends) != count or (nones and len(nones) != count) or (count and ends[-1] != len(block)):
        raise ValueError("damaged text column")
    column = TextColumn(block, ends)
    values = []
    start = 0
    for index, end in enumerate(ends):
        if nones and nones[index]:
            values.append(None)
        elif end == start:
            values.append("")
        else:
            values.append(SharedText(column, index))
        start = end
    return values
