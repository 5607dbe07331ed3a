"""Links, images and attachments written in Markdown lead somewhere; cited documents are known.

A communicator who types `[Kế hoạch 85](../kh-tinh-85/)` or `![ảnh](images/hoi-nghi.jpg)`
learns at check time, with the file and line, that the page or file does not exist, instead
of a reader finding a dead link after publication. Page addresses follow the URL table of
docs/architecture.md; files are whatever the build copies from content/ and the theme.

Citations ("Kế hoạch số 46/KH-UBND ngày 21/4/2020") that match no document of the site and
no `cites:` entry anywhere are reported as warnings: the document may simply not be online,
but a typo in a number is the commoner cause.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .. import urls
from ..urls import EMBED_FILE, INDEX_FILE, recipient_path
from ..content.frontmatter import FrontmatterError, split
from ..embedding import allowed_origins
from ..honor.index import has_print_view
from ..render.markdown import CITATION

SECTIONS = (urls.HOME,) + urls.BROWSED_SECTIONS
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CORE_ASSETS = Path(__file__).resolve().parent.parent / "assets"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif"}

# Markdown constructs that carry an address; code is blanked out before matching.
_INLINE = re.compile(r"(?P<bang>!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REFDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)", re.MULTILINE)
_HTML = re.compile(r"<(?P<tag>[a-zA-Z]+)\b[^>]*?\b(?P<attr>href|src)\s*=\s*[\"'](?P<url>[^\"']*)[\"']")
_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`+[^`\n]*`+")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_LANG_SUFFIX = re.compile(r"\.[a-z]{2,3}$")
_STATIC_ID = re.compile(r"""\bid=["']([^"'{}]+)["']""")


@dataclass
class Body:
    """One Markdown text to check, and where its links are resolved from."""
    file: str  # for messages
    text: str
    first_line: int
    page: str | None  # the page's own address ("van-ban/kh-tinh/"), None when it has none
    source_dir: str  # folder of the source file inside content/, for links to .md files
    handwritten: bool  # rendered by MkDocs (which rewrites .md links) rather than the core


def check(site) -> None:
    index = SiteIndex(site)
    for body in _bodies(site, index):
        _check_links(site, index, body)
        _check_citations(site, index, body)
    _check_frontmatter_files(site, index)


def _blank_code(text: str) -> str:
    """Replace code by spaces (keeping newlines) so examples of links are not checked."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


class _Addresses(dict):
    """A site's page addresses; those of recipient pages (one per awardee, and per language with
    `recipient_pages: every-language`: 100,000 at provincial scale and most of this rule's
    time) are added by `more()` only when a look-up misses, which a site whose links all lead
    somewhere never does. Recipient addresses end in ".html", every other one in "/", so
    adding them late changes no answer."""

    def __init__(self, more):
        super().__init__()
        self._more = more

    def _complete(self) -> bool:
        if self._more is None:
            return False
        more, self._more = self._more, None
        for address, value in more().items():
            self.setdefault(address, value)
        return True

    def __contains__(self, address) -> bool:
        return dict.__contains__(self, address) or (self._complete() and dict.__contains__(self, address))

    def __missing__(self, address):
        if self._complete():
            return self[address]
        raise KeyError(address)

    def get(self, address, default=None):
        return self[address] if address in self else default


