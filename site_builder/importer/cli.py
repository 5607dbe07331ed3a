"""`site-builder import FILE [--type plan|decision] [--out DIR] [--data DIR] [--lang vi|en]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .run import ImportData, run_import


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="site-builder import",
                                description="Import a .docx or .txt plan or decision as a draft.")
    p.add_argument("file", type=Path)
    p.add_argument("--type", dest="kind", choices=("plan", "decision"),
                   help="default: decision for a Quyết định, plan otherwise")
    p.add_argument("--out", type=Path, help="default: content/plans/ or content/decisions/")
    p.add_argument("--data", type=Path, default=Path("content/data"),
                   help="folder with bodies.yml, awards.yml, campaigns.yml (default: content/data)")
    p.add_argument("--id", dest="stem", help="file stem (id) of the draft")
    p.add_argument("--force", action="store_true", help="overwrite an existing draft")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    return p


def cli_import(argv: list[str] | None = None, config=None) -> int:
    """Run the import command; 0 when a draft was written, 1 on error, 2 on bad usage.
    `config`: the site's SiteConfig, when there is one: it names the draft's file."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and 2
    result = run_import(args.file, args.kind, args.out, args.lang, ImportData.from_folder(args.data),
                        force=args.force, stem=args.stem, config=config)
    if not result.ok:
        print(result.error, file=sys.stderr)
        return 1
    for line in result.messages:
        print(line)
    return 0
