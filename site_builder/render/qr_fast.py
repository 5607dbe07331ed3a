"""A hand-written QR encoder for the one kind of code the site draws, as fast as pure Python
allows, with segno as the oracle and the fallback.

The verification pages dominated a province's first full build: segno, a general encoder,
took about 0.8 ms a code (0.55 ms to make, 0.28 ms for the PNG) when idle and 2-3 ms under
load, 123 s of a 177 s cold build of 100,000 awards (issue 24). The site only ever makes one
kind of code: an ASCII address in byte mode, the smallest version at level L with the level
then raised as far as that version allows (segno's `boost_error`), mask MASK, no micro codes,
a 1-bit greyscale PNG of one pixel a module with a quiet zone. For that kind everything that
does not depend on the address is computed once per (version, level): the function patterns
with format and version information, where each data bit goes with the mask applied, the
Reed-Solomon generators' multiples. A code then costs encoding its bits, the error-correction
codewords (a shift and an XOR per data byte), one gather into place and one zlib call.
Once a site has drawn many codes of one size (a province's verification addresses all have
the same length but for a rare longer code), the codes of that size are drawn from tables
(_ImageTables): the PNG's raw image is an XOR of one table entry per half-byte of data.

Measured (timeit, the same 1,000 addresses of 42-117 characters, best of 3, on the shared
build machine): qr_image with segno 1.36 ms a code, with this module 0.13 ms, the same bytes.
Sixteenth session (process time, best of 5, 5,000 addresses of a province, shared machine):
87 us a code drawn pixel by pixel, 28 us from tables, the same bytes (docs/benchmarks.md).
Anything else (a longer address needing version 10 or more, an address segno would encode in
another mode, non-ASCII characters) is left to segno: `png_data_uri` returns None and the
caller uses segno, so behaviour never changes. tests/test_qr_fast.py checks matrices and PNGs against segno.
"""
from __future__ import annotations

import binascii
import struct
import zlib
from functools import reduce
from operator import getitem, itemgetter, xor

# Error correction per version (1-9) and level: (EC codewords per block, [(blocks, data
# codewords per block), ...]), from the QR standard's table.
_BLOCKS = {
    1: {"L": (7, [(1, 19)]), "M": (10, [(1, 16)]), "Q": (13, [(1, 13)]), "H": (17, [(1, 9)])},
    2: {"L": (10, [(1, 34)]), "M": (16, [(1, 28)]), "Q": (22, [(1, 22)]), "H": (28, [(1, 16)])},
    3: {"L": (15, [(1, 55)]), "M": (26, [(1, 44)]), "Q": (18, [(2, 17)]), "H": (22, [(2, 13)])},
    4: {"L": (20, [(1, 80)]), "M": (18, [(2, 32)]), "Q": (26, [(2, 24)]), "H": (16, [(4, 9)])},
    5: {"L": (26, [(1, 108)]), "M": (24, [(2, 43)]), "Q": (18, [(2, 15), (2, 16)]),
        "H": (22, [(2, 11), (2, 12)])},
    6: {"L": (18, [(2, 68)]), "M": (16, [(4, 27)]), "Q": (24, [(4, 19)]), "H": (28, [(4, 15)])},
    7: {"L": (20, [(2, 78)]), "M": (18, [(4, 31)]), "Q": (18, [(2, 14), (4, 15)]),
        "H": (26, [(4, 13), (1, 14)])},
    8: {"L": (24, [(2, 97)]), "M": (22, [(2, 38), (2, 39)]), "Q": (22, [(4, 18), (2, 19)]),
        "H": (26, [(4, 14), (2, 15)])},
    9: {"L": (30, [(2, 116)]), "M": (22, [(3, 36), (2, 37)]), "Q": (20, [(4, 16), (4, 17)]),
        "H": (24, [(4, 12), (4, 13)])},
}
_ALIGNMENT = {1: (), 2: (6, 18), 3: (6, 22), 4: (6, 26), 5: (6, 30), 6: (6, 34),
              7: (6, 22, 38), 8: (6, 24, 42), 9: (6, 26, 46)}
