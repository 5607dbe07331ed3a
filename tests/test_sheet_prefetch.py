"""The sheets read ahead by a helper while the command starts up (honor/read_ahead.py) give the
site a load without it gives; a helper that reads a sheet differently, or fails, costs time
only; and no helper outlives the command."""
from __future__ import annotations

import os

import pytest

from site_builder import cli
from site_builder.honor import read_ahead as sheet_prefetch

from .conftest import BASE_DATA
from .test_sheet_cache import DECISION, SHEET_1, SHEET_1_NAME, SHEET_2, SHEET_2_NAME, every_value
from .test_sheet_cache import parsed  # noqa: F401 - a fixture: (the sheets parsed in this process, the Site)

BROKEN_ROW = "Cá nhân,Phạm Thị Dung,Kế toán,Sở Tài chính,tinh-mauu,,Số CCCD 079092001234.\n"
FILES = {"content/decisions/qd-1-2021.md": DECISION.format(number=1), SHEET_1_NAME: SHEET_1 + BROKEN_ROW,
         "content/decisions/qd-2-2021.md": DECISION.format(number=2), SHEET_2_NAME: SHEET_2}


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "2")  # the helper starts only with a core to spare


def sorted_parsed(parsed, site) -> tuple:
    """parsed(site) with the sheets parsed in this process in name order (which process takes
    which sheet decides the order they were parsed in)."""
    names, loaded = parsed(site)
    return sorted(names), loaded


def summary(site) -> tuple:
    return ([every_value(a) for d in site.decisions.values() for a in d.awardees],
            [vars(p) for p in site.problems])


@pytest.fixture
def reference(make_site, parsed):
    """What a load without any helper gives for FILES."""
    names, site = sorted_parsed(parsed, make_site(BASE_DATA, FILES, folder="reference"))
    assert names == [SHEET_1_NAME, SHEET_2_NAME]
    assert {(p.file, p.line, p.code) for p in site.problems} >= {
        (SHEET_1_NAME, 5, "unknown_ref"), (SHEET_1_NAME, 5, "personal_data")}
    return summary(site)


