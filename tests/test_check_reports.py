"""`site-builder check --report FORMAT=FILE`: the check's report as the files CI hosts show
where an author looks, the editor's user included (issue 25 item 3): JUnit XML for GitLab's
merge request, Markdown for GitHub's job summary. Same problems, same Vietnamese words, file
and line as the log."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from site_builder.content.ci_reports import markdown_report
from site_builder.content.problems import Problems

from .conftest import BASE_DATA
from .test_check import _plan

# One error (a date, quoted with characters XML and Markdown treat specially), one error whose
# message holds backticks, and one warning (a file the site does not use).
BAD = {
    "content/plans/sai.md": _plan(**{"2021-09-11": '"<31/9>&2021"'}),
    "content/plans/sai-hinh-thuc.md": _plan(**{"number: \"108\"": "number: \"109\"",
                                              "campaign: covid": "campaign: covid\nawards: [bang-khen-tinhh]"}),
    "content/plans/ghi-chu.txt": "ghi chú",
}


def junit_cases(path) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.parse(path).getroot()  # parses: well-formed XML whatever the messages quote
    return root, root.findall("./testsuite/testcase")


def test_junit_report_fails_one_test_per_error_named_by_file_line_and_vietnamese_message(make_site, tmp_path):
    site = make_site(BASE_DATA, BAD)
    report = tmp_path / "kiem-tra.xml"
    proc = site.run("check", "--report", f"junit={report}", check_exit=1)
    # the log keeps its report: the file is written besides it
    assert "content/plans/sai.md:6: 'date': \"<31/9>&2021\" không phải là ngày hợp lệ" in proc.stdout
    root, cases = junit_cases(report)
    failed = [case for case in cases if case.find("failure") is not None]
    assert root.get("failures") == "2" and len(failed) == 2
    date = next(case for case in failed if case.get("file") == "content/plans/sai.md")
    assert date.get("line") == "6" and date.get("classname") == "content/plans/sai.md"
    assert date.get("name").startswith("content/plans/sai.md:6: 'date': \"<31/9>&2021\" không phải là ngày hợp lệ")
    failure = date.find("failure")
    assert failure.text == date.get("name")
    assert failure.get("message").startswith("\"<31/9>&2021\" không phải là ngày hợp lệ")
    award = next(case for case in failed if case.get("file") == "content/plans/sai-hinh-thuc.md")
    assert award.get("line") == "9" and "`bang-khen-tinh`" in award.find("failure").text
    # the warning is a test that passes, with its words; the summary line closes the report
    warning = next(case for case in cases if case.get("file") == "content/plans/ghi-chu.txt")
    assert warning.find("failure") is None and "cảnh báo" in warning.find("system-out").text
    warnings = [case for case in cases[:-1] if case.find("failure") is None]
    assert all(case.find("system-out").text == case.get("name") for case in warnings)
    assert len(cases) == 2 + len(warnings) + 1
    assert cases[-1].get("name").startswith("Tệp nội dung:")
    assert cases[-1].get("name").endswith(f"2 lỗi, {len(warnings)} cảnh báo.")


def test_junit_report_in_english_and_of_a_clean_site(make_site, tmp_path):
    site = make_site(BASE_DATA, BAD)
    report = tmp_path / "check.xml"
    site.run("check", "--lang", "en", "--report", f"junit={report}", check_exit=1)
    _root, cases = junit_cases(report)
    date = next(case for case in cases if case.get("file") == "content/plans/sai.md")
    assert "is not a date" in date.find("failure").get("message")

    for path in BAD:  # fixed: the check passes and the report says so
        (site.root / path).unlink()
    site.run("check", "--report", f"junit={report}", check_exit=0)
    root, cases = junit_cases(report)  # replaced, not appended to
    assert root.get("failures") == "0" and [case for case in cases if case.find("failure") is not None] == []
    assert not any("content/plans/sai" in case.get("name") for case in cases)
    assert cases[-1].get("name").endswith(f"0 lỗi, {len(cases) - 1} cảnh báo.")


def test_markdown_report_is_appended_with_a_verdict_and_the_log_lines(make_site, tmp_path):
    site = make_site(BASE_DATA, BAD)
    summary = tmp_path / "step-summary.md"
    summary.write_text("Bước trước.\n", encoding="utf-8")
    site.run("check", "--report", f"markdown={summary}", check_exit=1)
    text = summary.read_text(encoding="utf-8")
    assert re.match(r"Bước trước.\n### KIỂM TRA NỘI DUNG: 2 lỗi, [1-9] cảnh báo\n", text), text
    assert "Trang web không được dựng: sửa các lỗi dưới đây" in text
    assert "content/plans/sai.md:6: 'date': \"<31/9>&2021\" không phải là ngày hợp lệ" in text
    # the lines are in one code block: a message's `code` and <letters> are shown as written
    lines = text.rstrip().splitlines()
    start, end = lines.index("```text"), len(lines) - 1
    assert lines[end] == "```" and lines.count("```") == 1
    assert any("`bang-khen-tinh`" in line for line in lines[start:end])


def test_a_wrong_report_option_is_a_usage_error_not_a_traceback(make_site, tmp_path):
    site = make_site(BASE_DATA)
    for value in ("html=bao-cao.html", "junit", "junit="):
        proc = site.run("check", "--report", value)
        assert proc.returncode == 2 and "FORMAT=FILE" in proc.stderr and "Traceback" not in proc.stderr, value
    proc = site.run("check", "--report", f"junit={tmp_path / 'khong-co' / 'x.xml'}")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "Tệp nội dung:" in proc.stdout  # the report itself was printed first


def test_the_reports_headings_and_verdict_in_vietnamese_and_english(make_site, tmp_path):
    """The words come from the problems' catalogue (content/problems.py): exactly these, with
    English plurals, and the clean heading of a site without problems."""
    site = make_site(BASE_DATA, {"content/plans/sai.md": BAD["content/plans/sai.md"],
                                 "content/plans/ghi-chu.txt": "ghi chú"})
    for lang, heading, verdict, title in (
            ("vi", "### KIỂM TRA NỘI DUNG: 1 lỗi, {warnings} cảnh báo",
             "Trang web không được dựng: sửa các lỗi dưới đây (tệp, dòng, trường) rồi đẩy (push) lại.",
             "Kiểm tra nội dung"),
            ("en", "### CONTENT CHECK: 1 error, {warnings} warning{s}",
             "The site is not built: fix the errors below (file, line, field) and push again.", "Content check")):
        summary, junit = tmp_path / f"{lang}.md", tmp_path / f"{lang}.xml"
        site.run("check", "--lang", lang, "--report", f"markdown={summary}", "--report", f"junit={junit}",
                 check_exit=1)
        root, cases = junit_cases(junit)
        warnings = len(cases) - 2
        lines = summary.read_text(encoding="utf-8").splitlines()
        assert lines[:4] == [heading.format(warnings=warnings, s="" if warnings == 1 else "s"), "", verdict, ""]
        assert root.find("testsuite").get("name") == title

    # a site without any problem (the shared data has warnings of its own): no counts, no verdict
    for lang, heading in (("vi", "### KIỂM TRA NỘI DUNG: không có lỗi"), ("en", "### CONTENT CHECK: no errors")):
        assert markdown_report(Problems(), lang).splitlines()[:3] == [heading, "", "```text"]
