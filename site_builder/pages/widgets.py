"""Widgets for the provincial portal: small chrome-less pages under /nhung/ made to be framed.

- /nhung/tim-kiem/              honor-roll search box (a GET form to the site's search page)
- /nhung/khen-thuong-moi/       latest commendations: newest decisions and their standing awards
- /nhung/thong-diep-hien-hanh/  banner of the messages in force today
- /nhung/lay-y-kien/            the consultations open today (lấy ý kiến nhân dân), with their windows
- /nhung/                       for operators: every widget previewed with its embed code

Widgets are rendered from the model, never from other pages, and use the same helpers as
the honor roll, message and consultation pages (active awardees, message validity, a
consultation's window), so a revoked award, an expired message or a closed consultation
leaves the portal in the same build as it leaves the site.

`finish` writes the server header snippets (embedding/server_headers.py) once per build:
framing rules belong with the pages made to be framed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..embedding import allowed_origins, embed_code, write_server_headers
from ..render.embed import PARENT_JS, site_base
from .. import urls
from ..render.pages import PageSpec, PageTypeHooks
from .consultations import open_views
from .recipient_page import RecipientLinks
from .search_page import search_box

WIDGET_ROOT = urls.WIDGETS
LATEST_DECISIONS = 5
NAMES_PER_DECISION = 5
CURRENT_MESSAGES = 3


@dataclass(frozen=True)
class Widget:
    name: str  # what it is, in English: its template and the class embed.css styles it by
    slug: str  # its address under /nhung/, in the site's language (urls.widget_page)
    title_key: str
    intro_key: str
    height: int  # initial iframe height before child.js reports the real one

    @property
    def path(self) -> str:
        return urls.widget_page(self.slug)

    @property
    def template(self) -> str:
        return f"widgets/{self.name}.html"

    @property
    def css_class(self) -> str:
        """`widget-search`...: one name for templates/widgets/base.html and assets/embed/embed.css
        (the class once came from the slug, `widget-tim-kiem`, which the stylesheet never named)."""
        return f"widget-{self.name}"


WIDGETS = (
    Widget("search", "tim-kiem", "widget_search", "widget_search_intro", 110),
    Widget("latest", "khen-thuong-moi", "widget_latest", "widget_latest_intro", 480),
    Widget("messages", "thong-diep-hien-hanh", "widget_messages", "widget_messages_intro", 160),
    Widget("consultations", "lay-y-kien", "widget_consultations", "widget_consultations_intro", 200),
)


def _is_active(awardee) -> bool:
    """The honor roll's own test when it exists (awardees.is_active), else: not revoked."""
    from ..honor import awardees

    check = getattr(awardees, "is_active", None)
    return check(awardee) if check else not getattr(awardee, "revoked_by", None)


def latest_commendations(site, limit: int = LATEST_DECISIONS) -> list[dict]:
    """Newest decisions that still confer at least one award, each with its standing awardees."""
    decisions = sorted(site.decisions.values(), key=lambda d: (d.date.sort_key(), d.id), reverse=True)
    found = []
    for decision in decisions:
        active = [a for a in decision.awardees if _is_active(a)]
        if active:
            found.append({"decision": decision, "awardees": active})
        if len(found) == limit:
            break
    return found


def current_messages(site) -> list:
    """Messages in force today (valid_from <= today <= valid_until), newest first."""
    try:
        from .messages import CURRENT, published_messages
    except ImportError:  # the messages page type is not part of this build
        today = site.config.today
        live = [m for m in site.messages.values()
                if (m.get("valid_from") or dt.date.min) <= today <= (m.get("valid_until") or dt.date.max)]
        return sorted(live, key=lambda m: (m.get("valid_from") or dt.date.min, m.id), reverse=True)
    return published_messages(site)[CURRENT]


def widget_code(config, lang, widget: Widget, title: str) -> str:
    base = site_base(config) or config.base_path
    return embed_code(base + lang.prefix + widget.path, title, base + PARENT_JS, widget.height)


def pages(ctx, lang):
    site = ctx.site
    parents = " ".join(allowed_origins(ctx.config))  # for child.js, as in render/embed.py
    data = {
        # the search page's name search, mounted in the frame (pages/search_page.py)
        "tim-kiem": {"search_box": lambda root: search_box(ctx, lang, root)},
        "khen-thuong-moi": {"latest": latest_commendations(site), "recipient_links": RecipientLinks(ctx.config, lang)},
        "thong-diep-hien-hanh": {"current": current_messages(site)[:CURRENT_MESSAGES]},
        "lay-y-kien": {"open": open_views(site, lang)},
    }
    for widget in WIDGETS:
        yield PageSpec(path=widget.path, template=widget.template, title=lang.t(widget.title_key),
                       description=lang.t(widget.intro_key), context={"widget": widget, "parents": parents, **data[widget.slug]},
                       embed=False)
    catalogue = [{"widget": w, "title": lang.t(w.title_key), "intro": lang.t(w.intro_key),
                  "code": widget_code(ctx.config, lang, w, lang.t(w.title_key))} for w in WIDGETS]
    yield PageSpec(path=WIDGET_ROOT, template="widgets/index.html", title=lang.t("widgets"),
                   description=lang.t("widgets_intro"), context={"widgets": catalogue}, embed=False)


def finish(ctx, output) -> None:
    write_server_headers(ctx.config, output)


PAGE_TYPE = PageTypeHooks("widgets", pages=pages, finish=finish)
