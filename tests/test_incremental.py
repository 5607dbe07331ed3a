"""Incremental rebuilds: only what changed is rewritten, nothing is ever stale, and a failed
build leaves the published site as it was (runtime/output.py, runtime/manifest.py, runtime/keys.py)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder import urls
from site_builder.build import build_site
from site_builder.config import SiteConfig

from .conftest import BASE_DATA

REPO = Path(__file__).resolve().parents[1]

DECISION = """
    ---
    number: "{number}"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-{day}
    title: Về việc tặng Bằng khen đợt {number}
    plan: kh-tinh
    award: bang-khen-tinh
    signer: {{authority: KT., body: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Phạm Văn D}}
    ---
    **Điều 1.** Tặng Bằng khen cho các cá nhân có tên trong danh sách kèm theo.
"""
HEADER = "kind,name,position,unit,locality,award,achievement\n"
ROWS_1 = [
    "individual,Nguyễn Thị Ánh,Điều dưỡng,Trạm Y tế xã Tây,huyen-dong,,Trực chốt kiểm dịch liên tục.",
    "individual,Trần Văn Anh,Bác sĩ,Bệnh viện tỉnh,tinh-mau,,Điều trị bệnh nhân nặng.",
    "collective,Công an huyện Đông,,Công an huyện Đông,huyen-dong,,Giữ vững an ninh.",
]
ROWS_2 = [
    "individual,Lê Văn Cường,Tài xế,Trung tâm cấp cứu,tinh-mau,,Chở bệnh nhân trong đêm.",
    "individual,Phạm Thị Dung,Giáo viên,Trường tiểu học xã Tây,huyen-dong,,Dạy học trực tuyến.",
]
AWARD_OLD = "Bằng khen của Chủ tịch UBND tỉnh"
AWARD_NEW = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Mẫu"


def files(rows1=ROWS_1, rows2=ROWS_2) -> dict:
    return {
        "content/decisions/qd-1.md": DECISION.format(number="101", day="20"),
        "content/decisions/qd-1.csv": HEADER + "\n".join(rows1) + "\n",
        "content/decisions/qd-2.md": DECISION.format(number="102", day="21"),
        "content/decisions/qd-2.csv": HEADER + "\n".join(rows2) + "\n",
    }


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2022-01-01")


def core_build(site, out: Path, clean: bool = False):
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=REPO / "theme")
    build_site(config, out, clean=clean)


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """path -> (inode, mtime, bytes): a file rewritten or replaced gets a new inode or mtime."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            out[path.relative_to(folder).as_posix()] = (st.st_ino, st.st_mtime_ns, path.read_bytes())
    return out


def touched(before: dict, after: dict) -> set[str]:
    return {p for p in after if p not in before or before[p][:2] != after[p][:2]} | (set(before) - set(after))


def test_editing_one_recipient_rewrites_only_the_pages_that_show_it(make_site):
    # a portal may frame the site: it has recipient cards, which show the achievement too
    site = make_site(BASE_DATA, files(), languages=("vi", "en"), plugin={"frame_ancestors": ["https://portal.example.gov.vn"]})
    site.run("build", check_exit=0)
    out = site.root / "site"
    before = snapshot(out)
    assert "khen-thuong/qd-1/tran-van-anh.html" in before

    edited = ROWS_1[:]
    edited[1] = edited[1].replace("Điều trị bệnh nhân nặng.", "Ghi chú kiểm thử cập nhật. Điều trị bệnh nhân nặng.")
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n"})
    site.run("build", check_exit=0)
    after = snapshot(out)
    changed = touched(before, after)

    # the recipient's page, in the site's language only (recipient_pages)
    assert "khen-thuong/qd-1/tran-van-anh.html" in changed
    assert "Ghi chú kiểm thử cập nhật" in site.html("khen-thuong/qd-1/tran-van-anh.html")
    assert not (out / "en/khen-thuong/qd-1/tran-van-anh.html").exists()
    for prefix in ("", "en/"):
        # pages that do not show the achievement are left alone, byte for byte and file for file
        for untouched in ("khen-thuong/qd-1/nguyen-thi-anh.html", "khen-thuong/qd-2/le-van-cuong.html",
                          "khen-thuong/qd-2/index.html", "khen-thuong/hinh-thuc/bang-khen-tinh/index.html"):
            assert prefix + untouched not in changed, prefix + untouched
    core_changes = {p for p in changed if p.startswith(("khen-thuong/", "en/khen-thuong/"))}
    # the two pages, decision pages and their print views, CSV, the recipient card file (it
    # shows the achievement; in the site's language only, as the lists: recipient_pages), few more
    assert "khen-thuong/qd-1/nhung-nguoi.html" in core_changes
    assert not (out / "en/khen-thuong/qd-1/nhung-nguoi.html").exists()
    assert len(core_changes) <= 12, sorted(core_changes)
    assert "Ghi chú kiểm thử cập nhật" in (out / "du-lieu/khen-thuong/qd-1.csv").read_text(encoding="utf-8-sig")
    assert not list(site.root.glob(".site.staging-*"))


