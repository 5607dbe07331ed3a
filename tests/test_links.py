"""Links, images, attachments, anchors and citations in Markdown are checked with file and line."""
from __future__ import annotations

import json

from .conftest import BASE_DATA

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a5dd2f6a0000000049454e44ae426082"
)

PLAN_HEAD = """
---
number: "{number}"
symbol: KH-UBND
issuer: ubnd-huyen
place: Đông
date: 2021-10-01
title: Kế hoạch có liên kết
campaign: covid
{extra}signer: {{title: CHỦ TỊCH, name: Phạm Văn D}}
---
"""


def plan(body: str, number: str = "12", extra: str = "") -> str:
    return PLAN_HEAD.format(number=number, extra=extra) + body


# A plan's body starts at line 11 (10 lines of frontmatter, with the --- lines); with the
# two-line `cites:` used below, at line 13.
LINKED = (
    "Xem [kế hoạch tỉnh](../kh-tinh/) và [bản gốc](/van-ban/qd-1/).\n"  # 13: both fine
    "Xem [trang không có](../kh-khong-co/).\n"  # 14: broken
    "![Ảnh hội nghị](images/hoi-nghi.png)\n"  # 15: relative to the page, so missing
    "![Ảnh đúng](/images/co.png)\n"  # 16: fine
    "[Tải về](/tep/ke-hoach.pdf) và [tệp thiếu](/tep/thieu.pdf)\n"  # 17: second is missing
    "[Mục](#muc-khong-co) [Mục có](#nhiem-vu)\n"  # 18: first anchor missing
    "`[ví dụ](khong-kiem-tra/)` [trang chủ](../../) [phong trào](../../phong-trao/covid/)\n"  # 19: fine
    "\n"
    "## Nhiệm vụ\n"
    "Thực hiện Kế hoạch số 85/KH-UBND ngày 21/9/2021 và Kế hoạch số 46/KH-UBND ngày 21/4/2020.\n"  # 22
    "Căn cứ Kế hoạch số 77/KH-UBND ngày 2/3/2021.\n"  # 23: nowhere in the site
)


def _problems(site, *args):
    proc = site.run("check", "--format", "json", *args)
    data = json.loads(proc.stdout)
    return proc, [(p["file"], p["line"], p["code"], p["severity"]) for p in data["problems"]]


def test_links_images_attachments_anchors_and_citations(make_site):
    site = make_site(BASE_DATA, {
        "content/plans/kh-huyen.md": plan(LINKED, extra='cites:\n  - {ref: "46/KH-UBND", date: 2020-04-21}\n'),
        "content/images/co.png": PNG,
        "content/tep/ke-hoach.pdf": b"%PDF-1.4\n",
    })
    proc, problems = _problems(site)
    mine = sorted(p for p in problems if p[0] == "content/plans/kh-huyen.md")
    assert mine == sorted([
        ("content/plans/kh-huyen.md", 14, "broken_link", "error"),
        ("content/plans/kh-huyen.md", 15, "missing_file", "error"),
        ("content/plans/kh-huyen.md", 17, "missing_file", "error"),
        ("content/plans/kh-huyen.md", 18, "broken_anchor", "warning"),
        ("content/plans/kh-huyen.md", 23, "unknown_citation", "warning"),
    ]), mine
    assert proc.returncode == 1
    text = site.run("check").stdout
    assert "== content/plans/kh-huyen.md (3 lỗi, 2 cảnh báo) ==" in text
    assert 'content/plans/kh-huyen.md:14: liên kết "../kh-khong-co/" dẫn tới trang không có trong trang web' in text
    assert 'content/plans/kh-huyen.md:15: không tìm thấy ảnh "images/hoi-nghi.png"' in text
    assert 'content/plans/kh-huyen.md:17: không tìm thấy tệp đính kèm "/tep/thieu.pdf"' in text
    assert ('content/plans/kh-huyen.md:23: cảnh báo: "Kế hoạch số 77/KH-UBND ngày 2/3/2021" không có trong '
            "trang web và chưa được ghi ở trường cites") in text
    english = site.run("check", "--lang", "en").stdout
    assert 'the link "../kh-khong-co/" leads to a page that is not in the site' in english
    github = site.run("check", "--format", "github").stdout
    assert "::error file=content/plans/kh-huyen.md,line=14::" in github
    assert "::warning file=content/plans/kh-huyen.md,line=23::" in github


