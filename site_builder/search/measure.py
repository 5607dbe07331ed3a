"""Measure the name index at scale: build time, size on disk, and the bytes a cold query
fetches (index files + search.js, engine.js and search.css), by running the real search.js
in Node.

    python -m site_builder.search.measure -n 100000 [--out DIR] [--pagefind] [queries...]

Pagefind (optional, --pagefind): writes one minimal HTML page per recipient and times
`python -m pagefind_bin` over them, for the index size and build time side by side.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

from .names import NameIndexBuilder
from .synthetic import recipients

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "search"
# What a page downloads, besides the index, for its first query.
SCRIPT_FILES = ("search.js", "engine.js", "search.css")
NODE_QUERY = Path(__file__).resolve().parent / "node_query.mjs"

DEFAULT_QUERIES = [
    "nguyen van hung", "Nguyễn Văn Hùng", "hung", "dang", "nguyen van", "nguyen van h",
    "thach thi sa ry", "h'mai nie", "h mai", "y ngong", "NGUYEN THI ANH",
]


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def run_query(index_dir: Path, query: str, filters: dict | None = None) -> dict:
    """Result of node_query.mjs: total, ms, fetched files with bytes, results."""
    out = subprocess.run(
        ["node", str(NODE_QUERY), str(index_dir), query, json.dumps(filters or {})],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout)


def build(n: int, out: Path, seed: int = 1) -> dict:
    records = list(recipients(n, seed=seed))
    started = time.perf_counter()
    builder = NameIndexBuilder(out)
    for r in records:
        builder.add(r)
    stats = builder.write()
    stats["build_seconds"] = round(time.perf_counter() - started, 2)
    return stats


def pagefind(n: int, work: Path, seed: int = 1) -> dict:
    site = work / "pf-site"
    for i, r in enumerate(recipients(n, seed=seed)):
        page = site / f"r{i}.html"
        if i % 1000 == 0:
            page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{escape(r["name"])}</title></head>'
            f'<body><main data-pagefind-body><h1>{escape(r["name"])}</h1><p>{escape(r["award_label"]["vi"])}</p>'
            f'<p>{escape(r["unit"])}</p><p>{escape(r["locality_name"])}</p><p>{escape(r["decision_title"])}</p>'
            f"</main></body></html>",
            encoding="utf-8",
        )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(site)], check=True, capture_output=True)
    seconds = round(time.perf_counter() - started, 2)
    files, size = folder_size(site / "pagefind")
    fragments = sum(p.stat().st_size for p in (site / "pagefind" / "fragment").glob("*"))
    return {"seconds": seconds, "files": files, "bytes": size, "fragment_bytes": fragments}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=100_000, help="synthetic recipients (default 100000)")
    ap.add_argument("--out", type=Path, help="index folder to keep (default: a temporary folder)")
    ap.add_argument("--pagefind", action="store_true", help="also index the same records with Pagefind")
    ap.add_argument("queries", nargs="*", help="queries to measure (default: a built-in list)")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="sb-search-"))
    out = args.out or work / "names"
    try:
        stats = build(args.n, out)
        files, size = folder_size(out)
        print(f"records: {stats['records']:,}  build: {stats['build_seconds']} s  "
              f"index: {size / 1e6:.1f} MB in {files:,} files (meta.json {stats['meta_bytes']:,} B, "
              f"{stats['term_shards']} term shards, {stats['row_chunks']:,} row chunks)")
        script = sum((ASSETS / name).stat().st_size for name in SCRIPT_FILES)
        print(f"{' + '.join(SCRIPT_FILES)}: {script:,} B (loaded on first use, not with the page)")
        if shutil.which("node"):
            print(f"{'query':<22}{'hits':>8}{'files':>7}{'index B':>10}{'total B':>10}{'ms':>6}")
            for q in args.queries or DEFAULT_QUERIES:
                r = run_query(out, q)
                print(f"{q:<22}{r['total']:>8,}{len(r['fetched']):>7}{r['index_bytes']:>10,}"
                      f"{r['index_bytes'] + script:>10,}{r['ms']:>6}")
        else:
            print("node not found: query bytes not measured")
        if args.pagefind:
            pf = pagefind(args.n, work)
            print(f"pagefind: {pf['seconds']} s, {pf['bytes'] / 1e6:.1f} MB in {pf['files']:,} files "
                  f"({pf['fragment_bytes'] / 1e6:.1f} MB fragments)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
