"""The `site-builder` command.

Exit codes: 0 success; 1 the content has errors (nothing was published); 2 the command was
used wrongly or the configuration is broken; 70 a bug in site-builder itself (an internal
error: runtime/internal_error.py, never a traceback unless SITE_BUILDER_DEBUG is set); 75
another build kept the site busy for longer than this one waits (runtime/site_lock.py; the
live site is unchanged, build again later); 130 interrupted (Ctrl-C).

Messages are in the language `--lang` names, else the site's `messages_language` (mkdocs.yml,
default vi).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

from .honor.read_ahead import reading_ahead
from .runtime.internal_error import EXIT_INTERNAL, InternalFailure, report

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_BUSY = 75  # sysexits' EX_TEMPFAIL: try again later
EXIT_INTERRUPTED = 130  # Ctrl-C: the shell's convention, without a traceback


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="site-builder", description="Build and check a campaign portal.")
    sub = p.add_subparsers(dest="command", required=True)

    def with_config(sp):
        sp.add_argument("-f", "--config-file", default="mkdocs.yml", help="path to mkdocs.yml")
        return sp

    b = with_config(sub.add_parser("build", help="check the content and build the site"))
    b.add_argument("-d", "--site-dir", help="output folder (default: site_dir of mkdocs.yml)")
    b.add_argument("--preview", action="store_true", help="include drafts and scheduled content under a banner")
    b.add_argument("--clean", action="store_true", help="rebuild every page (ignore the previous build's record)")
    b.add_argument("--lang", choices=("vi", "en"), help="language of messages (default: messages_language, else vi)")
    s = with_config(sub.add_parser("serve", help="preview the site while you edit"))
    s.add_argument("-a", "--dev-addr", help="address:port to serve on")
    c = with_config(sub.add_parser("check", help="check every content file and report problems"))
    c.add_argument("--lang", choices=("vi", "en"), help="language of messages (default: messages_language, else vi)")
    c.add_argument("--format", choices=("text", "json", "github"), default="text")
    c.add_argument("--preview", action="store_true", help="check as a preview build would (drafts included)")
    c.add_argument("--report", action="append", default=[], type=_report_target, metavar="FORMAT=FILE",
                   help="also write the report to FILE: junit (JUnit XML: GitLab's merge request) or markdown "
                        "(appended: GitHub's $GITHUB_STEP_SUMMARY); may be given more than once")
    tr = with_config(sub.add_parser("translations", help="translation coverage; --stamp a translation brought up to date"))
    tr.add_argument("--stamp", nargs="+", metavar="FILE", help="write the source's fingerprint into these translations")
    tr.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of messages")
    n = with_config(sub.add_parser("new", help="create a content file with every field explained"))
    n.add_argument("kind", choices=("plan", "decision", "message", "consultation"))
    n.add_argument("name", help="file name without .md (lower-case, hyphens)")
    n.add_argument("--content-dir", default="content")
    sc = sub.add_parser("schema", help="write JSON Schemas of the frontmatter for editors")
    sc.add_argument("--out", default="schema")
    i = with_config(sub.add_parser("import", help="turn a .docx or .txt document into a draft content file"))
    i.add_argument("file")
    i.add_argument("--type", choices=("plan", "decision"), default=None)
    i.add_argument("--out", default=None, help="folder to write into (default: content/plans or content/decisions)")
    i.add_argument("--lang", choices=("vi", "en"), default="vi")
    return p


def _report_target(value: str) -> tuple[str, Path]:
    from .content.ci_reports import FORMATS

    fmt, sep, path = value.partition("=")
    if not sep or fmt not in FORMATS or not path:
        raise argparse.ArgumentTypeError(f"{value!r}: write FORMAT=FILE, FORMAT one of {', '.join(FORMATS)}")
    return fmt, Path(path)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Material 9.8 prints a banner about MkDocs 2 on every build: noise for communicators,
    # and the move away from MkDocs is planned behind shells/mkdocs/ (docs/architecture.md).
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = {"build": cmd_build, "serve": cmd_serve, "check": cmd_check, "new": cmd_new,
               "schema": cmd_schema, "import": cmd_import,
               "translations": cmd_translations}[args.command]
    # Whatever goes wrong past this point that is not the content's fault is a bug: told as
    # one, in the communicator's language, with the traceback in a log file (EXIT_INTERNAL).
    try:
        return handler(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except InternalFailure as exc:
        return report(exc.__cause__ or exc, _project_dir(args), exc.lang or getattr(args, "lang", None))
    except Exception as exc:  # noqa: BLE001 - see above
        return report(exc, _project_dir(args), getattr(args, "lang", None))


def _project_dir(args) -> Path:
    """Where the project's cache is: beside mkdocs.yml."""
    config_file = getattr(args, "config_file", None)
    return Path(config_file).resolve().parent if config_file else Path.cwd()


