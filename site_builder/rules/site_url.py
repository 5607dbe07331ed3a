"""Feeds, sitemaps and canonical links need the site's absolute address.

A feed reader or a search engine resolves nothing against a relative link, so without
`site_url` those files are not written at all (see docs/open-data.md); `check` says so once.
"""
from __future__ import annotations


def check(site) -> None:
    if site.config.site_url:
        return
    if site.plans or site.decisions or site.messages or site.consultations:
        site.problems.add("mkdocs.yml", None, "site_url", "site_url_missing", severity="warning")
