"""Hostile and careless paths (issue 20, items 1, 2 and 4): ids, file names, links and media
fields that would leave the site or the content folder, and files over their size limit.

Each case is an error naming the file, the line (or row and column) and the field, with a
non-zero exit, and nothing is written outside the output folder. The projects live in a
folder of their own (`proj/`) so that a stray file anywhere around them is seen.
"""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from site_builder.runtime.swap import wait_for_mirror

from .conftest import BASE_DATA, sheet_decision

MB = 1024 * 1024
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3"/></svg>'




PLAN = """
    ---
    number: "12"
    symbol: KH-UBND
    issuer: ubnd-tinh
    date: 2021-10-01
    title: Kế hoạch thử
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    ---
    Nội dung.
"""


def files_around(base: Path, project: Path) -> set[str]:
    """Every file and folder under `base` except the project's output folder and caches: what
    a build may not add to."""
    found = set()
    for folder, dirs, files in os.walk(base):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in (project / "site", project / ".cache")]
        found.update(str((here / name).relative_to(base)) for name in dirs + files)
    return found


def output(proc) -> str:
    return proc.stdout + proc.stderr


def problem_lines(proc, file: str) -> list[str]:
    return [line for line in output(proc).splitlines() if line.startswith(file)]


@pytest.fixture
def project(make_site, tmp_path):
    """A site in tmp/proj/ with the shared data and a sheet decision; `build_fails()` builds it
    and checks that nothing appeared around the output folder."""
    site = make_site(BASE_DATA, sheet_decision(), folder="proj")

    def build_fails(*args: str):
        # The copy of the site a full build has a detached process make beside it
        # (.site.previous, runtime/swap.py) is the build's own: whole before counting.
        wait_for_mirror(site.root / "site")
        before = files_around(tmp_path, site.root)
        proc = site.run("build", *args)
        assert proc.returncode not in (0, None), output(proc)
        assert "Traceback" not in output(proc)
        assert files_around(tmp_path, site.root) == before
        return proc

    site.build_fails = build_fails
    return site


# ---- item 1: ids and file names --------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["../../../../x", "../../index", "A B", "Đà-Lạt", "x/y", "index",
                                    "danh-sach", "x" * 101])
def test_a_sheet_id_that_cannot_be_an_address_is_an_error_at_its_row_and_column(project, bad_id):
    project.write({"content/decisions/qd-77-2021.csv": f"kind,name,id\nindividual,Nguyễn Văn A,{bad_id}\n"})
    proc = project.run("check", "--lang", "en", check_exit=1)
    lines = problem_lines(proc, "content/decisions/qd-77-2021.csv, row 2, column id: 'id':")
    assert len(lines) == 1 and f'"{bad_id}"' in lines[0], output(proc)
    project.build_fails()


def test_an_id_of_dot_dot_index_never_replaces_the_home_page(project):
    project.write({"content/decisions/qd-77-2021.csv": "kind,name\nindividual,Nguyễn Văn A\n"})
    project.run("build", check_exit=0)
    home = project.html("index.html")
    project.write({"content/decisions/qd-77-2021.csv": "kind,name,id\nindividual,Nguyễn Văn A,../../index\n"})
    proc = project.build_fails()
    assert "content/decisions/qd-77-2021.csv, dòng 2, cột id: 'id': mã \"../../index\"" in output(proc)
    assert project.html("index.html") == home


def test_an_awardee_id_in_frontmatter_is_checked_the_same_way(project):
    decision = project.root / "content/decisions/qd-77-2021.md"
    text = decision.read_text(encoding="utf-8").replace(
        "award: bang-khen-tinh\n", "award: bang-khen-tinh\nawardees:\n  - name: Nguyễn Văn A\n    id: ../../../../x\n")
    decision.write_text(text, encoding="utf-8")
    proc = project.run("check", "--lang", "en", check_exit=1)
    assert "content/decisions/qd-77-2021.md:11: 'awardees[0].id': the id \"../../../../x\" cannot be part of " \
           "a page address" in output(proc), output(proc)
    project.build_fails()


