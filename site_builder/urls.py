"""Where every page and file of the site lives: the URL roots and shapes, written once.

Paths here are site paths without the language prefix ("en/") and without a leading "/":
"" is the home page, a folder ends in "/" (its index.html), a file ends in its name. Pages
(pages/), feeds and open data (feeds/), link checks (rules/), the MkDocs shell and the
templates (through `paths`, render/env.py) all take their addresses from here, so a renamed
section is one edit, and names that a page's id must not take (awardees.RESERVED_IDS,
rules/messages.RESERVED_IDS) follow the names used here.

A recipient page is a file, `khen-thuong/<decision>/<recipient>.html`, not a folder with an
index.html: recipient pages are the bulk of a site (100,000 per language at provincial
scale) and on the disks builds run on, creating a folder costs as much as creating the file
(docs/benchmarks.md). Every other page keeps the folder form.

The shapes join an id to its section with `+`, never by formatting: recipient pages are made
from a stencil of their template (render/frame.py), in which the ids are markers that refuse
to be formatted and pass through a join.
"""
from __future__ import annotations

import hashlib
import re

# Sections: the top-level folders the core writes.
HOME = ""
DOCUMENTS = "van-ban/"
CAMPAIGNS = "phong-trao/"
HONOR_ROLL = "khen-thuong/"
MESSAGES = "thong-diep/"
CONSULTATIONS = "lay-y-kien/"  # proposal lists put out for public comment (pages/consultations.py)
SEARCH = "tim-kiem/"
OPEN_DATA = "du-lieu/"
WIDGETS = "nhung/"
CALENDARS = "lich/"
VERIFY = "xm/"  # short verification addresses (xác minh), one file per award: verification_page()
SHARE_IMAGES = "chia-se/"  # link-preview images (Zalo, Facebook) of each language: share_image()
EDITOR = "quan-tri/"  # the web editor (quản trị), only when the site enables it: editor/, docs/web-editor.md
# The sections a visitor browses (the site's menu; links.py knows them as pages).
BROWSED_SECTIONS = (DOCUMENTS, CAMPAIGNS, HONOR_ROLL, MESSAGES, CONSULTATIONS, SEARCH)
# Every section the core writes (the MkDocs shell leaves them alone).
CORE_SECTIONS = BROWSED_SECTIONS + (WIDGETS, OPEN_DATA, VERIFY)

# Folder names inside sections.
PAGING = "trang"  # <list>/trang/<n>/: page n (> 1) of a long list
BY_AWARD = "hinh-thuc"
BY_PLACE = "dia-phuong"
BY_CAMPAIGN = "phong-trao"
BY_YEAR = "nam"
CURRENT = "hien-hanh"  # messages in force
ARCHIVE = "luu-tru"  # messages that expired
PRINT = "in"  # a message's printable poster; a decision's whole text and list, for print

# File names.
INDEX_FILE = "index.html"
EMBED_FILE = "nhung.html"  # the chrome-less variant beside every page (render/embed.py)
OEMBED_FILE = "oembed.json"  # the page's embed code as an oEmbed document
CARDS_FILE = "nhung-nguoi.html"  # a decision page's recipients as embeddable cards
# A decision's recipients were also a download beside its page until issue 24; the decision
# page now links the open data's file of the same rows (recipients_file), and the name stays
# reserved so that no recipient's id changes (docs/open-data.md, "The decision page's download").
FORMER_DECISION_CSV = "danh-sach.csv"
ORIGINAL_FILE = "ban-goc"  # a document's signed original beside its page, with its own suffix
RSS_FILE = "rss.xml"
ATOM_FILE = "atom.xml"
CALENDAR_FILE = "lich.ics"
# The page a web server answers with for an address the site does not have: one per language
# (404.html, en/404.html), chosen by the server's configuration (docs/publishing.md).
NOT_FOUND_FILE = "404.html"
ALL_CALENDAR = f"{CALENDARS}tat-ca.ics"

