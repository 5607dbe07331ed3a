"""Checks that span several files, run after every file has been read.

Each rule is a function `rule(site)` that reports into `site.problems`. Adding a check means
adding a module here and listing it in RULES: one mechanism for every cross-file rule.
"""
from __future__ import annotations

from . import authority, frame_ancestors, links, messages, numbering, privacy, references, revocation, site_url, stories, translations

RULES = [references.check, numbering.check, messages.check, site_url.check, translations.check, links.check,
         revocation.check, authority.check, privacy.check, stories.check,
         frame_ancestors.check]


def register(rule) -> None:
    if rule not in RULES:
        RULES.append(rule)


def run_rules(site) -> None:
    for rule in RULES:
        rule(site)
