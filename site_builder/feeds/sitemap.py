"""sitemap.xml and robots.txt.

MkDocs writes its own sitemap.xml for the hand-written pages before the core runs. The core
keeps it as one part (renamed sitemap-pages.xml) and writes sitemap.xml as a sitemap index
over that part and its own parts (50,000 addresses at most per part, as the sitemap
protocol requires; a large honor roll needs several). Embed variants and print views are
left out: they repeat pages that are already listed (core_urls lists pages, never
the nhung.html variants).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..urls import PRINT_VIEW, is_recipient_path
from .records import absolute, unlisted_paths

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
PART_SIZE = 50_000


def listed(path: str) -> bool:
    return not PRINT_VIEW.match(path) and (path == "" or path.endswith("/") or is_recipient_path(path))


def _xml(root) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def core_urls(ctx) -> list[tuple[str, list[tuple[str, str]]]]:
    """(absolute URL, [(hreflang, URL) of every language version]) of every listed core page."""
    config = ctx.config
    prefix = {code: ("" if code == config.default_language else f"{code}/") for code in config.languages}
    by_path: dict[str, list[str]] = {}
    revoked = unlisted_paths(ctx.site)
    for code, path in ctx.pages_written:
        if listed(path) and path not in revoked:
            by_path.setdefault(path, []).append(code)
    out = []
    for path, codes in by_path.items():
        versions = [(code, absolute(config, prefix[code] + path)) for code in codes]
        for code, url in versions:
            out.append((url, versions if len(versions) > 1 else []))
    return out


def part(urls) -> str:
    # Namespaces are written as plain attributes: the sitemap namespace is the default one.
    root = ET.Element("urlset", {"xmlns": NS, "xmlns:xhtml": XHTML})
    for url, versions in urls:
        node = ET.SubElement(root, "url")
        ET.SubElement(node, "loc").text = url
        for code, other in versions:  # language versions, as search engines read them
            ET.SubElement(node, "xhtml:link", {"rel": "alternate", "hreflang": code, "href": other})
    return _xml(root)


def index(config, names: list[str]) -> str:
    root = ET.Element("sitemapindex", {"xmlns": NS})
    for name in names:
        ET.SubElement(ET.SubElement(root, "sitemap"), "loc").text = absolute(config, name)
    return _xml(root)


def write_sitemaps(ctx, output) -> None:
    config = ctx.config
    names = []
    shell_map = output.root / "sitemap.xml"
    if shell_map.is_file() and "<urlset" in shell_map.read_text(encoding="utf-8", errors="replace"):
        output.write("sitemap-pages.xml", shell_map.read_bytes())
        names.append("sitemap-pages.xml")
        (output.root / "sitemap.xml.gz").unlink(missing_ok=True)  # would contradict the index
    urls = core_urls(ctx)
    for number, start in enumerate(range(0, max(len(urls), 1), PART_SIZE), start=1):
        name = f"sitemap-core-{number}.xml"
        output.write(name, part(urls[start:start + PART_SIZE]))
        names.append(name)
    output.write("sitemap.xml", index(config, names))


def robots(config) -> str:
    """Preview builds must stay out of search engines; production lists its sitemap."""
    if config.preview:
        return "User-agent: *\nDisallow: /\n"
    # Embed variants (nhung.html) are not disallowed: they carry <meta name="robots" content="noindex">,
    # which a crawler can only obey if it may fetch them.
    lines = ["User-agent: *", "Allow: /", ""]
    if config.site_url:
        lines.append(f"Sitemap: {absolute(config, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"
