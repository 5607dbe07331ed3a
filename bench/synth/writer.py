"""Writing content files: Markdown with YAML frontmatter, YAML data files, recipient CSVs."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Sequence

import yaml


# libyaml's emitter when PyYAML has it: a realistic province has thousands of decisions, and
# the pure-Python emitter took most of the generator's time (same bytes, checked).
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _PlainDumper(_SafeDumper):
    """No anchors and aliases (&id001 / *id001) for shared values: people do not write them."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump_yaml(data: object) -> str:
    # Block style and real UTF-8, as a communicator would write the file by hand.
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=120,
                     default_flow_style=False)


def write_markdown(path: Path, front: dict, body: str) -> None:
    path.write_text(f"---\n{dump_yaml(front)}---\n\n{body}\n", encoding="utf-8")


def write_yaml(path: Path, data: object) -> None:
    path.write_text(dump_yaml(data), encoding="utf-8")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    # newline="" lets the csv module write its own line ends; quoting as needed only.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