class SiteIndex:
    """Every address and file the published site will have, computed from the content."""

    def __init__(self, site):
        self.site = site
        # id(target) -> the ids of its sections (anchors), asked for once per page
        self._anchors: dict[int, set[str] | None] = {}
        config = site.config
        self.content = config.content_dir
        self.base = config.base_path
        self.other_langs = [code for code in config.languages if code != config.default_language]
        # address -> entry, content path of a page, or None
        self.pages: dict[str, object] = _Addresses(self._recipient_pages)
        self.unpublished: dict[str, object] = {}
        for address in SECTIONS:
            self.pages[address] = None
        for entry, address in self._entry_addresses(site.plans, site.decisions, site.messages,
                                                      site.consultations):
            self.pages[address] = entry
        for entry, address in self._entry_addresses(site.unpublished):
            self.unpublished.setdefault(address, entry)
        for decision in site.decisions.values():
            if has_print_view(decision):
                self.pages[urls.decision_print_page(decision.id)] = None  # the whole text and list, for print
            year = getattr(decision.meta.get("date"), "year", None)
            if year:
                self.pages[urls.year_page(year)] = None
        for award in site.awards:
            self.pages[urls.award_page(award)] = None
        for unit in site.units:
            self.pages[urls.place_page(unit)] = None
        for campaign in site.campaigns:
            self.pages[urls.campaign_page(campaign)] = None
        for message in site.messages.values():
            self.pages[urls.message_print_page(message.id)] = None  # printable poster
        for address, value in list(self.pages.items()):
            for code in self.other_langs:
                self.pages.setdefault(f"{code}/{address}", value)
        for page in site.pages:
            self.pages[self.page_address(page)] = page

    def _recipient_pages(self) -> dict[str, None]:
        pages = {recipient_path(decision.id, awardee.id): None
                 for decision in self.site.decisions.values() for awardee in getattr(decision, "awardees", [])}
        # Other languages have recipient pages only when the site makes them (recipient_pages).
        config = self.site.config
        for address in list(pages):
            for code in self.other_langs:
                if config.recipient_language(code) == code:
                    pages[f"{code}/{address}"] = None
        return pages

    @staticmethod
    def _entry_addresses(*collections):
        for collection in collections:
            for entry in collection.values():
                address = urls.entry_page(entry.collection, entry.id)
                if address:
                    yield entry, address

    def entry_address(self, entry) -> str | None:
        return urls.entry_page(entry.collection, entry.id)

    def page_address(self, page: str) -> str:
        """'gioi-thieu.md' -> 'gioi-thieu/', 'a/index.md' -> 'a/', 'about.en.md' -> 'en/about/'."""
        stem = page[:-3]
        lang = ""
        head, _, last = stem.rpartition("/")
        if "." in last and last.rsplit(".", 1)[1] in self.other_langs:
            last, code = last.rsplit(".", 1)
            lang = code + "/"
            stem = f"{head}/{last}" if head else last
        if stem == "index" or stem.endswith("/index") or stem.lower() in ("readme",) \
                or stem.lower().endswith("/readme"):
            stem = stem.rsplit("/", 1)[0] if "/" in stem else ""
            return lang + (stem + "/" if stem else "")
        return f"{lang}{stem}/"

    @cached_property
    def files(self) -> set[str]:
        """Files copied into the site: content files MkDocs copies, theme files, core assets."""
        from ..content.folders import COLLECTION_DIRS, MEDIA_SUFFIXES
        from ..content.safe_files import refusal

        found = set(self.site.media)
        for path in self.content.rglob("*"):
            # A link out of content/ or a file over its limit is never published (the loader
            # reported it): a link to it is broken.
            if not path.is_file() or path.suffix == ".md" or refusal(path, self.content) is not None:
                continue
            rp = path.relative_to(self.content)
            top = rp.parts[0] if len(rp.parts) > 1 else ""
            if any(p.startswith(".") for p in rp.parts) or top == "data":
                continue
            if top in COLLECTION_DIRS and path.suffix.lower() not in MEDIA_SUFFIXES:
                continue
            found.add(rp.as_posix())
        theme = self.site.config.theme_dir
        if theme and Path(theme).is_dir():
            for path in Path(theme).rglob("*"):
                rp = path.relative_to(theme)
                if path.is_file() and path.suffix != ".html" and rp.parts[0] not in ("core", "strings"):
                    found.add(rp.as_posix())
        for path in CORE_ASSETS.rglob("*"):
            if path.is_file():
                found.add("assets/" + path.relative_to(CORE_ASSETS).as_posix())
        return found

    @cached_property
    def template_ids(self) -> set[str]:
        """Fixed ids the core templates give every page (sections a link may point at)."""
        ids: set[str] = set()
        folders = [TEMPLATES]
        theme = self.site.config.theme_dir
        if theme and (Path(theme) / "core").is_dir():
            folders.append(Path(theme) / "core")
        for folder in folders:
            for path in folder.rglob("*.html"):
                ids.update(_STATIC_ID.findall(path.read_text(encoding="utf-8")))
        return ids

    @cached_property
    def known_refs(self) -> dict[tuple[str, str], set]:
        """(number, SYMBOL) -> the years (None: any) of every document the site has, for
        citations in bodies: one look-up per citation, not a scan of every document (3,000
        documents cited in as many bodies took a second)."""
        years: dict[tuple[str, str], set] = {}
        for number, symbol, year in _known_refs(self.site):
            years.setdefault((number, symbol), set()).add(year)
        return years

    def anchors(self, target) -> set[str] | None:
        """Ids of a page's sections, or None when they cannot be known before rendering."""
        key = id(target)
        if key not in self._anchors:
            self._anchors[key] = self._anchors_of(target)
        return self._anchors[key]

    def _anchors_of(self, target) -> set[str] | None:
        if isinstance(target, str):  # a hand-written page, rendered by MkDocs's Markdown
            import markdown

            try:
                _, text, _ = split((self.content / target).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, FrontmatterError):
                return None
            html = markdown.markdown(text, extensions=["extra", "toc", "attr_list"])
            return set(re.findall(r'\bid="([^"]+)"', html))
        if target is not None and hasattr(target, "body"):
            from ..render.markdown import to_html

            return set(re.findall(r'\bid="([^"]+)"', to_html(target.body))) | self.template_ids
        return None


