"""Every language complete (issue 23, items 5 and 6): structured data of the sidebars in the
reader's language or marked `lang="vi"`, the Sóc Trăng plan and its decisions in Khmer, the
campaign tree read both ways, documents without a number named by type, issuer and date.

The walk over the English pages builds the real example site (content/, theme/, mkdocs.yml of
the repository) once for the module and reads every page a visitor can open."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest

from site_builder import SiteConfig, load_site

from .conftest import BASE_DATA, REPO, SiteFixture

# Vietnamese by its letters: the marked vowels no other Latin-script language of the site
# uses, and đ. Case-insensitive.
VIETNAMESE = re.compile(
    "[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư]", re.IGNORECASE)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Text a reader does not read as prose: scripts, styles, and the embed code offered for copying.
NOT_PROSE = {"script", "style", "textarea"}
# Proper names the example's prose names that no data file holds.
OTHER_NAMES = ("Nguyễn Phú Trọng", "Ca Lạc")
# The words a unit's name begins with: "Xã Đại Mạch" is also written "Đại Mạch".
UNIT_WORDS = re.compile(r"^(Xã|Phường|Thị trấn|Đặc khu|Thị xã|Thành phố|Huyện|Quận|Tỉnh|Ấp|Buôn|Thôn) ", re.I)


class VietnameseText(HTMLParser):
    """The text nodes with Vietnamese letters outside every element marked lang="vi"."""

    def __init__(self, names: list[str]):
        super().__init__(convert_charrefs=True)
        self.names = names
        self.open: list[tuple[str, str | None]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        if any(tag in NOT_PROSE for tag, _ in self.open):
            return
        lang = next((code for _, code in reversed(self.open) if code), None)
        if lang == "vi" or not VIETNAMESE.search(data):
            return
        text = data
        for name in self.names:  # proper names stay as written, in any language
            text = text.replace(name, " ")
        # a document's number and symbol ("2475/QĐ-UBND", "91/2017/NĐ-CP") is an identifier
        text = " ".join(word for word in text.split() if "/" not in word)
        if VIETNAMESE.search(text):
            self.found.append(" ".join(data.split()))


def proper_names(root) -> list[str]:
    """The proper names of the example site: the portal's name, units, bodies, the people who
    signed, and the honor roll's people and units; the longest first."""
    site = load_site(SiteConfig(content_dir=root / "content"))
    site_name = re.search(r"(?m)^site_name: *(.+)$", (root / "mkdocs.yml").read_text(encoding="utf-8"))[1]
    names = {site_name.strip().strip("\"'"), *OTHER_NAMES}
    for unit in site.units.values():
        names |= {unit.name, UNIT_WORDS.sub("", unit.name)}
    for body in site.bodies.values():
        names |= {body.name, body.short or body.name}
    for doc in [*site.plans.values(), *site.decisions.values()]:
        names.add((doc.get("signer") or {}).get("name") or "")
        for awardee in getattr(doc, "awardees", []):
            names |= {awardee.name, awardee.unit or ""}
    names |= {name.upper() for name in names}  # a document's header writes them in capitals
    return sorted((n for n in names if n), key=len, reverse=True)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example site, copied out of the repository and built once."""
    root = tmp_path_factory.mktemp("example-site")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    site = SiteFixture(root)
    site.run("build", check_exit=0)
    return site


def test_english_pages_show_no_vietnamese_outside_names_and_marked_fragments(example):
    names = proper_names(example.root)
    left: dict[str, list[str]] = {}
    pages = sorted((example.root / "site" / "en").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        scan = VietnameseText(names)
        scan.feed(page.read_text(encoding="utf-8"))
        if scan.found:
            left[str(page.relative_to(example.root / "site"))] = sorted(set(scan.found))
    assert left == {}, "\n".join(f"{p}: {found[:3]}" for p, found in list(left.items())[:40])