_LEVEL_BITS = {"L": 1, "M": 0, "Q": 3, "H": 2}
_MASKS = {  # (row, column) -> True where the mask flips the module
    0: lambda r, c: (r + c) % 2 == 0, 1: lambda r, c: r % 2 == 0, 2: lambda r, c: c % 3 == 0,
    3: lambda r, c: (r + c) % 3 == 0, 4: lambda r, c: (r // 2 + c // 3) % 2 == 0,
    5: lambda r, c: r * c % 2 + r * c % 3 == 0, 6: lambda r, c: (r * c % 2 + r * c % 3) % 2 == 0,
    7: lambda r, c: ((r + c) % 2 + r * c % 3) % 2 == 0,
}
# Characters of the alphanumeric mode: an address made only of these (and digits) would be
# encoded by segno in another mode, so it is left to segno.
_ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _i in range(255):
    _EXP[_i] = _value
    _LOG[_value] = _i
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


def _generator_logs(degree: int) -> list[int]:
    """The logs of the coefficients (after the leading 1) of prod(x - a^i), i < degree."""
    poly = [1]
    for i in range(degree):
        nxt = poly + [0]
        for j, coefficient in enumerate(poly):
            if coefficient:
                nxt[j + 1] ^= _EXP[_LOG[coefficient] + i]
        poly = nxt
    return [_LOG[c] for c in poly[1:]]


def _ec_table(generator: list[int]) -> list[int]:
    """For each value of a leading byte, the generator times it, as one integer of as many
    bytes as there are EC codewords: a division step is then a shift and an XOR."""
    return [int.from_bytes(bytes(_EXP[g + _LOG[factor]] for g in generator), "big") if factor else 0
            for factor in range(256)]


def _ec_codewords(data: bytes, table: list[int], count: int) -> bytes:
    """The `count` Reed-Solomon EC codewords of `data` (the remainder of its division by the
    generator whose multiples `table` holds)."""
    remainder = 0
    shift = 8 * (count - 1)
    keep = (1 << shift) - 1
    for byte in data:
        remainder = ((remainder & keep) << 8) ^ table[byte ^ (remainder >> shift)]
    return remainder.to_bytes(count, "big")


def _bch(value: int, generator: int, degree: int) -> int:
    """`value` followed by its BCH check bits (format and version information)."""
    remainder = value << degree
    top = generator.bit_length() - 1
    for shift in range(remainder.bit_length() - 1, top - 1, -1):
        if remainder >> shift & 1:
            remainder ^= generator << (shift - top)
    return value << degree | remainder


class _Layout:
    """Everything about a (version, level) code with the fixed mask that no address changes."""

    def __init__(self, version: int, level: str, mask: int):
        self.version, self.level = version, level
        size = self.size = 17 + 4 * version
        ec_per_block, groups = _BLOCKS[version][level]
        self.block_sizes = [data for count, data in groups for _ in range(count)]
        self.capacity = sum(self.block_sizes)
        self.ec_count = ec_per_block
        self.ec_table = _ec_table(_generator_logs(ec_per_block))
        grid = [[None] * size for _ in range(size)]  # None: a data module

        def put(row, col, dark):
            grid[row][col] = 1 if dark else 0

        for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
            for r in range(-1, 8):
                for c in range(-1, 8):
                    if 0 <= top + r < size and 0 <= left + c < size:
                        ring = max(abs(r - 3), abs(c - 3))
                        put(top + r, left + c, ring != 2 and ring != 4)
        for i in range(8, size - 8):
            put(6, i, i % 2 == 0)
            put(i, 6, i % 2 == 0)
        centres = _ALIGNMENT[version]
        corners = {(6, 6), (6, size - 7), (size - 7, 6)}  # under the finder patterns
        for r in centres:
            for c in centres:
                if (r, c) not in corners:
                    for dr in range(-2, 3):
                        for dc in range(-2, 3):
                            put(r + dr, c + dc, max(abs(dr), abs(dc)) != 1)
        fmt = _bch(_LEVEL_BITS[level] << 3 | mask, 0x537, 10) ^ 0x5412
        bit = [fmt >> i & 1 for i in range(15)]
        for i in range(6):
            put(i, 8, bit[i])
        put(7, 8, bit[6])
        put(8, 8, bit[7])
        put(8, 7, bit[8])
        for i in range(9, 15):
            put(8, 14 - i, bit[i])
        for i in range(8):
            put(8, size - 1 - i, bit[i])
        for i in range(8, 15):
            put(size - 15 + i, 8, bit[i])
        put(size - 8, 8, 1)
        if version >= 7:
            info = _bch(version, 0x1F25, 12)
            for i in range(18):
                a, b = size - 11 + i % 3, i // 3
                put(b, a, info >> i & 1)
                put(a, b, info >> i & 1)
        order = []
        col = size - 1
        upward = True
        while col > 0:
            if col == 6:
                col -= 1
            rows = range(size - 1, -1, -1) if upward else range(size)
            for r in rows:
                for c in (col, col - 1):
                    if grid[r][c] is None:
                        order.append((r, c))
            upward = not upward
            col -= 2
        self.data_modules = len(order)
        flip = _MASKS[mask]
        self.mask_bits = int("".join("1" if flip(r, c) else "0" for r, c in order), 2)
        # The codewords in the order they are placed: the data blocks' bytes and then the EC
        # blocks' bytes interleaved, as one gather from data + every block's EC codewords.
        self.interleave = None
        if len(self.block_sizes) > 1:
            starts = [sum(self.block_sizes[:b]) for b in range(len(self.block_sizes))]
            ec_start = self.capacity
            order_of_bytes = [starts[b] + i for i in range(max(self.block_sizes))
                              for b, length in enumerate(self.block_sizes) if i < length]
            order_of_bytes += [ec_start + b * ec_per_block + i for i in range(ec_per_block)
                               for b in range(len(self.block_sizes))]
            self.interleave = itemgetter(*order_of_bytes)
        self.grid = grid
        self.where = {position: k for k, position in enumerate(order)}
        # A module's value is source[gather[k]] where source is the masked data bits as
        # b"0"/b"1" followed by b"0" and b"1" for the function modules.
        self.gather = self._gather(border=0, light=b"0", row_pad=0, filter_bits=0)
        self._images: dict[int, itemgetter] = {}
        # per quiet zone: the codes drawn, and the tables once worth building
        self.drawn: dict[int, int] = {}
        self.image_tables: dict[int, _ImageTables] = {}

    def _gather(self, border: int, light: bytes, row_pad: int, filter_bits: int) -> itemgetter:
        """The gather making the rows of a `border`-module quiet zone around the code, each
        after `filter_bits` 0 bits and followed by `row_pad` 0 bits, from a source of the data
        bits then b"01": a light module is `light`, a dark one the other."""
        size, where, grid = self.size, self.where, self.grid
        zero, one = self.data_modules, self.data_modules + 1
        light_at, dark_at = (zero, one) if light == b"0" else (one, zero)
        width = size + 2 * border
        quiet_row = [zero] * filter_bits + [light_at] * width + [zero] * row_pad
        picks = quiet_row * border
        for r in range(size):
            picks += [zero] * filter_bits + [light_at] * border
            picks += [where[(r, c)] if grid[r][c] is None else (dark_at if grid[r][c] else light_at)
                      for c in range(size)]
            picks += [light_at] * border + [zero] * row_pad
        picks += quiet_row * border
        return itemgetter(*picks)

    def image_gather(self, border: int) -> itemgetter:
        """The gather making a PNG's raw image data (each row's filter byte 0, then its pixels,
        1 for a light module, padded with 0 bits to whole bytes) from the data bits inverted,
        then b"01"."""
        gather = self._images.get(border)
        if gather is None:
            width = self.size + 2 * border
            gather = self._images[border] = self._gather(
                border, light=b"1", row_pad=-width % 8, filter_bits=8)
        return gather


_LAYOUTS: dict[tuple[int, str, int], _Layout] = {}
# (version, level) by the number of data codewords an address needs (byte mode, versions 1-9).
_SMALLEST: list[tuple[int, str] | None] = [None]
for _needed in range(1, sum(count * data for count, data in _BLOCKS[9]["L"][1]) + 1):
    _version = next(version for version in range(1, 10)
                    if _needed <= sum(count * data for count, data in _BLOCKS[version]["L"][1]))
    _SMALLEST.append((_version, next(level for level in "HQML" if _needed <= sum(
        count * data for count, data in _BLOCKS[_version][level][1]))))


def _layout(address: str, mask: int) -> _Layout | None:
    # An address with a lower-case letter is never all alphanumeric: the set is only built
    # for the others.
    if not address.isascii() or (address.upper() == address and set(address) <= _ALPHANUMERIC):
        return None
    needed = (4 + 8 + 8 * len(address) + 7) // 8
    if needed >= len(_SMALLEST):
        return None
    version, level = _SMALLEST[needed]
    key = (version, level, mask)
    layout = _LAYOUTS.get(key)
    if layout is None:
        layout = _LAYOUTS[key] = _Layout(version, level, mask)
    return layout


def _data(address: str, capacity: int) -> bytes:
    """The data codewords of `address` in byte mode, padded to `capacity`."""
    text = address.encode("ascii")
    bits = (0b0100 << 8 | len(text)) << 8 * len(text) | int.from_bytes(text, "big")
    length = 12 + 8 * len(text)
    terminator = min(4, capacity * 8 - length)
    bits <<= terminator
    length += terminator
    # Like segno, pad to the next byte boundary even when already on one (a whole zero byte
    # then, cut off below when the data fills the code), so the codes stay as they were.
    padding = 8 - length % 8
    bits <<= padding
    length += padding
    return (bits.to_bytes(length // 8, "big") + b"\xec\x11" * capacity)[:capacity]


def _placed(layout: _Layout, data: bytes) -> int:
    """The code's data modules in placement order, masked, as one integer (its first module
    the highest bit)."""
    table, count = layout.ec_table, layout.ec_count
    if layout.interleave is None:
        stream = data + _ec_codewords(data, table, count)
    else:
        blocks, start = [data], 0
        for size in layout.block_sizes:
            blocks.append(_ec_codewords(data[start:start + size], table, count))
            start += size
        stream = bytes(layout.interleave(b"".join(blocks)))
    extra = layout.data_modules - 8 * len(stream)
    return (int.from_bytes(stream, "big") << extra) ^ layout.mask_bits


def _modules(address: str, mask: int) -> tuple[_Layout, bytes] | None:
    """The code's modules row by row as b"0" (light) and b"1" (dark), or None when segno must
    make it."""
    layout = _layout(address, mask)
    if layout is None:
        return None
    bits = _placed(layout, _data(address, layout.capacity))
    source = format(bits, f"0{layout.data_modules}b").encode("ascii") + b"01"
    return layout, bytes(layout.gather(source))


def matrix(address: str, mask: int) -> tuple[bytearray, ...] | None:
    """The code's rows of 0 (light) and 1 (dark) modules, as segno's `matrix`, or None when
    this module does not make this code."""
    made = _modules(address, mask)
    if made is None:
        return None
    layout, modules = made
    flat = modules.translate(_TO_BITS)
    size = layout.size
    return tuple(bytearray(flat[i:i + size]) for i in range(0, size * size, size))


_TO_BITS = bytes.maketrans(b"01", b"\x00\x01")


def _raw_image(layout: _Layout, border: int, data: bytes) -> int:
    """The PNG's raw image data (module's docstring) of the code of `data`, as one integer:
    one gather from the data bits, inverted (a PNG's 1 is white), and one integer parse."""
    count = layout.data_modules
    source = format(_placed(layout, data) ^ ((1 << count) - 1), f"0{count}b").encode("ascii") + b"01"
    return int(bytes(layout.image_gather(border)(source)), 2)


# Codes of one (version, level, mask, border) are drawn from tables (_ImageTables) once
# TABLES_AFTER codes per data codeword were drawn without: building them draws 8 images per
# codeword, so they cost about what the codes before them did, and a site with few codes of a
# kind never pays for tables it would not use (0 tables every code: the tests).
TABLES_AFTER = 8
_HEX_VALUES = bytes.maketrans(b"0123456789abcdef", bytes(range(16)))


class _ImageTables:
    """Every step from the data codewords to the raw image (EC codewords, interleaving,
    placement, mask, inversion, quiet zone) is linear over GF(2) but for a constant: the raw
    image of `data` is `constant` XOR, for each of its half-bytes, what that half-byte
    contributes where it stands. Those contributions are tabled once (16 per half-byte, each
    an integer as large as the image); a code then costs one XOR per half-byte of data, in
    C, instead of a gather of each pixel. About 0.6 MB for a 33 x 33 code."""

    def __init__(self, layout: _Layout, border: int):
        capacity = layout.capacity
        self.constant = _raw_image(layout, border, bytes(capacity))
        self.tables = []
        for position in range(capacity):
            for shift in (4, 0):
                unit = []
                for bit in (8, 4, 2, 1):
                    data = bytearray(capacity)
                    data[position] = bit << shift
                    unit.append(_raw_image(layout, border, bytes(data)) ^ self.constant)
                table = [0] * 16
                for value in range(1, 16):
                    low = value & -value  # the lowest bit set: 1, 2, 4 or 8
                    table[value] = table[value ^ low] ^ unit[(8, 4, 2, 1).index(low)]
                self.tables.append(table)

    def raw(self, data: bytes) -> int:
        return reduce(xor, map(getitem, self.tables, data.hex().encode("ascii").translate(_HEX_VALUES)),
                      self.constant)


def _chunk(kind: bytes, data: bytes) -> bytes:
    # The CRC runs over the kind, then the data, without joining them first.
    crc = zlib.crc32(data, zlib.crc32(kind))
    return b"".join((struct.pack(">I", len(data)), kind, data, struct.pack(">I", crc)))


_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_IEND = _chunk(b"IEND", b"")


def png_data_uri(address: str, mask: int, border: int) -> tuple[str, int] | None:
    """The code as a 1-bit greyscale PNG data address with a quiet zone of `border` modules,
    byte for byte what segno's png_data_uri(scale=1, border=border) writes, and its width in
    modules; None when segno must make it."""
    layout = _layout(address, mask)
    if layout is None:
        return None
    data = _data(address, layout.capacity)
    tables = layout.image_tables.get(border)
    if tables is None:
        drawn = layout.drawn[border] = layout.drawn.get(border, 0) + 1
        if drawn > TABLES_AFTER * layout.capacity:
            tables = layout.image_tables[border] = _ImageTables(layout, border)
    raw = tables.raw(data) if tables is not None else _raw_image(layout, border, data)
    width = layout.size + 2 * border
    row_bytes = 1 + (width + 7) // 8  # the filter byte, then the pixels
    idat = zlib.compress(raw.to_bytes(width * row_bytes, "big"), 9)
    png = b"".join((_SIGNATURE, _chunk(b"IHDR", struct.pack(">2I5B", width, width, 1, 0, 0, 0, 0)),
                    _chunk(b"IDAT", idat), _IEND))
    return "data:image/png;base64," + binascii.b2a_base64(png, newline=False).decode("ascii"), width