def gone(pid: int) -> bool:
    """The helper process has ended and was reaped (it is no child of this process any more)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def helpers(monkeypatch):
    """The helpers started from here on (None where none started)."""
    started = []
    real_start = sheet_prefetch.start
    monkeypatch.setattr(sheet_prefetch, "start", lambda config_file: started.append(real_start(config_file)) or started[-1])
    return started


def test_sheets_the_helper_read_load_as_read_here(make_site, parsed, reference):
    site = make_site(BASE_DATA, FILES, folder="project")
    prefetch = sheet_prefetch.start(str(site.root / "mkdocs.yml"))
    assert prefetch is not None
    assert prefetch.join() == 2  # nobody else took a ticket: the helper read both sheets
    names, loaded = sorted_parsed(parsed, site)
    assert names == []  # both came from the cache the helper filled
    assert summary(loaded) == reference
    assert gone(prefetch.pid)
    again = sheet_prefetch.start(str(site.root / "mkdocs.yml"))
    assert again.join() == 0  # the cache holds both: the next helper parses nothing
    assert sorted_parsed(parsed, site)[0] == []


def test_a_sheet_the_helper_read_differently_is_read_again(make_site, parsed, reference, monkeypatch):
    site = make_site(BASE_DATA, FILES, folder="project")
    # The helper takes the decisions' default award from their frontmatter as written; here it
    # gets another one, so what it stores is keyed for a sheet the load never asks for.
    monkeypatch.setattr(sheet_prefetch, "sheet_reading", lambda sheet, decision: ("bang-khen-khac", None))
    prefetch = sheet_prefetch.start(str(site.root / "mkdocs.yml"))
    assert prefetch.join() == 2
    names, loaded = sorted_parsed(parsed, site)
    assert names == [SHEET_1_NAME, SHEET_2_NAME]
    assert summary(loaded) == reference


def test_the_helper_takes_frontmatter_the_last_load_parsed_from_its_cache(make_site, parsed, monkeypatch):
    """A rebuild after an edit to a sheet: the helper finds each decision's default award in
    the frontmatter the last load left in its cache (content/parse_cache.py), parsing no YAML,
    and reads the edited sheets as the load then asks for them."""
    from site_builder.content import frontmatter, parse_cache

    site = make_site(BASE_DATA, FILES, folder="project")
    parsed(site)  # the load keeps the decisions' frontmatter in its cache
    site.write({SHEET_1_NAME: SHEET_1.replace("liên tục", "suốt mùa dịch"),
                SHEET_2_NAME: SHEET_2.replace("trong đêm", "suốt đêm")})

    def no_yaml(*_args, **_kwargs):
        raise ValueError("parsed again")
    monkeypatch.setattr(frontmatter, "parse", no_yaml)  # the forked helper inherits both
    monkeypatch.setattr(parse_cache, "parse", no_yaml)
    prefetch = sheet_prefetch.start(str(site.root / "mkdocs.yml"))
    assert prefetch.join() == 2
    names, loaded = sorted_parsed(parsed, site)
    assert names == []  # read by the helper with the award the load reads: keys that match
    assert [a.award for d in loaded.decisions.values() for a in d.awardees] == ["bang-khen-tinh"] * 4


# The same two lists, found as the web editor leaves them: a decision named `<stem>.vi.md` on a
# site of two languages, and a sheet uploaded under its own name, named by `sheet_file:`.
EDITOR_FILES = {"content/decisions/qd-1-2021.vi.md": DECISION.format(number=1), SHEET_1_NAME: SHEET_1,
                "content/decisions/qd-2-2021.md": DECISION.format(number=2).replace(
                    "award: bang-khen-tinh", "award: bang-khen-tinh\n    sheet_file: Danh sach dot 2.csv"),
                "content/decisions/Danh sach dot 2.csv": SHEET_2}


def test_the_helper_finds_a_decision_named_with_the_language_or_naming_its_sheet(make_site, parsed):
    """The helper finds each sheet's decision by the load's rule, so each sheet is parsed once,
    by the helper, into the entry the load looks up; the site loads and builds as without it."""
    languages = ["vi", "en"]
    without = make_site(BASE_DATA, EDITOR_FILES, folder="reference", languages=languages)
    names, reference = sorted_parsed(parsed, without)
    assert names == ["content/decisions/Danh sach dot 2.csv", SHEET_1_NAME]
    assert len(reference.decisions["qd-2-2021"].awardees) == 1  # the named sheet is qd-2's list
    site = make_site(BASE_DATA, EDITOR_FILES, folder="project", languages=languages)
    prefetch = sheet_prefetch.start(str(site.root / "mkdocs.yml"))
    assert prefetch.join() == 2
    names, loaded = sorted_parsed(parsed, site)
    assert names == []  # both from the helper's entries: with no award found, they missed
    assert summary(loaded) == summary(reference)
    for built in (site, without):
        built.run("build", check_exit=0)
    for page in ("khen-thuong/qd-1-2021/index.html", "khen-thuong/qd-2-2021/index.html"):
        assert site.html(page) == without.html(page)
    assert "Lê Văn Cường" in site.html("khen-thuong/qd-2-2021/index.html")


def test_a_failing_helper_costs_time_only(make_site, parsed, reference, monkeypatch):
    site = make_site(BASE_DATA, FILES, folder="project")

    def fail(self, forked):
        raise RuntimeError("the helper broke")
    monkeypatch.setattr(sheet_prefetch.Prefetch, "read", fail)
    prefetch = sheet_prefetch.start(str(site.root / "mkdocs.yml"))
    assert prefetch is not None
    names, loaded = sorted_parsed(parsed, site)  # takes the helper over, finds it failed
    assert names == [SHEET_1_NAME, SHEET_2_NAME]
    assert summary(loaded) == reference
    assert gone(prefetch.pid)


def test_the_command_shares_the_sheets_with_its_helper_and_leaves_none_behind(make_site, parsed, reference,
                                                                               capsys, helpers):
    site = make_site(BASE_DATA, FILES, folder="project")
    assert cli.main(["check", "--config-file", str(site.root / "mkdocs.yml"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert f"{SHEET_1_NAME}, row 5, column Địa phương:" in out and f"{SHEET_1_NAME}, row 5, column Thành tích:" in out
    assert len(helpers) == 1 and helpers[0] is not None and gone(helpers[0].pid)
    names, loaded = sorted_parsed(parsed, site)  # the helper and the command stored every sheet
    assert names == [] and summary(loaded) == reference


def test_a_command_that_fails_before_the_load_stops_its_helper(make_site, helpers):
    site = make_site(BASE_DATA, FILES, folder="project")
    broken = site.root / "broken.yml"
    broken.write_text((site.root / "mkdocs.yml").read_text(encoding="utf-8") + "theme: {name: no-such-theme}\n",
                      encoding="utf-8")
    # MkDocs rejects the configuration: a usage error (exit 2), not a traceback
    assert cli.main(["check", "--config-file", str(broken)]) == 2
    assert len(helpers) == 1 and helpers[0] is not None and gone(helpers[0].pid)


def test_no_helper_without_a_core_to_spare_or_without_sheets(make_site, monkeypatch):
    site = make_site(BASE_DATA, FILES, folder="project")
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    assert sheet_prefetch.start(str(site.root / "mkdocs.yml")) is None
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "2")
    plain = make_site(BASE_DATA, folder="no-sheets")
    assert sheet_prefetch.start(str(plain.root / "mkdocs.yml")) is None


def test_a_helper_reading_another_folder_is_stopped_when_the_load_starts(make_site, parsed, reference):
    site = make_site(BASE_DATA, FILES, folder="project")
    elsewhere = make_site(BASE_DATA, FILES, folder="elsewhere")
    prefetch = sheet_prefetch.start(str(elsewhere.root / "mkdocs.yml"))
    assert prefetch is not None
    names, loaded = sorted_parsed(parsed, site)  # another content folder: the helper is no use here
    assert names == [SHEET_1_NAME, SHEET_2_NAME] and summary(loaded) == reference
    assert gone(prefetch.pid) and sheet_prefetch.take(elsewhere.root / "content") is None
