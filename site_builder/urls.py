"""Where honor-roll pages live on the site: the URL shapes several modules need (pages,
search records, feeds, open data, link checks), written once.

A recipient page is a file, `khen-thuong/<decision>/<recipient>.html`, not a folder with an
index.html: recipient pages are the bulk of a site (100,000 per language at provincial
scale) and on the disks builds run on, creating a folder costs as much as creating the file
(docs/benchmarks.md). Every other page keeps the folder form.
"""
from __future__ import annotations

import re

HONOR_BASE = "khen-thuong/"
# Files in a decision's folder that are not recipient pages (awardees.RESERVED_IDS keeps
# recipient ids off these names).
DECISION_FILES = ("index.html", "nhung.html", "nhung-nguoi.html")
_RECIPIENT_PAGE = re.compile(r"^khen-thuong/[^/]+/([^/]+)\.html$")


def decision_folder(decision_id: str) -> str:
    return f"{HONOR_BASE}{decision_id}/"


def recipient_path(decision_id: str, recipient_id: str) -> str:
    return f"{HONOR_BASE}{decision_id}/{recipient_id}.html"


def awardee_path(awardee) -> str:
    return recipient_path(awardee.decision, awardee.id)


def is_recipient_path(path: str) -> bool:
    """True for a recipient page's address (a page although it does not end in "/")."""
    return bool(_RECIPIENT_PAGE.match(path)) and path.rsplit("/", 1)[-1] not in DECISION_FILES
