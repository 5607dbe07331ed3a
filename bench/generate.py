"""Generate a synthetic province (or the Hugo reference site) for the benchmark.

    python bench/generate.py --recipients 50000 --out /tmp/province [--seed 1] [--shape uniform] [--languages vi]
    python bench/generate.py --hugo 50000 --out /tmp/hugo-site [--seed 1]

From Python::

    from bench.generate import generate_province, generate_hugo_site
    summary = generate_province("/tmp/province", recipients=300, seed=7)
    summary.config_file        # /tmp/province/mkdocs.yml (plugins: [site_builder])
    summary.decisions[0].csv   # /tmp/province/content/decisions/<id>.csv
    generate_province("/tmp/archive", recipients=300, languages=["vi"])   # Vietnamese only
    site_languages(summary.config_file)   # ["vi", "en"]: what the province is built in
    generate_province("/tmp/old", recipients=300, shape="uniform")   # the first benchmark's shape

Shapes (bench/synth/shapes.py): ``realistic`` (the default) has a site_url and thousands of
decisions of 3 to 5,000 rows, most of them small, with varied achievements; ``uniform`` is
the benchmark's first province: no site_url, one decision per 500 recipients, short texts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Sequence

import yaml

if __package__ in (None, ""):          # run as a script: make "bench" importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synth.hugo_site import write_hugo_site  # noqa: E402
from bench.synth.province import (  # noqa: E402
    DecisionFile, ProvinceSummary, decision_count, write_province,
)
from bench.synth.recipients import CSV_HEADER  # noqa: E402
from bench.synth.writer import dump_yaml  # noqa: E402
from bench.synth.shapes import DEFAULT_SHAPE, SHAPES  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
THEME_DIR = REPO_ROOT / "theme"

__all__ = ["generate_province", "generate_hugo_site", "site_languages", "ProvinceSummary",
           "DecisionFile", "CSV_HEADER", "decision_count", "SHAPES", "DEFAULT_SHAPE",
           "add_shape_option"]


def generate_province(out_dir: str | Path, recipients: int, seed: int = 1,
                      theme_dir: str | Path | None = THEME_DIR,
                      languages: Sequence[str] | None = None,
                      shape: str = DEFAULT_SHAPE) -> ProvinceSummary:
    """Write ``out_dir/mkdocs.yml`` and a complete ``out_dir/content/`` tree.

    The same seed and shape always yield the same files. ``out_dir`` may exist; files the
    generator writes are overwritten, others are left alone (use an empty folder).
    ``languages`` replaces the languages the province is built in (bench/synth/province.py
    writes vi and en); the content is the same, all of it written in Vietnamese.
    """
    root = Path(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    summary = write_province(root, recipients, seed, Path(theme_dir) if theme_dir else None, shape)
    if languages:
        _set_languages(summary.config_file, list(languages))
    return summary


def site_languages(config_file: str | Path) -> list[str]:
    """The languages a generated province is built in: the site_builder plugin's option in its
    mkdocs.yml, the one place that says it."""
    return _plugin_options(yaml.safe_load(Path(config_file).read_text(encoding="utf-8")))["languages"]


def _set_languages(config_file: Path, languages: list[str]) -> None:
    # A setting of the built site, not part of the province's shape: applied over the
    # mkdocs.yml the province writer made, whatever else that file holds.
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    _plugin_options(config)["languages"] = languages
    config_file.write_text(dump_yaml(config), encoding="utf-8")


def _plugin_options(config: dict) -> dict:
    return next(entry["site_builder"] for entry in config["plugins"]
                if isinstance(entry, dict) and "site_builder" in entry)


def add_shape_option(parser: argparse.ArgumentParser) -> None:
    """``--shape``, the same in every bench script that generates a province."""
    parser.add_argument("--shape", choices=SHAPES, default=DEFAULT_SHAPE,
                        help="realistic (default: site_url, decisions of 3 to 5,000 rows, varied "
                             "texts) or uniform (the first benchmark's: about 500 rows a decision)")


def generate_hugo_site(out_dir: str | Path, entries: int, seed: int = 1) -> Path:
    """Write a minimal Hugo project with ``entries`` entry pages into ``out_dir``."""
    root = Path(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    return write_hugo_site(root, entries, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--recipients", type=int, metavar="N", help="province with N recipients")
    what.add_argument("--hugo", type=int, metavar="N", help="minimal Hugo site with N entries")
    parser.add_argument("--out", required=True, type=Path, help="folder to write into")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--languages", nargs="+", metavar="LANG",
                        help="languages the province is built in (default: vi en); "
                             "--languages vi for a Vietnamese-only province")
    add_shape_option(parser)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.recipients is not None:
        summary = generate_province(args.out, args.recipients, args.seed, languages=args.languages,
                                    shape=args.shape)
        print(f"{summary.recipients} recipients in {len(summary.decisions)} decisions "
              f"({summary.shape}), "
              f"{len(summary.plans)} plans, {len(summary.messages)} messages -> {summary.root}")
        print(f"languages: {' '.join(site_languages(summary.config_file))}")
    else:
        generate_hugo_site(args.out, args.hugo, args.seed)
        print(f"Hugo site with {args.hugo} entries -> {args.out}")
    print(f"generated in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