def test_citation_of_a_document_nowhere_in_the_base_site_is_a_warning(make_site):
    site = make_site(BASE_DATA)
    proc, problems = _problems(site)
    assert proc.returncode == 0
    # kh-xa cites "Kế hoạch số 9/KH-UBND ngày 1/1/2020" (not in the site); 85/KH-UBND is kh-tinh.
    assert ("content/plans/kh-xa.md", 12, "unknown_citation", "warning") in problems
    assert not [p for p in problems if p[0] == "content/plans/kh-tinh.md"]


def test_handwritten_page_links(make_site):
    site = make_site(BASE_DATA, {
        "content/gioi-thieu.md": (
            "# Giới thiệu\n\n"
            "[Trang chủ](index.md) [Liên hệ](lien-he.md#gio-lam-viec) [Mục sai](lien-he.md#khong-co)\n"  # 3
            "[Kế hoạch tỉnh](plans/kh-tinh.md)\n"  # 4: a source file: must be the address
            "[Văn bản](../van-ban/kh-tinh/) [Sai](../van-ban/kh-tinh-cu/)\n"  # 5: second is broken
        ),
        "content/lien-he.md": "# Liên hệ\n\n## Giờ làm việc\n\nSáng thứ Hai.\n",
    })
    proc, problems = _problems(site)
    mine = sorted(p[1:3] for p in problems if p[0] == "content/gioi-thieu.md")
    assert mine == [(3, "broken_anchor"), (4, "md_link"), (5, "broken_link")], mine
    text = site.run("check").stdout
    assert ('content/gioi-thieu.md:4: liên kết "plans/kh-tinh.md" trỏ tới tệp nguồn nên sẽ hỏng trên trang web; '
            'hãy viết địa chỉ trang: "../van-ban/kh-tinh/"') in text


def test_a_link_to_an_embed_variant_holds_only_on_a_site_a_portal_may_frame(make_site):
    # issue 24: a site without frame_ancestors makes no nhung.html
    page = {"content/gioi-thieu.md": "# Giới thiệu\n\n[Bản nhúng](../van-ban/kh-tinh/nhung.html)\n"}
    _, problems = _problems(make_site(BASE_DATA, page))
    assert [p[1:3] for p in problems if p[0] == "content/gioi-thieu.md"] == [(3, "broken_link")]
    framed = make_site(BASE_DATA, page, folder="framed", plugin={"frame_ancestors": ["https://portal.example.gov.vn"]})
    _, problems = _problems(framed)
    assert not [p for p in problems if p[0] == "content/gioi-thieu.md"]


def test_link_to_a_draft_says_so(make_site):
    site = make_site(BASE_DATA, {
        "content/plans/nhap.md": plan("Bản nháp.", number="13", extra="draft: true\n"),
        "content/plans/kh-huyen.md": plan("Xem [bản nháp](../nhap/)."),
    })
    out = site.run("check").stdout
    assert ('content/plans/kh-huyen.md:11: liên kết "../nhap/" dẫn tới trang không có trong trang web '
            "(trang đó đang là bản nháp hoặc chưa đến ngày đăng)") in out
    # In a preview the draft is published, so the link holds.
    _, problems = _problems(site, "--preview")
    assert not [p for p in problems if p[0] == "content/plans/kh-huyen.md"]


def test_a_fixed_link_passes(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-huyen.md": plan("Xem [sai](../kh-tinhh/).")})
    assert site.run("check").returncode == 1
    site.write({"content/plans/kh-huyen.md": plan("Xem [đúng](../kh-tinh/).")})
    assert site.run("check").returncode == 0