@pytest.mark.parametrize("data_file, key", [
    ("units.yml", "../../../../x"), ("units.yml", "A B"), ("units.yml", "Đà-Lạt"), ("units.yml", '""'),
    ("campaigns.yml", "../../../../x"), ("bodies.yml", "../../x"), ("campaigns.yml", "nam"),
])
def test_a_data_key_that_cannot_be_an_address_is_an_error_at_its_line(project, data_file, key):
    path = project.root / "content/data" / data_file
    record = {"units.yml": "{name: Xã Lạ, type: commune, parent: tinh-mau}",
              "campaigns.yml": "{name: Phong trào lạ}",
              "bodies.yml": "{name: Cơ quan lạ, level: commune}"}[data_file]
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"{key}: {record}\n", encoding="utf-8")
    line = text.count("\n") + 1
    proc = project.run("check", "--lang", "en", check_exit=1)
    shown = key.strip('"')
    field = f"'{shown}': " if shown else ""
    assert any(f"content/data/{data_file}:{line}: {field}the id \"{shown}\"" in problem
               for problem in problem_lines(proc, f"content/data/{data_file}")), output(proc)
    project.build_fails()


def test_unit_and_campaign_keys_used_by_recipients_never_write_outside_the_site(project):
    units = project.root / "content/data/units.yml"
    units.write_text(units.read_text(encoding="utf-8") + "../../../../x: {name: Xã Lạ, type: commune}\n",
                     encoding="utf-8")
    campaigns = project.root / "content/data/campaigns.yml"
    campaigns.write_text(campaigns.read_text(encoding="utf-8") + "../../../y: {name: Phong trào lạ}\n",
                         encoding="utf-8")
    project.write({"content/decisions/qd-77-2021.csv":
                   "kind,name,locality\nindividual,Nguyễn Văn A,../../../../x\n"})
    proc = project.build_fails()
    assert "content/data/units.yml:" in output(proc) and "content/data/campaigns.yml:" in output(proc)


def test_an_award_id_that_cannot_be_an_address_is_an_error_at_its_line(project):
    awards = project.root / "content/data/awards.yml"
    text = awards.read_text(encoding="utf-8")
    awards.write_text(text + "- id: ../../../../x\n  label: {vi: Lạ}\n  rank: 90\n", encoding="utf-8")
    proc = project.run("check", "--lang", "en", check_exit=1)
    assert f"content/data/awards.yml:{text.count(chr(10)) + 1}: 'id': the id \"../../../../x\"" \
           in output(proc), output(proc)
    project.build_fails()


@pytest.mark.parametrize("name, words", [
    ("content/plans/..md", 'file name "..md" cannot be part of a page address'),
    ("content/plans/.md", 'file name ".md" cannot be part of a page address'),
    ("content/plans/Kế hoạch 1.md", 'file name "Kế hoạch 1.md" cannot be part of a page address: use lower-case '
                                    'letters without accents (a-z), digits and single hyphens between words, at '
                                    'most 100 characters; for example "ke-hoach-1.md"'),
    ("content/plans/KH-12.md", '; for example "kh-12.md"'),
    ("content/plans/kh 12.md", '; for example "kh-12.md"'),
    ("content/plans/index.md", 'file name "index.md" is taken by a page or folder the site makes itself'),
    ("content/messages/luu-tru.md", 'file name "luu-tru.md" is taken by a page or folder'),
    ("content/Giới thiệu.md", '; for example "gioi-thieu.md"'),
    ("content/Huong Dan/index.md", 'folder name "Huong Dan"'),
    ("content/van-ban.md", 'file name "van-ban.md" is taken by a page or folder the site makes itself'),
])
def test_a_content_file_name_that_cannot_be_an_address_is_an_error(project, name, words):
    text = "---\nkind: slogan\ntitle: L\n---\nx\n" if "/messages/" in name else (
        PLAN if "/plans/" in name else "# Trang\n")
    project.write({name: text})
    proc = project.run("check", "--lang", "en", check_exit=1)
    lines = problem_lines(proc, name)
    assert len(lines) == 1 and words in lines[0], output(proc)
    project.build_fails()


def test_hidden_files_that_are_not_markdown_stay_quietly_ignored(project):
    project.write({"content/decisions/qd-77-2021.csv": "kind,name\nindividual,Nguyễn Văn A\n",
                   "content/plans/.gitkeep": "", "content/.DS_Store": b"\0\1", "content/.git/x.md": PLAN})
    proc = project.run("check", "--lang", "en", check_exit=0)
    assert ".gitkeep" not in output(proc) and ".DS_Store" not in output(proc)


# ---- item 2: links and media ----------------------------------------------------------------


def outside_file(project, name: str = "secret.txt") -> Path:
    """A file beside the project, as the password file would be."""
    path = project.root.parent / "outside" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("root:x:0:0:SECRET-OUTSIDE\n", encoding="utf-8")
    return path


