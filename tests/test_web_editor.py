"""The web editor at /quan-tri/ (issue 25, docs/web-editor.md): built only when mkdocs.yml
enables it, configured from the field specs, its CMS served from the site itself."""
from __future__ import annotations

import http.server
import re
import socket
import tarfile
import threading

import pytest
import yaml

from site_builder.content.schema import COLLECTIONS
from site_builder.content.folders import COLLECTION_DIRS
from site_builder.editor import interface_words
from site_builder.editor.bundle import DECAP, SCRIPT, served_files
from site_builder.i18n.translations import TRANSLATABLE
from tests.conftest import BASE_DATA

GITLAB = {"backend": "gitlab", "repo": "ban-tdkt/cong-thi-dua", "branch": "main",
          "base_url": "https://git.tinh-mau.example.vn", "app_id": "abc123"}


@pytest.fixture(scope="session")
def decap(tmp_path_factory):
    """The pinned CMS package in this test run's machine cache, fetched once from the npm
    package index as a build fetches it (CI reaches the index: it installs decap-server too)."""
    return served_files(tmp_path_factory.mktemp("unused-project"))


def built_editor(make_site, editor: dict, languages=("vi",)):
    site = make_site(BASE_DATA, languages=languages, plugin={"editor": editor})
    site.run("build", check_exit=0)
    return site, yaml.safe_load(site.html("quan-tri/config.yml"))


def test_a_site_without_the_editor_has_no_quan_tri(make_site):
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    assert not (site.root / "site" / "quan-tri").exists()
    assert "quan-tri" not in site.html("sitemap.xml")


def test_the_editor_page_is_vietnamese_and_loads_only_the_site_s_own_files(make_site, decap):
    site, _ = built_editor(make_site, GITLAB)
    page = site.html("quan-tri/index.html")
    assert '<html lang="vi">' in page and "<title>Quản trị nội dung – Thử nghiệm</title>" in page
    assert '<script src="decap-cms.js"></script>' in page
    assert "noindex" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "nothing from another host"
    folder = site.root / "site" / "quan-tri"
    assert (folder / SCRIPT).read_bytes() == (decap / SCRIPT).read_bytes()
    # The chunks the script loads from its own folder are there too.
    assert len(list(folder.glob("*.decap-cms.js"))) > 50


def test_the_vietnamese_decap_lacks_is_added_by_a_script_of_ours_after_decap_s(make_site, decap):
    """Decap's "vi" leaves "Writing in VI", "Copy Name" and more in English: a script of ours,
    loaded right after Decap's, adds them (editor/decap_vi.yml), each under a phrase the pinned
    bundle has (a misspelt key would never show)."""
    site, _ = built_editor(make_site, GITLAB)
    page = site.html("quan-tri/index.html")
    assert '<script src="decap-cms.js"></script>\n<script src="tieng-viet-bo-sung.js"></script>' in page
    added = (site.root / "site" / "quan-tri" / "tieng-viet-bo-sung.js").read_text(encoding="utf-8")
    assert 'cms.registerLocale("vi"' in added and '"writingInLocale": "Đang viết bản %{locale}"' in added
    assert '"copyName": "Sao chép tên"' in added
    bundle = (decap / SCRIPT).read_text(encoding="utf-8")
    words = interface_words.words()

    def leaves(tree: dict, path: str = ""):
        for key, value in tree.items():
            yield from leaves(value, f"{path}{key}.") if isinstance(value, dict) else [f"{path}{key}"]
    for key in leaves(words):
        parent, _, leaf = key.rpartition(".")
        # the leaf within its parent's braces, past the placeholders (%{locale}) of its siblings
        assert re.search(rf"\b{parent.rpartition('.')[2]}:\{{(?:[^{{}}]|%\{{\w+\}})*?\b{leaf}:", bundle), key


def test_the_configuration_says_what_mkdocs_yml_says(make_site, decap):
    _, config = built_editor(make_site, GITLAB)
    assert config["backend"] == {"name": "gitlab", "repo": "ban-tdkt/cong-thi-dua", "branch": "main",
                                 "auth_type": "pkce", "api_root": "https://git.tinh-mau.example.vn/api/v4",
                                 "base_url": "https://git.tinh-mau.example.vn", "app_id": "abc123"}
    assert config["locale"] == "vi"
    assert config["logo_url"] == "../assets/logo.svg"  # the site's own, from the site
    assert config["publish_mode"] == "editorial_workflow"
    _, local = built_editor(make_site, {"backend": "local", "workflow": False})
    assert local["backend"]["name"] == "proxy" and "publish_mode" not in local


