"""A link-preview image: the 1200×630 PNG that Facebook and Zalo show beside a shared link
(og:image), drawn with Pillow in the site's colours and with the site's own fonts.

The fonts are the self-hosted files of assets/fonts/ (SIL Open Font License, texts beside
them), chosen character by character as a browser chooses them: by the `unicode-range` of
each face in assets/fonts.css, read from that file, so the list of faces has one source.
Noto Sans comes in two files (latin, vietnamese) and Khmer in its own, so a line is drawn in
runs of one face each, on one baseline. Khmer needs shaping (subscript consonants, vowels
around their consonant), which Pillow does only with its raqm layout: `shapes(text)` says
whether this Pillow can draw a text; without raqm a Khmer card is not drawn in Khmer (the
caller draws the default language's text: pages/share_images.py).
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SIZE = (1200, 630)
MARGIN = 64
FAMILIES = ("Noto Sans", "Noto Sans Khmer")  # site.css's stack, without the switcher's label font
TEXT, MUTED, WHITE = (29, 29, 31), (85, 85, 85), (255, 255, 255)
KHMER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")
COENG = "\u17d2"  # Khmer: the next consonant is written below; never break after it


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    file: Path
    ranges: tuple[tuple[int, int], ...]

    def covers(self, char: str) -> bool:
        point = ord(char)
        return any(low <= point <= high for low, high in self.ranges)


def _ranges(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in text.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        out.append((int(low, 16), int(high or low, 16)))
    return tuple(out)


@cache
def faces() -> tuple[Face, ...]:
    """The faces of FAMILIES declared in assets/fonts.css, in the order declared."""
    css = (ASSETS / "fonts.css").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"@font-face\s*\{([^}]*)\}", css):
        family = re.search(r'font-family:\s*"([^"]+)"', block)[1]
        if family in FAMILIES:
            out.append(Face(family, int(re.search(r"font-weight:\s*(\d+)", block)[1]),
                            ASSETS / re.search(r"url\(([^)]+)\)", block)[1],
                            _ranges(re.search(r"unicode-range:\s*([^;]+);", block)[1])))
    return tuple(sorted(out, key=lambda f: FAMILIES.index(f.family)))


def drawing_files() -> list[Path]:
    """The files a card's pixels come from: this module, the font list and the fonts in it
    (pages/share_images.py keys the cards it keeps with them)."""
    return [Path(__file__), ASSETS / "fonts.css", *sorted({face.file for face in faces()})]


def face_for(char: str, weight: int) -> Face:
    """The face a browser would draw `char` with (the first whose range covers it)."""
    mine = [f for f in faces() if f.weight == weight]
    return next((f for f in mine if f.covers(char)), mine[0])


def shapes(text: str) -> bool:
    """True when this Pillow draws `text` as it should be read (Khmer needs raqm)."""
    from PIL import features

    return not KHMER.search(text) or bool(features.check_feature("raqm"))


@cache
def _font(face: Face, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(face.file), size)


def runs(text: str, weight: int) -> list[tuple[Face, str]]:
    """`text` cut where the face changes; marks stay with the character they belong to."""
    out: list[tuple[Face, str]] = []
    for char in text:
        face = out[-1][0] if out and (unicodedata.category(char).startswith("M") or char in "\u200c\u200d") \
            else face_for(char, weight)
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + char)
        else:
            out.append((face, char))
    return out


def width(text: str, weight: int, size: int) -> float:
    return sum(_font(face, size).getlength(part) for face, part in runs(text, weight))


def _pieces(word: str) -> list[str]:
    """A word cut where a line may break inside it: between clusters (a Khmer phrase is
    written without spaces)."""
    out = [""]
    for char in word:
        joins = unicodedata.category(char).startswith("M") or char in "\u200c\u200d" or out[-1].endswith(COENG)
        if out[-1] and not joins:
            out.append("")
        out[-1] += char
    return out


def wrap(text: str, weight: int, size: int, limit: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if width(candidate, weight, size) <= limit:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for piece in _pieces(word) if width(word, weight, size) > limit else [word]:
            if line and width(line + piece, weight, size) > limit:
                lines.append(line)
                line = ""
            line += piece
    if line:
        lines.append(line)
    return lines


def fit(text: str, weight: int, sizes, limit: float, max_lines: int) -> tuple[int, list[str]]:
    """The largest size in `sizes` at which `text` takes at most `max_lines` lines; at the
    smallest, the lines beyond are cut and the last one ends in "…"."""
    for size in sizes:
        lines = wrap(text, weight, size, limit)
        if len(lines) <= max_lines:
            return size, lines
    lines = wrap(text, weight, size, limit)[:max_lines]
    lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return size, lines


def _draw_line(draw, x: float, baseline: float, text: str, weight: int, size: int, fill) -> None:
    for face, part in runs(text, weight):
        font = _font(face, size)
        draw.text((x, baseline), part, font=font, fill=fill, anchor="ls")
        x += font.getlength(part)


def _colour(value: str, default: tuple) -> tuple:
    from PIL import ImageColor

    try:
        return ImageColor.getrgb(value)[:3]
    except (ValueError, TypeError):
        return default


def card(band: str, kicker: str, title: str, footer: str, primary: str, accent: str) -> bytes:
    """The PNG: `band` (the site's name) white on the primary colour at the top, `kicker`
    in the accent colour above `title` (large, up to three lines), `footer` at the bottom."""
    from PIL import Image, ImageDraw

    primary_rgb = _colour(primary, (165, 14, 14))
    accent_rgb = _colour(accent, (138, 90, 0))
    image = Image.new("RGB", SIZE, WHITE)
    draw = ImageDraw.Draw(image)
    limit = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, SIZE[0], 150), fill=primary_rgb)
    size, lines = fit(band, 700, range(44, 27, -4), limit, 2)
    top = 75 - (len(lines) - 1) * size * 0.65
    for n, line in enumerate(lines):
        _draw_line(draw, MARGIN, top + size * 0.35 + n * size * 1.3, line, 700, size, WHITE)
    y = 230
    if kicker:
        _draw_line(draw, MARGIN, y, fit(kicker, 400, (34,), limit, 1)[1][0], 400, 34, accent_rgb)
        y += 30
    size, lines = fit(title, 700, range(76, 39, -4), limit, 3)
    for n, line in enumerate(lines):
        _draw_line(draw, MARGIN, y + size * 1.15 * (n + 1), line, 700, size, TEXT)
    if footer:
        _draw_line(draw, MARGIN, SIZE[1] - 48, fit(footer, 400, (28,), limit, 1)[1][0], 400, 28, MUTED)
    draw.rectangle((0, SIZE[1] - 14, SIZE[0], SIZE[1]), fill=accent_rgb)
    out = io.BytesIO()
    # zlib's default level, not optimize=True: the search for the smallest file took 60 % of a
    # card's time on a cold build, for 5 % fewer bytes.
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()
