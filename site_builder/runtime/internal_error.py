"""A failure of site-builder itself (a bug in this program), told as one.

Mistakes in the content are problems with a file, a line and a field (content/problems.py)
and end `check` and `build` with exit code 1. Anything else that goes wrong is a bug here:
the command prints a short message in the communicator's language saying that it is not
their fault and whom to tell, writes the traceback to `.cache/site-builder/internal-error.log`
beside mkdocs.yml (the system's temporary folder when that cannot be written), and exits with
EXIT_INTERNAL: 70, EX_SOFTWARE of sysexits.h. `SITE_BUILDER_DEBUG=1` prints the traceback as
well, for developers (docs/content-model.md).
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

from .cache_dirs import CACHE_DIR

EXIT_INTERNAL = 70
LOG_NAME = "internal-error.log"

_MESSAGE = {
    "vi": ("site-builder gặp lỗi nội bộ: đây là lỗi của chương trình, không phải lỗi trong nội dung "
           "bạn viết, nên bạn không cần sửa tệp nào. Hãy gửi thông báo này kèm tệp {log} cho quản trị "
           "viên trang web để báo cho nhóm phát triển site-builder."),
    "en": ("site-builder hit an internal error: this is a bug in the program, not a mistake in your "
           "content, so there is no file for you to fix. Please send this message and the file {log} "
           "to the site's administrator, who reports it to the site-builder developers."),
}


class InternalFailure(Exception):
    """A bug met where the communicator's language is known (a shell's build): the command
    reports its cause (`__cause__`) in `lang`."""

    def __init__(self, lang: str | None):
        super().__init__("internal error")
        self.lang = lang


def debug_wanted() -> bool:
    return os.environ.get("SITE_BUILDER_DEBUG", "").strip() not in ("", "0")


def record(exc: BaseException, project_dir: Path) -> Path | None:
    """Write the traceback of `exc` into the project's cache folder (else the temporary
    folder); the file written, or None when neither can be written."""
    text = (f"site-builder internal error, {dt.datetime.now().isoformat(timespec='seconds')}\n"
            f"command: {' '.join(sys.argv)}\npython: {sys.version.split()[0]}\n\n"
            + "".join(traceback.format_exception(exc)))
    for folder in (Path(project_dir) / CACHE_DIR, Path(tempfile.gettempdir()) / "site-builder"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / LOG_NAME
            log.write_text(text, encoding="utf-8")
            return log
        except OSError:
            continue
    return None


def message(lang: str | None, log: Path | None) -> str:
    shown = str(log) if log is not None else ("(không ghi được)" if lang != "en" else "(could not be written)")
    return _MESSAGE["en" if lang == "en" else "vi"].format(log=shown)


def report(exc: BaseException, project_dir: Path, lang: str | None, stream=None) -> int:
    """Tell the communicator about a bug (and a developer, with SITE_BUILDER_DEBUG, its
    traceback); the exit code to end with."""
    stream = stream or sys.stderr
    log = record(exc, project_dir)
    if debug_wanted():
        traceback.print_exception(exc, file=stream)
    print(message(lang, log), file=stream)
    return EXIT_INTERNAL
