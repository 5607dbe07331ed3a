#!/usr/bin/env python3
"""Screenshots of the site on a phone, for the docs (issue 23): the first screen, 360x740, of

- a search: the search page after "nguyen" is typed into its box -> docs/img/phone-search.png
- a locality page: the honor roll of a place (khen-thuong/dia-phuong/<unit>/), by default the
  unit whose page is longest -> docs/img/phone-locality.png

It builds the example site (or takes a built one with --site), serves it on loopback and drives
Debian's Chromium through Playwright, as the browser tests do. Run it again after changing the
templates or the CSS, and commit the images:

    .venv/bin/python scripts/phone_screenshots.py [--site DIR] [--unit UNIT] [--out docs/img]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from site_builder import urls  # noqa: E402 (after the path set-up above)

VIEWPORT = {"width": 360, "height": 740}
QUERY = "nguyen"
RECORD_RESULTS = """
window.__sr = [];
document.addEventListener("search:results", (e) => {
  window.__sr.push({ index: e.target.dataset.searchIndex, total: e.detail.total });
}, true);
"""


def longest_place_page(site: Path) -> str:
    """The place page (its first page) with the most bytes: the longest honor roll of a unit."""
    pages = [p for p in (site / urls.PLACES).glob(f"*/{urls.INDEX_FILE}")]
    if not pages:
        raise SystemExit(f"no place page in {site / urls.PLACES}")
    return urls.place_page(max(pages, key=lambda p: (p.stat().st_size, p.parent.name)).parent.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the example site now)")
    parser.add_argument("--unit", help="the unit id of the locality page (default: the longest)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_FLAGS, StaticServer, chromium_path

    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="phone-shots-") as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            subprocess.run([sys.executable, "-m", "site_builder.cli", "build", "--site-dir", str(site)],
                           cwd=REPO, check=True, capture_output=True)
        place = urls.place_page(args.unit) if args.unit else longest_place_page(site)
        server = StaticServer(site)
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
                context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True)
                context.add_init_script(RECORD_RESULTS)
                page = context.new_page()

                page.goto(server.url + urls.SEARCH, wait_until="networkidle")
                page.fill("#sb-q", QUERY)
                page.wait_for_function("() => window.__sr.some(r => r.index.includes('names') && r.total > 0)",
                                       timeout=20_000)
                page.wait_for_load_state("networkidle")
                page.evaluate("document.fonts.ready")
                page.screenshot(path=str(args.out / "phone-search.png"))

                page.goto(server.url + place, wait_until="networkidle")
                page.evaluate("document.fonts.ready")
                page.screenshot(path=str(args.out / "phone-locality.png"))
                browser.close()
        finally:
            server.close()
    print(f"wrote {args.out / 'phone-search.png'} (search for {QUERY!r}) and "
          f"{args.out / 'phone-locality.png'} (/{place}), {VIEWPORT['width']}x{VIEWPORT['height']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