# Files in a decision's folder that are not recipient pages.
DECISION_FILES = (INDEX_FILE, EMBED_FILE, CARDS_FILE)
# Names a recipient id must not take (awardees.RESERVED_IDS): recipient pages sit in their
# decision's folder, beside its own files and its paging folder.
DECISION_NAMES = frozenset({PAGING, PRINT} | {name.rsplit(".", 1)[0] for name in DECISION_FILES + (FORMER_DECISION_CSV,)})
# Names a message id must not take (rules/messages.py): the message lists beside its pages.
MESSAGE_LIST_NAMES = (CURRENT, ARCHIVE)

# Names of the site's own folders and files (a file's without its suffix), and of the folders
# MkDocs and its theme write ("assets", "search"). An id of a document, message, campaign, award
# form, unit or body, or a hand-written page at the top of content/, that took one of them could
# replace or hide a page of the site: content/schema.py and content/loader.py refuse them
# (`id_fault`). A recipient's id is held to DECISION_NAMES, the names beside its page.
SITE_NAMES = frozenset(
    {section.strip("/") for section in CORE_SECTIONS + (CALENDARS, SHARE_IMAGES, EDITOR)}
    | {PAGING, BY_AWARD, BY_PLACE, BY_CAMPAIGN, BY_YEAR, CURRENT, ARCHIVE, PRINT, "assets", "search"}
    | {name.rsplit("/", 1)[-1].rsplit(".", 1)[0] for name in (
        INDEX_FILE, EMBED_FILE, OEMBED_FILE, CARDS_FILE, FORMER_DECISION_CSV, RSS_FILE, ATOM_FILE, CALENDAR_FILE,
        ALL_CALENDAR, NOT_FOUND_FILE)})

# The form of every id, since each becomes one segment of an address and one file or folder
# name: lower-case ASCII words of letters and digits joined by single hyphens (what
# text/slug.py makes of a name), short enough for any file system.
ID_FORM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_MAX_LENGTH = 100


def id_fault(value: str, reserved: frozenset = SITE_NAMES) -> str | None:
    """Why `value` cannot be an id: "form" (not lower-case ASCII words joined by hyphens, or
    too long: "../../x", "A B", "Đà-Lạt", ""), "reserved" (a name in `reserved`); None when it
    can. No id that passes can leave its folder or replace another page's file."""
    if not isinstance(value, str) or len(value) > ID_MAX_LENGTH or not ID_FORM.fullmatch(value):
        return "form"
    return "reserved" if value in reserved else None


MESSAGES_CURRENT = f"{MESSAGES}{CURRENT}/"
MESSAGES_ARCHIVE = f"{MESSAGES}{ARCHIVE}/"
PLACES = f"{HONOR_ROLL}{BY_PLACE}/"

_RECIPIENT_PAGE = re.compile(rf"^{re.escape(HONOR_ROLL)}[^/]+/([^/]+)\.html$")
# A message's or a decision's print view; group 1 is the message's or decision's page.
PRINT_VIEW = re.compile(rf"^((?:{re.escape(MESSAGES)}|{re.escape(HONOR_ROLL)})[^/]+/){re.escape(PRINT)}/$")
# A campaign's page; group 1 is the campaign's id.
CAMPAIGN_PAGE = re.compile(rf"^{re.escape(CAMPAIGNS)}([^/]+)/$")


# The sections of the honor roll's overview (templates/honor/overview.html writes these ids)
# that list what a browse folder holds: khen-thuong/hinh-thuc/ has no page of its own.
BROWSE_SECTIONS = {BY_AWARD: "by-award", BY_PLACE: "by-place", BY_CAMPAIGN: "by-campaign", BY_YEAR: "by-year"}


def parent_folder(folder: str) -> str:
    """'khen-thuong/nam/' -> 'khen-thuong/'; a section -> HOME."""
    head = folder.rstrip("/").rpartition("/")[0]
    return head + "/" if head else HOME


def relative(folder: str, target: str) -> str:
    """The link to `target` (a path from the site's root) from a page in `folder` (a folder
    from the site's root: "" or ending in "/"): up to the folders both share, then down.
    A decision page links its recipients by their file name ("nguyen-van-a.html"), not by a
    path from the site's root ("../../khen-thuong/<decision>/nguyen-van-a.html"): 46 bytes a
    row (docs/honor-roll.md, "What a list row carries")."""
    shared = 0
    while True:
        end = folder.find("/", shared) + 1
        if not end or not target.startswith(folder[shared:end], shared):
            break
        shared = end
    return "../" * folder.count("/", shared) + target[shared:]


