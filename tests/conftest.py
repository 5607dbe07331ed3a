"""Shared test helpers: tiny whole sites written inline (as Hugo's integration tests do)."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def missing_tool(what: str, install: str, test: str) -> None:
    """A system tool a test needs is absent: the test fails under CI=true (.ci/run installs
    every such tool, so its absence there is a defect), and is skipped on a developer's
    machine, saying how to install it."""
    if IN_CI:
        pytest.fail(f"{what} is not installed: {test} must run under CI=true (.ci/run installs it)")
    pytest.skip(f"{what} is not installed ({install})")

# The plans, bodies, awards, units and campaign most tests build on; a test names it when it
# uses it (make_site(BASE_DATA, ...)).
BASE_DATA = {
    "content/data/bodies.yml": """
        ttg:
          name: Thủ tướng Chính phủ
          level: prime_minister
        ubnd-tinh:
          name: Ủy ban nhân dân tỉnh Mẫu
          short: UBND tỉnh Mẫu
          level: province
          locality: tinh-mau
        ubnd-huyen:
          name: Ủy ban nhân dân huyện Đông
          level: district
          parent: ubnd-tinh
        ubnd-xa:
          name: Ủy ban nhân dân xã Tây
          level: commune
          parent: ubnd-huyen
    """,
    "content/data/awards.yml": """
        - id: bang-khen-ttg
          label: {vi: Bằng khen của Thủ tướng Chính phủ, en: Prime Minister's Certificate of Merit}
          category: certificate
          rank: 30
          law: bang-khen-thu-tuong
        - id: bang-khen-tinh
          label: {vi: Bằng khen của Chủ tịch UBND tỉnh, en: Certificate of Merit of the Provincial Chairman}
          category: certificate
          rank: 40
          law: bang-khen-chu-tich-tinh
        - id: giay-khen
          label: {vi: Giấy khen, en: Certificate of Commendation}
          category: certificate
          rank: 50
    """,
    "content/data/units.yml": """
        tinh-mau:
          name: Tỉnh Mẫu
          type: province
        huyen-dong:
          name: Huyện Đông
          type: district
          parent: tinh-mau
          until: 2025-06-30
          now_part_of: tinh-mau
    """,
    "content/data/campaigns.yml": """
        covid:
          name: Cả nước đoàn kết phòng, chống dịch COVID-19
          launched_by: qd-1
    """,
    "content/index.md": """
        # Trang chủ

        Chào mừng.
    """,
    "content/plans/qd-1.md": """
        ---
        doc_type: QĐ
        number: "1497"
        symbol: QĐ-TTg
        issuer: ttg
        place: Hà Nội
        date: 2021-09-10
        title: Phát động phong trào thi đua đặc biệt
        campaign: covid
        signer: {title: THỦ TƯỚNG, name: Người Ký A}
        ---
        Phát động phong trào.
    """,
    "content/plans/kh-tinh.md": """
        ---
        number: "85"
        symbol: KH-UBND
        issuer: ubnd-tinh
        place: Mẫu
        date: 2021-09-21
        title: Triển khai phong trào thi đua đặc biệt
        campaign: covid
        implements: [qd-1]
        awards: [bang-khen-tinh]
        phases:
          - {name: Đợt 1, start: 2021-09-09, end: 2021-12-31}
        deadlines:
          - {date: 2021-10-15, what: Gửi kế hoạch về Sở Nội vụ}
        tasks:
          - {assignee: Sở Y tế, task: Tham mưu phòng chống dịch}
        signer: {authority: TM., body: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Trần Văn B}
        recipients: [Như trên, Lưu VT]
        ---
        Thực hiện Quyết định số 1497/QĐ-TTg ngày 10/9/2021 của Thủ tướng Chính phủ.
    """,
    "content/plans/kh-xa.md": """
        ---
        number: ""
        symbol: KH-UBND
        issuer: ubnd-xa
        place: Tây
        date: 2021-12
        title: Triển khai ở xã
        campaign: covid
        implements: [kh-tinh]
        signer: {authority: TM., body: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Lê Thị C}
        ---
        Thực hiện Kế hoạch số 85/KH-UBND ngày 21/9/2021 của UBND tỉnh và Kế hoạch số 9/KH-UBND ngày 1/1/2020.
    """,
}

def mkdocs_yml(languages=("vi",), site_url: str = "", plugin: dict | None = None, extra: str = "") -> str:
    """The mkdocs.yml of a test site: the repo's theme, the plugin with the given options."""
    import json

    options = {"languages": list(languages), **(plugin or {})}
    lines = "".join(f"      {key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in options.items())
    url = f"site_url: {json.dumps(site_url)}\n" if site_url else ""  # tests may prepend their own
    return (f"site_name: Thử nghiệm\n{url}docs_dir: content\nsite_dir: site\n"
            f"theme:\n  name: material\n  custom_dir: {REPO / 'theme'}\n  language: vi\n  font: false\n"
            f"{extra}plugins:\n  - site_builder:\n{lines}")


class SiteFixture:
    def __init__(self, root: Path):
        self.root = root

    def write(self, files: dict[str, str | bytes]) -> "SiteFixture":
        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if text is None:
                path.unlink(missing_ok=True)
            elif isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return self

    def run(self, *args: str, check_exit: int | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "site_builder.cli", *args], cwd=self.root,
                              capture_output=True, text=True, env={**os.environ, "PYTHONUTF8": "1", **(env or {})})
        if check_exit is not None:
            assert proc.returncode == check_exit, proc.stdout + proc.stderr
        return proc

    def html(self, path: str) -> str:
        return (self.root / "site" / path).read_text(encoding="utf-8")


BROWSER_TESTS = REPO / "tests" / "browser"


def pytest_collection_modifyitems(config, items):
    """The `browser` marker (pyproject.toml) on every test that drives Chromium: those under
    tests/browser/ and any other asking for the browser (`-m "not browser"` runs without one)."""
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)



