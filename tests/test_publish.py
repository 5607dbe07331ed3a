"""Publishing: scripts/publish.sh (the sequence every workflow runs), drafts and scheduling,
safe output when a build breaks halfway, a real `git push` to a bare repository whose
hook publishes into a folder served over loopback, branch previews (their folders, addresses,
noindex and deletion), and the documented nginx and Apache lines that keep previews behind a
password, each in a real server."""
from __future__ import annotations

import base64
import datetime as dt
import functools
import http.server
import os
import re
import shlex
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import BASE_DATA, REPO, missing_tool
from .local_nginx import LocalNginx, free_ports

PUBLISH = REPO / "scripts" / "publish.sh"
HOOKS = REPO / "scripts" / "hooks"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None or shutil.which("git") is None,
                                reason="needs bash and git")


def publish_env(**extra) -> dict:
    env = {**os.environ, "PYTHONUTF8": "1", "SITE_BUILDER": f"{sys.executable} -m site_builder.cli",
           "CHECK_FORMAT": "text"}
    env.pop("GITHUB_ACTIONS", None)
    env.update(extra)
    return env


def run_publish(site, target: Path, *args: str, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(PUBLISH), *args], cwd=site.root, capture_output=True, text=True,
                          env=publish_env(PUBLISH_DIR=str(target), **extra))


def leftovers(folder: Path) -> list[str]:
    """Temporary folders a build or a swap may leave beside the target."""
    return [p.name for p in folder.iterdir()
            if p.is_dir() and (".staging" in p.name or ".old-" in p.name or p.name.startswith(".publish-"))]


def bad_date(site, path="content/plans/kh-tinh.md"):
    text = (site.root / path).read_text(encoding="utf-8").replace("date: 2021-09-21", "date: 2021-13-01")
    site.write({path: text})


# --- scripts/publish.sh ----------------------------------------------------------------------


