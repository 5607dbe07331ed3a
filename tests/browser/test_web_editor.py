"""The web editor in Chromium (issue 25, item 5; docs/web-editor.md): the built /quan-tri/
against Decap's local proxy backend (decap-server, git mode) on loopback, over a real
temporary git repository. A communicator creates a message; the commit it makes is what
`site-builder check` accepts and the built site shows. The editor refuses a message without
its required fields; a fault it cannot see (a poster without its image) fails `check` with
the usual message.

decap-server comes from the npm package index, pinned, installed once into the checkout's
ignored .cache/ (under CI=true, a machine without npm fails the test: .ci/run installs it).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from ..conftest import BASE_DATA, REPO, SiteFixture, missing_tool, mkdocs_yml

DECAP_SERVER = "decap-server@3.11.3"


@pytest.fixture(scope="session")
def decap_server_bin() -> Path:
    folder = REPO / ".cache" / "test-npm" / DECAP_SERVER.replace("@", "-")
    binary = folder / "node_modules" / ".bin" / "decap-server"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            missing_tool("npm", "apt-get install npm", "the web editor's browser test")
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), DECAP_SERVER],
                       check=True, capture_output=True, timeout=600)
    return binary


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "Thử", "GIT_AUTHOR_EMAIL": "thu@example.vn",
                               "GIT_COMMITTER_NAME": "Thử", "GIT_COMMITTER_EMAIL": "thu@example.vn"}).stdout


@pytest.fixture(params=[{}], ids=["simple"])
def editor_repo(request, tmp_path, decap_server_bin):
    """A site's repository with the editor on the local backend (with the editorial workflow
    when the test's parameter says `workflow`, in the `languages` it names), built, and
    decap-server over it, in git mode."""
    port = _free_port()
    site = SiteFixture(tmp_path / "repo")
    editor = {"backend": "local", "workflow": request.param.get("workflow", False),
              "proxy_url": f"http://127.0.0.1:{port}/api/v1"}
    languages = request.param.get("languages", ("vi",))
    # What a build leaves beside the content is no content: decap-server commits everything else.
    site.write({"mkdocs.yml": mkdocs_yml(languages, plugin={"editor": editor}),
                ".gitignore": "site/\n.site*\n.cache/\n"})
    site.write(BASE_DATA)
    if len(languages) > 1:  # the sources named as the editor names them beside translations
        for path in (site.root / "content" / "plans").glob("*.md"):
            path.rename(path.with_name(f"{path.stem}.vi.md"))
    _git(site.root, "init", "-q", "-b", "main")
    _git(site.root, "add", "-A")
    _git(site.root, "commit", "-q", "-m", "Nội dung ban đầu")
    site.run("build", check_exit=0)
    server = subprocess.Popen([str(decap_server_bin)], cwd=site.root, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT,
                              env={**os.environ, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1",
                                   "GIT_REPO_DIRECTORY": str(site.root), "LOG_LEVEL": "warn"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("decap-server did not start: " + server.stdout.read().decode())
                time.sleep(0.2)
        yield site
    finally:
        server.terminate()
        server.wait(timeout=10)


def _shot(page, name: str) -> None:
    """The guide's screenshots (docs/huong-dan-bien-tap.md, section 11), taken by this test
    when SITE_BUILDER_SCREENSHOTS names a folder (docs/img/quan-tri)."""
    folder = os.environ.get("SITE_BUILDER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


@contextlib.contextmanager
def _editor_page(browser, serve, site, width: int = 1280):
    """A Chromium page of `width` and the address where the site's build is served; the page's
    context is closed after, whatever the test did."""
    base = serve(site.root / "site")
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        yield context.new_page(), base
    finally:
        context.close()


def _open_editor(page, base: str, collection: str):
    page.on("dialog", lambda dialog: dialog.accept())  # "Bạn có chắc rằng bạn muốn công bố mục này?"
    page.goto(base + "quan-tri/")
    page.get_by_role("button", name="Đăng nhập").wait_for()
    _shot(page, "1-dang-nhap")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Bộ sưu tập").wait_for()
    page.get_by_text("Đang tải").wait_for(state="hidden")
    _shot(page, "2-bo-suu-tap")
    page.goto(base + f"quan-tri/#/collections/{collection}/new")
    page.get_by_label("Tiêu đề (trích yếu)").first.wait_for()  # the English pane has one too


def _pick(page, field: str, label: str) -> None:
    """Choose `label` in the select of `field` as a communicator does: open it, type, Enter."""
    page.locator(f"[id^='{field}-field-']").first.click()
    page.keyboard.type(label)
    page.keyboard.press("Enter")


def _publish(page) -> None:
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay").click()


def _new_files(root: Path, before: set[Path], folder: str = "messages", count: int = 1) -> list[Path]:
    """The entry files of `folder` not in `before`, once at least `count` are written and
    committed (or what there is after 20 s)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        new = sorted(set((root / "content" / folder).glob("*.md")) - before)
        if len(new) >= count and not _git(root, "status", "--porcelain").strip():
            return new
        time.sleep(0.25)
    return sorted(set((root / "content" / folder).glob("*.md")) - before)


