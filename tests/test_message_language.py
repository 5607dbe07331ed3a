"""Every message of `check` and `build` is in the language the site chose (`messages_language`
in mkdocs.yml, or `--lang`): problems, YAML syntax errors, the summary and the last line."""
from __future__ import annotations

import pytest

from .conftest import BASE_DATA

BROKEN = {
    # a quote never closed, on line 3
    "content/plans/nhay.md": "---\nissuer: ubnd-tinh\ntitle: 'Kế hoạch\ndate: 2021-01-01\n---\nNội dung.\n",
    # a colon missing after a field name, on line 4
    "content/plans/hai-cham.md": "---\nissuer: ubnd-tinh\ndate: 2021-01-01\ntitle\n---\nNội dung.\n",
    # a tab for indentation, on line 3
    "content/plans/tab.md": "---\nsigner:\n\tname: A\n---\nNội dung.\n",
    # a data file that is a list where entries with ids are expected
    "content/data/units.yml": "- tinh-mau\n",
}
# PyYAML's own words must never reach a communicator.
PARSER_WORDS = ("while scanning", "found unexpected", "could not find expected", "cannot start any token",
                "mapping values", "Aborted with a BuildError")

EXPECTED = {
    "vi": ["content/plans/nhay.md:3: phần đầu (YAML) viết sai cú pháp: một dấu nháy",
           "content/plans/hai-cham.md:4: phần đầu (YAML) viết sai cú pháp: thiếu dấu hai chấm (:) sau tên trường",
           "content/plans/tab.md:3: phần đầu (YAML) viết sai cú pháp: dòng này thụt lề bằng phím Tab",
           "content/data/units.yml:1: tệp dữ liệu này phải gồm các mục viết 'mã:'"],
    "en": ["content/plans/nhay.md:3: the frontmatter is not valid YAML: a quote (' or \") is opened but never closed",
           "content/plans/hai-cham.md:4: the frontmatter is not valid YAML: a colon (:) is missing after the field name",
           "content/plans/tab.md:3: the frontmatter is not valid YAML: this line is indented with a Tab",
           "content/data/units.yml:1: this data file must hold entries written 'id:'"],
}
SUMMARY = {"vi": "lỗi, ", "en": "errors, "}
LAST = {"vi": "lỗi trong nội dung, trang không được dựng", "en": "errors in content, site not built"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_and_build_speak_the_sites_language(make_site, lang):
    site = make_site(BASE_DATA, BROKEN, plugin={"messages_language": lang})
    check = site.run("check", check_exit=1)
    build = site.run("build", check_exit=1)
    for output in (check.stdout + check.stderr, build.stdout + build.stderr):
        for line in EXPECTED[lang]:
            assert line in output, (line, output)
        assert not any(words in output for words in PARSER_WORDS), output
        assert "Traceback" not in output
    assert check.stdout.splitlines()[-1].startswith("Tệp nội dung:" if lang == "vi" else "Content files:")
    assert SUMMARY[lang] in check.stdout.splitlines()[-1]
    assert build.stderr.rstrip().splitlines()[-1].endswith(LAST[lang]), build.stderr


def test_lang_on_the_command_line_overrides_the_site(make_site):
    site = make_site(BASE_DATA, BROKEN, plugin={"messages_language": "en"})
    output = site.run("check", "--lang", "vi", check_exit=1).stdout
    assert EXPECTED["vi"][0] in output and EXPECTED["en"][0] not in output


# Windows-1258, as an old editor saves Vietnamese: base letters and combining tone marks.
CP1258 = "---\ntitle: Kê\u0301 hoa\u0323ch\n---\n".encode("cp1258")


def test_a_file_not_saved_as_utf8_is_told_in_words(make_site):
    site = make_site(BASE_DATA, {"content/plans/cp1258.md": CP1258},
                     plugin={"messages_language": "en"})
    output = site.run("check", check_exit=1).stdout
    assert "content/plans/cp1258.md: the file cannot be read: the file is not saved as UTF-8" in output
    assert "codec" not in output
