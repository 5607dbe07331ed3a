"""PyYAML's syntax problems told in a communicator's words, in Vietnamese and English.

PyYAML (and libyaml, behind CSafeLoader) explain a syntax error in a parser's English
("while scanning a simple key; could not find expected ':'"). A communicator needs to know
what to change on the line the problem names: a colon is missing, a quote is not closed, the
indentation is uneven. `explain` gives a (vi, en) pair for the `yaml_syntax` problem
(content/problems.py localises pairs); a problem it does not know gets a general hint, never
the parser's text.
"""
from __future__ import annotations

import yaml

# (words in PyYAML's context or problem, (vi, en)), the first match wins.
_KNOWN: tuple[tuple[tuple[str, ...], tuple[str, str]], ...] = (
    (("unknown escape character",), (
        "trong dấu nháy kép, dấu \\ phải viết thành \\\\ (hoặc dùng dấu nháy đơn)",
        "inside double quotes a \\ must be written \\\\ (or use single quotes)")),
    (("quoted scalar", "end of stream"), (
        "một dấu nháy (' hoặc \") được mở mà không được đóng",
        "a quote (' or \") is opened but never closed")),
    (("could not find expected ':'",), (
        "thiếu dấu hai chấm (:) sau tên trường",
        "a colon (:) is missing after the field name")),
    (("mapping values are not allowed",), (
        "dấu hai chấm (:) không đúng chỗ: giá trị có dấu hai chấm phải đặt trong dấu nháy kép; "
        "nếu không, kiểm tra thụt lề của dòng này",
        "a colon (:) where none may be: put a value that has a colon between double quotes; "
        "otherwise check this line's indentation")),
    (("expected ',' or ']'",), (
        "dấu ngoặc vuông [ được mở mà không được đóng bằng ]",
        "a square bracket [ is opened but never closed with ]")),
    (("expected ',' or '}'",), (
        "dấu ngoặc nhọn { được mở mà không được đóng bằng }",
        "a curly bracket { is opened but never closed with }")),
    (("expected key", "'-' indicator", "<block end>", "block mapping", "block collection"), (
        "thụt lề không đều: các trường cùng cấp phải bắt đầu thẳng cột, các mục của danh sách bắt đầu bằng '- '",
        "the indentation is uneven: fields at one level must start in the same column, list items with '- '")),
    (("alias", "anchor"), (
        "dấu * và & có nghĩa riêng trong YAML: hãy đặt giá trị trong dấu nháy kép",
        "* and & mean something special in YAML: put the value between double quotes")),
    (("unhashable key",), (
        "tên trường phải là chữ, không phải danh sách hay nhóm trường",
        "a field name must be a word, not a list or a group of fields")),
    (("single document",), (
        "có thêm một dòng --- ở giữa: mỗi tệp chỉ có một phần đầu",
        "there is another --- line in the middle: a file has one frontmatter only")),
    (("constructor for the tag",), (
        "dấu ! có nghĩa riêng trong YAML: hãy đặt giá trị trong dấu nháy kép",
        "! means something special in YAML: put the value between double quotes")),
)

TAB = ("dòng này thụt lề bằng phím Tab: hãy thụt lề bằng dấu cách",
       "this line is indented with a Tab: indent with spaces")
CONTROL = ("dòng này có một ký tự điều khiển không nhìn thấy được: hãy xóa nó (gõ lại dòng này)",
           "this line has an invisible control character: delete it (type the line again)")
NO_CLOSING = ("thiếu dòng --- đóng phần đầu", "the closing --- line of the frontmatter is missing")
GENERAL = ("kiểm tra dấu hai chấm, dấu nháy, dấu ngoặc và thụt lề ở dòng này và dòng trên",
           "check the colons, quotes, brackets and indentation on this line and the one above")


def explain(exc: yaml.YAMLError, text: str) -> tuple[str, str]:
    """What the syntax error means for the person who wrote `text`, as a (vi, en) pair."""
    if isinstance(exc, yaml.reader.ReaderError):
        return CONTROL
    said = " ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
    if "cannot start any token" in said:
        return TAB if _character_at(exc, text) == "\t" else _starts_token(_character_at(exc, text))
    for words, pair in _KNOWN:
        if any(word in said for word in words):
            return pair
    return GENERAL


def error_line(exc: yaml.YAMLError, text: str) -> int | None:
    """0-based line of the text the error is on, when PyYAML says where."""
    if isinstance(exc, yaml.reader.ReaderError):
        return text.count("\n", 0, exc.position)
    marks = [getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)]
    if any(words in str(getattr(exc, "problem", "")) for words in _OPENED_EARLIER):
        marks.reverse()
    mark = marks[0] or marks[1]
    return mark.line if mark else None


# Something opened and never finished (a quote, a bracket, a key without its colon): PyYAML
# finds out lines later; the line where it was opened is the one to fix.
_OPENED_EARLIER = ("end of stream", "expected ',' or", "could not find expected ':'")


def _character_at(exc, text: str) -> str:
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return ""
    lines = text.split("\n")
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _starts_token(character: str) -> tuple[str, str]:
    shown = f" {character}" if character.strip() else ""
    return (f"giá trị không được bắt đầu bằng ký tự{shown}: hãy đặt giá trị trong dấu nháy kép",
            f"a value may not begin with the character{shown}: put the value between double quotes")