def test_a_message_made_in_the_editor_is_committed_checked_and_published(editor_repo, browser, serve):
    site = editor_repo
    hosts = set()
    commits = _git(site.root, "rev-list", "--count", "HEAD")
    with _editor_page(browser, serve, site) as (page, base):
        page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
        _open_editor(page, base, "messages")
        # Nothing filled in: the editor refuses, in Vietnamese, and writes nothing.
        _publish(page)
        page.get_by_text("Bạn còn thiếu vài thông tin bắt buộc").wait_for()
        assert not list((site.root / "content").glob("messages/*.md"))
        _pick(page, "kind", "Khẩu hiệu")
        page.get_by_label("Tiêu đề (trích yếu)").fill("Chung tay phòng chống dịch")
        _pick(page, "issuer", "Ủy ban nhân dân tỉnh Mẫu")
        _publish(page)
        files = _new_files(site.root, set())
    assert len(files) == 1, files
    text = files[0].read_text(encoding="utf-8")
    assert "kind: slogan" in text and "title: Chung tay phòng chống dịch" in text and "issuer: ubnd-tinh" in text
    assert int(_git(site.root, "rev-list", "--count", "HEAD")) == int(commits) + 1  # one commit, by the editor
    assert _git(site.root, "status", "--porcelain").strip() == ""
    # Nothing came from another host than the site and the local backend, both on loopback.
    assert {host.split(":")[0] for host in hosts} == {"127.0.0.1"}
    site.run("check", check_exit=0)
    site.run("build", check_exit=0)
    slug = files[0].stem
    assert "Chung tay phòng chống dịch" in site.html(f"thong-diep/{slug}/index.html")


def test_a_decision_with_an_award_picked_and_its_recipients_sheet_uploaded(editor_repo, browser, serve, tmp_path):
    """The award form is picked by its name (the file gets its code); the recipients CSV is
    uploaded from the communicator's computer, stored beside the decision under its own
    (cleaned) name and named in `sheet_file:` (content/sheet_files.py)."""
    site = editor_repo
    upload = tmp_path / "Danh sách khen thưởng.csv"
    upload.write_text("Họ và tên,Chức vụ,Đơn vị\nLê Văn Ước,Dân quân,Ban CHQS xã Tây\n"
                      "Phạm Thị Hoa,Y sĩ,Trạm Y tế xã Tây\n", encoding="utf-8")
    before = set((site.root / "content" / "decisions").glob("*.md"))
    with _editor_page(browser, serve, site) as (page, base):
        _open_editor(page, base, "decisions")
        page.locator("[id^='number-field-']").fill("77")
        page.locator("[id^='symbol-field-']").fill("QĐ-UBND")
        _pick(page, "issuer", "Ủy ban nhân dân tỉnh Mẫu")
        page.locator("[id^='date-field-']").first.fill("2021-12-01")
        page.get_by_label("Tiêu đề (trích yếu)").first.fill("Tặng Bằng khen theo danh sách tải lên")
        page.get_by_label("Chức vụ người ký").fill("CHỦ TỊCH")  # the signer's title, labelled apart
        page.locator("[id^='name-field-']").first.fill("Trần Văn B")
        _pick(page, "award", "Bằng khen của Chủ tịch UBND tỉnh")
        choose = page.get_by_role("button", name="Chọn một tập tin")
        # The sheet's own button (the signed original has one too): in the innermost block
        # holding the field's label and a button.
        page.locator("div").filter(has=page.get_by_text("Bảng tính danh sách")).filter(has=choose).last \
            .get_by_role("button", name="Chọn một tập tin").click()
        page.locator("input[type=file]").set_input_files(str(upload))
        # Decap cleans the name (lower case, no marks, hyphens) and selects the uploaded file.
        page.get_by_text("danh-sach-khen-thuong.csv").wait_for()
        page.get_by_role("button", name="Lấy những cái đã chọn").click()
        page.get_by_role("button", name="Chọn tập tin khác").wait_for()
        _shot(page, "6-quyet-dinh-tai-danh-sach")
        _publish(page)
        files = _new_files(site.root, before, "decisions")
    assert len(files) == 1, files
    text = files[0].read_text(encoding="utf-8")
    assert "award: bang-khen-tinh" in text and "issuer: ubnd-tinh" in text, text
    sheet_name = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("sheet_file:"))
    assert sheet_name == "danh-sach-khen-thuong.csv", text
    assert "Phạm Thị Hoa" in (site.root / "content" / "decisions" / sheet_name).read_text(encoding="utf-8")
    assert _git(site.root, "status", "--porcelain").strip() == ""  # the sheet was committed with it
    site.run("check", check_exit=0)
    site.run("build", check_exit=0)
    page_html = site.html(f"khen-thuong/{files[0].stem}/index.html")
    assert "Tặng Bằng khen theo danh sách tải lên" in page_html
    assert "Lê Văn Ước" in page_html and "Phạm Thị Hoa" in page_html


