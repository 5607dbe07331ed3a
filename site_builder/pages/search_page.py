"""The search page (/tim-kiem/ in every language) and the search indexes it reads.

- `pages` renders /tim-kiem/: one search box over two indexes, the recipients by name
  (with award, place, year and campaign filters) and the documents of the page's language.
  With JavaScript off the page lists the browse pages, so the box still leads somewhere.
- `write_data` builds the indexes once per build (docs/search.md); they depend only on the
  loaded site, so the renderer may run it while pages render:
    search/names/        every active recipient (awardees.active_awardees: a revoked award
                         is never found), shared by all languages (labels carry vi/en/km)
    search/text-<lang>/  plans, decisions and messages in that language (Vietnamese where
                         a text is not translated, as the pages show it)
  Files go through the build's Output, each index as a keyed batch of the manifest: an index
  whose records and engine did not change since the previous build is left alone, and only
  files whose bytes changed are rewritten, so an incremental rebuild stays cheap.
- `search_box` gives any template (the search widget, pages/widgets.py) what it needs
  to show the name search in place.

Record URLs are relative to the language root (`khen-thuong/<decision>/<recipient>.html`); each
page passes its own language root as data-search-root, so one name index serves every
language and result links stay in the reader's language. A recipient's page exists in the
site's language only by default (config recipient_pages): a page of another language passes
that language's root as data-search-recipient-root, and its language as
data-search-recipient-lang (the result's link says it with hreflang).
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

from ..honor.awardees import active_awardees, awardee_sort_key
from .. import urls
from ..i18n import Lang
from ..render.pages import PageSpec, PageTypeHooks
from ..search import DocumentIndexBuilder, NameIndexBuilder
from ..runtime.digests import files_digest, values_digest
from ..runtime.gc_pause import paused_gc
from ..text.folding import fold
from .recipient_page import RecipientLinks

PATH = urls.SEARCH
NAMES_DIR = "search/names/"
SEARCH_ASSETS = Path(__file__).resolve().parent.parent / "assets" / "search"
# Files whose change changes the index bytes: a new engine means a fresh index.
ENGINE_FILES = [Path(__file__).resolve().parent.parent / rel for rel in (
    "search/names.py", "search/documents.py", "search/shards.py", "search/postings.py",
    "search/terms.py", "text/folding.py", "text/sorting.py")]
NAME_FILTERS = ("award", "locality", "year", "campaign")
# search.js keys -> interface strings (i18n/*.yml)
JS_STRINGS = {"results": "search_results_n", "none": "search_none", "more": "search_more", "all": "search_all",
              "loading": "search_loading", "error": "search_error", "collective": "search_collective",
              "remove": "search_remove_filter"}


def text_dir(lang_code: str) -> str:
    return f"search/text-{lang_code}/"


def inline_script(name: str) -> str:
    """A script of assets/search/ as a page inlines it: without its lines of comment, which
    explain it to developers and would be sent with every page (on a slow network, the
    search page's own bytes delay everything it asks for)."""
    text = (SEARCH_ASSETS / name).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")) + "\n"


@lru_cache(maxsize=1)
def loader_js() -> str:
    """assets/search/loader.js, inlined in pages with a search box (no request until used)."""
    return inline_script("loader.js")


@lru_cache(maxsize=1)
def preload_js() -> str:
    """assets/search/preload.js, inlined at the top of the search page's head: with a query in
    the address, the first results' files are fetched at once (docs/search.md)."""
    return inline_script("preload.js")


# ---- records --------------------------------------------------------------------------------

def _labels(codes, pick) -> dict | str:
    """{vi: ..., en: ...} keeping only languages whose label differs from Vietnamese."""
    vi = pick("vi")
    out = {"vi": vi}
    for code in codes:
        label = pick(code)
        if label and label != vi:
            out[code] = label
    return out if len(out) > 1 else vi


def decision_label(decision) -> str:
    """'Quyết định 1234/QĐ-UBND ngày 12/10/2021': short, stored once per chunk of rows."""
    ref = decision.reference if decision.reference.strip("/") else ""
    date = decision.date
    when = (f"ngày {date.day:02d}/{date.month:02d}/{date.year}" if date.complete
            else f"năm {date.year}")
    return " ".join(x for x in (decision.type_name, ref, when) if x) if ref else f"{decision.title} ({when})"


def name_records(ctx) -> list[dict]:
    """One record per active recipient, in the shape NameIndexBuilder.add takes."""
    # 100,000 new dicts would set off the cyclic garbage collector again and again over the
    # whole loaded site (millions of objects): two thirds of this function's time.
    with paused_gc():
        return _name_records(ctx)


def _name_records(ctx) -> list[dict]:
    from ..honor.index import campaign_of
    from .honor_roll import decision_path

    site = ctx.site
    codes = list(ctx.config.languages)
    award_label = {a.id: _labels(codes, a.label_in) for a in site.awards.values()}
    unit_name = place_labels(ctx)
    campaign_name = {c.id: _labels(codes, lambda code, c=c: getattr(c, f"name_{code}", None) or c.name)
                     for c in site.campaigns.values()}
    decisions = {}
    for d in site.decisions.values():
        decisions[d.id] = {"decision": d.id, "decision_title": decision_label(d), "decision_url": decision_path(d.id),
                           "year": d.date.year, "campaign": campaign_of(site, d) or ""}
    records = []
    for a in active_awardees(site):
        d = decisions[a.decision]
        campaign = d["campaign"]
        records.append({
            "name": a.name, "kind": a.kind, "url": urls.awardee_path(a),
            # the sort string the sheet cache keeps, for names the index will not strip
            "order": awardee_sort_key(a) if a.name == a.name.strip() else None,
            "award": a.award or "", "award_label": award_label.get(a.award, a.award or ""),
            "unit": a.unit or "", "locality": a.locality or "",
            "locality_name": unit_name.get(a.locality, a.locality or "") if a.locality else "",
            **d, "campaign_name": campaign_name.get(campaign, campaign) if campaign else "",
        })
    return records


def place_labels(ctx) -> dict:
    """Every unit's name as the filter shows it: a string, or {lang: name} where they differ."""
    codes = list(ctx.config.languages)
    return {u.id: _labels(codes, lambda c, u=u: getattr(u, f"name_{c}", None) or u.name)
            for u in ctx.site.units.values()}


def place_rollup(ctx) -> dict[str, tuple]:
    """Recorded place -> every place whose page counts a recipient recorded there
    (honor/places.py UnitHistory.pages): the place filter finds and counts them the same way,
    so "Tỉnh Đắk Lắk (528)" in the filter is the 528 of its page."""
    from ..honor.index import index_of

    history = index_of(ctx).places
    return {unit_id: history.pages(unit_id) for unit_id in ctx.site.units}


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")


def plain_text(markdown: str) -> str:
    """Words of a Markdown body for indexing: link targets and HTML tags dropped (the
    tokenizer ignores the remaining punctuation)."""
    return _TAG.sub(" ", _LINK.sub(r"\1", markdown or ""))


def document_records(ctx, lang: Lang) -> list[dict]:
    """Plans, decisions and published messages as the reader of ``lang`` sees them."""
    from .messages import CURRENT, EXPIRED, UPCOMING, message_path, published_messages, translated

    site = ctx.site
    code = lang.code
    records = []

    def campaign_fields(cid):
        campaign = site.campaigns.get(cid or "")
        return {"campaign": campaign.id, "campaign_name": lang.name_of(campaign)} if campaign else {}

    documents = list(site.plans.values()) + list(site.decisions.values())
    for doc in documents:
        translation = doc.translations.get(code) if code != lang.default else None
        title = lang.field(doc, "title") or doc.title
        title = f"{lang.doc_label(doc, site.bodies, mark=False)}: {title}"
        kind = "decision" if doc.collection == "decision" else "plan"
        records.append({
            "url": ctx.doc_path(doc), "title": title, "kind": kind, "kind_label": lang.t(f"search_kind_{kind}"),
            "date": doc.date.iso(), "summary": lang.field(doc, "summary") or "",
            "text": plain_text(translation.body if translation else doc.body),
            **campaign_fields(doc.get("campaign")),
        })
    groups = published_messages(site)
    for message in groups[CURRENT] + groups[UPCOMING] + groups[EXPIRED]:
        translation = message.translations.get(code) if code != lang.default else None
        start = message.get("valid_from")
        records.append({
            "url": message_path(message), "title": translated(message, code, "title") or message.id,
            "kind": "message", "kind_label": lang.t("search_kind_message"),
            "date": start.isoformat() if start else "", "summary": translated(message, code, "summary") or "",
            "text": plain_text(translation.body if translation else message.body),
            **campaign_fields(message.get("campaign")),
        })
    return records


# ---- the page -------------------------------------------------------------------------------

def _facet_counts(ctx, records: list[dict]) -> tuple[dict, dict]:
    """Per filter: value -> count, and value -> the first record with it (for its label).
    The same in every language: counted once per build (in prepare, before the forks)."""
    cached = ctx.facet_counts
    if cached is None:
        counts: dict[str, dict] = {f: {} for f in NAME_FILTERS}
        first: dict[str, dict] = {f: {} for f in NAME_FILTERS}
        for r in records:
            for f in NAME_FILTERS:
                value = r.get(f)
                if value in (None, ""):
                    continue
                value = str(value)
                seen = counts[f]
                if value in seen:
                    seen[value] += 1
                else:
                    seen[value] = 1
                    first[f][value] = r
        # A place counts the recipients of every place that rolls up to it, as the index does.
        rollup, names = place_rollup(ctx), place_labels(ctx)
        places: dict[str, int] = {}
        for locality, n in counts["locality"].items():
            for place in rollup.get(locality, (locality,)):
                places[place] = places.get(place, 0) + n
                first["locality"].setdefault(place, {"locality_name": names.get(place, place)})
        counts["locality"] = places
        cached = ctx.facet_counts = (counts, first)
    return cached


def _facet_options(ctx, lang_code: str) -> dict[str, list[tuple[str, str, int]]]:
    """(value, label, count) per filter, rendered into the page so the filters show their
    choices before search.js loads; search.js keeps them (same values as meta.json)."""
    from ..text.sorting import vietnamese_key

    counts, first = ctx.facet_counts  # made in prepare()
    label_keys = {"award": "award_label", "locality": "locality_name", "campaign": "campaign_name"}
    labels: dict[str, dict] = {f: {} for f in NAME_FILTERS}
    for f in NAME_FILTERS:
        for value, r in first[f].items():
            label = r.get(label_keys.get(f, ""), "") or value
            if isinstance(label, dict):
                label = label.get(lang_code) or label.get("vi") or value
            labels[f][value] = label
    out = {}
    for f in NAME_FILTERS:
        if f == "year":
            values = sorted(counts[f], reverse=True)
        else:
            values = sorted(counts[f], key=lambda v: vietnamese_key(labels[f][v]))
        out[f] = [(v, labels[f][v], counts[f][v]) for v in values]
    return out


def search_box(ctx, lang: Lang, root: str) -> dict:
    """What a template needs to mount the name search: index, site root and asset URLs
    relative to the page (``root`` is the page's way back to the site root), the
    interface strings for search.js, and the inline loader and preload scripts."""
    links = RecipientLinks(ctx.config, lang)
    return {
        "names_index": root + NAMES_DIR,
        "text_index": root + text_dir(lang.code),
        "lang_root": root + lang.prefix,
        # Where the names' recipient pages are, with their language when it is not the page's
        # (config recipient_pages: by default the site's language only has them).
        "recipient_root": links.url(root, ""),
        "recipient_lang": links.code if links.hreflang else "",
        "script": root + "assets/search/search.js",
        "css": root + "assets/search/search.css",
        "strings": json.dumps({k: lang.t(v) for k, v in JS_STRINGS.items()}, ensure_ascii=False),
        "loader": loader_js(),
        "preload": preload_js(),
    }


def prepare(ctx) -> None:
    """The recipients' search records: the search page's filters count them (here, once), the
    data process indexes them; made once, before it forks (render/pages.py PageType)."""
    records = _records_cached(ctx)
    ctx.search_has_names = bool(records)
    _facet_counts(ctx, records)


def _records_cached(ctx) -> list[dict]:
    cached = ctx.search_name_records
    if cached is None:
        cached = ctx.search_name_records = name_records(ctx)
    return cached


def _browse_links(ctx, lang: Lang) -> dict:
    from ..honor.index import index_of

    index = index_of(ctx)
    site = ctx.site
    return {
        "awards": [(urls.award_page(a), site.awards[a].label_in(lang.code)) for a in index.by_award],
        "years": [(urls.year_page(y), str(y)) for y in index.by_year],
        "has_places": bool(index.recorded or index.today),
        "has_messages": bool(site.messages),
    }


def search_example(site, lang: Lang) -> str:
    """The search box's example query: the interface's ("nguyen van hung"), unless it would
    find a revoked award's recipient (their folded name is in it); then one without a name,
    so that no suggestion leads to a revoked award (docs/honor-roll.md)."""
    example = lang.t("search_example")
    written = f" {fold(example)} "
    for decision in site.decisions.values():
        for a in decision.awardees:
            if a.revoked_by and fold(a.name) and f" {fold(a.name)} " in written:
                return lang.t("search_example_no_name")
    return example


def _place_groups(ctx, options: list, lang: Lang) -> list[tuple[str, list]]:
    """The place filter's options in two groups, today's units and the former ones, when
    there are both (honor/places.py)."""
    from ..honor.index import index_of

    history = index_of(ctx).places
    former = [o for o in options if history.ended(o[0])]
    if not former or len(former) == len(options):
        return []
    return [(lang.t("places_today_title"), [o for o in options if not history.ended(o[0])]),
            (lang.t("places_former_title"), former)]


def pages(ctx, lang):
    if ctx.facet_counts is None:
        prepare(ctx)
    if ctx.data_forked:
        # Only the data process indexes the records, and it was forked with them. Kept here,
        # they were a second copy until the build's end: the data process's reads copy the
        # pages it shares with this process (docs/architecture.md, "Memory").
        ctx.search_name_records = None
    filters = _facet_options(ctx, lang.code)
    yield PageSpec(
        path=PATH, template="search/page.html", title=lang.t("search"), description=lang.t("search_intro"),
        context={"filters": filters, "place_groups": _place_groups(ctx, filters["locality"], lang),
                 "browse": _browse_links(ctx, lang),
                 "has_names": ctx.search_has_names, "search_box": lambda root: search_box(ctx, lang, root),
                 "example": search_example(ctx.site, lang)})


# ---- the indexes ----------------------------------------------------------------------------

def fingerprint(records: list[dict], extra="") -> str:
    """Changes when a record, the engine or ``extra`` changes: an equal fingerprint means
    the index files already written are the ones this build would write. Records are plain
    values in a fixed key order, so equal records give equal digests (runtime/digests.py)."""
    return values_digest((_engine_digest(), extra, records))


@lru_cache(maxsize=1)
def _engine_digest() -> str:
    return files_digest(ENGINE_FILES)


def _index_files(meta: dict) -> list[str]:
    """Every file of an index, from its meta.json."""
    files = ["meta.json"] + [f"r/{n}.json" for n in range(meta.get("chunks", 0))]
    files += [f"t/{n}.json" for n in range(len(meta.get("shards", [])))]
    for facet, rows in (meta.get("facets") or {}).items():
        files += [f"f/{facet}/{n}.txt" for n in range(len(rows))]
    return files


def _unrecorded_index_is_current(output, folder: str, source: str) -> bool:
    """Without a previous manifest, an Output writing straight into its folder (a direct
    build over a folder no build recorded, or a caller of sync_index of its own) has no
    record of keys but the index itself: its meta.json's `source`, and its files present."""
    root = Path(output.root)
    if Path(getattr(output, "live", root)) != root:
        return False  # a fresh folder: nothing to keep
    try:
        meta = json.loads((root / folder / "meta.json").read_bytes())
    except (OSError, ValueError):
        return False
    return meta.get("source") == source and all((root / folder / rel).is_file() for rel in _index_files(meta))


def sync_index(output, folder: str, builder, records: list[dict], source: str) -> dict:
    """Write an index into ``output`` under ``folder``, keyed by ``source`` (fingerprint()).

    The index is a keyed batch of files of the build's manifest (Output.keep_batch, as page
    batches are): when the previous build made it from the same source and its files are
    there, it is kept whole; else every file goes through Output.write, which rewrites only
    files whose bytes changed, and the build deletes those the new index no longer has."""
    unchanged = {"records": len(records), "unchanged": True, "written": 0}
    if getattr(output, "previous", None) is not None:
        if output.keep_batch(folder, source) is not None:
            return unchanged
    elif _unrecorded_index_is_current(output, folder, source):
        return unchanged
    for record in records:
        builder.add(record)
    files: dict[str, bytes] = {}
    stats = builder.write({"source": source}, sink=files.__setitem__)
    written = 0
    for rel, data in files.items():
        if output.write(folder + rel, data) is not None:
            written += 1
    record_batch = getattr(output, "record_batch", None)
    if record_batch is not None:
        record_batch(folder, source, [folder + rel for rel in files], [])
    if getattr(output, "previous", None) is None:
        target = Path(output.root) / folder
        for folder_path, _dirs, names in os.walk(target, topdown=False):
            base = os.path.relpath(folder_path, target).replace(os.sep, "/")
            sub = "" if base == "." else base + "/"
            for name in names:
                if sub + name not in files:
                    os.unlink(os.path.join(folder_path, name))
            if sub and not os.listdir(folder_path):
                os.rmdir(folder_path)
    stats.update(unchanged=False, written=written)
    return stats


def build_indexes(ctx, output) -> dict:
    """Both kinds of index for the whole site; returns stats per folder. The cyclic garbage
    collector stays paused throughout (each index pauses it too, but every resume set off a
    collection over the whole loaded site)."""
    with paused_gc():
        return _build_indexes(ctx, output)


def _build_indexes(ctx, output) -> dict:
    config = ctx.config
    extra = str(config.theme_dir / "strings") if config.theme_dir else None
    stats = {}
    names = _records_cached(ctx)
    rollup, labels = {"locality": place_rollup(ctx)}, {"locality": place_labels(ctx)}
    builder = NameIndexBuilder(Path(output.root) / NAMES_DIR, facet_rollup=rollup, facet_labels=labels)
    stats[NAMES_DIR] = sync_index(output, NAMES_DIR, builder, names, fingerprint(names, ["names", rollup, labels]))
    for code in config.languages:
        lang = Lang(code, config.default_language, extra)
        docs = document_records(ctx, lang)
        folder = text_dir(code)
        stats[folder] = sync_index(output, folder, DocumentIndexBuilder(Path(output.root) / folder, lang=code),
                                   docs, fingerprint(docs, "text-" + code))
    return stats


def write_data(ctx, output) -> None:
    """The search indexes: made from the loaded site alone (not from the pages written)."""
    ctx.search_stats = build_indexes(ctx, output)
    # The records served the names index, and the page's counts were taken in prepare: the
    # data process goes on to render pages for the rest of the build, and kept, they were
    # about 0.6 KB a recipient in it to the end (docs/architecture.md, "Memory").
    ctx.search_name_records = None


def finish(ctx, output) -> None:
    """Until the renderer calls write_data itself (and sets ctx.data_written), here."""
    if not ctx.data_written:
        write_data(ctx, output)


PAGE_TYPE = PageTypeHooks("search_page", prepare=prepare, pages=pages, write_data=write_data, finish=finish)
