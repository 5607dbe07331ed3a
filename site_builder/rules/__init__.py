"""Checks that span several files, run after every file has been read.

Each rule is a module here with a function `check(site)` that reports into `site.problems`.
Adding a check means adding a module and listing it in BUILT_IN: one mechanism for every
cross-file rule. The modules are imported when the rules run, not with the package: the
sheet reader needs rules/privacy.py alone, in a helper that starts before the rest of the
program is imported (honor/read_ahead.py).
"""
from __future__ import annotations

import importlib

BUILT_IN = ("references", "numbering", "messages", "site_url", "translations", "links", "revocation",
            "authority", "privacy", "stories", "frame_ancestors")
RULES: list = []  # rules registered on top of the built-in ones, run after them


def register(rule) -> None:
    if rule not in RULES:
        RULES.append(rule)


def run_rules(site) -> None:
    for name in BUILT_IN:
        importlib.import_module(f"{__name__}.{name}").check(site)
    for rule in RULES:
        rule(site)