def test_changing_an_award_label_updates_every_page_that_shows_it(make_site, tmp_path):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    shows = ["khen-thuong/qd-1/index.html", "khen-thuong/qd-1/tran-van-anh.html",
             "khen-thuong/qd-2/le-van-cuong.html", "khen-thuong/hinh-thuc/bang-khen-tinh/index.html",
             "khen-thuong/dia-phuong/tinh-mau/index.html"]
    for path in shows:
        assert AWARD_OLD in (out / path).read_text(encoding="utf-8"), path

    awards = site.root / "content/data/awards.yml"
    awards.write_text(awards.read_text(encoding="utf-8").replace(AWARD_OLD, AWARD_NEW), encoding="utf-8")
    core_build(site, out)
    for path in shows:
        html = (out / path).read_text(encoding="utf-8")
        assert AWARD_NEW in html and AWARD_OLD not in html, path


def test_deleting_a_decision_removes_its_pages(make_site, tmp_path):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    assert (out / "khen-thuong/qd-2/le-van-cuong.html").is_file()
    site.write({"content/decisions/qd-2.md": None, "content/decisions/qd-2.csv": None})
    core_build(site, out)
    for prefix in ("", "en/"):
        assert not (out / prefix / "khen-thuong/qd-2").exists()
        assert (out / prefix / "khen-thuong/qd-1/index.html").is_file()
    assert (out / "khen-thuong/qd-1/tran-van-anh.html").is_file()
    listing = (out / "khen-thuong/hinh-thuc/bang-khen-tinh/index.html").read_text(encoding="utf-8")
    assert "Lê Văn Cường" not in listing and "Trần Văn Anh" in listing


def test_a_render_failure_halfway_leaves_the_site_untouched(make_site, tmp_path, monkeypatch):
    from site_builder.render.renderer import Renderer

    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    before = snapshot(out)

    edited = [r.replace("Trực chốt", "Đã sửa: trực chốt") for r in ROWS_1]
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n",
                "content/decisions/qd-2.md": None, "content/decisions/qd-2.csv": None})
    real = Renderer.render

    def failing(self, spec, lang):
        if spec.path.startswith("khen-thuong/hinh-thuc/"):  # after the recipient pages rendered
            raise RuntimeError("template broke halfway")
        return real(self, spec, lang)

    monkeypatch.setattr(Renderer, "render", failing)
    with pytest.raises(Exception, match="template broke halfway"):
        core_build(site, out)
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]

    monkeypatch.setattr(Renderer, "render", real)  # and the next build is complete and fresh
    core_build(site, out)
    assert "Đã sửa: trực chốt" in (out / "khen-thuong/qd-1/nguyen-thi-anh.html").read_text(encoding="utf-8")
    assert not (out / "khen-thuong/qd-2").exists()


