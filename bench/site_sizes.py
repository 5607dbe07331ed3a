"""How big a built site is, by kind of file: files and bytes per recipient (issue 24, item 3).

    python bench/site_sizes.py SITE_DIR --recipients N [--markdown]

Every file under SITE_DIR is counted once, in one kind named after what it is: recipient
pages, verification pages, decision pages and their embed variants, card files, print views,
the browse lists (by place, award, year, campaign) with their embed variants, open data, the
sitemap, and the rest by top-level folder. Pages 2 and later of a paged list are their own
kind ("..., pages 2+"), since most of a long list's bytes are there. Languages are counted
together (the English copy of a kind is in the same row), as the target counts them: bytes
per recipient, all files, both languages. The folder and file names come from
site_builder/urls.py, so a renamed section is still recognised.

No build is run and no clock is read: the figures do not depend on the machine's load
(docs/benchmarks.md, twelfth session).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from site_builder import urls  # noqa: E402

_LISTS = {urls.BY_AWARD: "award lists", urls.BY_PLACE: "place lists", urls.BY_YEAR: "year lists",
          urls.BY_CAMPAIGN: "campaign lists"}
_DECISION_LEAVES = {urls.INDEX_FILE: "decision pages", urls.EMBED_FILE: "decision embed variants",
                    urls.CARDS_FILE: "decision cards"}


def _without_language(path: str, languages: tuple[str, ...]) -> str:
    head, _, rest = path.partition("/")
    return rest if rest and head in languages else path


def kind_of(path: str, languages: tuple[str, ...] = ("en", "km")) -> str:
    """The kind of the file at `path` (relative to the site folder, "/"-separated); a
    language prefix among `languages` (the site's other languages) is ignored."""
    path = _without_language(path, languages)
    paged = f"/{urls.PAGING}/" in path
    leaf = path.rsplit("/", 1)[-1]
    embed = " (embed variants)" if leaf == urls.EMBED_FILE else ""
    later = ", pages 2+" if paged else ""
    if path.startswith(urls.HONOR_ROLL):
        rest = path[len(urls.HONOR_ROLL):]
        first = rest.split("/", 1)[0]
        if first in _LISTS and "/" in rest:
            return _LISTS[first] + later + embed
        if "/" not in rest:
            return "honor roll overview" + embed
        if f"/{urls.PRINT}/" in rest:
            return "decision print views"
        if leaf in _DECISION_LEAVES:
            return _DECISION_LEAVES[leaf] + later
        if urls.is_recipient_path(path):
            return "recipient pages"
        return "decision other files"
    if path.startswith(urls.VERIFY):
        return "verification pages"
    if path.startswith(urls.OPEN_DATA):
        return "open data recipients" if path.startswith(urls.OPEN_DATA_RECIPIENTS) else "open data, other"
    if leaf.startswith("sitemap"):
        return "sitemaps"
    return (path.split("/", 1)[0] + "/" if "/" in path else "files at the site's root") + embed


def measure(site_dir: Path, languages: tuple[str, ...] = ("en", "km")) -> dict[str, list[int]]:
    """{kind: [files, bytes]} of every file under `site_dir`."""
    sizes: dict[str, list[int]] = {}
    root = str(site_dir)
    for folder, _, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            entry = sizes.setdefault(kind_of(rel, languages), [0, 0])
            entry[0] += 1
            entry[1] += os.lstat(full).st_size
    return sizes


def table(sizes: dict[str, list[int]], recipients: int, markdown: bool = False) -> str:
    """The kinds, largest first, with files and bytes per recipient and their share; a total."""
    total_files = sum(f for f, _ in sizes.values())
    total_bytes = sum(b for _, b in sizes.values()) or 1
    rows = [(kind, files, size) for kind, (files, size) in sorted(sizes.items(), key=lambda kv: -kv[1][1])]
    rows.append(("total", total_files, total_bytes))
    lines = []
    if markdown:
        lines += ["| kind | files | MB | files per recipient | bytes per recipient | share |", "|---|---|---|---|---|---|"]
    for kind, files, size in rows:
        cells = (kind, f"{files:,}", f"{size / 1e6:,.2f}", f"{files / recipients:.3f}", f"{size / recipients:,.0f}",
                 f"{100 * size / total_bytes:.1f} %")
        lines.append("| " + " | ".join(cells) + " |" if markdown else
                     f"{cells[0]:44s} {cells[1]:>8s} {cells[2]:>9s} {cells[3]:>7s} {cells[4]:>8s} {cells[5]:>7s}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--recipients", type=int, required=True, help="recipients the province has")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table (docs/benchmarks.md)")
    args = parser.parse_args(argv)
    if not args.site_dir.is_dir() or args.recipients < 1:
        parser.error("SITE_DIR must be a built site and --recipients at least 1")
    sys.stdout.write(table(measure(args.site_dir), args.recipients, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