def test_fields_come_from_the_specs_and_the_site_s_data(make_site, decap):
    _, config = built_editor(make_site, GITLAB, languages=("vi", "en"))
    collections = {c["name"]: c for c in config["collections"]}
    assert {"plans", "decisions", "messages", "stories", "consultations"} <= set(collections)
    messages = {f["name"]: f for f in collections["messages"]["fields"]}
    assert collections["messages"]["folder"] == "content/messages"
    assert messages["kind"]["widget"] == "select" and "required" not in messages["kind"]  # required
    assert messages["kind"]["options"][0] == {"label": "Khẩu hiệu", "value": "slogan"}
    assert [o["value"] for o in messages["kind"]["options"]] == ["slogan", "message", "article", "poster", "audio", "video"]
    assert messages["valid_from"]["widget"] == "datetime" and messages["valid_from"]["required"] is False
    assert messages["languages"]["widget"] == "list"
    # Award forms, bodies, units and campaigns: labels shown, codes stored.
    decisions = {f["name"]: f for f in collections["decisions"]["fields"]}
    assert decisions["award"]["options"][:2] == [
        {"label": "Bằng khen của Thủ tướng Chính phủ", "value": "bang-khen-ttg"},
        {"label": "Bằng khen của Chủ tịch UBND tỉnh", "value": "bang-khen-tinh"}]
    assert {"label": "Ủy ban nhân dân tỉnh Mẫu", "value": "ubnd-tinh"} in decisions["issuer"]["options"]
    awardee = {f["name"]: f for f in decisions["awardees"]["fields"]}
    # A label by name, unless the spec says what the field means there: a signer's title is
    # the position signing, not the document's title.
    signer = {f["name"]: f["label"] for f in decisions["signer"]["fields"]}
    assert decisions["title"]["label"] == "Tiêu đề (trích yếu)" and signer["title"] == "Chức vụ người ký"
    assert signer["name"] == "Họ và tên" and decisions["signer"]["label"] == "Người ký"
    assert {"label": "Tỉnh Mẫu", "value": "tinh-mau"} in awardee["locality"]["options"]
    assert decisions["plan"]["widget"] == "relation" and decisions["plan"]["collection"] == "plans"
    # An image is stored as the path from content/ the spec asks for, the file beside the entry.
    assert messages["image"]["widget"] == "image"
    assert (collections["messages"]["media_folder"], collections["messages"]["public_folder"]) == ("", "messages")
    # A decision's recipients sheet is uploaded beside it and stored as its name alone
    # (content/sheet_files.py reads it); the browser test uploads one.
    assert decisions["sheet_file"] == {"name": "sheet_file", "label": "Bảng tính danh sách (.csv, .xlsx)",
                                       "widget": "file", "media_folder": "", "public_folder": "",
                                       "choose_url": False, "required": False}
    # Translations beside the Vietnamese: Decap's i18n, one file per language (<stem>.vi.md,
    # <stem>.en.md); only what a translation may carry is translated, the facts stay Vietnamese.
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["vi", "en"], "default_locale": "vi"}
    assert set(collections) == {"plans", "decisions", "messages", "stories", "consultations"}  # none per language
    assert collections["messages"]["i18n"] is True
    assert [f["name"] for f in collections["messages"]["fields"] if f.get("i18n")] == [
        name for name in messages if name in (*TRANSLATABLE["message"], "source_hash", "body")]
    assert "i18n" not in messages["kind"] and "i18n" not in decisions["sheet_file"]


def test_a_site_of_one_language_has_no_translations_in_the_editor(make_site, decap):
    _, config = built_editor(make_site, GITLAB)
    assert "i18n" not in config and not any("i18n" in c for c in config["collections"])


def test_sources_the_editor_cannot_open_with_their_translations_are_warned_about_by_folder(make_site):
    site = make_site(BASE_DATA, languages=("vi", "en"), plugin={"editor": {"backend": "local"}})
    proc = site.run("check", "--lang", "en", check_exit=0)
    lines = [line for line in proc.stdout.splitlines() if "the web editor opens a file" in line]
    assert lines == ["content/plans/: warning: 3 Vietnamese files in this folder are named <id>.md (for example "
                     "kh-tinh.md): the web editor opens a file with its translations only when it is named "
                     "<id>.vi.md (kh-tinh.vi.md); rename these files (docs/web-editor.md, Translations)"], proc.stdout
    for name in ("kh-tinh", "kh-xa", "qd-1"):
        (site.root / f"content/plans/{name}.md").rename(site.root / f"content/plans/{name}.vi.md")
    proc = site.run("check", "--lang", "en", check_exit=0)
    assert "the web editor opens a file" not in proc.stdout


