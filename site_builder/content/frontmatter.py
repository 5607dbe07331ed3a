"""Markdown files with YAML frontmatter, keeping a line number for every field.

Errors must point at the line a communicator has to fix, so the YAML is composed into
nodes first (which carry positions) and only then turned into Python values. Timestamps
are NOT converted by YAML: `2021-09-31` would otherwise crash the parser, and a date is
validated by our own rules (content/dates.py) with a message that names the field.

YAML aliases (`&name` ... `*name`) are refused with the line of their first reuse: a
communicator has no need of them, and nested aliases make a few lines stand for billions of
values (an "alias bomb" that ran for minutes and took gigabytes before it failed). The node
graph is checked before any value is built, in time proportional to the text.

Control characters (text/control.py: NUL and the like, invisible in an editor) are
refused with their line, in the Markdown body too: they reached the HTML as they were.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ..text.control import CONTROL_CHARACTERS, code_point
from .yaml_errors import NO_CLOSING, error_line, explain

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """Safe loader that leaves dates as text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontmatterError(Exception):
    def __init__(self, code: str, line: int | None, detail: str | tuple[str, str] = ""):
        """`detail`: words for the communicator, a (vi, en) pair (content/yaml_errors.py)."""
        super().__init__(detail)
        self.code, self.line, self.detail = code, line, detail


@dataclass
class Parsed:
    meta: dict
    body: str
    lines: dict[str, int] = field(default_factory=dict)  # "signer.name", "phases[0].start" -> line
    body_line: int = 1  # first line of the body in the file
    duplicates: list[tuple[str, int]] = field(default_factory=list)

    def line_of(self, path: str) -> int | None:
        """Line of a field, or of its closest written parent."""
        return nearest_line(self.lines, path)


def nearest_line(lines: dict[str, int], path: str) -> int | None:
    """The line of `path` ("signer.name", "phases[0].start") in a line map made by load_yaml,
    or of the closest enclosing field written on a line of its own."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def split(text: str) -> tuple[str | None, str, int]:
    """Return (yaml_text, body, body_line). yaml_text is None without frontmatter."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    raise FrontmatterError("yaml_syntax", 1, NO_CLOSING)


def refuse_control_characters(text: str, first_line: int = 1) -> None:
    """FrontmatterError("control_character") at the line of the first one in `text` (a
    byte-order mark that starts the text is how some editors save UTF-8, and is fine)."""
    found = CONTROL_CHARACTERS.search(text, 1 if text.startswith("\ufeff") else 0)
    if found:
        line = first_line + text.count("\n", 0, found.start())
        raise FrontmatterError("control_character", line, code_point(found.group()))


def load_yaml(text: str, first_line: int = 1) -> tuple[object, dict[str, int], list]:
    """Parse YAML text; return (value, line map, duplicate keys). Lines are file lines."""
    refuse_control_characters(text, first_line)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}, []
        _refuse_aliases(node, first_line)
        value = loader.construct_document(node)
    except yaml.YAMLError as exc:
        at = error_line(exc, text)
        raise FrontmatterError("yaml_syntax", first_line + (at or 0), explain(exc, text)) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    dups: list[tuple[str, int]] = []
    _walk(node, "", lines, dups, first_line)
    return value, lines, dups


def _refuse_aliases(root, first_line: int) -> None:
    """FrontmatterError("yaml_alias") when a node is reached twice: an alias reuses its anchor's
    node. Each node is entered once, so a bomb is caught after reading its few lines."""
    seen: set[int] = set()
    stack = [(root, first_line + root.start_mark.line)]
    while stack:
        node, line = stack.pop()
        if id(node) in seen:
            raise FrontmatterError("yaml_alias", line)
        seen.add(id(node))
        # Children pushed last-first, so that nodes are entered in the order they are written
        # and the first reuse is the one reported.
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                at = first_line + key.start_mark.line
                stack += [(value, at), (key, at)]
        elif isinstance(node, yaml.SequenceNode):
            # An alias item's mark is its anchor's: the list's own line points at the reuse.
            stack += [(item, line) for item in reversed(node.value)]


def _walk(node, prefix, lines, dups, first_line):
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            name = _key_name(key)
            path = f"{prefix}.{name}" if prefix else name
            if path in seen:
                dups.append((path, first_line + key.start_mark.line))
            seen.add(path)
            lines[path] = first_line + key.start_mark.line
            _walk(value, path, lines, dups, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            path = f"{prefix}[{i}]"
            lines[path] = first_line + item.start_mark.line
            _walk(item, path, lines, dups, first_line)


def _key_name(key) -> str:
    """A key as the validator names it: str() of its Python value (`yes:` is "True", `0x1F:`
    is "31"), so that every field, however written, has its line."""
    if key.tag == "tag:yaml.org,2002:str" or not isinstance(key, yaml.ScalarNode):
        return str(key.value)
    return str(yaml.load(key.value, Loader=_Loader))


def parse(text: str) -> Parsed:
    refuse_control_characters(text)
    yaml_text, body, body_line = split(text)
    if yaml_text is None:
        raise FrontmatterError("no_frontmatter", 1)
    meta, lines, dups = load_yaml(yaml_text, first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontmatterError("not_a_mapping", 2)
    return Parsed(meta, body, lines, body_line, dups)