def test_a_fault_the_editor_cannot_see_fails_check_with_the_usual_message(editor_repo, browser, serve):
    """A poster without its image: every field the editor knows is valid, the rule across
    fields (rules/messages.py) is `check`'s."""
    site = editor_repo
    with _editor_page(browser, serve, site) as (page, base):
        _open_editor(page, base, "messages")
        _pick(page, "kind", "Áp phích")
        page.get_by_label("Tiêu đề (trích yếu)").fill("Áp phích thiếu ảnh")
        _publish(page)
        files = _new_files(site.root, set())
    assert len(files) == 1, files
    proc = site.run("check", check_exit=1)
    name = f"content/messages/{files[0].name}"
    assert any(line.startswith(name) and "ảnh áp phích" in line for line in proc.stdout.splitlines()), proc.stdout


@pytest.mark.parametrize("editor_repo", [{"workflow": True}], ids=["workflow"], indirect=True)
def test_with_the_workflow_a_draft_is_a_branch_until_it_is_ready_and_published(editor_repo, browser, serve):
    """Draft -> ready -> published maps to a branch cms/<collection>/<slug> merged into main
    (with a git host: a merge request, which the province's CI checks and previews)."""
    site = editor_repo
    main_before = _git(site.root, "rev-parse", "main")
    with _editor_page(browser, serve, site) as (page, base):
        _open_editor(page, base, "messages")
        _pick(page, "kind", "Thông điệp")
        page.get_by_label("Tiêu đề (trích yếu)").fill("Thông điệp chờ duyệt")
        page.get_by_role("button", name="Lưu", exact=True).click()
        page.get_by_text("Trạng: Bản nháp").wait_for()
        _shot(page, "3-ban-nhap")
        branches = _git(site.root, "branch", "--list", "cms/*").split()
        assert branches == ["cms/messages/thong-diep-cho-duyet"], branches
        assert _git(site.root, "rev-parse", "main") == main_before  # the draft is not on main
        assert "title: Thông điệp chờ duyệt" in _git(site.root, "show", f"{branches[0]}:content/messages/"
                                                                         "thong-diep-cho-duyet.md")
        page.get_by_role("button", name="Trạng: Bản nháp").click()
        _shot(page, "4-trang-thai")
        page.get_by_role("menuitem", name="Đang xét duyệt").click()
        page.get_by_role("button", name="Trạng: Đang xét duyệt").click()
        page.get_by_role("menuitem", name="Sẵn sàng").click()
        page.get_by_text("Trạng: Sẵn sàng").wait_for()
        _publish(page)
        page.get_by_text("Mục đã được công bố", exact=True).wait_for()
        page.get_by_text("Đang tải").wait_for(state="hidden")
        _shot(page, "5-da-cong-bo")
        deadline = time.monotonic() + 20
        while _git(site.root, "branch", "--list", "cms/*").strip() and time.monotonic() < deadline:
            time.sleep(0.25)
    assert not _git(site.root, "branch", "--list", "cms/*").strip()  # merged and deleted
    assert (site.root / "content/messages/thong-diep-cho-duyet.md").exists()
    site.run("check", check_exit=0)