def _bodies(site, index: SiteIndex):
    entries = site.entries()
    entries += list(site.unpublished.values())
    for entry in sorted(entries, key=lambda e: e.source.file):
        page = index.entry_address(entry)
        source_dir = posixpath.dirname(_content_path(site, entry.source.file))
        yield Body(entry.source.file, entry.body, entry.body_line, page, source_dir, False)
        for code, tr in sorted(entry.translations.items()):
            yield Body(tr.file, tr.body, tr.body_line, f"{code}/{page}" if page else None, source_dir, False)
    for page in site.pages:
        last = posixpath.basename(page)[:-3]
        if _LANG_SUFFIX.search(last) and last.rsplit(".", 1)[1] not in index.other_langs:
            continue  # a page in a language the site does not publish: rules/translations.py
        path = site.config.content_dir / page
        try:
            _, text, first = split(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, FrontmatterError):
            continue
        file = _project_path(site, path)
        yield Body(file, text, first, index.page_address(page), posixpath.dirname(page), True)


def _content_path(site, project_file: str) -> str:
    content = site.config.content_dir
    prefix = _project_path(site, content) + "/"
    return project_file[len(prefix):] if project_file.startswith(prefix) else project_file


def _project_path(site, path: Path) -> str:
    try:
        return Path(path).relative_to(site.config.project_dir).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _addresses(body: Body):
    """(url, is_image, line) of every address written in the body."""
    text = _blank_code(body.text)
    found = []
    for m in _INLINE.finditer(text):
        found.append((m.start(), m["url"], bool(m["bang"])))
    for m in _REFDEF.finditer(text):
        found.append((m.start(), m["url"], False))
    for m in _HTML.finditer(text):
        found.append((m.start(), m["url"], m["attr"] == "src" and m["tag"].lower() == "img"))
    for start, url, image in sorted(found):
        yield url, image, body.first_line + text.count("\n", 0, start)


def _check_links(site, index: SiteIndex, body: Body) -> None:
    for url, image, line in _addresses(body):
        if not url or _EXTERNAL.match(url):
            continue
        _check_one(site, index, body, url, image, line)


def _check_one(site, index, body, url, image, line) -> None:
    problems = site.problems
    path, _, fragment = url.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        target = index.pages.get(body.page) if body.page is not None else None
        if body.handwritten and body.page is not None:
            target = next((p for p in site.pages if index.page_address(p) == body.page), None)
        _check_anchor(site, index, body, url, fragment, target, line)
        return
    if path.endswith(".md"):
        _check_md_link(site, index, body, url, path, fragment, line)
        return
    resolved = _resolve(index, body, path)
    if resolved is None:
        problems.add(body.file, line, None, "broken_link", url=url, hint=("", ""))
        return
    last = resolved.rsplit("/", 1)[-1]
    if last == EMBED_FILE:
        if not allowed_origins(site.config):  # no embed variants on a site nobody may frame
            problems.add(body.file, line, None, "broken_link", url=url, hint=("", ""))
            return
        resolved = resolved[: -len(EMBED_FILE)]
    elif last == INDEX_FILE:
        resolved = resolved[: -len(INDEX_FILE)]
    elif "." in last and resolved not in index.pages:  # recipient pages are .html files
        if resolved not in index.files:
            what = ("ảnh", "image") if image or posixpath.splitext(last)[1].lower() in IMAGE_SUFFIXES \
                else ("tệp đính kèm", "attachment")
            problems.add(body.file, line, None, "missing_file", url=url, what=what)
        return
    elif "." not in last:
        resolved = resolved.rstrip("/") + "/"
    if resolved == "/":
        resolved = ""
    if resolved in index.pages:
        if fragment:
            _check_anchor(site, index, body, url, fragment, index.pages[resolved], line)
        return
    if resolved in index.unpublished:
        hint = (" (trang đó đang là bản nháp hoặc chưa đến ngày đăng)", " (that page is a draft or not yet due)")
    else:
        hint = ("", "")
    problems.add(body.file, line, None, "broken_link", url=url, hint=hint)