def folder_landing(folder: str) -> str:
    """Where a folder that is no page of its own (a reader shortened an address to it) leads:
    a list's paging folder to the list, a browse folder of the honor roll to the overview's
    section that lists its pages, any other folder to the folder above it (the caller goes on
    up until it meets a page). The answer may end in a #fragment."""
    parent = parent_folder(folder)
    name = folder.rstrip("/").rpartition("/")[2]
    if parent == HONOR_ROLL and name in BROWSE_SECTIONS:
        return HONOR_ROLL + "#" + BROWSE_SECTIONS[name]
    return parent


def paged(base: str, number: int) -> str:
    """Page `number` of the list at `base` (page 1 is `base` itself)."""
    return base if number == 1 else f"{base}{PAGING}/{number}/"


def document_page(doc_id: str) -> str:
    return DOCUMENTS + doc_id + "/"


# The section each collection's pages live in.
COLLECTION_SECTIONS = {"plan": DOCUMENTS, "decision": HONOR_ROLL, "message": MESSAGES,
                       "consultation": CONSULTATIONS}


def entry_page(collection: str, entry_id: str) -> str | None:
    """The page of a plan, decision or message; None for a collection without pages."""
    section = COLLECTION_SECTIONS.get(collection)
    return section + entry_id + "/" if section else None


def campaign_page(campaign_id: str) -> str:
    return CAMPAIGNS + campaign_id + "/"


def campaign_calendar(campaign_id: str) -> str:
    return campaign_page(campaign_id) + CALENDAR_FILE


def decision_folder(decision_id: str) -> str:
    """A decision's page (its first page of recipients) and the folder of its files."""
    return HONOR_ROLL + decision_id + "/"


def decision_print_page(decision_id: str) -> str:
    """The decision with its whole list on one page, for print (the screen list is paged)."""
    return decision_folder(decision_id) + PRINT + "/"


def recipient_file(recipient_id: str) -> str:
    """A recipient page's file name in its decision's folder."""
    return recipient_id + ".html"


def recipient_path(decision_id: str, recipient_id: str) -> str:
    return decision_folder(decision_id) + recipient_file(recipient_id)


def awardee_path(awardee) -> str:
    return recipient_path(awardee.decision, awardee.id)


def is_recipient_path(path: str) -> bool:
    """True for a recipient page's address (a page although it does not end in "/")."""
    return bool(_RECIPIENT_PAGE.match(path)) and path.rsplit("/", 1)[-1] not in DECISION_FILES


def award_page(award_id: str) -> str:
    """The honor roll by award form."""
    return HONOR_ROLL + BY_AWARD + "/" + award_id + "/"


def place_page(unit_id: str) -> str:
    """The honor roll of a place (administrative unit)."""
    return PLACES + unit_id + "/"


def honor_campaign_page(campaign_id: str) -> str:
    """The honor roll of a campaign (its decisions by phase); not the campaign's own page."""
    return HONOR_ROLL + BY_CAMPAIGN + "/" + campaign_id + "/"


def year_page(year) -> str:
    """The honor roll of a year."""
    return HONOR_ROLL + BY_YEAR + "/" + str(year) + "/"


def message_page(message_id: str) -> str:
    return MESSAGES + message_id + "/"


def message_print_page(message_id: str) -> str:
    return message_page(message_id) + PRINT + "/"


def consultation_page(consultation_id: str) -> str:
    """A proposal list put out for public comment (lấy ý kiến nhân dân)."""
    return CONSULTATIONS + consultation_id + "/"


def widget_page(slug: str) -> str:
    return WIDGETS + slug + "/"


def share_image(award_id: str | None = None) -> str:
    """The link-preview image of an award form's pages (its list, its recipients), or with no
    award the site's own (named after INDEX_FILE, a name no award id may take)."""
    return SHARE_IMAGES + (award_id or INDEX_FILE.rsplit(".", 1)[0]) + ".png"


