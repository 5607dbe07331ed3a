"""Running every cross-file rule over a loaded site (content/loader.py load_site).

Adding a check means adding a module to this package and listing it in BUILT_IN.
"""
from __future__ import annotations

from . import (authority, consultations, corrections, document_form, editor, frame_ancestors, issuers, links, messages,
               moved_recipients, numbering, options, originals, privacy, references, revocation, signatures, site_url,
               stories, translations, units)

# In the order they run: later rules may rely on what earlier ones set (moved_recipients sets
# `site.moved`, which corrections read; corrections amend awardees' fields, which units,
# privacy and authority then see; revocation sets `revoked_by`, which authority and stories read;
# corrections and revocations find a recipient by a former id too).
BUILT_IN = (references, moved_recipients, corrections, units, numbering, messages, consultations, site_url,
            translations, links, revocation, issuers, authority, signatures, document_form, originals, privacy,
            stories, frame_ancestors, editor, options)
RULES: list = []  # rules registered on top of the built-in ones, run after them


def register(rule) -> None:
    if rule not in RULES:
        RULES.append(rule)


def run_rules(site) -> None:
    for rule in BUILT_IN:
        rule.check(site)
    for rule in RULES:
        rule(site)
