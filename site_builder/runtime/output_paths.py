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

# What leads a relative path out of its folder: NUL ends a path in the system's calls; on
# Windows a backslash separates folders and a colon names a drive or a file's hidden stream.
_ESCAPING = ("\0", "\\", ":") if os.name == "nt" else ("\0",)


class UnsafeOutputPath(RuntimeError):
    """A path that would lead out of the output folder reached the writer: an internal
    error (content checks should have refused it first), never written."""

    def __init__(self, path: str, root: object, why: str):
        self.path = path
        super().__init__(f"internal error: refusing to write {path!r} under {root}: {why}")


def output_path_problem(path: str) -> str | None:
    """Why the writer may not make `path` (relative, with forward slashes) under an output
    folder, or None when it is made of plain names: nothing that leads out (escape_problem),
    and no backslash, `.` or empty segment either (refused on every system, so that a site
    builds the same everywhere)."""
    why = escape_problem(path)
    if why is not None:
        return why
    if "\\" in path:
        return "it holds a backslash"
    wrapped = "/" + path + "/"
    if "/./" in wrapped or "//" in wrapped:
        return "a '.' or empty segment"
    return None


def escape_problem(path: str) -> str | None:
    """Why `path`, relative to a folder, could lead out of it, or None. The commit checks
    the paths it links, moves or removes with this (they were written by a build, or by the
    shell, whose names the writer's stricter rule does not govern)."""
    if not isinstance(path, str) or not path:
        return "not a relative path"
    if path[0] == "/":
        return "an absolute path"
    for char in _ESCAPING:
        if char in path:
            return f"it holds {char!r}"
    if "/../" in "/" + path + "/":
        return "a '..' segment"
    return None


def check_inside(path: str, root: object = "the output folder") -> str:
    """`path` itself, or UnsafeOutputPath when it could lead out of `root` (escape_problem)."""
    why = escape_problem(path)
    if why is not None:
        raise UnsafeOutputPath(path, root, why)
    return path