def open_data_file(name: str, suffix: str) -> str:
    """'plans', 'csv' -> 'du-lieu/plans.csv' (the recipients: recipients_file, recipients_index)."""
    return OPEN_DATA + name + "." + suffix


# The recipients dataset is one file pair per award decision, listed by an index (docs/open-data.md):
# one edit rewrites one decision's files, not a whole-province file of 100 MB.
OPEN_DATA_RECIPIENTS = OPEN_DATA + "khen-thuong/"


def recipients_file(decision_id: str, suffix: str) -> str:
    """'qd-12-2021', 'csv' -> 'du-lieu/khen-thuong/qd-12-2021.csv'; the CSV is also the
    download the decision's page offers."""
    return OPEN_DATA_RECIPIENTS + decision_id + "." + suffix


def recipients_index(suffix: str) -> str:
    """The list of the recipients files: 'du-lieu/khen-thuong/index.json' (no decision may take
    the id "index": it is one of SITE_NAMES)."""
    return OPEN_DATA_RECIPIENTS + INDEX_FILE.rsplit(".", 1)[0] + "." + suffix


def open_data_schema(name: str) -> str:
    return OPEN_DATA + "schema/" + name + ".schema.json"


def original_file(folder: str, suffix: str) -> str:
    """The signed original of the document whose page is `folder`: 'van-ban/kh-1/', '.pdf' ->
    'van-ban/kh-1/ban-goc.pdf' (beside index.html, so no page or recipient can take its name)."""
    return folder + ORIGINAL_FILE + suffix


def embed_file(folder: str) -> str:
    """The embed variant of the page in `folder`."""
    return folder + EMBED_FILE


def cards_file(folder: str) -> str:
    """The recipient cards of the decision page in `folder` (pages/recipient_embeds.py)."""
    return folder + CARDS_FILE


# ---- verification addresses ---------------------------------------------------------------
# Every award has a short address to print on its Bằng khen or Giấy khen, typed from paper or
# read from a QR code: xm/<code>.html. The code is derived from the decision id and the
# recipient id alone (a digest, written in an alphabet without the letters and digits that
# read alike on paper: no 0/o, 1/i/l), so it stays the same from build to build, whatever else
# changes, as long as those two ids do (docs/honor-roll.md, "Verifying an award"). Two awards
# whose codes collide (about one chance in 10^6 at 50,000 awards) are told apart by
# honor/verification.py: the older award keeps the code, the other takes a longer one.
VERIFY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
VERIFY_CODE_LENGTH = 10


def verification_code(decision_id: str, recipient_id: str, length: int = VERIFY_CODE_LENGTH) -> str:
    """The award's verification code: `length` characters of VERIFY_ALPHABET from a digest of
    the two ids (a longer length extends the shorter code, so a collision's longer code still
    begins with the printed one)."""
    number = int.from_bytes(hashlib.blake2b(f"{decision_id}/{recipient_id}".encode("utf-8"),
                                            digest_size=16).digest(), "big")
    # The `length` lowest digits of the number in base 31, lowest first, two at a time from a
    # table: taken from the number modulo 31**length, they are the same digits, with divisions
    # of a small number (a build computes 50,000 codes at 50,000 recipients, before the workers
    # start: half the time of digit by digit).
    number %= _VERIFY_BASE ** length
    out = []
    for _ in range(length // 2):
        number, pair = divmod(number, _VERIFY_BASE * _VERIFY_BASE)
        out.append(_VERIFY_PAIRS[pair])
    if length % 2:
        out.append(VERIFY_ALPHABET[number])
    return "".join(out)


_VERIFY_BASE = len(VERIFY_ALPHABET)
# Pair p: digit p % 31, then digit p // 31 (the lower digit comes first in a code).
_VERIFY_PAIRS = [VERIFY_ALPHABET[p % _VERIFY_BASE] + VERIFY_ALPHABET[p // _VERIFY_BASE]
                 for p in range(_VERIFY_BASE * _VERIFY_BASE)]


def verification_page(code: str) -> str:
    """The award's verification page and printable certificate: its short address."""
    return VERIFY + code + ".html"
