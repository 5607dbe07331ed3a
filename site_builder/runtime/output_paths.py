"""Which paths a build may write under its output folder: defence in depth.

Ids, slugs and file names are checked where content is read (content/, honor/), so no path
from content should ever lead out of the site. This is the second wall, at the one place
that writes (runtime/output.py, and the commit in runtime/swap.py): a relative path made of
plain names only. It is a string test, cheap enough for the 106,000 files of a large
province (no resolve() per file); folders are checked for symlinks once each, when made
(Output._make_folder), and files are opened without following a symlink.
"""
from __future__ import annotations

import os

# Characters no published path holds: NUL ends a path in the system's calls, a backslash is
# a separator on Windows (refused everywhere, so that a site builds the same on every
# system), and on Windows a colon names a drive or a file's hidden stream.
_FORBIDDEN = ("\0", "\\", ":") if os.name == "nt" else ("\0", "\\")


class UnsafeOutputPath(RuntimeError):
    """A path that would lead out of the output folder reached the writer: an internal
    error (content checks should have refused it first), never written."""

    def __init__(self, path: str, root: object, why: str):
        self.path = path
        super().__init__(f"internal error: refusing to write {path!r} under {root}: {why}")


def output_path_problem(path: str) -> str | None:
    """Why `path` (relative, with forward slashes) may not be written under an output
    folder, or None when it is made of plain names."""
    if not isinstance(path, str) or not path:
        return "not a relative path"
    if path[0] == "/":
        return "an absolute path"
    for char in _FORBIDDEN:
        if char in path:
            return f"it holds {char!r}"
    wrapped = "/" + path + "/"
    if "/../" in wrapped or "/./" in wrapped or "//" in wrapped:
        return "a '..', '.' or empty segment"
    return None


def check_output_path(path: str, root: object = "the output folder") -> str:
    """`path` itself, or UnsafeOutputPath when it could leave `root` (output_path_problem)."""
    why = output_path_problem(path)
    if why is not None:
        raise UnsafeOutputPath(path, root, why)
    return path
