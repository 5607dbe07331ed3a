"""Writing the draft: YAML frontmatter with a `# REVIEW: ...` comment on each unsure line.

PyYAML cannot write comments, so the frontmatter is written here, field by field, in the
layout of docs/content-model.md (flow mappings for list items). Every value is checked by
reading it back with PyYAML, so quoting is only added where YAML needs it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml


class DocDateText(str):
    """A document date in ISO text (full or partial), written unquoted when YAML allows."""


@dataclass
class Entry:
    key: str
    value: object
    review: str | None = None   # why the value needs a person's check
    comment: str | None = None  # a plain note
    commented_out: bool = False  # the line is written as a comment (no value to offer)


@dataclass
class Frontmatter:
    entries: list[Entry] = field(default_factory=list)

    def add(self, key, value, review=None, comment=None, commented_out=False) -> None:
        self.entries.append(Entry(key, value, review, comment, commented_out))

    @property
    def review_fields(self) -> list[str]:
        return [e.key for e in self.entries if e.review]


def scalar(value, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, DocDateText):
        return value if "-" in value else f'"{value}"'
    text = str(value)
    if text and text == text.strip() and not re.search(r"\s#|:\s|^[-?:,\[\]{}#&*!|>'\"%@`]", text):
        probe = f"{{k: {text}}}" if flow else f"k: {text}"
        try:
            if yaml.safe_load(probe) == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _flow_map(item: dict) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in item.items() if v is not None) + "}"


def _tail(entry: Entry) -> str:
    notes = []
    if entry.review:
        notes.append(f"REVIEW: {entry.review}")
    if entry.comment:
        notes.append(entry.comment)
    return ("  # " + " — ".join(notes)) if notes else ""


def render(fm: Frontmatter) -> str:
    out = ["---"]
    for e in fm.entries:
        prefix = "# " if e.commented_out else ""
        v = e.value
        if isinstance(v, list) and (not v or all(isinstance(i, str) for i in v)) and len(", ".join(map(str, v))) < 60:
            out.append(f"{prefix}{e.key}: [{', '.join(scalar(i, flow=True) for i in v)}]{_tail(e)}")
        elif isinstance(v, list):
            out.append(f"{prefix}{e.key}:{_tail(e)}")
            for item in v:
                out.append(f"{prefix}  - {_flow_map(item) if isinstance(item, dict) else scalar(item)}")
        elif isinstance(v, dict):
            out.append(f"{prefix}{e.key}:{_tail(e)}")
            for k, sub in v.items():
                if sub is not None:
                    out.append(f"{prefix}  {k}: {scalar(sub)}")
        else:
            out.append(f"{prefix}{e.key}: {scalar(v)}{_tail(e)}")
    out.append("---")
    return "\n".join(out) + "\n"
