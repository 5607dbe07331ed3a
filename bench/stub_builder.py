"""A stand-in for ``site-builder build`` so the benchmark harness can be exercised before the
real command exists. It is NOT the product and its figures mean nothing about it.

    python bench/stub_builder.py build --config-file DIR/mkdocs.yml --site-dir OUT

It writes what the harness looks at, at the project's URLs: one page per decision
(/khen-thuong/<decision>/), one per recipient (/khen-thuong/<decision>/<recipient>.html), each
linking one stylesheet and one script, and the decision's CSV download (the open data's
/du-lieu/khen-thuong/<decision>.csv), so
that the harness's checks of a page and of a rebuild's freshness have something to read.
"""

from __future__ import annotations

import argparse
import csv
import html
import shutil
import sys
from pathlib import Path

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synth.slug import slugify  # noqa: E402

_CSS = "body{font-family:sans-serif;max-width:40rem;margin:auto;padding:1rem}table{width:100%}\n"
_JS = "document.documentElement.classList.add('js');\n"


def build(config_file: Path, site_dir: Path) -> int:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    content = config_file.parent / config.get("docs_dir", "docs")
    staging = site_dir.with_name(site_dir.name + ".stub-tmp")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "assets").mkdir(parents=True)
    (staging / "assets" / "site.css").write_text(_CSS, encoding="utf-8")
    (staging / "assets" / "site.js").write_text(_JS, encoding="utf-8")
    pages = 0
    for table in sorted((content / "decisions").glob("*.csv")):
        decision = table.stem
        with table.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        folder = staging / "khen-thuong" / decision
        used: set[str] = set()
        items = []
        for row in rows:
            slug = base = slugify(row["name"]) or "khong-ten"
            counter = 2
            while slug in used:
                slug, counter = f"{base}-{counter}", counter + 1
            used.add(slug)
            _page(folder / f"{slug}.html", row["name"],
                  f"<p>{html.escape(row['unit'])}</p><p>{html.escape(row['achievement'])}</p>")
            items.append(f"<li><a href=\"{slug}.html\">{html.escape(row['name'])}</a> "
                         f"{html.escape(row['achievement'])}</li>")
            pages += 1
        _page(folder / "index.html", decision, "<ol>" + "".join(items) + "</ol>")
        downloads = staging / "du-lieu" / "khen-thuong"
        downloads.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(table, downloads / f"{decision}.csv")
    shutil.rmtree(site_dir, ignore_errors=True)
    staging.rename(site_dir)
    print(f"stub: {pages} recipient pages -> {site_dir}")
    return 0


def _page(path: Path, title: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><link rel=\"stylesheet\" href=\"/assets/site.css\">"
        "<script src=\"/assets/site.js\" defer></script></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="benchmark stand-in for site-builder")
    commands = parser.add_subparsers(dest="command", required=True)
    build_args = commands.add_parser("build")
    build_args.add_argument("--config-file", type=Path, required=True)
    build_args.add_argument("--site-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    return build(args.config_file.resolve(), args.site_dir.resolve())


if __name__ == "__main__":
    sys.exit(main())