def test_a_site_folder_changed_by_hand_is_rebuilt_in_full(make_site, tmp_path):
    site = make_site(BASE_DATA, files(), languages=("vi",))
    out = tmp_path / "out"
    core_build(site, out)
    page = out / "khen-thuong/qd-1/tran-van-anh.html"
    page.unlink()
    core_build(site, out)
    assert page.is_file()  # a key alone does not keep a page whose file is gone
    os.remove(out / ".site-builder-build")
    (out / "khen-thuong/qd-1/nguyen-thi-anh.html").write_text("stale", encoding="utf-8")
    core_build(site, out)  # no marker: the manifest is not trusted
    assert "Nguyễn Thị Ánh" in (out / "khen-thuong/qd-1/nguyen-thi-anh.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_an_unreadable_manifest_means_a_full_build(make_site, tmp_path, damage):
    """The manifest is a cache (marshal, runtime/manifest.py): damaged, or written by another Python, it
    is not trusted and the build makes every page again, correctly."""
    site = make_site(BASE_DATA, files(), languages=("vi",))
    out = tmp_path / "out"
    core_build(site, out)
    (manifest,) = (site.root / ".cache/site-builder").glob("manifest-*.marshal")
    data = manifest.read_bytes()
    manifest.write_bytes({"truncate": data[: len(data) // 2], "garbage": b"\xff\x00not marshal", "empty": b""}[damage])
    page = out / "khen-thuong/qd-1/nguyen-thi-anh.html"
    page.write_text("stale", encoding="utf-8")
    core_build(site, out)
    assert "Nguyễn Thị Ánh" in page.read_text(encoding="utf-8")


def test_clean_build_rewrites_every_page(make_site):
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    page = site.root / "site" / "van-ban" / "kh-tinh" / "index.html"
    before = page.stat().st_ino
    site.run("build", check_exit=0)
    assert page.stat().st_ino == before  # unchanged page kept as it was
    site.run("build", "--clean", check_exit=0)
    assert page.stat().st_ino != before  # a clean build made a new folder and swapped it in


def test_compiled_templates_are_kept_but_never_stale(make_site, tmp_path, monkeypatch):
    """Templates compiled by one build are reused by the next (render/env.py bytecode_cache),
    and a template edited in between is compiled again."""
    import shutil

    machine = tmp_path / "machine-cache"
    monkeypatch.setenv("SITE_BUILDER_CACHE_DIR", str(machine))
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    site = make_site(BASE_DATA, files(), languages=("vi",))
    out = tmp_path / "out"
    config = SiteConfig(content_dir=site.root / "content", languages=["vi"], theme_dir=theme)
    build_site(config, out)
    cached = list(machine.glob("jinja-*/core/*"))
    assert len(cached) > 10
    override = theme / "core/honor/overview.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    source = (REPO / "site_builder/templates/honor/overview.html").read_text(encoding="utf-8")
    override.write_text(source.replace("{% block content %}", "{% block content %}<p>Bản sửa 1</p>"), encoding="utf-8")
    build_site(config, out)
    assert "Bản sửa 1" in (out / "khen-thuong/index.html").read_text(encoding="utf-8")
    override.write_text(source.replace("{% block content %}", "{% block content %}<p>Bản sửa 2</p>"), encoding="utf-8")
    build_site(config, out)
    page = (out / "khen-thuong/index.html").read_text(encoding="utf-8")
    assert "Bản sửa 2" in page and "Bản sửa 1" not in page


def test_the_themes_compiled_templates_are_kept_too(make_site, tmp_path, monkeypatch):
    """MkDocs's own environment (Material and the overrides, for the hand-written pages) gets
    a bytecode cache of its own (mkdocs_plugin on_env): kept between builds, same pages."""
    machine = tmp_path / "machine-cache"
    monkeypatch.setenv("SITE_BUILDER_CACHE_DIR", str(machine))
    site = make_site(BASE_DATA, files(), languages=("vi",))
    site.run("build", check_exit=0)
    theme_cache = list(machine.glob("jinja-*/theme/*"))
    assert len(theme_cache) > 5
    home = site.html("index.html")
    stamps = {p: p.stat().st_mtime_ns for p in theme_cache}
    site.run("build", check_exit=0)
    assert site.html("index.html") == home
    assert {p: p.stat().st_mtime_ns for p in theme_cache} == stamps  # read, not written again


def test_a_second_project_on_the_machine_compiles_no_template_again(make_site, tmp_path, monkeypatch):
    """Compiled templates are kept for the machine (render/env.py machine_cache_dir): another
    project's first build reads them instead of compiling; where that folder cannot be
    written, the project's own .cache/ holds them."""
    machine = tmp_path / "machine-cache"
    monkeypatch.setenv("SITE_BUILDER_CACHE_DIR", str(machine))
    first = make_site(BASE_DATA, files(), languages=("vi",))
    first.run("build", check_exit=0)
    compiled = {p: p.stat().st_mtime_ns for p in machine.glob("jinja-*/*/*")}
    assert len(compiled) > 15
    second = make_site(BASE_DATA, files(), languages=("vi",), folder="second")
    second.run("build", check_exit=0)
    assert "Chào mừng" in second.html("index.html")
    assert {p: p.stat().st_mtime_ns for p in machine.glob("jinja-*/*/*")} == compiled
    assert not list(second.root.glob(".cache/site-builder/jinja-*"))

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    third = make_site(BASE_DATA, files(), languages=("vi",), folder="third")
    third.run("build", check_exit=0, env={"SITE_BUILDER_CACHE_DIR": str(blocked)})
    assert len(list(third.root.glob(".cache/site-builder/jinja-*/core/*"))) > 10


def test_compiled_templates_of_other_versions_go_once_unused_for_an_hour(tmp_path, monkeypatch):
    """The machine's folder of compiled templates keeps another version's folder while a
    build may be using it (another checkout), and removes it after an hour unused."""
    import os
    import time

    from site_builder.render.env import bytecode_cache

    machine = tmp_path / "machine-cache"
    monkeypatch.setenv("SITE_BUILDER_CACHE_DIR", str(machine))
    old, recent = machine / "jinja-0.0-old", machine / "jinja-0.0-recent"
    for folder in (old, recent):
        (folder / "core").mkdir(parents=True)
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    assert bytecode_cache(tmp_path / "project-cache") is not None
    assert not old.exists() and recent.exists()
    assert len(list(machine.glob("jinja-*/core"))) == 2  # this version's and the recent one
    assert not (tmp_path / "project-cache").exists()


def test_pages_of_kept_batches_stay_in_the_sitemap(make_site, tmp_path):
    """A rebuild that keeps a decision's recipient pages without generating them (a page
    batch) still lists them in the sitemap, in every language that has them."""
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=REPO / "theme",
                        site_url="https://thidua.example.gov.vn/", recipient_pages="every-language")
    build_site(config, out)
    first = (out / "sitemap-core-1.xml").read_text(encoding="utf-8")
    page = out / "khen-thuong/qd-2/le-van-cuong.html"
    before = page.stat().st_ino
    build_site(config, out)
    assert page.stat().st_ino == before  # kept, not written again
    sitemap = (out / "sitemap-core-1.xml").read_text(encoding="utf-8")
    assert sitemap == first
    for url in ("https://thidua.example.gov.vn/khen-thuong/qd-2/le-van-cuong.html",
                "https://thidua.example.gov.vn/en/khen-thuong/qd-2/le-van-cuong.html"):
        assert url in sitemap, url


def test_each_rebuild_remakes_only_the_batches_of_the_edited_decision(make_site, tmp_path, monkeypatch):
    """Batches kept by one rebuild are kept by the next one too (the manifest keeps them under
    their names): edit, rebuild, edit again, rebuild, and only the edited decision's recipient
    pages are made each time (the site has no `frame_ancestors`, so no card files: issue 24)."""
    from site_builder.runtime.output import Output

    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")  # the spy sees batches made in this process
    made: list[str] = []
    real = Output.record_batch

    def spying(self, name, key, pages, extras):
        made.append(name)
        return real(self, name, key, pages, extras)

    monkeypatch.setattr(Output, "record_batch", spying)
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    assert "vi/recipients/qd-2" in made
    for note in ("Ghi chú một.", "Ghi chú hai.", "Ghi chú ba."):
        made.clear()
        edited = [row.replace("Điều trị bệnh nhân nặng.", note) for row in ROWS_1]
        site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n"})
        core_build(site, out)
        # (recipient pages in the site's language only: recipient_pages)
        assert sorted(made) == ["vi/recipients/qd-1"], note
        assert note in (out / "khen-thuong/qd-1/tran-van-anh.html").read_text(encoding="utf-8")


def test_a_rebuild_with_nothing_changed_renders_no_page_and_writes_no_file(make_site, tmp_path, monkeypatch):
    """Issue 24: a rebuild with nothing changed does no template work and touches no file.
    After an edit to a recipient's achievement, the pages that show it are made again, and none
    of those that name documents or count awards without listing recipients: plans with their
    decisions, campaigns, years, the honor roll's overview and places, messages (they were
    keyed by everything the site says, and made again after any edit)."""
    from site_builder.render.renderer import Renderer

    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")  # the spy sees pages made in this process
    rendered: list[str] = []
    real = Renderer.render

    def spying(self, spec, lang):
        rendered.append(lang.prefix + spec.path)
        return real(self, spec, lang)

    monkeypatch.setattr(Renderer, "render", spying)
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    plan_pages = {path for path in rendered if path.startswith(("van-ban/kh-", "en/van-ban/kh-"))}
    assert plan_pages and "khen-thuong/" in rendered
    before = snapshot(out)

    rendered.clear()
    core_build(site, out)
    assert rendered == []
    assert touched(before, snapshot(out)) == {".site-builder-build"}  # the new build's id, nothing else

    edited = [row.replace("Điều trị bệnh nhân nặng.", "Ghi chú kiểm thử cập nhật.") for row in ROWS_1]
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n"})
    rendered.clear()
    core_build(site, out)
    assert {"khen-thuong/qd-1/", "en/khen-thuong/qd-1/"} <= set(rendered)  # its rows show it
    summaries = [path for path in rendered if path.removeprefix("en/").startswith(SUMMARY_PAGES)
                 or path.removeprefix("en/") == urls.HONOR_ROLL]
    assert summaries == []
    assert "Ghi chú kiểm thử cập nhật" in (out / "khen-thuong/qd-1/tran-van-anh.html").read_text(encoding="utf-8")


# Pages that name documents and count awards but list no recipient (runtime/keys.py summary_key).
SUMMARY_PAGES = (urls.DOCUMENTS, urls.CAMPAIGNS, urls.year_page(2021), urls.honor_campaign_page("covid"),
                 urls.PLACES, urls.MESSAGES)


def test_pages_that_count_awards_follow_the_counts_and_the_decisions(make_site, tmp_path):
    """The keys that spare those pages after an achievement edit still cover what they show: a
    recipient added changes the counts on the year, campaign and overview pages, a decision's
    new title shows on its year's page and its plan's, and nothing else changes them."""
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    year, campaign = out / urls.year_page(2021) / "index.html", out / urls.honor_campaign_page("covid") / "index.html"
    overview, plan = out / urls.HONOR_ROLL / "index.html", out / urls.document_page("kh-tinh") / "index.html"
    assert "5 khen thưởng" in year.read_text(encoding="utf-8")  # 3 + 2 recipients

    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join([*ROWS_1, ROWS_2[0].replace("Lê Văn Cường", "Đỗ Văn Em")]) + "\n"})
    core_build(site, out)
    for page in (year, campaign):
        text = page.read_text(encoding="utf-8")
        assert "6 khen thưởng" in text and "4 tập thể, cá nhân được khen thưởng" in text, page
    assert "khen-thuong/nam/2021/" in overview.read_text(encoding="utf-8")
    assert ">6</td>" in overview.read_text(encoding="utf-8")

    site.write({"content/decisions/qd-2.md": DECISION.format(number="102", day="21").replace(
        "Về việc tặng Bằng khen đợt 102", "Về việc khen thưởng đợt cuối năm")})
    core_build(site, out)
    assert "Về việc khen thưởng đợt cuối năm" in year.read_text(encoding="utf-8")
    assert "Về việc khen thưởng đợt cuối năm" in campaign.read_text(encoding="utf-8")
    assert "102/QĐ-UBND" in plan.read_text(encoding="utf-8")


def test_sitemap_and_folder_indexes_are_made_again_only_when_a_page_is_added_or_removed(make_site, tmp_path,
                                                                                         monkeypatch):
    """Both are made of the pages the build publishes: an edit that adds or removes no page
    keeps their files without making them (runtime/keys.py pages_stamp, runtime/output.py
    write_together); adding a recipient makes both again, and the new page is listed."""
    from site_builder.feeds import sitemap
    from site_builder.pages import folder_indexes

    made = []
    for module, name in ((sitemap, "core_parts"), (folder_indexes, "folder_pages")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, real=real, name=name: made.append(name) or real(*args))
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=REPO / "theme",
                        site_url="https://thidua.example.gov.vn/")
    build_site(config, out)
    assert sorted(made) == ["core_parts", "folder_pages"]
    # a folder index: an index.html that sends the reader on at once (templates/folder_index.html)
    kept = {p: v for p, v in snapshot(out).items()
            if p.startswith("sitemap") or p.endswith("/index.html") and b'http-equiv="refresh"' in v[2]}
    assert "sitemap-core-1.xml" in kept and len(kept) > 4

    made.clear()
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(
        [row.replace("Giữ vững an ninh.", "Giữ vững an ninh trật tự.") for row in ROWS_1]) + "\n"})
    build_site(config, out)
    assert made == []  # no page added or removed
    after = snapshot(out)
    assert {p: after.get(p) for p in kept} == kept  # the same files, not written again

    made.clear()
    site.write({"content/decisions/qd-2.csv": HEADER + "\n".join(
        ROWS_2 + ["individual,Võ Thị Hạnh,Y sĩ,Trạm Y tế xã Tây,huyen-dong,,Tiêm chủng."]) + "\n"})
    build_site(config, out)
    assert sorted(made) == ["core_parts", "folder_pages"]
    assert "vo-thi-hanh" in (out / "sitemap-core-1.xml").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    build_site(config, fresh, clean=True)
    rebuilt = {p: v[2] for p, v in snapshot(out).items() if not p.startswith(".")}
    assert rebuilt == {p: v[2] for p, v in snapshot(fresh).items() if not p.startswith(".")}


