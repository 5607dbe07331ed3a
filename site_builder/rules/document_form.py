"""The parts of an official document that Nghị định 30/2020/NĐ-CP fixes, where the site
cannot make them right by itself (the signing block: rules/signatures.py).

- The issuing body stands under its full official name (Phụ lục I: "tên cơ quan, tổ chức
  ban hành văn bản" in full; only the body above it, "cơ quan chủ quản", may be shortened to
  "UBND", "HĐND"): a bodies.yml `header` that abbreviates is an error on its line. Without a
  `header` the header shows the body's `name` in capitals.
- "Nơi nhận" (Phụ lục I, mục "Nơi nhận"): the list ends with the line that keeps a copy, "Lưu:
  VT, …" (the archive, văn thư, and the drafting unit). A list whose last line is not a "Lưu"
  line is a warning, not an error: a copy is transcribed as it was signed, and an old copy
  without that line must still be publishable; the site never adds one. The ";" that ends
  each line is the template's (templates/_document.html): written or not, it is shown.
- A line "Như Điều N" sends the document to those an article names: when the text carries
  articles ("Điều 1." …) but no article N, the line may point nowhere (2475/QĐ-UBND had
  "Như Điều 3" with two articles). A warning, since a page may transcribe only some articles.
"""
from __future__ import annotations

import re

# Abbreviations Phụ lục I allows only in the line above the issuing body.
ABBREVIATIONS = re.compile(r"\b(UBND|HĐND)\b", re.IGNORECASE)
KEEP_LINE = re.compile(r"^\s*[-–]?\s*Lưu\b", re.IGNORECASE)
AS_ARTICLE = re.compile(r"^\s*[-–]?\s*Như\s+Điều\s+(\d+)\b", re.IGNORECASE)
ARTICLE = re.compile(r"Điều\s+(\d+)\s*\.")


def check(site) -> None:
    for body in site.bodies.values():
        header = body.header or ""
        found = ABBREVIATIONS.search(header)
        if found and body.source is not None:
            site.problems.add(body.source.file, body.source.line_of("header"), f"{body.id}.header",
                              "header_abbreviated", value=header, short=found.group(0), name=body.name.upper())
    for doc in [*site.plans.values(), *site.decisions.values()]:
        _check_recipients(site, doc)


def _check_recipients(site, doc) -> None:
    lines = [line for line in doc.get("recipients", []) if isinstance(line, str)]
    if not lines:
        return
    file, last = doc.source.file, len(lines) - 1
    if not KEEP_LINE.match(lines[last]):
        site.problems.add(file, doc.parsed.line_of(f"recipients[{last}]"), f"recipients[{last}]",
                          "recipients_without_keep", severity="warning", value=lines[last])
    articles = {int(n) for n in ARTICLE.findall(doc.body)}
    if not articles:
        return  # the text is not transcribed with its articles: nothing to check against
    for i, line in enumerate(lines):
        match = AS_ARTICLE.match(line)
        if match and int(match.group(1)) not in articles:
            site.problems.add(file, doc.parsed.line_of(f"recipients[{i}]"), f"recipients[{i}]",
                              "recipients_no_article", severity="warning", value=line, article=match.group(1),
                              last=str(max(articles)))
