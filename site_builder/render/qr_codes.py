"""QR codes of verification addresses, as inline PNG images, kept between builds.

The codes are made by qr_fast (a hand-written encoder for exactly these codes, about ten
times faster) and by segno for any code it does not make; both give the same bytes.

A QR code is a small pure-Python computation that costs more than the page it sits on
(measured on the build machine, one 50-character address: 2.8 ms with segno choosing the best
of its eight masks, 0.55 ms with a fixed mask, plus 0.28 ms for the image; a recipient page costs
about 0.02 ms). At 50,000 awards that would be two minutes of CPU, or 40 s with a fixed mask,
on every full build (docs/honor-roll.md, "Verifying an award", has the figures). So:

- the mask is fixed: every mask makes a valid code that every reader decodes (the tests decode
  them with ZXing); choosing one only avoids patterns that some old readers find harder;
- error correction is level L, raised to the highest level the same size of code allows
  (`boost_error`): for an address of about 50 characters that is a 29 x 29 code, where level
  M would take a 33 x 33 one, on every verification page;
- the code is a PNG of one pixel per module, as a data address inside the page, drawn four
  pixels a module and printed 35 mm wide with `image-rendering: pixelated` (verify.css): no
  smoothing, square modules. A 33 x 33 code is about 0.4 KB so, against 1.9 KB as an SVG path
  of its dark runs, and costs the same to make (0.35 ms); on a province's 50,000 awards that is
  70 MB (issue 24; docs/honor-roll.md, "Verifying an award");
- each decision's codes are kept in the machine's cache (runtime/cache_dirs.py
  machine_cache_dir()/qr/, else the project's .cache/site-builder/qr/; one file per site
  address and decision, address -> <img>): an address never changes its code, so only the first
  build on a machine, or a new award, makes one, and a `--clean` build, a branch preview or a
  fresh checkout of the same site reuses them. Deleting the folder costs time, never
  correctness: a file is only ever read for the addresses it holds.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..runtime.atomic import replace_file
from ..runtime.cache_dirs import CACHE_DIR, machine_cache_dir
from ..runtime.digests import digest
from .qr_fast import png_data_uri

MASK = 2
ERROR = "l"
BORDER = 4  # modules of quiet zone, as the standard asks
# Bump when the image's form changes: a cache written in another form is not read.
FORM = "3"


def qr_image(address: str) -> str:
    """The QR code of `address` as an <img> to put in HTML: a PNG data address, one pixel per
    module, quiet zone included, shown four pixels a module (CSS keeps it sharp). Its alt text
    is empty: the address it encodes is written beside it."""
    fast = png_data_uri(address, MASK, BORDER)
    if fast is not None:
        uri, width = fast
        return f'<img class="qr" src="{uri}" alt="" width="{width * 4}" height="{width * 4}">'
    import segno  # noqa: PLC0415  (only builds that make a code pay its import)

    code = segno.make(address, error=ERROR, mask=MASK, micro=False, boost_error=True)
    size = code.symbol_size(scale=4, border=BORDER)[0]
    return (f'<img class="qr" src="{code.png_data_uri(scale=1, border=BORDER)}" alt="" '
            f'width="{size}" height="{size}">')


class QrCache:
    """The QR codes of one decision's addresses: read from the project's cache, made when
    missing (qr_image), written back by `save` when any was made."""

    def __init__(self, project_dir, name: str):
        """`name`: what tells this group of codes from others on the machine (the site's
        address and the decision's id)."""
        folder = machine_cache_dir() or Path(project_dir) / CACHE_DIR
        self.file = folder / "qr" / (digest(FORM + "\0" + name)[:24] + ".json")
        try:
            self.codes = json.loads(self.file.read_text(encoding="utf-8"))
            if not isinstance(self.codes, dict):
                self.codes = {}
        except (OSError, ValueError):
            self.codes = {}
        self.made = False

    def image(self, address: str) -> str:
        image = self.codes.get(address)
        if not isinstance(image, str):
            image = self.codes[address] = qr_image(address)
            self.made = True
        return image

    def save(self, keep: set[str]) -> None:
        """Write the codes of the addresses in `keep` (the decision's today), when any was made."""
        if not self.made:
            return
        codes = {address: image for address, image in self.codes.items() if address in keep}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            replace_file(self.file, json.dumps(codes, ensure_ascii=True, separators=(",", ":")).encode("ascii"))
        except OSError:
            pass  # a cache that cannot be written costs the next build time, not correctness
