"""bench/site_sizes.py: a built site's files and bytes by kind, per recipient (issue 24, item 3)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.site_sizes import kind_of, main, measure  # noqa: E402

from .conftest import BASE_DATA, sheet_decision  # noqa: E402

PEOPLE = ["Nguyễn Văn An", "Lê Thị Bình", "Trạm Y tế xã Tây"]


def test_every_file_is_counted_once_in_the_kind_it_is(make_site, capsys):
    """BASE_DATA (its plans and decisions) and qd-77-2021 with three recipients in a sheet,
    in vi and en."""
    site = make_site(BASE_DATA, sheet_decision(), {"content/decisions/qd-77-2021.csv": "kind,name,achievement\n" + "".join(
        f"{'collective' if 'Trạm' in name else 'individual'},{name},Hoàn thành xuất sắc nhiệm vụ\n" for name in PEOPLE)},
        languages=("vi", "en"), plugin={"recipient_pages": "every-language",  # a recipient page per language
                                        "frame_ancestors": ["https://portal.example.gov.vn"]})  # and embeds
    site.run("build", check_exit=0)
    out = site.root / "site"
    sizes = measure(out)
    files = [Path(folder) / name for folder, _, names in os.walk(out) for name in names]
    assert sum(f for f, _ in sizes.values()) == len(files)
    assert sum(b for _, b in sizes.values()) == sum(f.lstat().st_size for f in files)
    recipients = sorted(out.glob("khen-thuong/qd-77-2021/*.html")) + sorted(out.glob("en/khen-thuong/qd-77-2021/*.html"))
    pages = [p for p in recipients if p.name not in ("index.html", "nhung.html", "nhung-nguoi.html")]
    assert len(pages) == 2 * len(PEOPLE)  # both languages in one kind
    assert sizes["recipient pages"][0] >= len(pages)
    assert sizes["verification pages"] == [len(list(out.glob("xm/*.html"))), sum(
        p.stat().st_size for p in out.glob("xm/*.html"))]
    assert sizes["decision cards"][0] == len(list(out.glob("**/khen-thuong/*/nhung-nguoi.html")))
    recipients_files = list((out / "du-lieu/khen-thuong").iterdir())
    assert sizes["open data recipients"] == [len(recipients_files), sum(f.stat().st_size for f in recipients_files)]
    assert main([str(out), "--recipients", "3", "--markdown"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("| kind | files | MB | files per recipient | bytes per recipient | share |")
    assert "| recipient pages | " in table and table.rstrip().splitlines()[-1].startswith("| total | ")


def test_kinds_of_paths():
    assert kind_of("khen-thuong/qd-1/nguyen-van-an.html") == "recipient pages"
    assert kind_of("en/khen-thuong/qd-1/nguyen-van-an.html") == "recipient pages"
    assert kind_of("khen-thuong/qd-1/trang/2/nhung.html") == "decision embed variants, pages 2+"
    assert kind_of("khen-thuong/qd-1/in/index.html") == "decision print views"
    assert kind_of("khen-thuong/dia-phuong/xa-tay/trang/3/index.html") == "place lists, pages 2+"
    assert kind_of("en/khen-thuong/hinh-thuc/bang-khen-tinh/nhung.html") == "award lists (embed variants)"
    assert kind_of("khen-thuong/index.html") == "honor roll overview"
    assert kind_of("xm/abc123defg.html") == "verification pages"
    assert kind_of("du-lieu/khen-thuong/qd-1.csv") == "open data recipients"
    assert kind_of("du-lieu/schema/recipients.schema.json") == "open data, other"
    assert kind_of("sitemap-core-1.xml") == "sitemaps"
    assert kind_of("van-ban/kh-tinh/index.html") == "van-ban/"
    assert kind_of("robots.txt") == "files at the site's root"
