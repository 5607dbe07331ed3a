"""urls.py is the one place that writes the site's addresses."""
from __future__ import annotations

import ast
from pathlib import Path

from site_builder import urls
from site_builder.honor.awardees import RESERVED_IDS

PACKAGE = Path(urls.__file__).resolve().parent
REPO = PACKAGE.parent
ROOTS = urls.CORE_SECTIONS + (urls.CALENDARS,)


def _docstrings(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_no_python_module_but_urls_writes_a_section_root():
    written = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "urls.py" and path.parent == PACKAGE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                    and node.value.startswith(ROOTS):
                written.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert written == []


def test_no_template_writes_a_section_root():
    written = []
    for folder in (PACKAGE / "templates", REPO / "theme"):
        for path in sorted(folder.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            for root in ROOTS:
                for quoted in (f"'{root}", f'"{root}', f"}}}}{root}"):
                    if quoted in text:
                        written.append(f"{path.relative_to(REPO)}: {quoted}")
    assert written == []


def test_ids_that_pages_could_collide_with_follow_the_urls():
    # A recipient page sits beside its decision's files and paging folder.
    assert urls.DECISION_NAMES == {"index", "nhung", "nhung-nguoi", "danh-sach", "trang", "in"}
    assert urls.DECISION_NAMES <= RESERVED_IDS
    # A message page sits beside the lists of current and expired messages, a decision's
    # beside the browse folders: no id takes a name of the site's own folders and files.
    assert {urls.MESSAGES_CURRENT.split("/")[1], urls.MESSAGES_ARCHIVE.split("/")[1]} <= urls.SITE_NAMES
    assert {urls.BY_AWARD, urls.BY_PLACE, urls.BY_YEAR, urls.PAGING, "index"} <= urls.SITE_NAMES
    for bad in ("../../x", "../../index", "A B", "Đà-Lạt", "", "x" * 101, "a/b", "a.b"):
        assert urls.id_fault(bad) == "form", bad
    assert urls.id_fault("index") == "reserved" and urls.id_fault("qd-12-2021") is None


def test_page_shapes():
    assert urls.paged(urls.award_page("bang-khen"), 1) == "khen-thuong/hinh-thuc/bang-khen/"
    assert urls.paged(urls.decision_folder("qd-1"), 3) == "khen-thuong/qd-1/trang/3/"
    assert urls.recipient_path("qd-1", "nguyen-van-a") == "khen-thuong/qd-1/nguyen-van-a.html"
    assert urls.is_recipient_path("khen-thuong/qd-1/nguyen-van-a.html")
    assert not any(urls.is_recipient_path(f"khen-thuong/qd-1/{name}") for name in urls.DECISION_FILES)
    assert urls.entry_page("plan", "kh-1") == urls.document_page("kh-1") == "van-ban/kh-1/"
    assert urls.entry_page("unit", "xa-a") is None
    assert urls.PRINT_VIEW.match(urls.message_print_page("loa"))[1] == urls.message_page("loa")
    assert urls.CAMPAIGN_PAGE.match(urls.campaign_page("covid"))[1] == "covid"
    assert urls.open_data_file("plans", "csv") == "du-lieu/plans.csv"
    assert urls.recipients_file("qd-12-2021", "csv") == "du-lieu/khen-thuong/qd-12-2021.csv"
    assert urls.recipients_index("json") == "du-lieu/khen-thuong/index.json"
    assert urls.id_fault("index") == "reserved"  # no decision's files can take the index's name


def test_a_link_relative_to_the_page_s_folder_goes_up_only_to_the_folders_both_share():
    """urls.relative: list rows link from their page's folder (issue 24 item 3)."""
    cases = {
        ("khen-thuong/qd-1/", "khen-thuong/qd-1/nguyen-van-a.html"): "nguyen-van-a.html",
        ("khen-thuong/qd-1/trang/2/", "khen-thuong/qd-1/nguyen-van-a.html"): "../../nguyen-van-a.html",
        ("khen-thuong/dia-phuong/xa-tay/", "khen-thuong/qd-1/a.html"): "../../qd-1/a.html",
        ("en/khen-thuong/qd-1/", "khen-thuong/qd-1/a.html"): "../../../khen-thuong/qd-1/a.html",
        ("khen-thuong/qd-10/", "khen-thuong/qd-1/a.html"): "../qd-1/a.html",  # folders, not prefixes
        ("", "khen-thuong/qd-1/"): "khen-thuong/qd-1/",
    }
    for (folder, target), link in cases.items():
        assert urls.relative(folder, target) == link, (folder, target)
