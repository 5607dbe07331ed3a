"""No traceback, ever: wrong types and values in every field of every kind of content.

The fields come from the schema itself (content/schema.py COLLECTIONS and DATA, down into
groups of fields and list items), so a field added there is fuzzed without touching this
file. Each example writes one hostile value into one field of a small valid site (one folder
reused for every example) and runs the command in-process (`site_builder.cli.main`). Every
example asserts what a communicator sees: no traceback and no Python error name, exit code
0 or 1 (never 70, the internal-error code); a value of the wrong shape for its field is an
error naming the file, a line and the field. Hypothesis runs derandomized (the same examples
on every run, in CI too); docs/testing.md says how to reproduce a failure.
"""
from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder import cli
from site_builder.content import schema

from .conftest import BASE_DATA, mkdocs_yml

# ---- a small valid site, as Python values ------------------------------------------------

DECISION = """
    ---
    number: "1234"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    place: Mẫu
    date: 2021-11-20
    title: Về việc tặng Bằng khen
    plan: kh-tinh
    phase: Đợt 1
    award: bang-khen-tinh
    signer: {authority: KT., body: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Phạm Văn D}
    recipients: [Lưu VT]
    awardees:
      - {kind: collective, name: Trạm Y tế xã Tây, locality: huyen-dong, achievement: Tiêm chủng.}
      - {name: Nguyễn Thị Ánh, position: Điều dưỡng, unit: Trạm Y tế xã Tây, locality: huyen-dong}
    ---
    Quyết định.
"""
REVOKING = """
    ---
    number: "1500"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2022-03-02
    title: Về việc thu hồi Bằng khen
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    revokes:
      - {decision: qd-1234-2021, recipient: nguyen-thi-anh, reason: Hồ sơ không trung thực}
    ---
    Thu hồi.
"""
MESSAGE = """
    ---
    kind: poster
    title: Áp phích 5K
    campaign: covid
    audience: Khu dân cư
    valid_from: 2021-09-15
    valid_until: 2021-12-31
    image: messages/poster.svg
    image_alt: Năm chữ K
    summary: Dán ở bảng tin.
    issuer: ubnd-tinh
    languages: [vi]
    ---
    Dán ở bảng tin khu dân cư.
"""
STORY = """
    ---
    decision: qd-1234-2021
    recipient: tram-y-te-xa-tay
    title: Trạm y tế giữa mùa dịch
    summary: Một trạm y tế xã.
    ---
    Câu chuyện.
"""
CONSULTATION = """
    ---
    title: Danh sách đề nghị tặng Bằng khen của Thủ tướng Chính phủ
    issuer: ubnd-tinh
    legal_basis: Nghị định 152/2025/NĐ-CP
    award: bang-khen-ttg
    from: 2021-11-01
    to: 2021-11-15
    contact: {office: Ban Thi đua - Khen thưởng tỉnh, phone: 0262 3852 123, email: btdkt@mau.gov.vn}
    ---
    Mời góp ý.
"""
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3"/></svg>'

FILES = {**BASE_DATA,
         "content/decisions/qd-1234-2021.md": DECISION, "content/decisions/qd-1500-2022.md": REVOKING,
         "content/messages/poster.md": MESSAGE, "content/messages/poster.svg": SVG,
         "content/stories/tram.md": STORY, "content/consultations/de-nghi-2021.md": CONSULTATION,
         "content/consultations/de-nghi-2021.csv": "Họ và tên,Đơn vị\nỨng Viên A,Sở Y tế\n"}

# Which file and which record of it each kind of the schema is fuzzed in.
COLLECTION_FILES = {"plan": "content/plans/kh-tinh.md", "decision": "content/decisions/qd-1234-2021.md",
                    "message": "content/messages/poster.md", "story": "content/stories/tram.md",
                    "consultation": "content/consultations/de-nghi-2021.md"}
DATA_FILES = {"body": ("content/data/bodies.yml", "ubnd-tinh"), "award": ("content/data/awards.yml", 1),
              "unit": ("content/data/units.yml", "huyen-dong"), "campaign": ("content/data/campaigns.yml", "covid")}


def _split(text: str) -> tuple[dict, str]:
    _, head, body = textwrap.dedent(text).lstrip("\n").split("---\n", 2)
    return yaml.safe_load(head), body


