"""Markdown files are parsed again only when their text changed (content/parse_cache.py), and
what the cache gives back is what parsing gives: edits show, errors are reported with their
line every time, and a damaged cache is ignored."""
from __future__ import annotations

import pytest

from site_builder.config import SiteConfig
from site_builder.content import parse_cache
from site_builder.content.loader import load_site

from .conftest import BASE_DATA

PLAN = "content/plans/kh-tinh.md"


@pytest.fixture
def load(monkeypatch):
    """load(site): (the texts parsed in this load, the Site), loaded in this process."""
    parsed: list[str] = []
    real = parse_cache.parse
    monkeypatch.setattr(parse_cache, "parse", lambda text: parsed.append(text) or real(text))

    def run(site):
        parsed.clear()
        loaded = load_site(SiteConfig(content_dir=site.root / "content"))
        return list(parsed), loaded
    return run


def entries(loaded) -> dict:
    """Every loaded entry's id, fields and body, translations included."""
    return {(e.collection, e.id): (e.meta, e.body, e.body_line,
                                   {code: (t.meta, t.body) for code, t in (e.translations or {}).items()})
            for e in loaded.entries()}


def test_only_the_edited_file_is_parsed_again_and_the_edit_shows(make_site, load):
    # BASE_DATA: the plans, decisions and messages of the tests' province (tests/conftest.py).
    site = make_site(BASE_DATA)
    first, loaded = load(site)
    assert len(first) >= 3
    again, reloaded = load(site)
    assert again == []
    assert entries(reloaded) == entries(loaded)
    assert [str(p) for p in reloaded.problems] == [str(p) for p in loaded.problems]

    text = (site.root / PLAN).read_text(encoding="utf-8")
    site.write({PLAN: text.replace("Triển khai phong trào", "Kế hoạch đã sửa")})
    edited, loaded = load(site)
    assert len(edited) == 1 and "Kế hoạch đã sửa" in edited[0]
    assert "Kế hoạch đã sửa" in loaded.documents["kh-tinh"].meta["title"]
    assert load(site)[0] == []


def test_a_file_with_errors_is_parsed_and_reported_every_time(make_site, load):
    site = make_site(BASE_DATA)
    text = (site.root / PLAN).read_text(encoding="utf-8")
    site.write({PLAN: text.replace("date: 2021-09-21", "date: [2021-09-21")})
    for _ in range(2):
        parsed, loaded = load(site)
        assert any("[2021-09-21" in t for t in parsed)
        assert [(p.file, p.line) for p in loaded.problems.errors if p.code == "yaml_syntax"] == [(PLAN, 6)]


def test_a_damaged_cache_is_ignored_and_written_again(make_site, load):
    site = make_site(BASE_DATA)
    _, loaded = load(site)
    cache = site.root / ".cache/site-builder" / parse_cache.FILE_NAME
    whole = cache.read_bytes()
    for damage in (whole[: len(whole) // 2], b"not a cache", whole.replace(b"kh-tinh", b"kh-tanh")):
        cache.write_bytes(damage)
        _, reloaded = load(site)
        assert entries(reloaded) == entries(loaded)
    assert load(site)[0] == []
