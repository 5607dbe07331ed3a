"""Everything the site offers to other machines: feeds, calendars, open data, sitemap, robots.txt.

A page type like the others (pages/catalog.py lists it last): `pages` writes the open
data page /du-lieu/ in every language; `write_data` writes the files that depend only on the
loaded site (open data, calendars, RSS/Atom, robots.txt), so the renderer may run it while
pages render; `finish` writes the sitemap, which lists every page written (ctx.pages_written).
Records come from feeds/records.py only, so revoked awards and expired messages are treated
the same way in every output.

Absolute URLs need config.site_url: without it, RSS/Atom feeds and sitemaps are not written
(a feed reader or a search engine cannot resolve relative links; `check` warns), while open
data, calendars and robots.txt are (their links are then paths from the site root).
"""
from __future__ import annotations

from ..runtime.digests import digest
from ..render.pages import PageSpec, PageTypeHooks
from ..runtime.gc_pause import paused_gc
from ..runtime.output import write_keyed
from ..runtime.keys import documents_stamp, entry_stamp
from .. import urls
from ..pages.consultations import state_of
from . import calendar, opendata, recipient_files, records, sitemap, syndication

FEED_TITLES = {"documents": (urls.DOCUMENTS, "Văn bản"), "decisions": (urls.HONOR_ROLL, "Quyết định khen thưởng"),
               "messages": (urls.MESSAGES, "Thông điệp đang có hiệu lực"),
               "consultations": (urls.CONSULTATIONS, "Lấy ý kiến nhân dân")}


def prepare(ctx) -> None:
    """The standing awards by decision: the open-data page counts them, the open-data files
    list them; grouped once, before the data process forks (render/pages.py PageType)."""
    opendata.standing(ctx)


def pages(ctx, lang):
    yield PageSpec(path=urls.OPEN_DATA, template="open_data.html", title=lang.t("open_data"),
                   description=lang.t("open_data_intro"),
                   context={"datasets": list(opendata.DATASETS), "counts": opendata.counts(ctx),
                            # recipients: the index of the per-decision files (recipient_files.py)
                            "files": {name: {suffix: urls.recipients_index(suffix) if name == "recipients"
                                             else urls.open_data_file(name, suffix) for suffix in ("json", "csv")}
                                      for name in opendata.DATASETS},
                            "has_feeds": bool(ctx.config.site_url),
                            "campaigns": list(ctx.site.campaigns.values())})


def feed_paths(ctx) -> list[str]:
    folders = [FEED_TITLES[name][0] for name in FEED_TITLES]
    folders += [urls.campaign_page(campaign_id) for campaign_id in ctx.site.campaigns]
    return [folder + name for folder in folders for name in (urls.RSS_FILE, urls.ATOM_FILE)]


def feed_files(ctx) -> dict[str, str]:
    """{output path: XML} of every RSS and Atom feed (needs site_url)."""
    config, out = ctx.config, {}
    site_name = config.site_name

    def add(folder, title, items):
        out[folder + urls.RSS_FILE] = syndication.rss(config, title, site_name, folder, folder + urls.RSS_FILE, items)
        out[folder + urls.ATOM_FILE] = syndication.atom(config, title, site_name, folder, folder + urls.ATOM_FILE, items)

    for name, items in records.collections(ctx).items():
        folder, title = FEED_TITLES[name]
        add(folder, f"{title} · {site_name}", items)
    for campaign_id, items in records.by_campaign(ctx).items():
        add(urls.campaign_page(campaign_id), ctx.site.campaigns[campaign_id].name, items)
    return out


def write_data(ctx, output) -> None:
    """Files made from the loaded site alone, once per build: open data (opendata.py keeps or
    reuses what did not change), calendars, robots.txt and, with a site_url, the feeds.
    The cyclic garbage collector is paused: the pieces of 50,000 recipients set it off about
    60 times over the whole loaded site (0.2 s), and they hold no cycles."""
    with paused_gc():
        # Plans, calendars and feeds show documents: made only when one of them changed (the
        # site fingerprint covers code, data files and configuration).
        documents = digest(repr((getattr(output, "fingerprint", ""), documents_stamp(ctx))))
        write_open_data(ctx, output, documents)
        write_keyed(output, "ics " + documents, calendar.paths(ctx.site), lambda: calendar.calendars(ctx))
        if ctx.config.site_url:
            messages = sorted((m.id, entry_stamp(m)) for m in ctx.site.messages.values())
            # A consultation enters and leaves its feed with the days, not with an edit: its
            # state as of today is part of the key (pages/consultations.py state_of).
            today = ctx.config.today
            consultations = sorted((c.id, entry_stamp(c), state_of(c, today)) for c in ctx.site.consultations.values())
            write_keyed(output, "feeds " + digest(repr((documents, messages, consultations))), feed_paths(ctx),
                        lambda: feed_files(ctx))
        output.write("robots.txt", sitemap.robots(ctx.config))


def write_open_data(ctx, output, documents: str) -> None:
    """Every open-data file (feeds/opendata.py). The plans and decisions files are made only
    when a document (`documents`: their key, with the site fingerprint) or a recipient
    changed; the recipients files by recipient_files, one decision at a time."""
    for name, key in (("plans", documents),
                      # what the decisions dataset shows of their recipients: a count and the
                      # awards (opendata.decision_records), so an edit to a recipient's name or
                      # achievement leaves these files as they are
                      ("decisions", digest(repr((documents, [
                          (decision.id, len(awardees), list(dict.fromkeys(a.award for a in awardees if a.award)))
                          for decision, awardees in opendata.standing(ctx)]))))):
        def make(name=name):
            items = opendata.records(ctx, name)
            return {urls.open_data_file(name, "json"): opendata.dataset_json(opendata.header(ctx, name, len(items)), items),
                    urls.open_data_file(name, "csv"): opendata.to_csv(name, items)}
        write_keyed(output, f"data {key}", [urls.open_data_file(name, "json"), urls.open_data_file(name, "csv")], make)
    recipient_files.write(ctx, output)
    for name in opendata.DATASETS:
        output.write(urls.open_data_schema(name), opendata.schema_text(ctx.config, name))


def finish(ctx, output) -> None:
    """The sitemap, after every page is written. Until the renderer calls write_data itself
    (and says so with ctx.data_written), the data files are written here first."""
    if not ctx.data_written:
        write_data(ctx, output)
    if ctx.config.site_url:
        sitemap.write_sitemaps(ctx, output)


PAGE_TYPE = PageTypeHooks("feeds", prepare=prepare, pages=pages, write_data=write_data, finish=finish)