def field_paths(spec: dict, prefix: tuple = ()) -> list[tuple[tuple, schema.F]]:
    """Every field of a spec, with those inside groups of fields and list items."""
    found = []
    for key, f in spec.items():
        path = (*prefix, key)
        found.append((path, f))
        if f.type == "obj":
            found += field_paths(f.fields, path)
        elif f.type == "list":
            found.append(((*path, 0), f.items))
            if f.items.type == "obj":
                found += field_paths(f.items.fields, (*path, 0))
    return found


TARGETS = [(kind, path, f) for kind, spec in {**schema.COLLECTIONS, **schema.DATA}.items()
           for path, f in field_paths(spec)]


def shown(path: tuple) -> str:
    """A field path as problems name it: signer.name, phases[0].start."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


# ---- hostile values ----------------------------------------------------------------------

RAW = "RAW-YAML-TOKEN"  # stands for a token written into the YAML as it is (unquoted)
YAML_TOKENS = ["null", "~", "yes", "no", "on", "off", "0x1F", "0o17", ".inf", "-.inf", ".nan", "1e400", "!!binary AA",
               "30/11/2021", "2021-11-31", "2021-13-01", "11/2021", "20211120", "2021-9-5", "'2021-11-20'",
               "0001-01-01", "9999-12-31", "2021-11-20T10:00:00", '"unclosed', "[1, 2", "{a: ", "'a''", "a: b",
               "&anchor x", "*alias", "!tag x", "@at", "`tick", "%pct", "- item", "? key", "|", ">", "'\\x00'"]
TEXTS = st.one_of(
    st.sampled_from(["", " ", "null", "~", "yes", "No", "0x1F", ".inf", "NaN", "true", "-", "---", "...", "#",
                     "\u202eRTL\u202c", "\u200f", "\ufeff", "ស្វែងរក", "a\x00b", "\x07\x1b[31m", "\t", "\n\n",
                     "Nguyễn\u0301", "../../etc/passwd", "/abs/path", "<script>alert(1)</script>",
                     "{{ 7*7 }}", "=1+1", "%s%n", "🎖"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.integers(5_000, 50_000).map(lambda n: "x" * n),  # a very long value
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 10**4), st.integers(min_value=2**64, max_value=2**200),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    TEXTS, st.sampled_from(YAML_TOKENS).map(lambda token: (RAW, token)),
)
KEYS = st.one_of(st.sampled_from(["name", "id", "date", "x", "", "null", "1"]), st.integers(0, 3), st.booleans())
ANYTHING = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(KEYS, inner, max_size=3)), max_leaves=6)


def wrong_shape(f: schema.F):
    """Values no field of this type accepts: a group of fields where one value is expected;
    a list or a value where a group of fields is."""
    if f.type == "obj":
        return st.one_of(st.lists(ANYTHING, min_size=1, max_size=3), st.integers(), st.booleans(),
                         TEXTS.filter(lambda s: s.strip()))
    return st.dictionaries(st.sampled_from(["a", "name", "id", "0"]), ANYTHING, min_size=1, max_size=3)


# ---- writing a site with one value replaced ----------------------------------------------

def _put(record, path: tuple, value):
    """`record` with `value` at `path` (groups and lists made as needed)."""
    record = copy.deepcopy(record)
    holder = record
    for part, following in zip(path, path[1:]):
        empty = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            while len(holder) <= part:
                holder.append(copy.deepcopy(empty))
            if not isinstance(holder[part], type(empty)):
                holder[part] = empty
        elif not isinstance(holder.get(part), type(empty)):
            holder[part] = empty
        holder = holder[part]
    last = path[-1]
    if isinstance(last, int):
        while len(holder) <= last:
            holder.append(None)
    holder[last] = value
    return record


def _dump(value) -> str:
    tokens = []

    def swap(v):
        if isinstance(v, tuple) and len(v) == 2 and v[0] == RAW:
            tokens.append(v[1])
            return f"{RAW}-{len(tokens) - 1}"
        if isinstance(v, list):
            return [swap(x) for x in v]
        if isinstance(v, dict):
            return {k: swap(x) for k, x in v.items()}
        return v

    text = yaml.safe_dump(swap(value), allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**6)
    for i, token in reversed(list(enumerate(tokens))):
        text = text.replace(f"{RAW}-{i}", token)
    return text


def write_with(root: Path, kind: str, path: tuple | None, value) -> tuple[str, str]:
    """Write the valid site, then the one file of `kind` with `value` at `path` (None: the
    value replaces the whole frontmatter or data file); (file, field as problems name it)."""
    for name, text in FILES.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    if kind in COLLECTION_FILES:
        name = COLLECTION_FILES[kind]
        meta, body = _split(FILES[name])
        meta = value if path is None else _put(meta, path, value)
        (root / name).write_text("---\n" + _dump(meta) + "---\n" + body, encoding="utf-8")
        return name, shown(path or ())
    name, key = DATA_FILES[kind]
    data = yaml.safe_load(textwrap.dedent(FILES[name]))
    if path is None:
        data = value
    else:
        record = data[key]
        data[key] = _put(record, path, value)
    (root / name).write_text(_dump(data), encoding="utf-8")
    return name, shown(path or ())


# ---- running the command in-process ------------------------------------------------------

PYTHON_ERROR = re.compile(r"Traceback|\b[A-Z][A-Za-z]*(Error|Exception)\b(?!\w)|File \".*\.py\"")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "mkdocs.yml").write_text(mkdocs_yml(languages=("vi", "en"), plugin={"messages_language": "en"}),
                                     encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_BUILDER_WORKERS", "1")  # no forks: the examples run one after another
        patch.setenv("SITE_BUILDER_TODAY", "2024-01-01")
        yield root


def run(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main([*args, "--config-file", str(root / "mkdocs.yml")])
    return code, out.getvalue()


def assert_told(code: int, output: str, root: Path) -> None:
    log = root / ".cache/site-builder/internal-error.log"
    assert code in (0, 1), output[-3000:] + (log.read_text(encoding="utf-8") if log.exists() else "")
    assert not PYTHON_ERROR.search(output), output[-3000:]


def assert_names(output: str, file: str, field: str) -> None:
    """An error line `file:LINE: 'field…': …` for this file and field (or a group or list it
    is in; or a syntax error of the file, which names its line only)."""
    problems = [line for line in output.splitlines() if re.match(rf"{re.escape(file)}:\d+: (?!warning)", line)]
    top = re.split(r"[.\[]", field)[0]
    # A syntax error or a control character is found before any field is read: the line is
    # all it can name.
    whole_file = ("not valid YAML", "invisible control character")
    assert any(f": '{top}" in line or any(text in line for text in whole_file) for line in problems), \
        (field, output[-3000:])


FUZZ = settings(derandomize=True, deadline=None, database=None, max_examples=3,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("kind,path,spec", TARGETS, ids=[f"{k}:{shown(p)}" for k, p, _ in TARGETS])
@FUZZ
@given(data=st.data())
def test_a_value_of_the_wrong_shape_is_a_problem_with_file_line_and_field(project, kind, path, spec, data):
    value = data.draw(wrong_shape(spec), label="value")
    file, field = write_with(project, kind, path, value)
    code, output = run(project, "check")
    assert_told(code, output, project)
    assert code == 1, output[-3000:]
    assert_names(output, file, field)


@pytest.mark.parametrize("kind", [*COLLECTION_FILES, *DATA_FILES])
@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_any_value_in_any_field_is_told_without_a_traceback(project, kind, data):
    targets = [(path, f) for k, path, f in TARGETS if k == kind] + [(None, None)]
    path, _ = data.draw(st.sampled_from(targets), label="field")
    value = data.draw(ANYTHING, label="value")
    file, field = write_with(project, kind, path, value)
    code, output = run(project, "check")
    assert_told(code, output, project)
    if code == 1:
        assert re.search(rf"^{re.escape(file)}:\d+: ", output, re.M) or f"== {file}" not in output, output[-3000:]


@settings(FUZZ, max_examples=20)
@given(data=st.data())
def test_build_tells_hostile_values_without_a_traceback(project, data):
    kind, path, spec = data.draw(st.sampled_from(TARGETS), label="field")
    value = data.draw(st.one_of(wrong_shape(spec), SCALARS), label="value")
    file, field = write_with(project, kind, path, value)
    code, output = run(project, "build")
    assert_told(code, output, project)
    if code == 1:
        assert output.rstrip().endswith("in content, site not built"), output[-3000:]