def published(project) -> str:
    """Everything the output folder holds, as text."""
    site = project.root / "site"
    if not site.is_dir():
        return ""
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("link", ["content/stories/images/x.svg", "content/messages/x.svg", "content/x.svg"])
def test_a_media_file_linked_out_of_content_is_an_error_and_never_published(project, link):
    project.write({"content/decisions/qd-77-2021.csv": "kind,name\nindividual,Nguyễn Văn A\n"})
    path = project.root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(outside_file(project))
    proc = project.run("check", "--lang", "en", check_exit=1)
    lines = problem_lines(proc, link)
    assert len(lines) == 1 and "link (symlink) that leads outside the content/ folder" in lines[0], output(proc)
    assert "outside/secret.txt" not in output(proc)
    project.build_fails()
    assert "SECRET-OUTSIDE" not in published(project)


def test_a_link_out_of_content_gets_the_same_words_whether_its_target_exists_or_not(project):
    project.write({"content/decisions/qd-77-2021.csv": "kind,name\nindividual,Nguyễn Văn A\n"})
    images = project.root / "content/stories/images"
    images.mkdir(parents=True)
    (images / "a.svg").symlink_to(outside_file(project))
    (images / "b.svg").symlink_to(project.root.parent / "outside" / "absent.txt")
    proc = project.run("check", "--lang", "en", check_exit=1)
    [a] = problem_lines(proc, "content/stories/images/a.svg")
    [b] = problem_lines(proc, "content/stories/images/b.svg")
    assert a.replace("a.svg", "b.svg") == b


def test_a_folder_linked_out_of_content_is_an_error_and_never_published(project):
    project.write({"content/decisions/qd-77-2021.csv": "kind,name\nindividual,Nguyễn Văn A\n"})
    outside = outside_file(project).parent
    (outside / "y.svg").write_bytes(SVG)
    (project.root / "content/stories").mkdir(parents=True)
    (project.root / "content/stories/images").symlink_to(outside, target_is_directory=True)
    proc = project.run("check", "--lang", "en", check_exit=1)
    assert len(problem_lines(proc, "content/stories/images: ")) == 1, output(proc)
    project.build_fails()
    assert "SECRET-OUTSIDE" not in published(project)


@pytest.mark.parametrize("link", ["content/plans/kh-ngoai.md", "content/gioi-thieu.md", "content/data/units.yml",
                                  "content/decisions/qd-77-2021.csv"])
def test_a_content_file_linked_out_of_the_project_is_never_read(project, link):
    target = outside_file(project, Path(link).name)
    if link.endswith(".md"):
        target.write_text(textwrap.dedent(PLAN).lstrip() + "SECRET-OUTSIDE\n", encoding="utf-8")
    elif link.endswith(".csv"):
        target.write_text("kind,name\nindividual,SECRET-OUTSIDE\n", encoding="utf-8")
    path = project.root / link
    path.unlink(missing_ok=True)
    path.symlink_to(target)
    proc = project.run("check", "--lang", "en", check_exit=1)
    lines = problem_lines(proc, link)
    assert len(lines) == 1 and "leads outside the content/ folder" in lines[0], output(proc)
    project.build_fails()
    assert "SECRET-OUTSIDE" not in published(project)


MESSAGE = "---\nkind: {kind}\ntitle: T\n{field}: {value}\nimage_alt: Ảnh\n---\nLời đọc.\n"


@pytest.mark.parametrize("kind, field, value", [
    ("poster", "image", "../../../x.svg"), ("poster", "image", "{outside}"), ("audio", "audio", "{outside}"),
    ("audio", "audio", "/etc/passwd"), ("poster", "image", "C:\\anh.png"), ("poster", "image", "https://x.vn/a.png"),
    ("poster", "image", "messages\\anh.png"),
])
def test_a_media_field_that_leaves_content_is_an_error_at_its_line(project, kind, field, value):
    value = value.format(outside=outside_file(project))
    project.write({"content/messages/m.md": MESSAGE.format(kind=kind, field=field, value=value)})
    proc = project.run("check", "--lang", "en", check_exit=1)
    lines = problem_lines(proc, "content/messages/m.md")
    assert lines == [f'content/messages/m.md:4: \'{field}\': "{value}" is not the path of a file in the '
                     "content/ folder: write the path from content/, with /, not starting with / and without "
                     '".." (for example messages/poster.png)'], output(proc)
    project.build_fails()