def _resolve(index: SiteIndex, body: Body, path: str) -> str | None:
    """The address a link leads to, relative to the site root; None if it leaves the site."""
    if path.startswith("/"):
        base = index.base
        path = path[len(base):] if base != "/" and path.startswith(base) else path[1:]
        joined = path
    else:
        if body.page is None:
            return None
        joined = posixpath.join(body.page, path)
    trailing = joined.endswith("/")
    norm = posixpath.normpath(joined) if joined else "."
    if norm == ".":
        return ""
    if norm.startswith("../") or norm == "..":
        return None
    return norm + ("/" if trailing and "." not in norm.rsplit("/", 1)[-1] else "")


def _check_md_link(site, index, body, url, path, fragment, line) -> None:
    """Links to .md files: MkDocs turns them into addresses on hand-written pages only, and only
    for other hand-written pages; collection entries must be linked by their address."""
    target = posixpath.normpath(posixpath.join(body.source_dir, path)) if not path.startswith("/") \
        else path.lstrip("/")
    if body.handwritten and target in site.pages:
        if fragment:
            _check_anchor(site, index, body, url, fragment, target, line)
        return
    suggestion = None
    for entry in [*site.documents.values(), *site.messages.values(), *site.consultations.values(),
                  *site.unpublished.values()]:
        if _content_path(site, entry.source.file) == target:
            suggestion = index.entry_address(entry)
    if suggestion is None and target in site.pages:
        suggestion = index.page_address(target)
    if suggestion is None:
        site.problems.add(body.file, line, None, "broken_link", url=url, hint=("", ""))
        return
    # Suggest the address as it must be written from this page: relative, so it also
    # works when the site lives under a sub-path (GitHub Pages, GitLab Pages).
    relative = posixpath.relpath(suggestion or ".", body.page or ".") if body.page is not None else suggestion
    relative = "./" if relative == "." else relative.rstrip("/") + "/"
    site.problems.add(body.file, line, None, "md_link", url=url, suggestion=relative)


def _check_anchor(site, index, body, url, fragment, target, line) -> None:
    if not fragment:
        return
    anchors = index.anchors(target)
    if anchors is None or fragment in anchors:
        return
    site.problems.add(body.file, line, None, "broken_anchor", url=url, anchor=fragment, severity="warning")


# --- citations -------------------------------------------------------------------------------


def _known_refs(site) -> set[tuple[str, str, int | None]]:
    """(number, SYMBOL, year) of every document in the site or listed in any `cites:`."""
    known: set[tuple[str, str, int | None]] = set()
    docs = [*site.documents.values(), *[e for e in site.unpublished.values() if hasattr(e, "number")]]
    for doc in docs:
        if doc.number:
            year = getattr(doc.meta.get("date"), "year", None)
            known.add((doc.number.strip(), doc.symbol.strip().upper(), year))
        for cite in doc.meta.get("cites") or []:
            ref = str((cite or {}).get("ref") or "")
            number, _, rest = ref.partition("/")
            symbol = rest.rsplit("/", 1)[-1]
            if number and symbol:
                year = getattr((cite or {}).get("date"), "year", None)
                if year is None and "/" in rest and rest.split("/", 1)[0].isdigit():
                    year = int(rest.split("/", 1)[0])
                known.add((number.strip(), symbol.strip().upper(), year))
    return known


def _check_citations(site, index, body: Body) -> None:
    known = index.known_refs
    text = _blank_code(body.text)
    for m in CITATION.finditer(text):
        year = int(m["y"]) if m["y"] else (int(m["ymid"]) if m["ymid"] else None)
        years = known.get((m["number"], m["symbol"].upper()))
        if years and (year is None or None in years or year in years):
            continue
        line = body.first_line + text.count("\n", 0, m.start())
        site.problems.add(body.file, line, None, "unknown_citation", citation=m.group(0), severity="warning")


# --- files named in the frontmatter ----------------------------------------------------------

# Messages' image and audio are checked by rules/messages.py.
MEDIA_FIELDS = {"story": ("photo",)}


def _check_frontmatter_files(site, index: SiteIndex) -> None:
    entries = [*site.stories.values(), *site.unpublished.values()]
    for entry in entries:
        for name in MEDIA_FIELDS.get(entry.collection, ()):
            value = entry.meta.get(name)
            if not value or _EXTERNAL.match(str(value)):
                continue
            path = posixpath.normpath(str(value).lstrip("/"))
            if path not in index.files:
                parsed = getattr(entry, "parsed", None)
                line = parsed.line_of(name) if parsed else None
                what = ("ảnh", "image") if name != "audio" else ("tệp âm thanh", "audio file")
                site.problems.add(entry.source.file, line, name, "missing_file", url=str(value), what=what)
