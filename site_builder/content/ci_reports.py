"""The check's report as files a CI host shows where an author looks, besides the job's log:

- `junit`: JUnit XML, which GitLab shows in the merge request ("Test summary") when a job
  names it under `artifacts:reports:junit`: one failed test per error, named by the problem's
  line as the log prints it (file, line, field and message, in the report's language);
- `markdown`: the report as GitHub shows it on a run's page and a pull request's checks when it
  is appended to `$GITHUB_STEP_SUMMARY`.

`site-builder check --report FORMAT=FILE` writes them (docs/publishing.md, "`site-builder check`")."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from .problems import ERROR, say
from .report import error_counts, problem_lines, summary

FORMATS = ("junit", "markdown")

# What XML 1.0 cannot hold at all: a problem may quote a control character a file carries.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_report(fmt: str, path: Path, problems, lang: str) -> None:
    """JUnit replaces the file; Markdown is appended, as every step's summary is."""
    if fmt == "junit":
        path.write_text(junit_xml(problems, lang), encoding="utf-8")
    else:
        with path.open("a", encoding="utf-8") as out:
            out.write(markdown_report(problems, lang))


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def junit_xml(problems, lang: str = "vi") -> str:
    """One test per problem (an error fails it; a warning passes with its text as output) and one
    for the summary line, so that a clean check shows as a passed test rather than no report."""
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
    errors = sum(1 for p in ordered if p.severity == ERROR)
    title = say("report_title", lang)
    suites = ET.Element("testsuites", name="site-builder check", tests=str(len(ordered) + 1), failures=str(errors))
    suite = ET.SubElement(suites, "testsuite", name=title, tests=str(len(ordered) + 1), failures=str(errors),
                          errors="0", skipped="0")
    for problem in ordered:
        line = _xml_text(problem.render(lang))
        case = ET.SubElement(suite, "testcase", classname=problem.file, name=line, file=problem.file)
        if problem.line and problem.column is None:  # a sheet's row and column are no line of the file
            case.set("line", str(problem.line))
        if problem.severity == ERROR:
            failure = ET.SubElement(case, "failure", message=_xml_text(problem.message(lang)), type=problem.code)
            failure.text = line
        else:
            ET.SubElement(case, "system-out").text = line
    ET.SubElement(suite, "testcase", classname="site-builder check", name=_xml_text(summary(problems, lang)))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def markdown_report(problems, lang: str = "vi") -> str:
    """A heading that says whether the site can be built, then the log's report unchanged in a
    code block (no Markdown inside a message is read as such)."""
    head = "### " + (say("report_heading", lang, counts=error_counts(problems, lang)) if problems
                     else say("report_heading_clean", lang))
    verdict = say("report_verdict", lang) if problems.errors else ""
    body = [*problem_lines(problems, lang), summary(problems, lang)]
    longest = max((len(run) for line in body for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    parts = [head, ""] + ([verdict, ""] if verdict else []) + [fence + "text", *body, fence, ""]
    return "\n".join(parts) + "\n"