def test_new_and_import_name_a_source_as_the_editor_opens_it(make_site):
    """Where the editor edits translations (an editor and several languages), `new` and
    `import` write `<stem>.vi.md`, which it opens with them and `check` does not warn about;
    elsewhere `<stem>.md`, as before."""
    from tests.test_importer import make_decision

    local = {"editor": {"backend": "local"}}
    sites = {}
    for folder, languages, plugin, written in (("editor-vi-en", ("vi", "en"), local, "ke-hoach-moi.vi.md"),
                                               ("editor-vi", ("vi",), local, "ke-hoach-moi.md"),
                                               ("vi-en", ("vi", "en"), {}, "ke-hoach-moi.md")):
        site = sites[folder] = make_site(BASE_DATA, languages=languages, plugin=plugin, folder=folder)
        proc = site.run("new", "plan", "ke-hoach-moi", check_exit=0)
        assert sorted(p.name for p in (site.root / "content/plans").glob("ke-hoach-moi*")) == [written], folder
        assert proc.stdout.strip() == f"content/plans/{written}"
        make_decision(site.root / "qd-2345.docx")
        proc = site.run("import", "qd-2345.docx", check_exit=0)
        drafts = sorted(p.name for p in (site.root / "content/decisions").iterdir())
        stem = drafts[0].split(".")[0]
        assert drafts == [f"{stem}.csv", written.replace("ke-hoach-moi", stem)], folder  # the sheet keeps <id>.csv

    # the editor's site: neither new file is warned about (the shared plans still are), and an
    # id whose source exists under either name is not written again
    site = sites["editor-vi-en"]
    proc = site.run("check", "--lang", "en")
    warned = [line for line in proc.stdout.splitlines() if "the web editor opens a file" in line]
    assert [line.split(":")[0] for line in warned] == ["content/plans/"] and "3 Vietnamese files" in warned[0]
    for existing in ("kh-tinh", "ke-hoach-moi"):  # kh-tinh.md, ke-hoach-moi.vi.md
        proc = site.run("new", "plan", existing)
        assert proc.returncode == 2 and "already exists" in proc.stderr, existing


def _spec_paths(spec: dict, prefix: str = "") -> set[str]:
    paths = set()
    for name, f in spec.items():
        paths.add(prefix + name)
        inner = f.fields if f.type == "obj" else f.items.fields if f.type == "list" and f.items.type == "obj" else None
        if inner:
            paths |= _spec_paths(inner, prefix + name + ".")
    return paths


def _editor_paths(fields: list[dict], prefix: str = "") -> set[str]:
    paths = set()
    for field in fields:
        paths.add(prefix + field["name"])
        if "fields" in field:
            paths |= _editor_paths(field["fields"], prefix + field["name"] + ".")
    return paths


def test_every_field_of_every_kind_has_an_editor_field_and_no_other(make_site, decap):
    """A field added to a spec (content/schema.py) and missing in the editor fails here."""
    _, config = built_editor(make_site, GITLAB)
    collections = {c["name"]: c for c in config["collections"]}
    for folder, kind in COLLECTION_DIRS.items():
        editor = _editor_paths(collections[folder]["fields"]) - {"body"}
        assert _spec_paths(COLLECTIONS[kind]) - editor == set(), f"{kind}: fields the editor lacks"
        assert editor - _spec_paths(COLLECTIONS[kind]) == set(), f"{kind}: editor fields check would refuse"


@pytest.mark.parametrize("editor, field, words", [
    ({"backend": "svn", "repo": "a/b"}, "editor.backend", "không phải là lựa chọn hợp lệ"),
    ({"backend": "github"}, "editor.repo", "thiếu trường bắt buộc"),
    ({"backend": "gitlab", "repo": "a/b", "base_url": "https://git.tinh.vn"}, "editor.app_id", "thiếu trường bắt buộc"),
    ({"backend": "gitea", "repo": "a/b", "workflow": True}, "editor.workflow", "không hỗ trợ quy trình duyệt bài"),
    ({"backend": "local", "brnach": "main"}, "editor.brnach", "có phải là 'branch'?"),
])
def test_wrong_editor_options_are_told_like_wrong_fields(make_site, editor, field, words):
    site = make_site(BASE_DATA, plugin={"editor": editor})
    proc = site.run("check", check_exit=1)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("mkdocs.yml") and f"'{field}'" in line]
    assert lines and words in lines[0], proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


class _Index(http.server.BaseHTTPRequestHandler):
    """An npm package index on loopback that serves one wrong tarball."""
    body = b""

    def do_GET(self):  # noqa: N802 (the handler's name)
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_without_the_cms_files_the_build_stops_with_a_clear_message(make_site, tmp_path):
    site = make_site(BASE_DATA, plugin={"editor": {"backend": "local"}})
    empty = {"SITE_BUILDER_CACHE_DIR": str(tmp_path / "empty-cache")}
    # `check` needs no network: it never fetches the editor.
    site.run("check", check_exit=0, env={**empty, "NPM_CONFIG_REGISTRY": f"http://127.0.0.1:{_closed_port()}/"})
    proc = site.run("build", env={**empty, "NPM_CONFIG_REGISTRY": f"http://127.0.0.1:{_closed_port()}/"})
    assert proc.returncode != 0
    assert f"chưa có tệp của trình soạn thảo web ({DECAP.package} {DECAP.version})" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (site.root / "site" / "quan-tri").exists()
    # An index that serves something else: refused by the pinned sha512, never served.
    _Index.body = b"not the package"
    server = http.server.HTTPServer(("127.0.0.1", 0), _Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        proc = site.run("build", env={**empty, "NPM_CONFIG_REGISTRY": f"http://127.0.0.1:{server.server_port}/"})
    finally:
        server.shutdown()
    assert proc.returncode != 0 and "does not match the pinned integrity (sha512)" in proc.stderr
    assert not (site.root / "site" / "quan-tri").exists()


def test_the_pinned_package_holds_the_script(decap):
    assert (decap / SCRIPT).stat().st_size > 1_000_000
    assert tarfile.is_tarfile(decap.parent / DECAP.tarball)