@pytest.mark.parametrize("editor_repo", [{"languages": ("vi", "en")}], ids=["vi-en"], indirect=True)
def test_a_translation_is_written_beside_the_vietnamese(editor_repo, browser, serve):
    """With several languages, the English pane stands beside the Vietnamese form (Decap's
    i18n): one save writes <slug>.vi.md with every field and <slug>.en.md with the
    translated ones, which check accepts and the English page shows."""
    site = editor_repo
    with _editor_page(browser, serve, site, width=1400) as (page, base):
        _open_editor(page, base, "messages")
        _pick(page, "kind", "Khẩu hiệu")
        titles = page.get_by_label("Tiêu đề (trích yếu)")
        titles.first.fill("Chung tay phòng chống dịch")
        titles.nth(1).fill("Join hands against the epidemic")  # the English pane
        # the pane's words in Vietnamese (editor/decap_vi.yml), none left in English
        page.get_by_text("Đang viết bản VI").wait_for()
        page.get_by_text("Đang viết bản EN").wait_for()
        assert page.get_by_text("Writing in").count() == 0
        _shot(page, "7-ban-dich")
        _publish(page)
        files = _new_files(site.root, set(), count=2)  # the Vietnamese file and its translation
    assert [f.name for f in files] == ["chung-tay-phong-chong-dich.en.md", "chung-tay-phong-chong-dich.vi.md"]
    english = files[0].read_text(encoding="utf-8")
    assert "title: Join hands against the epidemic" in english and "kind:" not in english, english
    assert "kind: slogan" in files[1].read_text(encoding="utf-8")
    site.run("check", check_exit=0)
    site.run("build", check_exit=0)
    assert "Chung tay phòng chống dịch" in site.html("thong-diep/chung-tay-phong-chong-dich/index.html")
    assert "Join hands against the epidemic" in site.html("en/thong-diep/chung-tay-phong-chong-dich/index.html")


@pytest.mark.parametrize("editor_repo", [{"languages": ("vi", "en")}], ids=["vi-en"], indirect=True)
def test_an_entry_left_untranslated_falls_back_to_vietnamese(editor_repo, browser, serve):
    """With the English pane left empty Decap still writes <slug>.en.md, holding a bare line
    break: the loader takes it for "not translated yet" (content/loader.py), not an error."""
    site = editor_repo
    with _editor_page(browser, serve, site, width=1400) as (page, base):
        _open_editor(page, base, "messages")
        _pick(page, "kind", "Khẩu hiệu")
        page.get_by_label("Tiêu đề (trích yếu)").first.fill("Chỉ tiếng Việt")
        _publish(page)
        files = _new_files(site.root, set(), count=2)  # the Vietnamese file and its translation
    assert [f.name for f in files] == ["chi-tieng-viet.en.md", "chi-tieng-viet.vi.md"]
    assert not files[0].read_text(encoding="utf-8").strip()
    site.run("check", check_exit=0)
    site.run("build", check_exit=0)
    assert "This page is not yet available in English" in site.html("en/thong-diep/chi-tieng-viet/index.html")


def test_every_collection_s_form_opens(editor_repo, browser, serve):
    """Decap checks a widget's settings only when its form opens (a relation to a collection
    it cannot find, a select without options): each kind's new-entry form shows its fields."""
    site = editor_repo
    errors = []
    with _editor_page(browser, serve, site) as (page, base):
        page.on("pageerror", lambda error: errors.append(str(error)))
        _open_editor(page, base, "messages")
        # A field of each kind's own (labels carry "(không bắt buộc)" when optional).
        for collection, label in [("plans", "Ký hiệu"), ("decisions", "Người, tập thể được khen"),
                                  ("stories", "Mã người được khen"), ("consultations", "Căn cứ pháp lý")]:
            page.goto(base + f"quan-tri/#/collections/{collection}/new")
            page.get_by_text(label).first.wait_for()
            page.get_by_text("Nội dung (không bắt buộc)").wait_for()  # the body, the last field
    assert errors == []
