"""A bug in site-builder is told as one: a short message in the communicator's language, not
their fault, whom to tell; exit 70; the traceback in a log file, never on the screen."""
from __future__ import annotations

import pytest

from site_builder import build, cli
from site_builder.render.pages import PageTypeHooks
from site_builder.rules import run as rules

from .conftest import BASE_DATA

LOG = ".cache/site-builder/internal-error.log"


def _broken_rule(site):
    raise KeyError("a bug in a rule")


def _broken_pages(ctx, lang):
    raise ZeroDivisionError("a bug in a page type")
    yield  # noqa: unreachable - a generator, as page types are


@pytest.fixture
def serial(monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")  # the patched code runs in this process


def _run(site, capsys, *args):
    code = cli.main([*args, "--config-file", str(site.root / "mkdocs.yml")])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _assert_internal(code, output, site, words):
    assert code == cli.EXIT_INTERNAL == 70, output
    assert words in output, output
    assert "Traceback" not in output and "KeyError" not in output and "ZeroDivisionError" not in output, output
    assert "trang không được dựng" not in output and "in content, site not built" not in output  # no "content errors"
    log = (site.root / LOG).read_text(encoding="utf-8")
    assert "Traceback" in log and ("a bug in a rule" in log or "a bug in a page type" in log)
    assert str(site.root / LOG) in output.replace("\n", "")


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_bug_while_loading_is_an_internal_error_in_vietnamese(make_site, capsys, monkeypatch, serial, command):
    site = make_site(BASE_DATA)
    monkeypatch.setattr(rules, "RULES", [_broken_rule])
    code, output = _run(site, capsys, command)
    _assert_internal(code, output, site, "lỗi nội bộ")
    assert "không phải lỗi trong nội dung bạn viết" in output and "quản trị viên" in output


def test_a_bug_while_rendering_is_an_internal_error_in_the_sites_language(make_site, capsys, monkeypatch, serial):
    site = make_site(BASE_DATA, plugin={"messages_language": "en"})
    site.run("build", check_exit=0)
    before = (site.root / "site/index.html").read_bytes()
    monkeypatch.setattr(build, "PAGE_TYPES", (*build.PAGE_TYPES, PageTypeHooks("broken", pages=_broken_pages)))
    code, output = _run(site, capsys, "build", "--clean")
    _assert_internal(code, output, site, "internal error")
    assert "not a mistake in your content" in output and "administrator" in output
    assert (site.root / "site/index.html").read_bytes() == before  # the last good site stays


def test_the_traceback_is_printed_for_developers_who_ask(make_site, capsys, monkeypatch, serial):
    site = make_site(BASE_DATA)
    monkeypatch.setattr(rules, "RULES", [_broken_rule])
    monkeypatch.setenv("SITE_BUILDER_DEBUG", "1")
    code, output = _run(site, capsys, "check")
    assert code == 70 and "Traceback" in output and "a bug in a rule" in output


def test_content_errors_keep_their_exit_code_and_words(make_site, capsys, serial):
    site = make_site(BASE_DATA, {"content/plans/sai.md": "---\ntitle: [\n---\n"})
    code, output = _run(site, capsys, "build")
    assert code == 1 and output.rstrip().endswith("1 lỗi trong nội dung, trang không được dựng"), output
    assert "lỗi nội bộ" not in output and not (site.root / LOG).exists()
