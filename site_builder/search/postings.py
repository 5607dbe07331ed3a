"""Compact text encoding of sorted record-id lists ("postings"), decoded by search.js.

Every list is a string of characters from a 64-letter alphabet that needs no escaping in
JSON, so shards stay plain JSON files a browser can fetch and a person can read. Three
forms are tried and the shortest wins (the first character says which):

* ``d`` delta: the gaps between consecutive ids, as variable-length numbers;
* ``r`` runs: (gap, length - 1) pairs; records are stored in name order, so everyone
  called "Hùng" forms one run and "Nguyễn" a few hundred runs;
* ``b`` bitmap: start id, then 6 ids per character; bounds a very common word ("văn",
  "thị") at N/6 characters, 17 KB at 100,000 records.

Numbers use 5 bits per character: the 32 "last" characters end a number, the 32 "more"
characters continue it (most significant group first).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import ne, sub

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_LAST = ALPHABET[:32]
_MORE = ALPHABET[32:]
_VALUE = {c: i for i, c in enumerate(ALPHABET)}

__all__ = ["encode", "decode", "ALPHABET"]


def _number(n: int, out: list[str]) -> None:
    groups = [n & 31]
    n >>= 5
    while n:
        groups.append(n & 31)
        n >>= 5
    for g in reversed(groups[1:]):
        out.append(_MORE[g])
    out.append(_LAST[groups[0]])


def _code(n: int) -> str:
    out: list[str] = []
    _number(n, out)
    return "".join(out)


# The encodings of the numbers below 2**15 (one to three characters), looked up instead of
# computed: an index of 50,000 names writes about 300,000 numbers. Lists are turned into
# numbers with C-level map/compress, so a list costs a few passes in C, not a loop in Python.
# Made on first use (18 ms): a build that writes no index does not wait for it.
_TABLE_SIZE = 1 << 15
_TABLE: list[str] = []


def _numbers_text(numbers: list[int]) -> str:
    if numbers and max(numbers) < _TABLE_SIZE:
        if not _TABLE:
            _TABLE.extend(map(_code, range(_TABLE_SIZE)))
        return "".join(map(_TABLE.__getitem__, numbers))
    return "".join(map(_code, numbers))


def _bitmap(ids: Sequence[int]) -> str:
    start = ids[0]
    size = (ids[-1] - start) // 6 + 1
    # One byte per position, set in C (map over bytearray.__setitem__, consumed by deque),
    # then read six positions at a time: a cell is those six bits, the first one lowest.
    bits = bytearray(size * 6)
    deque(map(bits.__setitem__, map(sub, ids, repeat(start)), repeat(1)), maxlen=0)
    cells = _SIX.findall(bits.translate(_AS_DIGITS).decode("ascii"))
    return "b" + _code(start) + "".join(map(_CELL.__getitem__, cells))


_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_SIX = re.compile("[01]{6}")
_CELL = {format(v, "06b")[::-1]: ALPHABET[v] for v in range(64)}  # "100000" (first bit set) -> "1"


def encode(ids: Iterable[int]) -> str:
    """Encode strictly increasing non-negative ids; "" for an empty list."""
    ids = list(ids)
    if not ids:
        return ""
    n = len(ids)
    steps = list(map(sub, ids[1:], ids))  # every step is at least 1
    runs = n - steps.count(1)
    # Lower bounds: a delta costs at least one character per id, a run at least two.
    # Only forms that can still win are built (building every form for every list
    # doubles the index build time).
    best = _bitmap(ids) if (ids[-1] - ids[0]) // 6 < min(n, 2 * runs) else None
    if best is None or 2 * runs < len(best):
        candidate = _runs_fast(ids, steps)
        if best is None or len(candidate) < len(best):
            best = candidate
    if n < len(best):
        candidate = "d" + _numbers_text([ids[0], *map(sub, steps, repeat(1))])  # gaps between ids
        if len(candidate) < len(best):
            best = candidate
    return best


def _runs_fast(ids: list[int], steps: list[int]) -> str:
    """The runs form from the steps between ids: (gap, length - 1) of every run of consecutive ids."""
    breaks = list(compress(range(len(steps)), map(ne, steps, repeat(1))))  # a run ends at ids[b]
    starts = [ids[0], *(ids[b + 1] for b in breaks)]
    ends = [*(ids[b] for b in breaks), ids[-1]]
    previous_ends = [-1, *ends[:-1]]
    numbers = [0] * (2 * len(starts))
    numbers[0::2] = map(sub, map(sub, starts, previous_ends), repeat(1))
    numbers[1::2] = map(sub, ends, starts)
    return "r" + _numbers_text(numbers)


def _numbers(s: str, pos: int):
    n = 0
    for c in s[pos:]:
        v = _VALUE[c]
        if v >= 32:
            n = (n << 5) | (v - 32)
        else:
            yield (n << 5) | v
            n = 0


def decode(s: str) -> list[int]:
    """Inverse of :func:`encode` (the reference for the JavaScript decoder)."""
    if not s:
        return []
    kind = s[0]
    if kind == "d":
        out, prev = [], -1
        for gap in _numbers(s, 1):
            prev = prev + gap + 1
            out.append(prev)
        return out
    if kind == "r":
        out, prev_end = [], -1
        nums = list(_numbers(s, 1))
        for gap, length in zip(nums[::2], nums[1::2]):
            start = prev_end + gap + 1
            out.extend(range(start, start + length + 1))
            prev_end = start + length
        return out
    if kind == "b":
        # The start number ends at the first "last" character.
        pos = 1
        while _VALUE[s[pos]] >= 32:
            pos += 1
        start = next(_numbers(s[: pos + 1], 1))
        out = []
        for k, c in enumerate(s[pos + 1:]):
            v = _VALUE[c]
            for bit in range(6):
                if v >> bit & 1:
                    out.append(start + k * 6 + bit)
        return out
    raise ValueError(f"unknown postings form {kind!r}")
