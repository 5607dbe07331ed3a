"""Recipient pages made by Python (pages/recipient_page.py in base.html's frame,
render/frame.py) are byte for byte what templates/honor/recipient.html makes, and a theme that
overrides the template wins over the maker."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from site_builder.build import build_site
from site_builder.config import SiteConfig
from site_builder.pages import recipient_page

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench.generate import generate_province  # noqa: E402
from .conftest import BASE_DATA  # noqa: E402
TEMPLATE = REPO / "site_builder/templates/honor/recipient.html"

DECISION = """
    ---
    number: "12"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Về việc tặng Bằng khen
    award: bang-khen-tinh
    awardees:
      - kind: collective
        name: Trạm Y tế xã Tây
        locality: huyen-dong
        achievement: Đã có thành tích "xuất sắc" & <b>bền bỉ</b> trong công tác tiêm chủng.
      - kind: collective
        name: Công an huyện Đông
      - name: Nguyễn Thị Ánh
        position: Điều dưỡng
        unit: Trạm Y tế xã Tây
        locality: huyen-dong
        achievement: Trực chốt kiểm dịch 60 ngày liên tục.
      - name: Đinh Văn O'Neil
        unit: Bệnh viện tỉnh
        locality: tinh-mau
      - name: Trần Văn Anh
        position: Bác sĩ
    ---
    **Điều 1.** Tặng Bằng khen.
"""
STORY = """
    ---
    decision: qd-12-2021
    recipient: nguyen-thi-anh
    title: Sáu mươi ngày ở chốt
    ---
    Chị Ánh trực chốt kiểm dịch.
"""


def build(site, out: Path, theme: Path, monkeypatch) -> int:
    """Build the core pages; returns how many pages Python made."""
    made = []
    real = recipient_page.Maker.__call__

    def counting(self, *args):
        made.append(args[0])
        return real(self, *args)

    monkeypatch.setattr(recipient_page.Maker, "__call__", counting)
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2022-01-01")
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=theme,
                        site_url="https://thidua.example.gov.vn/", frame_ancestors=["https://cong.example.gov.vn"])
    build_site(config, out, clean=True)
    return len(made)


def recipient_files(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes()
            for p in site_dir.rglob("khen-thuong/qd-12-2021/*.html")
            if p.name not in ("index.html", "nhung.html", "nhung-nguoi.html")}


def overriding_theme(tmp_path: Path, template_text: str) -> Path:
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    (theme / "core/honor").mkdir(parents=True, exist_ok=True)
    (theme / "core/honor/recipient.html").write_text(template_text, encoding="utf-8")
    return theme


def test_maker_writes_what_the_template_writes(make_site, tmp_path, monkeypatch):
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION, "content/stories/chi-anh.md": STORY},
                                languages=("vi", "en"))
    made = build(site, tmp_path / "made", REPO / "theme", monkeypatch)
    # 5 recipients x 2 languages; the one with a story goes through the template
    assert made == 8
    # the same template as the theme's own copy: every page through Jinja
    templated = build(site, tmp_path / "templated", overriding_theme(tmp_path, TEMPLATE.read_text("utf-8")),
                      monkeypatch)
    assert templated == 0
    made_files, template_files = recipient_files(tmp_path / "made"), recipient_files(tmp_path / "templated")
    assert len(made_files) == 10 and sorted(made_files) == sorted(template_files)
    different = [name for name in made_files if made_files[name] != template_files[name]]
    assert not different, different
    page = made_files["khen-thuong/qd-12-2021/tram-y-te-xa-tay.html"].decode("utf-8")
    assert "&#34;xuất sắc&#34; &amp; &lt;b&gt;bền bỉ&lt;/b&gt;" in page  # escaped like Jinja escapes
    assert 'hreflang="en"' in page and "embed-code" in page
    # JSON-LD keeps Vietnamese as it is (half the bytes of \\u escapes) and stays valid JSON
    data = json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert data["name"] == "Trạm Y tế xã Tây" and '"name": "Trạm Y tế xã Tây"' in page


def test_a_theme_template_wins_over_the_maker(make_site, tmp_path, monkeypatch):
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION}, languages=("vi", "en"))
    text = TEMPLATE.read_text("utf-8").replace('<p class="award-badge">', '<p class="award-badge tinh">')
    made = build(site, tmp_path / "out", overriding_theme(tmp_path, text), monkeypatch)
    assert made == 0
    page = (tmp_path / "out/en/khen-thuong/qd-12-2021/nguyen-thi-anh.html").read_text("utf-8")
    assert '<p class="award-badge tinh">' in page


@pytest.mark.parametrize("site_url", ["https://thidua.example.gov.vn/", ""])
def test_made_pages_match_the_template_on_a_generated_province(tmp_path, monkeypatch, site_url):
    """Every recipient of a generated province (Kinh, Khmer and Ê Đê names with apostrophes,
    collectives and individuals, several decisions and award forms), with and without an
    absolute site address: the pages Python makes are the template's, byte for byte."""
    province = generate_province(tmp_path / "province", recipients=600, seed=3)
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    builds = {}
    for name, theme in (("made", REPO / "theme"),
                        ("templated", overriding_theme(tmp_path, TEMPLATE.read_text("utf-8")))):
        config = SiteConfig(content_dir=province.content_dir, languages=["vi", "en"], theme_dir=theme,
                            site_url=site_url, frame_ancestors=["https://cong.example.gov.vn"])
        build_site(config, tmp_path / name, clean=True)
        builds[name] = {p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                        for p in (tmp_path / name).rglob("khen-thuong/*/*.html")
                        if p.name not in ("index.html", "nhung.html", "nhung-nguoi.html")}
    made, templated = builds["made"], builds["templated"]
    assert len(made) == 2 * 600 and sorted(made) == sorted(templated)
    different = [name for name in made if made[name] != templated[name]]
    assert not different, different[:5]
    assert any("H&#39;" in page.decode("utf-8") for page in made.values())  # apostrophes were there
