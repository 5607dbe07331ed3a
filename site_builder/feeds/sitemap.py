"""sitemap.xml and robots.txt.

MkDocs writes its own sitemap.xml for the hand-written pages before the core runs. The core
keeps it as one part (renamed sitemap-pages.xml) and writes sitemap.xml as a sitemap index
over that part and its own parts (50,000 addresses at most per part, as the sitemap
protocol requires; a large honor roll needs several). Embed variants and print views are
left out: they repeat pages that are already listed (core_urls lists pages, never
the nhung.html variants).

An entry is its address and nothing else: no `xhtml:link` language alternates. Every page's
`<head>` already carries the same `hreflang` set (base.html, `page.hreflang`), which search
engines read as they read a sitemap's, and repeating it here was three absolute addresses
more per page and language: 940 bytes a recipient, a third of a 50,000-recipient sitemap's
cost to build (docs/benchmarks.md). The parts are written as text, not through ElementTree:
a part is a flat list of addresses, and building and indenting a tree of 100,000 elements
was most of the time the build spends on the sitemap, on one core after the pages.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from ..runtime.digests import digest
from ..runtime.keys import pages_stamp
from ..runtime.output import write_together
from ..urls import PRINT_VIEW, is_recipient_path
from .records import absolute, unlisted_paths

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
PART_SIZE = 50_000
_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'


def listed(path: str) -> bool:
    return not PRINT_VIEW.match(path) and (path == "" or path.endswith("/") or is_recipient_path(path))


def core_urls(ctx, unlisted: set[str] | None = None) -> list[str]:
    """The absolute URL of every listed core page, each language version its own entry
    (`unlisted`: records.unlisted_paths, when the caller has it)."""
    config = ctx.config
    prefix = {code: ("" if code == config.default_language else f"{code}/") for code in config.languages}
    revoked = unlisted_paths(ctx.site) if unlisted is None else unlisted
    return [absolute(config, prefix[code] + path) for code, path in ctx.pages_written
            if listed(path) and path not in revoked]


def _listing(tag: str, item: str, urls) -> str:
    """<tag xmlns=...> with one <item><loc>url</loc></item> per URL, indented as ElementTree's
    indent() wrote it."""
    return "".join((_HEAD, f'<{tag} xmlns="{NS}">\n',
                    "".join(f"  <{item}>\n    <loc>{escape(url)}</loc>\n  </{item}>\n" for url in urls),
                    f"</{tag}>\n"))


def part(urls) -> str:
    return _listing("urlset", "url", urls)


def index(config, names: list[str]) -> str:
    return _listing("sitemapindex", "sitemap", [absolute(config, name) for name in names])


def write_sitemaps(ctx, output) -> None:
    config = ctx.config
    names = []
    shell_map = output.root / "sitemap.xml"
    if shell_map.is_file() and "<urlset" in shell_map.read_text(encoding="utf-8", errors="replace"):
        output.write("sitemap-pages.xml", shell_map.read_bytes())
        names.append("sitemap-pages.xml")
        (output.root / "sitemap.xml.gz").unlink(missing_ok=True)  # would contradict the index
    # The core's parts list the pages written and leave out the unlisted ones, nothing else
    # (the configuration is in the fingerprint): an edit that adds or removes no page keeps
    # them without making them again (100,000 addresses at 50,000 recipients).
    unlisted = unlisted_paths(ctx.site)
    key = "k" + digest("\0".join((getattr(output, "fingerprint", ""), "sitemap", pages_stamp(ctx),
                                   repr(sorted(unlisted)))))
    parts = write_together(output, "sitemap-core", key, lambda: core_parts(ctx, unlisted))
    names += sorted(parts, key=lambda name: int(name[len(CORE_PART):-len(".xml")]))
    output.write("sitemap.xml", index(config, names))


CORE_PART = "sitemap-core-"  # then the part's number and .xml


def core_parts(ctx, unlisted: set[str] | None = None) -> dict[str, str]:
    """The core's sitemap parts: file name -> text, at most PART_SIZE addresses each."""
    urls = core_urls(ctx, unlisted)
    return {f"{CORE_PART}{number}.xml": part(urls[start:start + PART_SIZE])
            for number, start in enumerate(range(0, max(len(urls), 1), PART_SIZE), start=1)}


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