def test_check_says_the_same_of_an_outside_path_whether_it_exists_or_not(project):
    present = outside_file(project)
    absent = present.with_name("absent.ogg")
    said = []
    for value in (present, absent):
        project.write({"content/messages/m.md": MESSAGE.format(kind="audio", field="audio", value=value)})
        proc = project.run("check", check_exit=1)
        said.append([line.replace(str(value), "PATH") for line in problem_lines(proc, "content/messages/m.md")])
    assert said[0] == said[1] and said[0]


def test_a_story_photo_out_of_content_is_an_error_and_never_copied(project):
    secret = outside_file(project, "anh.svg")
    project.write({
        "content/decisions/qd-77-2021.csv": "kind,name\nindividual,Nguyễn Văn A\n",
        "content/stories/a.md": f"""
            ---
            decision: qd-77-2021
            recipient: nguyen-van-a
            title: Chuyện
            photo: {os.path.relpath(secret, project.root / 'content')}
            photo_alt: Ảnh
            ---
            Chuyện kể.
        """,
    })
    proc = project.run("check", "--lang", "en", check_exit=1)
    assert "content/stories/a.md:5: 'photo': \"../../outside/anh.svg\" is not the path of a file in the content/" \
           in output(proc), output(proc)
    project.build_fails()
    assert "SECRET-OUTSIDE" not in published(project)


def test_a_media_field_naming_a_link_out_of_content_is_an_error(project):
    (project.root / "content/messages").mkdir(parents=True)
    (project.root / "content/messages/x.svg").symlink_to(outside_file(project))
    project.write({"content/messages/m.md": MESSAGE.format(kind="poster", field="image", value="messages/x.svg")})
    proc = project.run("check", "--lang", "en", check_exit=1)
    assert "content/messages/x.svg: this is a link (symlink)" in output(proc)
    assert "content/messages/m.md:4: 'image': the file \"messages/x.svg\" is not in the content/ folder" \
           in output(proc), output(proc)
    project.build_fails()
    assert "SECRET-OUTSIDE" not in published(project)


# ---- item 4: file sizes ---------------------------------------------------------------------


def sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that takes no room on the disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.truncate(size)


def test_a_markdown_file_over_its_limit_is_one_error_and_no_page(project):
    text = textwrap.dedent(PLAN).replace("Nội dung.", ("Một dòng rất dài của văn bản. " * 40 + "\n") * 4000)
    project.write({"content/plans/kh-lon.md": text})
    size = (project.root / "content/plans/kh-lon.md").stat().st_size
    assert size > 4 * MB
    proc = project.run("check", "--lang", "en", check_exit=1)
    lines = problem_lines(proc, "content/plans/kh-lon.md")
    assert lines == [f"content/plans/kh-lon.md: the file is {size / MB:.1f} MB, over the 4.0 MB limit for a "
                     "Markdown file (.md), so it is not read: split the text into several files, or move a list "
                     "of awardees into a .csv/.xlsx sheet of the same name"], output(proc)
    project.build_fails()
    assert not (project.root / "site/van-ban/kh-lon").exists()


def test_the_limit_is_said_in_vietnamese_by_default(project):
    sparse(project.root / "content/messages/video.mp4", 101 * MB)
    proc = project.run("check", check_exit=1)
    assert problem_lines(proc, "content/messages/video.mp4") == [
        "content/messages/video.mp4: tệp nặng 101,0 MB, quá giới hạn 100,0 MB của tệp đính kèm (ảnh, âm thanh, "
        "video, PDF) nên không được đọc: hãy nén hoặc thu nhỏ tệp; với video, đăng lên một dịch vụ video rồi "
        "ghi địa chỉ vào video_url"], output(proc)


@pytest.mark.parametrize("name, size, limit", [
    ("content/data/units.yml", 9 * MB, "8.0 MB limit for a data file (.yml)"),
    ("content/decisions/qd-77-2021.csv", 51 * MB, "50.0 MB limit for a .csv sheet"),
    ("content/decisions/qd-77-2021.xlsx", 21 * MB, "20.0 MB limit for an .xlsx sheet"),
    ("content/messages/video.mp4", 101 * MB, "100.0 MB limit for a media file"),
])
def test_a_data_file_sheet_or_media_file_over_its_limit_is_one_error(project, name, size, limit):
    path = project.root / name
    if name.endswith(".yml"):  # a real YAML file: comments after the records
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("# " + "x" * 1000 + "\n") * (size // 1000), encoding="utf-8")
    else:
        sparse(path, size)
    proc = project.run("check", "--lang", "en", check_exit=1)
    lines = problem_lines(proc, name)
    assert len(lines) == 1 and limit in lines[0], output(proc)