def test_publish_script_swaps_in_good_builds_and_keeps_the_last_site_on_errors(make_site, tmp_path_factory):
    site = make_site(BASE_DATA)
    www = tmp_path_factory.mktemp("server") / "www"
    first = run_publish(site, www)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "ĐÃ ĐĂNG (production)" in first.stdout
    page = (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")
    assert "Triển khai phong trào thi đua đặc biệt" in page
    assert (www / "index.html").is_file()  # the Material home page too

    bad_date(site)
    second = run_publish(site, www)
    assert second.returncode == 1
    out = second.stdout + second.stderr
    assert "content/plans/kh-tinh.md:6: 'date': \"2021-13-01\" không phải là ngày hợp lệ" in out
    assert "KHÔNG ĐĂNG" in out
    assert (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8") == page
    assert leftovers(www.parent) == []


def test_publish_script_speaks_english_and_refuses_a_wrong_mode(make_site, tmp_path):
    site = make_site(BASE_DATA)
    bad_date(site)
    proc = run_publish(site, tmp_path / "www", MESSAGES_LANG="en")
    assert proc.returncode == 1
    assert "NOT PUBLISHED: the content has errors" in proc.stdout
    assert "is not a date" in proc.stdout
    wrong = run_publish(site, tmp_path / "www", "staging")
    assert wrong.returncode == 2 and "usage" in wrong.stderr


def test_under_github_actions_the_check_annotates_lines_and_writes_the_run_summary(make_site, tmp_path):
    """What a pull request shows, a Decap draft's included: the failed check, its problems on
    the changed lines, and the Vietnamese report in the run's summary."""
    site = make_site(BASE_DATA)
    bad_date(site)
    summary = tmp_path / "step-summary.md"
    proc = run_publish(site, tmp_path / "www", "preview", GITHUB_ACTIONS="true", CHECK_FORMAT="",
                       GITHUB_STEP_SUMMARY=str(summary))
    assert proc.returncode == 1
    assert "::error file=content/plans/kh-tinh.md,line=6::" in proc.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### KIỂM TRA NỘI DUNG: 1 lỗi")
    assert "content/plans/kh-tinh.md:6: 'date': \"2021-13-01\" không phải là ngày hợp lệ" in text
    assert not (tmp_path / "www").exists()  # no preview of a commit with errors


def test_check_reports_asked_of_the_publish_script_are_written_even_when_it_refuses(make_site, tmp_path):
    """GitLab's jobs ask for a JUnit report (CHECK_REPORTS), which the merge request shows."""
    site = make_site(BASE_DATA)
    bad_date(site)
    junit = tmp_path / "kiem-tra.xml"
    proc = run_publish(site, tmp_path / "www", "preview", CHECK_REPORTS=f"junit={junit}")
    assert proc.returncode == 1 and "KHÔNG ĐĂNG" in proc.stdout
    assert "content/plans/kh-tinh.md:6: 'date'" in proc.stdout  # the log's report stays
    failures = ET.parse(junit).getroot().findall("./testsuite/testcase/failure")
    assert [f.text.split(": ", 1)[0] for f in failures] == ["content/plans/kh-tinh.md:6"]


# --- drafts and scheduling -------------------------------------------------------------------

NEXT_YEAR = dt.date.today().year + 1
DRAFTS = {
    "content/plans/nhap.md": """
        ---
        number: "200"
        symbol: KH-UBND
        issuer: ubnd-huyen
        date: 2022-01-05
        title: Kế hoạch còn đang soạn
        draft: true
        signer: {title: CHỦ TỊCH, name: Phạm Văn D}
        ---
        Bản nháp.
    """,
    "content/plans/hen-gio.md": f"""
        ---
        number: "201"
        symbol: KH-UBND
        issuer: ubnd-huyen
        date: 2022-01-06
        title: Kế hoạch hẹn ngày đăng
        publish_date: {NEXT_YEAR}-01-01
        signer: {{title: CHỦ TỊCH, name: Phạm Văn D}}
        ---
        Đăng vào năm sau.
    """,
}
BANNER = "BẢN XEM TRƯỚC"
NOINDEX = '<meta name="robots" content="noindex">'


def test_production_hides_drafts_and_scheduled_content(make_site, tmp_path):
    site = make_site(BASE_DATA, DRAFTS)
    proc = run_publish(site, tmp_path / "www")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    www = tmp_path / "www"
    assert not (www / "van-ban/nhap").exists()
    assert not (www / "van-ban/hen-gio").exists()
    listing = (www / "van-ban/index.html").read_text(encoding="utf-8")
    assert "Kế hoạch còn đang soạn" not in listing and "Kế hoạch hẹn ngày đăng" not in listing
    assert "Triển khai phong trào thi đua đặc biệt" in listing
    for page in ("index.html", "van-ban/index.html", "van-ban/kh-tinh/index.html"):
        assert BANNER not in (www / page).read_text(encoding="utf-8"), page
    assert 'class="md-banner' not in (www / "index.html").read_text(encoding="utf-8")  # no empty banner
    for page in ("index.html", "van-ban/kh-tinh/index.html"):  # noindex is for previews
        assert NOINDEX not in (www / page).read_text(encoding="utf-8"), page
    assert "Disallow: /\n" not in (www / "robots.txt").read_text(encoding="utf-8")
    assert "Tệp nội dung: 3 đã dựng, 1 bản nháp, chưa đăng, 1 chưa đến ngày đăng" in proc.stdout


def test_preview_shows_drafts_and_scheduled_content_under_a_banner(make_site, tmp_path):
    site = make_site(BASE_DATA, DRAFTS)
    proc = run_publish(site, tmp_path / "preview", "preview")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "BẢN XEM TRƯỚC (chưa đăng)" in proc.stdout and "ĐÃ ĐĂNG" not in proc.stdout  # a preview is not published
    www = tmp_path / "preview"
    draft = (www / "van-ban/nhap/index.html").read_text(encoding="utf-8")
    assert "Kế hoạch còn đang soạn" in draft and BANNER in draft
    assert "Kế hoạch hẹn ngày đăng" in (www / "van-ban/hen-gio/index.html").read_text(encoding="utf-8")
    # Material renders the hand-written pages: they carry the banner too.
    home = (www / "index.html").read_text(encoding="utf-8")
    assert BANNER in home and 'class="md-banner' in home


# --- a build that breaks halfway -------------------------------------------------------------


def test_build_failing_halfway_leaves_the_last_good_site_whole(make_site, monkeypatch):
    """In-process: the renderer writes some pages, then fails; nothing of it reaches the site."""
    from site_builder.build import build_site
    from site_builder.config import SiteConfig
    from site_builder.render.renderer import Renderer

    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")  # render in this process, where the patch is
    site = make_site(BASE_DATA)
    out = site.root / "public"
    config = SiteConfig(content_dir=site.root / "content")
    build_site(config, out)
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert "van-ban/kh-tinh/index.html" in before

    original = Renderer.write
    written = []

    def write_then_fail(self, spec, lang):
        if len(written) == 3:
            raise RuntimeError("template exploded halfway")
        original(self, spec, lang)
        written.append(spec.path)

    monkeypatch.setattr(Renderer, "write", write_then_fail)
    site.write({"content/plans/kh-tinh.md": (site.root / "content/plans/kh-tinh.md").read_text(
        encoding="utf-8").replace("Triển khai phong trào", "Tiêu đề mới")})
    with pytest.raises(RuntimeError, match="halfway"):
        build_site(SiteConfig(content_dir=site.root / "content"), out)
    assert len(written) == 3  # the build really was halfway
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert leftovers(site.root) == []


def test_theme_template_error_halfway_publishes_nothing(make_site, tmp_path):
    """Through the publish script: a province's template override that fails while rendering
    campaign pages (after document pages were written) leaves the served site as it was."""
    site = make_site(BASE_DATA)
    www = tmp_path / "served" / "www"
    assert run_publish(site, www).returncode == 0
    before = {p.relative_to(www).as_posix(): p.read_bytes() for p in www.rglob("*") if p.is_file()}

    theme = site.root / "my-theme"
    shutil.copytree(REPO / "theme", theme)
    (theme / "core").mkdir(exist_ok=True)
    (theme / "core" / "campaign.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ khong_co.truong.nao }}{% endblock %}', encoding="utf-8")
    yml = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    site.write({"mkdocs.yml": yml.replace(f"custom_dir: {REPO / 'theme'}", f"custom_dir: {theme}")})
    site.write({"content/plans/kh-tinh.md": (site.root / "content/plans/kh-tinh.md").read_text(
        encoding="utf-8").replace("Triển khai phong trào", "Tiêu đề mới")})

    proc = run_publish(site, www)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "KHÔNG ĐĂNG: dựng trang bị lỗi" in proc.stdout
    after = {p.relative_to(www).as_posix(): p.read_bytes() for p in www.rglob("*") if p.is_file()}
    assert after == before
    assert leftovers(www.parent) == []
    assert leftovers(site.root) == []


def test_deploy_runs_only_after_a_successful_build(make_site, tmp_path):
    """DEPLOY=rsync with a fake rsync on PATH: called once for a good build, never for a bad one."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "rsync-calls"
    (bin_dir / "rsync").write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\n', encoding="utf-8")
    (bin_dir / "rsync").chmod(0o755)
    env = {"DEPLOY": "rsync", "RSYNC_DEST": "web@127.0.0.1:/srv/www/",
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    site = make_site(BASE_DATA)
    good = run_publish(site, tmp_path / "www", **env)
    assert good.returncode == 0, good.stdout + good.stderr
    recorded = calls.read_text(encoding="utf-8").splitlines()
    assert len(recorded) == 1 and recorded[0].endswith(f"{tmp_path / 'www'}/ web@127.0.0.1:/srv/www/")
    assert "--delete-after" in recorded[0]
    bad_date(site)
    assert run_publish(site, tmp_path / "www", **env).returncode == 1
    assert len(calls.read_text(encoding="utf-8").splitlines()) == 1


# --- a real push ------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    """A folder served on 127.0.0.1 (an ephemeral port) as a web server would serve the site."""
    root = tmp_path / "server" / "www"
    root.parent.mkdir(parents=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"


def git(cwd: Path, *args: str, check: bool = True, **extra) -> subprocess.CompletedProcess:
    env = publish_env(GIT_AUTHOR_NAME="Cán bộ Thi đua", GIT_AUTHOR_EMAIL="thidua@example.invalid",
                      GIT_COMMITTER_NAME="Cán bộ Thi đua", GIT_COMMITTER_EMAIL="thidua@example.invalid",
                      GIT_CONFIG_NOSYSTEM="1", HOME=str(cwd), **extra)
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def server_repo(tmp_path: Path, www: Path, *hook_names: str) -> Path:
    """A bare repository with the shipped hooks installed as docs/publishing.md says."""
    bare = tmp_path / "server.git"
    git(tmp_path, "init", "--bare", "-q", "-b", "main", str(bare))
    for name in hook_names:
        shutil.copy(HOOKS / name, bare / "hooks" / name)
        (bare / "hooks" / name).chmod(0o755)
    shutil.copy(HOOKS / "branch-folder.sh", bare / "hooks" / "branch-folder.sh")  # the rule both hooks use
    git(bare, "config", "publish.dir", str(www))
    return bare


def editor_clone(site, bare: Path) -> None:
    """The communicator's working copy: the site plus the publish script, pushed to the server."""
    (site.root / "scripts").mkdir(exist_ok=True)
    shutil.copy(PUBLISH, site.root / "scripts" / "publish.sh")
    (site.root / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(site.root, "init", "-q", "-b", "main")
    git(site.root, "remote", "add", "origin", str(bare))
    git(site.root, "add", ".")
    git(site.root, "commit", "-q", "-m", "Trang thi đua")


def retitle(site, new: str) -> None:
    path = site.root / "content/plans/kh-tinh.md"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("title: "))
    path.write_text(text.replace(old, f"title: {new}"), encoding="utf-8")


def test_git_push_publishes_and_a_push_with_errors_leaves_the_site(make_site, served, tmp_path_factory):
    www, url = served
    site = make_site(BASE_DATA)
    bare = server_repo(tmp_path_factory.mktemp("remote"), www, "post-receive")
    editor_clone(site, bare)

    push = git(site.root, "push", "-q", "origin", "main")
    assert "ĐÃ ĐĂNG (production)" in push.stderr, push.stderr
    assert "Triển khai phong trào thi đua đặc biệt" in fetch(url + "van-ban/kh-tinh/")

    retitle(site, "Triển khai phong trào thi đua đặc biệt (sửa đổi)")
    git(site.root, "commit", "-q", "-am", "Sửa tên kế hoạch")
    git(site.root, "push", "-q", "origin", "main")
    page = fetch(url + "van-ban/kh-tinh/")
    assert "Triển khai phong trào thi đua đặc biệt (sửa đổi)" in page

    bad_date(site)
    retitle(site, "Tiêu đề không được đăng")
    git(site.root, "commit", "-q", "-am", "Ngày sai")
    push = git(site.root, "push", "origin", "main")  # post-receive: stored, not published
    assert "remote: content/plans/kh-tinh.md:6: 'date': \"2021-13-01\" không phải là ngày hợp lệ" in push.stderr
    assert "remote: KHÔNG ĐĂNG" in push.stderr
    assert fetch(url + "van-ban/kh-tinh/") == page
    assert leftovers(www.parent) == []


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_push_publishes_incrementally_and_pre_receive_refuses_a_push_with_errors(make_site, tmp_path_factory):
    remote = tmp_path_factory.mktemp("remote")
    www = remote / "www"
    site = make_site(BASE_DATA)
    bare = server_repo(remote, www, "pre-receive", "post-receive")
    editor_clone(site, bare)

    # A cold publish: no site, no working copy on the server yet.
    push = git(site.root, "push", "-q", "origin", "main")
    assert "ĐÃ ĐĂNG (production)" in push.stderr, push.stderr
    assert "Triển khai phong trào thi đua đặc biệt" in (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")
    kept_copy = bare / "publish" / "main" / "tree"
    assert (kept_copy / "content/plans/kh-tinh.md").is_file()
    assert list((kept_copy / ".cache" / "site-builder").glob("manifest-*.marshal"))
    before, folder_before = inodes(www), www.stat().st_ino

    # An edit: the kept working copy and its build record make the build incremental, and the
    # build exchanges the live folder in one step (a new folder whose unchanged files are the
    # same files, hard links, where a fresh build would have made every file anew).
    retitle(site, "Triển khai phong trào thi đua đặc biệt (sửa đổi)")
    git(site.root, "commit", "-q", "-am", "Sửa tên kế hoạch")
    push = git(site.root, "push", "-q", "origin", "main")
    assert "ĐÃ ĐĂNG (production)" in push.stderr, push.stderr
    page = (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")
    assert "Triển khai phong trào thi đua đặc biệt (sửa đổi)" in page
    after = inodes(www)
    assert www.stat().st_ino != folder_before  # exchanged, not edited in place
    assert after["van-ban/kh-tinh/index.html"] != before["van-ban/kh-tinh/index.html"]
    kept = [path for path, inode in after.items() if before.get(path) == inode]
    assert "404.html" in kept and len(kept) > len(after) // 2, kept
    assert leftovers(www.parent) == []
    good_commit = git(site.root, "rev-parse", "HEAD").stdout.strip()
    live = files(www)

    # A push with an error is refused before the branch moves; the site stays as it was.
    bad_date(site)
    retitle(site, "Tiêu đề không được đăng")
    git(site.root, "commit", "-q", "-am", "Ngày sai")
    push = git(site.root, "push", "origin", "main", check=False)
    assert push.returncode != 0
    assert "[remote rejected] main -> main (pre-receive hook declined)" in push.stderr
    assert "remote: content/plans/kh-tinh.md:6: 'date': \"2021-13-01\" không phải là ngày hợp lệ" in push.stderr
    assert "remote: TỪ CHỐI: nội dung có lỗi" in push.stderr
    assert "Traceback" not in push.stderr
    assert git(bare, "rev-parse", "main").stdout.strip() == good_commit
    assert files(www) == live
    assert (kept_copy / "content/plans/kh-tinh.md").read_text(encoding="utf-8") == \
        git(site.root, "show", f"{good_commit}:content/plans/kh-tinh.md").stdout

    # Fixed and pushed again: accepted and published.
    git(site.root, "revert", "--no-edit", "HEAD")
    push = git(site.root, "push", "-q", "origin", "main")
    assert "ĐÃ ĐĂNG (production)" in push.stderr, push.stderr


def logged_builder(folder: Path) -> tuple[str, Path]:
    """A SITE_BUILDER that notes each command it is asked to run (one line: build, check...) in
    a log, then runs site-builder: every run loads the whole content."""
    log, wrapper = folder / "site-builder-runs", folder / "site-builder-logged"
    wrapper.write_text(f'#!/bin/sh\necho "$1" >> {shlex.quote(str(log))}\n'
                       f'exec {shlex.quote(sys.executable)} -m site_builder.cli "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return str(wrapper), log


def runs(log: Path) -> list[str]:
    """The commands the logged builder ran since the last call, and a fresh log."""
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    log.unlink(missing_ok=True)
    return text.split()


def test_a_push_to_the_published_branch_loads_its_content_once(make_site, tmp_path_factory):
    """pre-receive publishes the pushed commit with one build (which refuses content with errors
    before writing anything) and post-receive finds it published: one load of the content per
    push, good or bad, where a check and then a build each loaded all of it."""
    remote = tmp_path_factory.mktemp("remote")
    www = remote / "www"
    builder, log = logged_builder(remote)
    site = make_site(BASE_DATA)
    bare = server_repo(remote, www, "pre-receive", "post-receive")
    editor_clone(site, bare)

    push = git(site.root, "push", "origin", "main", SITE_BUILDER=builder)  # a cold publish
    assert runs(log) == ["build"]
    assert push.stderr.count("ĐÃ ĐĂNG (production)") == 1, push.stderr
    assert "Triển khai phong trào thi đua đặc biệt" in (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")

    retitle(site, "Kế hoạch sửa một lần")
    git(site.root, "commit", "-q", "-am", "Sửa tên kế hoạch")
    push = git(site.root, "push", "origin", "main", SITE_BUILDER=builder)
    assert runs(log) == ["build"]
    assert push.stderr.count("ĐÃ ĐĂNG (production)") == 1, push.stderr  # post-receive adds nothing
    assert "đã dựng trong lần đẩy trước" not in push.stderr
    assert "Kế hoạch sửa một lần" in (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")
    assert (bare / "publish" / "main" / "published").read_text(encoding="utf-8").split()[0] == \
        git(bare, "rev-parse", "main").stdout.strip()
    live = files(www)

    bad_date(site)
    git(site.root, "commit", "-q", "-am", "Ngày sai")
    push = git(site.root, "push", "origin", "main", check=False, SITE_BUILDER=builder)
    assert runs(log) == ["build"]
    assert "[remote rejected] main -> main (pre-receive hook declined)" in push.stderr
    # Only the report and the refusal: not publish.sh's own "KHÔNG ĐĂNG" line besides.
    assert "remote: TỪ CHỐI: nội dung có lỗi" in push.stderr and "KHÔNG ĐĂNG" not in push.stderr
    assert files(www) == live


def test_a_force_push_the_server_denies_is_never_built(make_site, tmp_path_factory):
    """pre-receive publishes before git moves the branch: a push git refuses afterwards
    (receive.denyNonFastForwards, as docs/publishing.md sets it) must not reach the site."""
    remote = tmp_path_factory.mktemp("remote")
    www = remote / "www"
    builder, log = logged_builder(remote)
    site = make_site(BASE_DATA)
    bare = server_repo(remote, www, "pre-receive", "post-receive")
    git(bare, "config", "receive.denyNonFastForwards", "true")
    editor_clone(site, bare)
    git(site.root, "push", "-q", "origin", "main")
    live = files(www)
    retitle(site, "Lịch sử viết lại")
    git(site.root, "commit", "-q", "--amend", "-am", "Viết lại")
    push = git(site.root, "push", "--force", "origin", "main", check=False, SITE_BUILDER=builder)
    assert push.returncode != 0 and "[remote rejected] main -> main" in push.stderr, push.stderr
    assert runs(log) == []
    assert files(www) == live


def test_a_commit_git_refused_after_pre_receive_published_it_is_replaced_by_the_next_publication(
        make_site, tmp_path_factory):
    """What docs/publishing.md says of a branch git fails to move after pre-receive published
    it (here an `update` hook refuses it): the refused commit is live until the branch is
    published again, and post-receive publishes the branch's commit then."""
    remote = tmp_path_factory.mktemp("remote")
    www = remote / "www"
    site = make_site(BASE_DATA)
    bare = server_repo(remote, www, "pre-receive", "post-receive")
    editor_clone(site, bare)
    git(site.root, "push", "-q", "origin", "main")
    good = git(site.root, "rev-parse", "HEAD").stdout.strip()
    update = bare / "hooks" / "update"
    update.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    update.chmod(0o755)
    retitle(site, "Kế hoạch git không nhận")
    git(site.root, "commit", "-q", "-am", "Không nhận")
    push = git(site.root, "push", "origin", "main", check=False)
    assert "[remote rejected] main -> main (hook declined)" in push.stderr, push.stderr
    assert git(bare, "rev-parse", "main").stdout.strip() == good
    assert "Kế hoạch git không nhận" in (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")

    update.unlink()
    again = subprocess.run([str(bare / "hooks" / "post-receive")], cwd=bare, capture_output=True, text=True,
                           input=f"{'0' * 40} {good} refs/heads/main\n", env=publish_env(GIT_DIR=str(bare)))
    assert again.returncode == 0 and "ĐÃ ĐĂNG (production)" in again.stdout, again.stdout + again.stderr
    page = (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")
    assert "Kế hoạch git không nhận" not in page and "Triển khai phong trào thi đua đặc biệt" in page


def test_hook_publishes_the_branch_as_it_is_never_an_older_commit(make_site, tmp_path_factory):
    """Two pushes in quick succession: the hook that runs last may carry the older commit on its
    input; it publishes the branch as it is, or says the newest commit is live already."""
    remote = tmp_path_factory.mktemp("remote")
    www = remote / "www"
    site = make_site(BASE_DATA)
    bare = server_repo(remote, www, "post-receive")
    editor_clone(site, bare)
    first = git(site.root, "rev-parse", "HEAD").stdout.strip()
    retitle(site, "Kế hoạch đẩy lần hai")
    git(site.root, "commit", "-q", "-am", "Lần hai")
    git(site.root, "push", "-q", "origin", "main")
    assert "Kế hoạch đẩy lần hai" in (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")
    second = git(site.root, "rev-parse", "HEAD").stdout.strip()

    late = subprocess.run([str(bare / "hooks" / "post-receive")], cwd=bare, capture_output=True, text=True,
                          input=f"0000000000000000000000000000000000000000 {first} refs/heads/main\n",
                          env=publish_env(GIT_DIR=str(bare)))
    assert late.returncode == 0, late.stdout + late.stderr
    assert f"bản {second[:7]}, đã dựng trong lần đẩy trước" in late.stdout
    assert "Kế hoạch đẩy lần hai" in (www / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")


def test_a_branch_preview_keeps_its_own_working_copy_until_the_branch_is_deleted(make_site, tmp_path_factory):
    remote = tmp_path_factory.mktemp("remote")
    site = make_site(BASE_DATA)
    bare = server_repo(remote, remote / "www", "pre-receive", "post-receive")
    git(bare, "config", "publish.previewDir", str(remote / "xem-truoc"))
    editor_clone(site, bare)
    git(site.root, "push", "-q", "origin", "main")
    git(site.root, "switch", "-q", "-c", "thu-nghiem")
    bad_date(site)  # a work in progress: other branches are not refused, their preview says why
    git(site.root, "commit", "-q", "-am", "Đang sửa")
    push = git(site.root, "push", "origin", "thu-nghiem")
    assert "remote: KHÔNG ĐĂNG: nội dung có lỗi" in push.stderr
    assert "remote: content/plans/kh-tinh.md:6: 'date'" in push.stderr
    copy = bare / "publish" / "thu-nghiem" / "tree"
    assert "2021-13-01" in (copy / "content/plans/kh-tinh.md").read_text(encoding="utf-8")
    git(site.root, "push", "-q", "origin", "--delete", "thu-nghiem")
    assert not (bare / "publish" / "thu-nghiem").exists()
    assert (bare / "publish" / "main" / "tree").is_dir()


def test_manifests_of_output_folders_that_are_gone_are_removed(make_site, tmp_path):
    """One manifest per output folder; a development server's temporary folders must not leave
    theirs behind in the project's cache for ever."""
    site = make_site(BASE_DATA)
    kept, temporary = tmp_path / "kept-site", tmp_path / "serve-tmp"
    site.run("build", "--site-dir", str(kept), check_exit=0)
    site.run("build", "--site-dir", str(temporary), check_exit=0)
    cache = site.root / ".cache" / "site-builder"
    assert len(list(cache.glob("manifest-*.marshal"))) == 2
    shutil.rmtree(temporary)
    (cache / "manifest-0123456789abcdef01234567.marshal").write_bytes(b"from an older version")
    site.write({"content/gioi-thieu.md": "# Giới thiệu\n"})  # a build with nothing changed writes nothing
    site.run("build", "--site-dir", str(kept), check_exit=0)
    manifests = list(cache.glob("manifest-*.marshal"))
    assert len(manifests) == 1 and manifests[0].with_suffix(".site").read_text(encoding="utf-8") == str(kept.resolve())
    # ... and the kept folder's manifest is the one its next build trusts
    from site_builder.runtime.manifest import load_manifest
    from site_builder.config import SiteConfig

    assert load_manifest(SiteConfig(content_dir=site.root / "content"), kept) is not None


# --- previews on the server (publish.previewDir, publish.previewUrl) --------------------------

PREVIEW_URL = "https://xem-truoc.tinh.gov.vn"  # written without its last "/": the hook adds it


def preview_line(push: subprocess.CompletedProcess) -> str:
    """What the push says about the preview: the one "BẢN XEM TRƯỚC (chưa đăng): …" line."""
    lines = [line.removeprefix("remote: ").strip() for line in push.stderr.splitlines()
             if "BẢN XEM TRƯỚC (chưa đăng): " in line]
    assert len(lines) == 1, push.stderr
    return lines[0].split(": ", 1)[1]


def test_branch_previews_have_a_web_address_say_noindex_and_go_with_their_branch(make_site, tmp_path_factory):
    """Two branches whose names are no folder names as they are, one with a "/" and one in
    Vietnamese that folds to the same letters: each gets its own preview folder and address."""
    remote = tmp_path_factory.mktemp("remote")
    previews = remote / "xem-truoc"
    site = make_site(BASE_DATA, DRAFTS)
    bare = server_repo(remote, remote / "www", "pre-receive", "post-receive")
    git(bare, "config", "publish.previewDir", str(previews))
    editor_clone(site, bare)

    # Without publish.previewUrl the push names the folder.
    git(site.root, "switch", "-q", "-c", "thu/ke-hoach")
    push = git(site.root, "push", "origin", "thu/ke-hoach")
    folder = Path(preview_line(push))
    assert folder.parent == previews and re.fullmatch(r"thu-ke-hoach-[0-9a-f]{8}", folder.name), folder
    assert "Kế hoạch còn đang soạn" in (folder / "van-ban/nhap/index.html").read_text(encoding="utf-8")

    # With it, the web address of that folder, and only the address.
    git(bare, "config", "publish.previewUrl", PREVIEW_URL)
    retitle(site, "Kế hoạch sửa trên nhánh")
    git(site.root, "commit", "-q", "-am", "Sửa trên nhánh")
    push = git(site.root, "push", "origin", "thu/ke-hoach")
    assert preview_line(push) == f"{PREVIEW_URL}/{folder.name}/"
    assert str(previews) not in push.stderr and "ĐÃ ĐĂNG" not in push.stderr
    assert "Kế hoạch sửa trên nhánh" in (folder / "van-ban/kh-tinh/index.html").read_text(encoding="utf-8")
    # A hook that comes late (a push in quick succession) finds it built: still a preview.
    commit = git(site.root, "rev-parse", "HEAD").stdout.strip()
    late = subprocess.run([str(bare / "hooks" / "post-receive")], cwd=bare, capture_output=True, text=True,
                          input=f"{'0' * 40} {commit} refs/heads/thu/ke-hoach\n", env=publish_env(GIT_DIR=str(bare)))
    assert late.stdout.strip() == (f"BẢN XEM TRƯỚC (chưa đăng): {PREVIEW_URL}/{folder.name}/ "
                                   f"(bản {commit[:7]}, đã dựng trong lần đẩy trước)"), late.stdout + late.stderr

    git(site.root, "switch", "-q", "main")
    git(site.root, "switch", "-q", "-c", "thử/kế-hoạch")
    push = git(site.root, "push", "origin", "thử/kế-hoạch")
    address = preview_line(push)
    match = re.fullmatch(re.escape(PREVIEW_URL) + r"/(thu-ke-hoach-[0-9a-f]{8})/", address)
    assert match and match.group(1) != folder.name, address
    other = previews / match.group(1)
    assert (other / "van-ban/nhap/index.html").is_file()

    # Every page of a preview says noindex, core and Material alike, and so does robots.txt.
    pages = sorted(other.rglob("*.html"))
    assert len(pages) > 20
    assert [page for page in pages if NOINDEX not in page.read_text(encoding="utf-8")] == []
    assert (other / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"

    # Deleting a branch deletes its preview, what its builds kept beside it, and its working
    # copy; the other branch's preview stays.
    kept_beside = previews / f".{folder.name}.previous"
    assert kept_beside.is_dir()  # the incremental build's copy of the preview
    push = git(site.root, "push", "origin", "--delete", "thu/ke-hoach")
    assert f"ĐÃ XOÁ BẢN XEM TRƯỚC: {PREVIEW_URL}/{folder.name}/" in push.stderr, push.stderr
    assert not folder.exists() and not kept_beside.exists()
    assert not (bare / "publish" / folder.name).exists()
    assert (other / "index.html").is_file() and (bare / "publish" / other.name / "tree").is_dir()
    git(site.root, "push", "-q", "origin", "--delete", "thử/kế-hoạch")
    assert not other.exists() and not (bare / "publish" / other.name).exists()
    # what is left in the served folder: the locks and, for a moment, the trash
    assert [p.name for p in previews.iterdir() if not p.name.endswith(".lock") and not p.name.startswith(".deleted.")] == []


HOOK_NAMES = ["main", "thu-nghiem", "thu/ke-hoach", "thu-ke-hoach", "thử/kế-hoạch", "thứ/kế-hoạch",
              "Đợt-2/Ưu_tiên", "a--b", "cms/messages/thong-diep-1"]


def branch_folders(names=HOOK_NAMES) -> list[str]:
    """scripts/hooks/branch-folder.sh run as the GitHub workflow runs it, once per name."""
    script = HOOKS / "branch-folder.sh"
    return [subprocess.run([str(script), name], capture_output=True, text=True, check=True,
                           env={**os.environ, "LC_ALL": "C"}).stdout for name in names]


def test_a_branch_gets_one_folder_of_its_own_safe_in_an_address():
    folder = dict(zip(HOOK_NAMES, branch_folders()))
    assert folder["main"] == "main" and folder["thu-nghiem"] == "thu-nghiem" and folder["thu-ke-hoach"] == "thu-ke-hoach"
    assert len(set(folder.values())) == len(folder)  # no two branches share a folder
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", slug) for slug in folder.values())
    # the rule is pinned: a change would move every existing preview and working copy
    assert folder["thu/ke-hoach"] == "thu-ke-hoach-8a411866"
    assert re.fullmatch(r"thu-ke-hoach-[0-9a-f]{8}", folder["thử/kế-hoạch"])  # Vietnamese letters folded
    assert re.fullmatch(r"Dot-2-Uu_tien-[0-9a-f]{8}", folder["Đợt-2/Ưu_tiên"])
    assert re.fullmatch(r"cms-messages-thong-diep-1-[0-9a-f]{8}", folder["cms/messages/thong-diep-1"])  # a Decap draft


def test_the_hooks_and_the_github_workflow_name_folders_by_the_one_rule():
    """One source of truth: the hooks source branch-folder.sh (pre-receive through post-receive,
    whose publication it runs) and hold no rule of their own; the workflow names the preview
    artifact and finds it again, on the branch's deletion, by it."""
    sourced = {"post-receive": '. "$here/branch-folder.sh"', "pre-receive": '. "$here/post-receive"'}
    for hook, line in sourced.items():
        text = (HOOKS / hook).read_text(encoding="utf-8")
        assert line in text and "tr -cs" not in text and "hash-object" not in text, hook
    workflow = (REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert workflow.count("scripts/hooks/branch-folder.sh \"$BRANCH\"") == 2  # naming and removal
    assert "tr -c" not in workflow


def test_a_hook_without_the_folder_rule_beside_it_says_what_to_copy(make_site, tmp_path_factory):
    remote = tmp_path_factory.mktemp("remote")
    site = make_site(BASE_DATA)
    bare = server_repo(remote, remote / "www", "pre-receive", "post-receive")
    (bare / "hooks" / "branch-folder.sh").unlink()
    editor_clone(site, bare)
    push = git(site.root, "push", "origin", "main", check=False)
    assert push.returncode != 0 and "copy scripts/hooks/branch-folder.sh beside this hook" in push.stderr
    assert not (remote / "www").exists()


# --- the access-control snippet of docs/publishing.md -------------------------------------------

def docs_snippet(language: str, after: str) -> str:
    """The first ```<language> block of docs/publishing.md after the line `after`."""
    text = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    return re.search(rf"^```{language}\n(.*?)^```$", text[text.index(after):], re.M | re.S).group(1)


def request(url: str, user: str | None = None) -> tuple[int, dict]:
    headers = {}
    if user:
        headers["Authorization"] = "Basic " + base64.b64encode(user.encode()).decode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def wait_until_listening(port: int, server: subprocess.Popen, log: Path) -> None:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            assert server.poll() is None, log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            time.sleep(0.05)
    pytest.fail(f"the server did not listen on port {port}")


def preview_folders(root: Path) -> None:
    """A served preview folder as the hook leaves it: a preview and what its builds keep beside it."""
    (root / "thu-nghiem").mkdir(parents=True)
    (root / "thu-nghiem" / "index.html").write_text("<p>Bản xem trước</p>", encoding="utf-8")
    (root / ".thu-nghiem.previous").mkdir()
    (root / ".thu-nghiem.previous" / "index.html").write_text("<p>Bản cũ</p>", encoding="utf-8")


def htpasswd_line(user: str, password: str) -> str:
    """A password file line in the {SHA} form, which nginx and Apache both read on every system
    (Apache takes plain text passwords on Windows only)."""
    import hashlib

    return f"{user}:{{SHA}}{base64.b64encode(hashlib.sha1(password.encode()).digest()).decode()}\n"


def assert_previews_behind_a_password(port: int, dot_folder_status: int) -> None:
    url = f"http://127.0.0.1:{port}/"
    status, headers = request(url + "thu-nghiem/")
    assert status == 401 and headers.get("WWW-Authenticate") == 'Basic realm="Ban xem truoc"'
    assert request(url + "thu-nghiem/", "bientap:sai")[0] == 401
    status, headers = request(url + "thu-nghiem/", "bientap:mat-khau")
    assert status == 200 and headers.get("X-Robots-Tag") == "noindex"
    assert request(url + ".thu-nghiem.previous/", "bientap:mat-khau")[0] == dot_folder_status
    assert request(url + ".thu-nghiem.previous/")[0] in (401, dot_folder_status)


def test_the_documented_nginx_lines_keep_previews_behind_a_password(tmp_path):
    if shutil.which("nginx") is None:
        missing_tool("nginx", "apt-get install nginx", "the preview access test")
    snippet = docs_snippet("nginx", "**Who can open a preview**")
    previews = tmp_path / "xem-truoc"
    preview_folders(previews)
    passwords = tmp_path / "xem-truoc.htpasswd"
    passwords.write_text(htpasswd_line("bientap", "mat-khau"), encoding="utf-8")
    assert "/var/www/xem-truoc" in snippet and "/etc/nginx/xem-truoc.htpasswd" in snippet
    snippet = snippet.replace("/var/www/xem-truoc", str(previews)).replace("/etc/nginx/xem-truoc.htpasswd", str(passwords))
    port = free_ports(1)[0]
    server = LocalNginx(tmp_path, [port], "  types { text/html html; }",
                        f"  server {{\n    listen 127.0.0.1:{port};\n{snippet}\n  }}", connections=16)
    try:
        assert_previews_behind_a_password(port, 403)
    finally:
        server.stop()


# A whole Apache configuration of its own (no system file read): the modules the snippet needs,
# a loopback port, and the snippet inside a virtual host, as docs/publishing.md says to put it.
APACHE_AROUND = """
ServerRoot "{tmp}"
ServerName 127.0.0.1
PidFile "{tmp}/apache.pid"
DefaultRuntimeDir "{tmp}"
Mutex file:{tmp} default
ErrorLog "{tmp}/error.log"
LogLevel warn
Listen 127.0.0.1:{port}
LoadModule mpm_prefork_module {modules}/mod_mpm_prefork.so
StartServers 1
MinSpareServers 1
MaxSpareServers 2
LoadModule authn_core_module {modules}/mod_authn_core.so
LoadModule authn_file_module {modules}/mod_authn_file.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule authz_user_module {modules}/mod_authz_user.so
LoadModule auth_basic_module {modules}/mod_auth_basic.so
LoadModule headers_module {modules}/mod_headers.so
LoadModule alias_module {modules}/mod_alias.so
LoadModule mime_module {modules}/mod_mime.so
LoadModule dir_module {modules}/mod_dir.so
TypesConfig /dev/null
AddType text/html .html
DirectoryIndex index.html
<VirtualHost 127.0.0.1:{port}>
{snippet}
</VirtualHost>
"""
# Where Debian (apache2), Red Hat (httpd) and the official image keep the modules.
APACHE_MODULES = ("/usr/lib/apache2/modules", "/usr/lib64/httpd/modules", "/usr/lib/httpd/modules",
                  "/usr/local/apache2/modules")


def apache() -> tuple[str, Path] | None:
    program = shutil.which("apache2") or shutil.which("httpd")
    for path in ("/usr/sbin/apache2", "/usr/sbin/httpd"):
        program = program or (path if os.access(path, os.X_OK) else None)
    modules = next((Path(folder) for folder in APACHE_MODULES if (Path(folder) / "mod_auth_basic.so").is_file()), None)
    return (program, modules) if program and modules else None


def unprivileged() -> dict:
    """Popen's arguments that run Apache as `nobody` when the tests run as root: Apache refuses
    to serve as root, and the test's server is an ordinary process anyway."""
    if os.geteuid() != 0:
        return {}
    import pwd

    nobody = pwd.getpwnam("nobody")
    return {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}


def test_the_documented_apache_lines_keep_previews_behind_a_password():
    found = apache()
    if found is None:
        missing_tool("Apache", "apt-get install apache2", "the preview access test")
    program, modules = found
    snippet = docs_snippet("apache", "**Who can open a preview**")
    assert "/var/www/xem-truoc" in snippet and "/etc/apache2/xem-truoc.htpasswd" in snippet
    # Its own folder in the system's temporary folder, readable by the unprivileged server
    # (pytest's folders of root are not).
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="apache-xem-truoc-"))
    try:
        previews, passwords = root / "xem-truoc", root / "xem-truoc.htpasswd"
        preview_folders(previews)
        passwords.write_text(htpasswd_line("bientap", "mat-khau"), encoding="utf-8")
        snippet = snippet.replace("/var/www/xem-truoc", str(previews)).replace("/etc/apache2/xem-truoc.htpasswd", str(passwords))
        port = free_ports(1)[0]
        conf = root / "apache.conf"
        conf.write_text(APACHE_AROUND.format(tmp=root, port=port, modules=modules, snippet=snippet), encoding="utf-8")
        as_user = unprivileged()
        if as_user:
            for path in [root, *root.rglob("*")]:
                os.chown(path, as_user["user"], as_user["group"])
        command = [program, "-f", str(conf), "-d", str(root)]
        test = subprocess.run([*command, "-t"], capture_output=True, text=True, **as_user)
        assert test.returncode == 0, test.stdout + test.stderr
        server = subprocess.Popen([*command, "-DFOREGROUND"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  **as_user)
        try:
            wait_until_listening(port, server, root / "error.log")
            # RedirectMatch 404 refuses what builds keep beside a preview, password or not
            assert_previews_behind_a_password(port, 404)
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(root, ignore_errors=True)
