"""A tiny site with a national decision, a provincial plan and a commune plan."""
from __future__ import annotations

import re

from .conftest import BASE_DATA


def test_build_writes_plan_pages_as_official_documents(make_site):
    site = make_site(BASE_DATA)
    proc = site.run("build", check_exit=0)
    assert "3 đã dựng" in proc.stderr
    html = site.html("van-ban/kh-tinh/index.html")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "Độc lập - Tự do - Hạnh phúc" in html
    assert "Số: 85/KH-UBND" in html
    assert "Mẫu, ngày 21 tháng 9 năm 2021" in html  # no zero before a month from 3 on (docs/content-model.md)
    assert "KẾ HOẠCH" in html
    assert "TM. ỦY BAN NHÂN DÂN" in html and "Trần Văn B" in html
    assert "Nơi nhận:" in html and "Lưu VT" in html
    # summary: phases, deadlines, awards, tasks
    assert "Đợt 1" in html and "09/09/2021" in html and "31/12/2021" in html
    assert "Gửi kế hoạch về Sở Nội vụ" in html
    assert "Bằng khen của Chủ tịch UBND tỉnh" in html
    assert "Sở Y tế" in html


def test_blank_number_and_day_are_kept_blank(make_site):
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    html = site.html("van-ban/kh-xa/index.html")
    number = re.search(r'<p class="doc-number">(.*?)</p>', html, re.S).group(1)
    assert re.fullmatch(r'Số:<span class="blank"[^>]*>[^<\d]+</span>/KH-UBND', number), number
    assert re.search(r"Tây, ngày \s+ tháng 12 năm 2021", html)
    # the commune's full name, and no line above it: bodies.yml writes no parent_header
    assert '<p class="issuing-body">ỦY BAN NHÂN DÂN XÃ TÂY</p>' in html
    assert "parent-body" not in html and "HUYỆN ĐÔNG" not in html


def test_hierarchy_links_both_ways_and_citations_become_links(make_site):
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    province = site.html("van-ban/kh-tinh/index.html")
    # based on the national decision, implemented by the commune plan
    assert 'href="../../van-ban/qd-1/"' in province
    assert 'href="../../van-ban/kh-xa/"' in province
    commune = site.html("van-ban/kh-xa/index.html")
    assert '<a href="../../van-ban/kh-tinh/">Kế hoạch số 85/KH-UBND ngày 21/9/2021</a>' in commune
    # a citation of a document that is not in the site stays plain text
    assert "Kế hoạch số 9/KH-UBND ngày 1/1/2020" in commune
    assert ">Kế hoạch số 9/KH-UBND" not in commune
    campaign = site.html("phong-trao/covid/index.html")
    assert campaign.index("van-ban/qd-1/") < campaign.index("van-ban/kh-tinh/") < campaign.index("van-ban/kh-xa/")


def test_mkdocs_renders_hand_written_pages_and_no_google_fonts(make_site):
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    home = site.html("index.html")
    assert "Chào mừng" in home
    for page in ("index.html", "van-ban/kh-tinh/index.html"):
        text = site.html(page)
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text


def test_a_removed_hand_written_page_leaves_the_site_at_the_next_build(make_site):
    """MkDocs's own pages are listed as the shell's when the first build commits (runtime/output.py),
    so that the next build, an incremental one, deletes a page whose source is gone."""
    site = make_site(BASE_DATA, {"content/gioi-thieu.md": "# Giới thiệu\n\nVề cổng thông tin.\n"})
    site.run("build", check_exit=0)
    assert "Về cổng thông tin." in site.html("gioi-thieu/index.html")
    (site.root / "content" / "gioi-thieu.md").unlink()
    site.run("build", check_exit=0)
    assert not (site.root / "site" / "gioi-thieu").exists()
    assert "Chào mừng" in site.html("index.html") and "Số: 85/KH-UBND" in site.html("van-ban/kh-tinh/index.html")


def test_body_html_is_sanitised(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-xa.md": """
        ---
        symbol: KH-UBND
        issuer: ubnd-xa
        date: 2021
        title: Có mã độc
        signer: {title: CHỦ TỊCH, name: Lê Thị C}
        ---
        Văn bản <script>alert(1)</script> và <a href="javascript:alert(2)" onclick="x()">liên kết</a>.
    """})
    site.run("build", check_exit=0)
    html = site.html("van-ban/kh-xa/index.html")
    assert "<script>alert(1)" not in html and "javascript:" not in html and "onclick" not in html


def test_plain_mkdocs_build_builds_the_complete_site(make_site):
    """The plugin is found through the package's entry points: `mkdocs build` alone is enough."""
    import subprocess
    import sys

    site = make_site(BASE_DATA)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=site.root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Chào mừng" in site.html("index.html")
    assert "Số: 85/KH-UBND" in site.html("van-ban/kh-tinh/index.html")
    assert (site.root / "site" / "phong-trao" / "covid" / "index.html").exists()


def test_plain_mkdocs_build_refuses_bad_content_and_keeps_the_site(make_site):
    import subprocess
    import sys

    site = make_site(BASE_DATA)
    subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=site.root, check=True, capture_output=True)
    before = site.html("van-ban/kh-tinh/index.html")
    site.write({"content/plans/kh-xa.md": "---\ntitle: [\n---\n"})
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=site.root, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "content/plans/kh-xa.md:2:" in proc.stderr or "content/plans/kh-xa.md:3:" in proc.stderr, proc.stderr
    assert site.html("van-ban/kh-tinh/index.html") == before


def test_a_citation_links_from_every_page_that_shows_the_body(make_site):
    """A body is converted once per language of its text and shared by every page that shows
    it (render/context.py body_html): each page still links from its own depth and language.
    BASE_DATA's kh-xa cites Kế hoạch số 85/KH-UBND (kh-tinh); the message cites it too."""
    site = make_site(BASE_DATA, {"content/messages/goi.md": """
        ---
        kind: message
        title: Lời kêu gọi
        campaign: covid
        valid_from: 2021-09-10
        ---
        Thực hiện Kế hoạch số 85/KH-UBND ngày 21/9/2021 của tỉnh.
    """}, languages=("vi", "en"))
    site.run("build", check_exit=0)
    text = ">Kế hoạch số 85/KH-UBND ngày 21/9/2021</a>"
    assert f'<a href="../../van-ban/kh-tinh/"{text}' in site.html("van-ban/kh-xa/index.html")
    # the English page shows the Vietnamese text, its link leads to the English plan page
    assert f'<a href="../../../en/van-ban/kh-tinh/"{text}' in site.html("en/van-ban/kh-xa/index.html")
    assert f'<a href="../../van-ban/kh-tinh/"{text}' in site.html("thong-diep/goi/index.html")
    # the print view sits one folder deeper
    assert f'<a href="../../../van-ban/kh-tinh/"{text}' in site.html("thong-diep/goi/in/index.html")
    assert f'<a href="../../../../en/van-ban/kh-tinh/"{text}' in site.html("en/thong-diep/goi/in/index.html")
    assert "sb-link-base" not in site.html("en/thong-diep/goi/in/index.html")