def test_a_field_lists_show_re_renders_its_lists_and_decision_with_forked_processes(make_site, monkeypatch):
    """An awardee's stamps are made by each process when a key asks for them (runtime/keys.py),
    not kept: with the data process forked (two processes), editing a field the lists show
    still re-renders the decision and the lists that show the row, leaves the other decision
    alone, and a rebuild with nothing changed touches no page."""
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "2")
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    site.run("build", check_exit=0)
    out = site.root / "site"
    before = snapshot(out)
    edited = [row.replace("Bệnh viện tỉnh", "Bệnh viện đa khoa tỉnh") for row in ROWS_1]
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n"})
    site.run("build", check_exit=0)
    after = snapshot(out)
    changed = touched(before, after)
    award_list = "khen-thuong/hinh-thuc/bang-khen-tinh/index.html"
    for page in ("khen-thuong/qd-1/index.html", "khen-thuong/qd-1/tran-van-anh.html", award_list):
        assert page in changed, page
        assert "Bệnh viện đa khoa tỉnh" in site.html(page)
    for page in ("khen-thuong/qd-2/index.html", "khen-thuong/qd-2/le-van-cuong.html",
                 "khen-thuong/qd-1/nguyen-thi-anh.html"):
        assert page not in changed, page
    site.run("build", check_exit=0)
    again = touched(after, snapshot(out))
    assert not {p for p in again if p.endswith(".html")}, sorted(again)
