"""Verification pages made from stencils (pages/verification.py) are byte for byte what
templates/honor/verify.html makes through Jinja, for every decision of the site: a stencil is
made once per shape of page and serves every decision (issue 24, item 8), and a theme's
template that computes from a decision's value goes through Jinja."""
from __future__ import annotations

import shutil
from pathlib import Path

from site_builder.build import build_site
from site_builder.config import SiteConfig
from site_builder.render.renderer import Renderer

from .conftest import BASE_DATA

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "site_builder/templates/honor/verify.html"


def decision(number: str, issuer: str, day: int, awardees: str) -> str:
    return f"""
        ---
        number: "{number}"
        symbol: QĐ-UBND
        issuer: {issuer}
        date: 2021-11-{day:02d}
        title: Về việc tặng Bằng khen
        award: bang-khen-tinh
        signer: {{title: CHỦ TỊCH, name: Trần Văn B}}
        awardees:
{awardees}
        ---
        Tặng Bằng khen.
    """


FILES = {
    "content/decisions/qd-12-2021.md": decision("12", "ubnd-tinh", 20, """\
          - {name: Nguyễn Thị Ánh, position: Điều dưỡng, unit: Trạm Y tế xã Tây}
          - {name: Trần Văn Anh, position: Bác sĩ}
          - {kind: collective, name: Công an huyện Đông}"""),
    "content/decisions/qd-7-2021.md": decision("7", "ubnd-tinh", 3, """\
          - {name: Lê Văn Bình, unit: Bệnh viện tỉnh}
          - {name: Phạm Thị Cúc, position: Y sĩ, unit: Trạm Y tế xã Đông}"""),
    "content/decisions/qd-30-2021.md": decision("30", "ubnd-tinh", 25, """\
          - {name: Đinh Văn O'Neil, position: Trưởng thôn & "tổ" <b>trưởng</b>}"""),
}


def build(site, out: Path, monkeypatch, stencils: bool = True, theme: Path = REPO / "theme") -> dict[str, bytes]:
    """Every verification page of the site built into `out`, by path."""
    monkeypatch.setattr(Renderer, "stencils", stencils)
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=theme,
                        site_url="https://thidua.example.gov.vn/")
    build_site(config, out, clean=True)
    return {p.name: p.read_bytes() for p in (out / "xm").glob("*.html")}


def test_every_decisions_pages_from_stencils_are_jinjas(make_site, tmp_path, monkeypatch):
    site = make_site(BASE_DATA, FILES, languages=("vi", "en"))
    made = build(site, tmp_path / "made", monkeypatch)
    templated = build(site, tmp_path / "templated", monkeypatch, stencils=False)
    assert len(made) >= 6 and sorted(made) == sorted(templated)  # and BASE_DATA's awards
    assert [name for name in made if made[name] != templated[name]] == []
    pages = [page.decode("utf-8") for page in made.values()]
    # each page its own decision's values, though one stencil of a shape serves every decision
    assert sum("12/QĐ-UBND" in page for page in pages) == 3
    assert sum("7/QĐ-UBND" in page for page in pages) == 2
    assert any("Trưởng thôn &amp; &#34;tổ&#34; &lt;b&gt;trưởng&lt;/b&gt;" in page for page in pages)


def test_a_theme_computing_from_a_decisions_value_gets_each_decisions_value(make_site, tmp_path, monkeypatch):
    site = make_site(BASE_DATA, FILES, languages=("vi", "en"))
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    (theme / "core/honor").mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.read_text("utf-8").replace('<p class="decision">', '<p class="decision" data-ref="{{ d.ref|upper }}">')
    (theme / "core/honor/verify.html").write_text(text, encoding="utf-8")
    made = build(site, tmp_path / "made", monkeypatch, theme=theme)
    pages = [page.decode("utf-8") for page in made.values()]
    assert sum('data-ref="QUYẾT ĐỊNH SỐ 12/QĐ-UBND"' in page for page in pages) == 3, pages[0]
    assert sum('data-ref="QUYẾT ĐỊNH SỐ 7/QĐ-UBND"' in page for page in pages) == 2