def annulment(number: str, decision: str, recipient: str, reason: str = "Kê khai thành tích không đúng") -> str:
    """A decision of ubnd-tinh, dated 02/03/2022, that annuls one award (`revokes`): the text
    of `content/decisions/qd-<number>-2022.md` in tests of what an annulled award's pages say."""
    return f"""
        ---
        number: "{number}"
        symbol: QĐ-UBND
        issuer: ubnd-tinh
        date: 2022-03-02
        title: Về việc hủy bỏ quyết định khen thưởng
        signer: {{title: CHỦ TỊCH, name: Trần Văn B}}
        revokes:
          - {{decision: {decision}, recipient: {recipient}, reason: {reason}}}
        ---
        Hủy bỏ quyết định khen thưởng.
    """


def sheet_decision(stem: str = "qd-77-2021", extra: str = "", award: str | None = "bang-khen-tinh") -> dict:
    """The one decision file of tests whose recipients are in a sheet beside it
    (`content/decisions/<stem>.csv|xlsx`, which each test writes): by ubnd-tinh, dated
    01/12/2021, with `award` as its default award (None: none) and `extra` frontmatter lines."""
    award_line = f"award: {award}" if award else ""
    return {f"content/decisions/{stem}.md": f"""
        ---
        number: "77"
        symbol: QĐ-UBND
        issuer: ubnd-tinh
        date: 2021-12-01
        title: Tặng Bằng khen theo danh sách
        plan: kh-tinh
        {award_line}
        signer: {{title: CHỦ TỊCH, name: Trần Văn B}}
        {extra}
        ---
        Danh sách kèm theo.
    """}

@pytest.fixture(autouse=True, scope="session")
def _machine_cache(tmp_path_factory):
    """Builds under test keep what they share between projects (compiled templates:
    render/env.py machine_cache_dir) in a folder of the test run, not in the user's cache,
    where other checkouts' builds may be working."""
    folder = tmp_path_factory.mktemp("machine-cache")
    previous = os.environ.get("SITE_BUILDER_CACHE_DIR")
    os.environ["SITE_BUILDER_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("SITE_BUILDER_CACHE_DIR", None)
    else:
        os.environ["SITE_BUILDER_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def example(tmp_path_factory):
    """The repository's example site (content/, theme/, mkdocs.yml), copied out and built once
    per test session; tests read it and run `check` on it, none changes it."""
    root = tmp_path_factory.mktemp("example-site")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    site = SiteFixture(root)
    site.run("build", check_exit=0)
    return site


@pytest.fixture
def make_site(tmp_path):
    def factory(*file_sets: dict, languages=("vi",), folder: str | None = None, **yml) -> SiteFixture:
        """A site of the given files, each set written over the ones before it (a test names
        all its input: usually `make_site(BASE_DATA, {its own files})`), and a mkdocs.yml.
        `folder`: a project of its own under the test's folder (several in one test)."""
        site = SiteFixture(tmp_path / folder if folder else tmp_path)
        site.write({"mkdocs.yml": mkdocs_yml(languages, **yml)})
        for files in file_sets:
            site.write(files)
        return site
    return factory


def documented_records():
    """The function docs/open-data.md gives for reading a recipients CSV as JSON records (its
    first Python block after "The records as JSON"): the tests read the data through it, so
    the documented way is the tested one."""
    doc = (REPO / "docs/open-data.md").read_text(encoding="utf-8")
    code = doc.split("**The records as JSON.**", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict = {}
    exec(compile(code, "docs/open-data.md", "exec"), scope)
    return scope["records"]


def open_data_recipients(site_dir) -> tuple[dict, list[dict]]:
    """The recipients open data of a built site, read as a consumer does (docs/open-data.md):
    the index du-lieu/khen-thuong/index.json, then every decision's CSV file in its order.
    ({"count", "items"}: the records as the documented function reads them; the CSV rows as
    csv.DictReader reads them)."""
    folder = Path(site_dir) / "du-lieu/khen-thuong"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    records = documented_records()
    items, rows = [], []
    for entry in index["items"]:
        raw = (folder / f"{entry['decision']}.csv").read_bytes().decode("utf-8")
        items += records(raw)
        rows += list(csv.DictReader(io.StringIO(raw.removeprefix("\ufeff"), newline="")))
    return {"count": index["count"], "items": items}, rows
