"""Feeds, calendars, open data and discoverability, read back with the parsers consumers use."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import jsonschema
import pytest

from .conftest import BASE_DATA, documented_records, open_data_recipients

SITE_URL = "https://thidua.example.vn/"

DECISIONS = {
    "content/decisions/qd-khen.md": """
        ---
        number: "1234"
        symbol: QĐ-UBND
        issuer: ubnd-tinh
        date: 2021-11-05
        title: Khen thưởng thành tích phòng, chống dịch
        plan: kh-tinh
        campaign: covid
        award: bang-khen-tinh
        signer: {title: CHỦ TỊCH, name: Trần Văn B}
        awardees:
          - {kind: individual, name: Nguyễn Văn An, position: Bác sĩ, unit: Trung tâm Y tế huyện Đông, id: nguyen-van-an}
          - {kind: individual, name: Lê Văn Bình, position: Cán bộ, unit: UBND xã Tây, id: le-van-binh}
          - {kind: collective, name: Tổ COVID cộng đồng ấp 3, unit: xã Tây, id: to-covid-ap-3}
        ---
        Khen thưởng.
    """,
    "content/decisions/qd-thu-hoi.md": """
        ---
        number: "1300"
        symbol: QĐ-UBND
        issuer: ubnd-tinh
        date: 2021-12-01
        title: Thu hồi Bằng khen
        campaign: covid
        signer: {title: CHỦ TỊCH, name: Trần Văn B}
        revokes:
          - {decision: qd-khen, recipient: le-van-binh, reason: Khai man thành tích}
        ---
        Thu hồi.
    """,
    "content/messages/dang-dung.md": "---\nkind: slogan\ntitle: Khẩu hiệu đang dùng\ncampaign: covid\n"
                                     "valid_from: 2021-09-10\n---\nChung sức!\n",
    "content/messages/het-han.md": "---\nkind: slogan\ntitle: Khẩu hiệu hết hạn\ncampaign: covid\n"
                                   "valid_from: 2021-01-01\nvalid_until: 2021-06-30\n---\nCũ!\n",
    "content/messages/sap-toi.md": "---\nkind: slogan\ntitle: Khẩu hiệu sắp tới\ncampaign: covid\n"
                                   "valid_from: 2030-01-01\n---\nMới!\n",
}


def with_site_url(site, url=SITE_URL):
    yml = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    (site.root / "mkdocs.yml").write_text(f"site_url: {url}\n" + yml, encoding="utf-8")
    return site


@pytest.fixture
def built(make_site, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2021-12-15")
    site = with_site_url(make_site(BASE_DATA, DECISIONS))
    site.run("build", check_exit=0)
    return site


def read(site, path) -> bytes:
    return (site.root / "site" / path).read_bytes()


@pytest.mark.parametrize("folder", ["van-ban/", "khen-thuong/", "thong-diep/", "phong-trao/covid/"])
def test_rss_and_atom_parse(built, folder):
    for name, version in (("rss.xml", "rss20"), ("atom.xml", "atom10")):
        feed = feedparser.parse(read(built, folder + name))
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == version
        assert feed.entries, folder + name
        for entry in feed.entries:
            assert entry.link.startswith(SITE_URL), entry.link


def test_feeds_follow_the_same_rules_as_pages(built):
    messages = feedparser.parse(read(built, "thong-diep/rss.xml"))
    assert [e.title for e in messages.entries] == ["Khẩu hiệu đang dùng"]  # not expired, not upcoming
    decisions = feedparser.parse(read(built, "khen-thuong/atom.xml"))
    assert {e.link for e in decisions.entries} == {SITE_URL + "khen-thuong/qd-khen/", SITE_URL + "khen-thuong/qd-thu-hoi/"}
    campaign = feedparser.parse(read(built, "phong-trao/covid/rss.xml"))
    titles = " | ".join(e.title for e in campaign.entries)
    assert "85/KH-UBND" in titles and "1234/QĐ-UBND" in titles and "Khẩu hiệu đang dùng" in titles
    assert "Khẩu hiệu hết hạn" not in titles
    # newest first
    dates = [e.published_parsed for e in campaign.entries]
    assert dates == sorted(dates, reverse=True)


def test_icalendar_of_phases_and_deadlines(built):
    for path in ("lich/tat-ca.ics", "phong-trao/covid/lich.ics"):
        cal = icalendar.Calendar.from_ical(read(built, path))
        events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
        phase = events["Đợt 1 (Kế hoạch số 85/KH-UBND)"]
        assert str(phase.decoded("DTSTART")) == "2021-09-09"
        assert str(phase.decoded("DTEND")) == "2022-01-01"  # exclusive end: the phase ends on 31/12
        deadline = events["Hạn: Gửi kế hoạch về Sở Nội vụ"]
        assert str(deadline.decoded("DTSTART")) == "2021-10-15"
        assert str(phase["URL"]) == SITE_URL + "van-ban/kh-tinh/"
        assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == len(cal.walk("VEVENT"))


@pytest.mark.parametrize("path", ["du-lieu/plans", "du-lieu/decisions"])
def test_open_data_validates_against_its_schema_and_matches_csv(built, path):
    data = json.loads(read(built, f"{path}.json"))
    schema = json.loads(read(built, f"du-lieu/schema/{data['dataset']}.schema.json"))
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert data["count"] == len(data["items"]) > 0
    rows = list(csv.DictReader(io.StringIO(read(built, f"{path}.csv").decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [i["id"] for i in data["items"]]


def test_recipients_csv_read_as_documented_validates_record_by_record(built):
    """Issue 24 item 3: the recipients are CSV only; read with docs/open-data.md's function,
    each row is a record of recipients.schema.json, and the index lists the file."""
    schema = json.loads(read(built, "du-lieu/schema/recipients.schema.json"))
    jsonschema.Draft7Validator.check_schema(schema)
    assert not (built.root / "site/du-lieu/khen-thuong/qd-khen.json").exists()
    records = documented_records()(read(built, "du-lieu/khen-thuong/qd-khen.csv").decode("utf-8"))
    for record in records:
        jsonschema.validate(record, schema)
    assert [r["name"] for r in records] == ["Nguyễn Văn An", "Tổ COVID cộng đồng ấp 3"]
    assert records[1]["position"] is None  # an empty cell is null
    index = json.loads(read(built, "du-lieu/khen-thuong/index.json"))
    assert index["schema"] == SITE_URL + "du-lieu/schema/recipients.schema.json"
    assert [(i["decision"], i["count"]) for i in index["items"]] == [("qd-khen", 2)]


def test_revoked_award_is_in_no_feed_and_no_data(built):
    recipients = open_data_recipients(built.root / "site")[0]
    names = [r["name"] for r in recipients["items"]]
    assert names == ["Nguyễn Văn An", "Tổ COVID cộng đồng ấp 3"]
    assert recipients["items"][0]["award_label"] == "Bằng khen của Chủ tịch UBND tỉnh"
    decisions = {d["id"]: d for d in json.loads(read(built, "du-lieu/decisions.json"))["items"]}
    assert decisions["qd-khen"]["recipient_count"] == 2
    everything = b"".join((built.root / "site" / p).read_bytes() for p in (
        *(f"du-lieu/khen-thuong/{name}" for name in ("index.csv", "index.json", "qd-khen.csv")),
        "du-lieu/decisions.json", "khen-thuong/rss.xml", "khen-thuong/atom.xml",
        "sitemap-core-1.xml"))
    assert "Lê Văn Bình".encode() not in everything and b"le-van-binh" not in everything


def test_sitemap_lists_each_language_version_once_and_leaves_alternates_to_the_pages(make_site, monkeypatch):
    """Issue 24 (size): a sitemap entry is its address only; the hreflang alternates are in
    every page's head already (they were three more absolute addresses per entry). With a
    recipient page in each language (recipient_pages), each is listed."""
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2021-12-15")
    site = with_site_url(make_site(BASE_DATA, DECISIONS, languages=("vi", "en"),
                                   plugin={"recipient_pages": "every-language"}))
    site.run("build", check_exit=0)
    core = ET.fromstring(read(site, "sitemap-core-1.xml"))
    assert core.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = [loc.text for loc in core.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs)) == len(core)  # one address per entry, none twice
    for url in (f"{SITE_URL}khen-thuong/qd-khen/nguyen-van-an.html", f"{SITE_URL}en/khen-thuong/qd-khen/nguyen-van-an.html",
                f"{SITE_URL}van-ban/kh-tinh/", f"{SITE_URL}en/van-ban/kh-tinh/"):
        assert url in locs, url
    assert b"xhtml" not in read(site, "sitemap-core-1.xml")
    page = site.html("khen-thuong/qd-khen/nguyen-van-an.html")  # the alternates are here
    assert (f'<link rel="alternate" hreflang="en" href="{SITE_URL}en/khen-thuong/qd-khen/nguyen-van-an.html">'
            in page)
    index = ET.fromstring(read(site, "sitemap.xml"))
    assert [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == [
        SITE_URL + "sitemap-pages.xml", SITE_URL + "sitemap-core-1.xml"]


def test_sitemap_index_robots_and_page_metadata(built):
    index = read(built, "sitemap.xml").decode()
    parts = re.findall(r"<loc>(.*?)</loc>", index)
    assert SITE_URL + "sitemap-core-1.xml" in parts
    core = read(built, "sitemap-core-1.xml").decode()
    assert f"<loc>{SITE_URL}van-ban/kh-tinh/</loc>" in core
    assert f"<loc>{SITE_URL}thong-diep/het-han/</loc>" in core  # archived pages stay findable
    assert "/in/</loc>" not in core  # print views repeat the message page
    assert "sap-toi" not in core
    assert f"Sitemap: {SITE_URL}sitemap.xml" in read(built, "robots.txt").decode()
    page = built.html("van-ban/kh-tinh/index.html")
    assert f'<link rel="canonical" href="{SITE_URL}van-ban/kh-tinh/">' in page
    assert '<meta property="og:title" content="' in page and '<meta property="og:locale" content="vi_VN">' in page
    ld = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
    assert {"@context": "https://schema.org", "@type": "GovernmentOrganization",
            "name": "Ủy ban nhân dân tỉnh Mẫu", "alternateName": "UBND tỉnh Mẫu",
            "areaServed": {"@type": "AdministrativeArea", "name": "Tỉnh Mẫu"}} in ld
    messages = built.html("thong-diep/index.html")
    assert f'type="application/rss+xml" title="RSS: Thông điệp" href="{SITE_URL}thong-diep/rss.xml"' in messages
    printable = built.html("thong-diep/dang-dung/in/index.html")
    assert f'<link rel="canonical" href="{SITE_URL}thong-diep/dang-dung/">' in printable


def test_a_recipient_page_tells_link_previews_its_award_and_leaves_its_record_to_the_open_data(built):
    """Issue 24: a recipient's page carries what a Zalo or Facebook card shows, its canonical
    address, and no JSON-LD copy of its facts: those are the decision's open data, as records."""
    page = (built.root / "site/khen-thuong/qd-khen/nguyen-van-an.html").read_text(encoding="utf-8")
    head = page.split("</head>", 1)[0]
    address = SITE_URL + "khen-thuong/qd-khen/nguyen-van-an.html"
    assert f'<link rel="canonical" href="{address}">' in head
    tags = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', head))
    assert sorted(tags) == ["og:description", "og:image", "og:title", "og:type"]
    assert tags["og:title"] == "Nguyễn Văn An — Bằng khen của Chủ tịch UBND tỉnh" and tags["og:type"] == "profile"
    assert "1234/QĐ-UBND" in tags["og:description"] and tags["og:image"].startswith(SITE_URL + "chia-se/")
    assert "application/ld+json" not in page
    # the facts a JSON-LD block repeated are the recipient's open-data record
    record = next(item for item in open_data_recipients(built.root / "site")[0]["items"] if item["url"] == address)
    assert (record["name"], record["position"], record["decision_reference"]) == ("Nguyễn Văn An", "Bác sĩ", "1234/QĐ-UBND")
    # the decision's page still names its issuer for search engines
    decision = (built.root / "site/khen-thuong/qd-khen/index.html").read_text(encoding="utf-8")
    assert '"@type": "GovernmentOrganization"' in decision
    revoked = (built.root / "site/khen-thuong/qd-khen/le-van-binh.html").read_text(encoding="utf-8")
    assert "application/ld+json" not in revoked and "Lê Văn Bình" in revoked  # the page stays, saying it was revoked


def test_without_site_url_no_feeds_but_data_and_a_warning(make_site):
    site = make_site(BASE_DATA, DECISIONS)
    proc = site.run("build", check_exit=0)
    assert "site_url" in proc.stderr and "cảnh báo" in proc.stderr
    out = site.root / "site"
    assert not (out / "thong-diep/rss.xml").exists() and not (out / "sitemap-core-1.xml").exists()
    data = json.loads((out / "du-lieu/plans.json").read_text(encoding="utf-8"))
    assert data["items"][0]["url"].startswith("/van-ban/")
    assert "canonical" not in site.html("van-ban/kh-tinh/index.html")
    assert (out / "lich/tat-ca.ics").exists() and "Sitemap:" not in (out / "robots.txt").read_text()