def _need_config(path: str) -> bool:
    if not Path(path).is_file():
        print(f"site-builder: không tìm thấy {path} / {path} not found", file=sys.stderr)
        return False
    return True


def cmd_check(args) -> int:
    if not _need_config(args.config_file):
        return EXIT_USAGE
    # The sheets are read while the rest of the program is imported (honor/read_ahead.py).
    with reading_ahead(args.config_file):
        from .content.loader import load_site
        from .shells.mkdocs.commands import ShellFailed, check_setup

        try:
            config, site_language = check_setup(args.config_file, preview=args.preview)
        except ShellFailed as exc:
            print(f"site-builder: {exc}", file=sys.stderr)
            return EXIT_USAGE
        args.lang = args.lang or site_language
        site = load_site(config)
    from .content.report import problem_lines, summary

    problems = site.problems
    if args.format == "json":
        print(json.dumps({
            "ok": not problems.errors,
            "problems": [p.as_dict(args.lang) for p in sorted(problems, key=lambda p: (p.file, p.line or 0))],
            "files": dict(sorted(problems.files.items())),
            "translations": [c.as_dict() for c in _coverage(site)],
        }, ensure_ascii=False, indent=2))
    else:
        for line in problem_lines(problems, args.lang):
            print(line)
        if args.format == "github":
            for p in problems:
                level = "error" if p.severity == "error" else "warning"
                where = f"file={p.file}" + (f",line={p.line}" if p.line and not p.column else "")
                print(f"::{level} {where}::{_gh_escape(p.render(args.lang))}")
        print(summary(problems, args.lang))
        for line in _coverage_lines(site, args.lang):
            print(line)
    for fmt, path in args.report:  # after the log's report, which a report file cannot replace
        from .content.ci_reports import write_report

        try:
            write_report(fmt, path, problems, args.lang)
        except OSError as exc:
            print(f"site-builder: {path}: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
    return EXIT_CONTENT if problems.errors else EXIT_OK


def _coverage(site):
    from .i18n.coverage import coverage

    return coverage(site)


def _coverage_lines(site, lang: str) -> list[str]:
    from .i18n.coverage import report_lines

    return report_lines(_coverage(site), lang)


def cmd_translations(args) -> int:
    """Coverage of every language, or (--stamp) record that translations match their source."""
    from .i18n.translations import stamp
    from .content.loader import load_site
    from .shells.mkdocs.commands import core_config

    if not _need_config(args.config_file):
        return EXIT_USAGE
    config = core_config(args.config_file)
    if args.stamp:
        for name in args.stamp:
            try:
                value = stamp(Path(name), config.content_dir, config.default_language)
            except (ValueError, OSError) as exc:
                print(f"site-builder: {exc}", file=sys.stderr)
                return EXIT_USAGE
            print(f"{name}: source_hash: {value}")
        return EXIT_OK
    for line in _coverage_lines(load_site(config), args.lang):
        print(line)
    return EXIT_OK


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def cmd_build(args) -> int:
    if not _need_config(args.config_file):
        return EXIT_USAGE
    # The options a build's output depends on (runtime/sources_stamp.py); a relative -d is
    # taken from the current folder.
    options = {"site_dir": args.site_dir, "cwd": os.getcwd(), "preview": args.preview, "lang": args.lang}
    taken: dict = {}  # the sources stamp the comparison took, which the build then saves
    if not args.clean and _nothing_changed(args.config_file, options, args.lang, taken):
        return EXIT_OK
    # The sheets are read while the rest of the program is imported (honor/read_ahead.py).
    with reading_ahead(args.config_file):
        from .runtime.site_lock import SiteBusy
        from .shells.mkdocs.commands import ShellFailed, build

        try:
            build(args.config_file, site_dir=args.site_dir, preview=args.preview, clean=args.clean,
                  lang=args.lang, options=options, taken_stamp=taken)
        except ShellFailed as exc:
            print(f"site-builder: {exc}", file=sys.stderr)
            return EXIT_CONTENT
        except SiteBusy as exc:
            print(f"site-builder: {exc.message(args.lang)}", file=sys.stderr)
            return EXIT_BUSY
    return EXIT_OK


def _nothing_changed(config_file: str, options: dict, lang: str | None, taken: dict) -> bool:
    """When nothing a build reads changed since the last successful one into the same folder
    (runtime/sources_stamp.py): say so, repeat that build's problem report, and build nothing."""
    from .content.problems import MESSAGES
    from .runtime.sources_stamp import unchanged_build

    record = unchanged_build(config_file, options, taken)
    if record is None:
        return False
    if record.get("report"):
        print(record["report"], file=sys.stderr)
    vi, en = MESSAGES["nothing_changed"]
    print((en if (lang or record.get("lang")) == "en" else vi).format(build_id=record["build_id"][:8]), file=sys.stderr)
    return True


def cmd_serve(args) -> int:
    from .shells.mkdocs.commands import serve

    if not _need_config(args.config_file):
        return EXIT_USAGE
    serve(args.config_file, args.dev_addr)
    return EXIT_OK


def _site_config(config_file: str):
    """The site's configuration, for the commands that write a content file (new, import) and
    name it as the site's web editor does (editor/options.py source_file_name); None without
    the configuration file. ShellFailed when MkDocs refuses it."""
    if not Path(config_file).is_file():
        return None
    from .shells.mkdocs.commands import check_setup

    return check_setup(config_file)[0]


def cmd_new(args) -> int:
    from .content.scaffold import FOLDERS, scaffold
    from .editor.options import source_file_name
    from .shells.mkdocs.commands import ShellFailed
    from .text.slug import slugify

    try:
        config = _site_config(args.config_file)
    except ShellFailed as exc:
        print(f"site-builder: {exc}", file=sys.stderr)
        return EXIT_USAGE
    name = slugify(args.name)
    folder = Path(args.content_dir) / FOLDERS[args.kind]
    target = folder / (source_file_name(name, config) if config else f"{name}.md")
    # either name is the source of the entry `name`: a second one would be two sources of one id
    language = config.default_language if config else "vi"
    existing = [path for path in (folder / f"{name}.md", folder / f"{name}.{language}.md") if path.exists()]
    if existing:
        print(f"site-builder: {existing[0]} đã có / already exists", file=sys.stderr)
        return EXIT_USAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold(args.kind, dt.date.today().isoformat()), encoding="utf-8")
    print(target)
    return EXIT_OK


def cmd_schema(args) -> int:
    from .content.schema import COLLECTIONS, DATA, json_schema

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for kind in [*COLLECTIONS, *DATA]:
        (out / f"{kind}.schema.json").write_text(
            json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(out)
    return EXIT_OK


def cmd_import(args) -> int:
    try:
        from .importer import cli_import
    except ImportError:
        print("site-builder: import is not available", file=sys.stderr)
        return EXIT_USAGE
    from .shells.mkdocs.commands import ShellFailed

    try:
        config = _site_config(args.config_file)
    except ShellFailed as exc:
        print(f"site-builder: {exc}", file=sys.stderr)
        return EXIT_USAGE
    argv = [args.file] + (["--type", args.type] if args.type else []) + (["--out", args.out] if args.out else [])
    return cli_import(argv + ["--lang", args.lang], config)


def run() -> None:
    """The `site-builder` program: main(), then exit at once. Tearing down the interpreter
    frees a loaded province object by object (0.8 s at 50,000 recipients, docs/benchmarks.md)
    although the process is ending; nothing is left to write once main() returned but the
    standard streams and log handlers, flushed here. An exception still ends the usual way."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
