"""A revoked award leaves nothing behind: no story, no photo, no search example or suggestion,
no trace in open data, sitemap, feeds or embeds. The name stays only where the law puts it:
the revoking decision's page (what it revoked) and the old address's notice."""
from __future__ import annotations

import unicodedata

from site_builder.urls import verification_code

from .conftest import BASE_DATA

NAME = "Nguyễn Văn Hùng"  # the name the search page's example would suggest
DECISION = """
    ---
    number: "1234"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Về việc tặng Bằng khen
    award: bang-khen-tinh
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    awardees:
      - {name: Nguyễn Văn Hùng, position: Tổ trưởng, unit: Tổ COVID cộng đồng, locality: huyen-dong}
      - {name: Lê Thị Mai, position: Điều dưỡng, locality: tinh-mau}
    ---
    Tặng Bằng khen.
"""
REVOKING = """
    ---
    number: "1500"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2022-03-02
    title: Về việc thu hồi Bằng khen
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    revokes:
      - {decision: qd-1234-2021, recipient: nguyen-van-hung, reason: Kê khai thành tích không đúng}
    ---
    Thu hồi Bằng khen đã tặng.
"""
STORY = """
    ---
    decision: qd-1234-2021
    recipient: nguyen-van-hung
    title: Sáu mươi ngày ở chốt kiểm dịch
    photo: stories/images/hung.svg
    photo_alt: Người tổ trưởng ở chốt
    ---
    Một câu chuyện dài về chốt kiểm dịch.
"""
PHOTO = b'<svg xmlns="http://www.w3.org/2000/svg" width="7" height="5"><!-- photo of the revoked --></svg>'

# Where the name is published by design (docs/honor-roll.md, "Revoking an award"). The annulled
# award's verification page (xm/<code>.html) is published too, and is deliberately NOT here: it
# says the award was annulled and by which decision, without the name (docs/honor-roll.md,
# "Verifying an award"), so the grep below holds it to that.
NAMED_BY_LAW = {"khen-thuong/qd-1500-2022/index.html", "khen-thuong/qd-1500-2022/nhung.html",
                "khen-thuong/qd-1500-2022/in/index.html",  # the revoking decision's print view
                "khen-thuong/qd-1234-2021/nguyen-van-hung.html"}


def _site(make_site):
    return make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION,
                                 "content/decisions/qd-1500-2022.md": REVOKING,
                                 "content/stories/hung.md": STORY, "content/stories/images/hung.svg": PHOTO},
                     languages=("vi", "en"), site_url="https://thidua.example.gov.vn/")


def test_check_says_the_story_of_a_revoked_award_is_not_published(make_site):
    site = _site(make_site)
    output = site.run("check", "--lang", "en", check_exit=0).stdout
    assert ("content/stories/hung.md:3: warning: 'recipient': the award \"qd-1234-2021/nguyen-van-hung\" was "
            "annulled by content/decisions/qd-1500-2022.md, so this story and its photo are not published") in output


def test_a_revoked_award_leaves_no_photo_story_or_suggestion(make_site):
    site = _site(make_site)
    site.run("build", check_exit=0)
    built = [p for p in (site.root / "site").rglob("*") if p.is_file()]
    assert not [p for p in built if p.read_bytes() == PHOTO or "hung.svg" in p.name]
    forms = {NAME, unicodedata.normalize("NFD", NAME), "nguyen van hung", "Nguyen Van Hung",
             "Sáu mươi ngày ở chốt kiểm dịch", "Người tổ trưởng ở chốt", "Tổ COVID cộng đồng"}
    leaks = {}
    for path in built:
        text = path.read_bytes().decode("utf-8", "replace")
        found = sorted(form for form in forms if form in text)
        relative = path.relative_to(site.root / "site").as_posix()
        if found and relative.removeprefix("en/") not in NAMED_BY_LAW:
            leaks[relative] = found
    assert not leaks
    # the search page does not suggest the revoked name; the other recipient is still found
    search = site.html("tim-kiem/index.html")
    assert 'placeholder="Ví dụ: họ và tên, có dấu hoặc không dấu"' in search
    assert any("Lê Thị Mai" in p.read_text(encoding="utf-8", errors="replace")
               for p in (site.root / "site/search/names").rglob("*") if p.is_file())  # so the grep would see it
    # the annulled award's verification page is there for the grep above, and says so
    verify = site.html(f"xm/{verification_code('qd-1234-2021', 'nguyen-van-hung')}.html")
    assert "Khen thưởng này đã bị hủy bỏ" in verify and "1500/QĐ-UBND" in verify
    # the old address only says the award was revoked
    notice = site.html("khen-thuong/qd-1234-2021/nguyen-van-hung.html")
    assert "Đã hủy bỏ quyết định khen thưởng" in notice and "chốt kiểm dịch" not in notice


def test_the_example_stays_when_no_revoked_name_matches_it(make_site):
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION})
    site.run("build", check_exit=0)
    assert 'placeholder="Ví dụ: nguyen van hung"' in site.html("tim-kiem/index.html")
