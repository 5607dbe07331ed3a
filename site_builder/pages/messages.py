"""Public messages (thông điệp): slogans, messages, articles, posters, loudspeaker audio, videos.

A message is live between `valid_from` and `valid_until` as seen from the build's "today"
(config.today, settable with SITE_BUILDER_TODAY). Upcoming messages are not published at
all (previews show them); expired ones move to the archive and keep their page, so a link
shared last year still works. Nothing is ever deleted. A daily scheduled rebuild is what
makes a message appear or move on its day (docs/messages.md).

Feeds, open data and embeds must call `state_of` / `published_messages` rather than read
the dates themselves, so every output agrees on what is current.
"""
from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import PurePosixPath

from .. import urls
from ..render.pages import PageSpec, PageTypeHooks
from ..runtime.keys import messages_stamp

UPCOMING, CURRENT, EXPIRED = "upcoming", "current", "expired"
KINDS = ("slogan", "message", "article", "poster", "audio", "video")
# Each language named in itself, whatever the interface language (a Khmer reader looks for ខ្មែរ).
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English", "km": "ភាសាខ្មែរ", "fr": "Français", "zh": "中文"}
AUDIO_TYPES = {".ogg": "audio/ogg", ".oga": "audio/ogg", ".mp3": "audio/mpeg", ".m4a": "audio/mp4",
               ".wav": "audio/wav", ".webm": "audio/webm"}


def state_of(message, today: dt.date) -> str:
    start, until = message.get("valid_from"), message.get("valid_until")
    if start and today < start:
        return UPCOMING
    if until and today > until:
        return EXPIRED
    return CURRENT


def _newest_first(messages):
    # The newest start first; messages without a start sort as old as the campaign itself.
    return sorted(messages, key=lambda m: (m.get("valid_from") or dt.date.min, m.id), reverse=True)


def published_messages(site) -> dict[str, list]:
    """{current, expired, upcoming}: upcoming is empty except in preview builds."""
    groups = {CURRENT: [], EXPIRED: [], UPCOMING: []}
    for message in site.messages.values():
        groups[state_of(message, site.config.today)].append(message)
    if not site.config.preview:
        groups[UPCOMING] = []
    return {state: _newest_first(items) for state, items in groups.items()}


def message_path(message) -> str:
    return urls.message_page(message.id)


def translated(message, lang_code: str, key: str):
    """A field in the reader's language when the translation gives it, else the source's."""
    translation = message.translations.get(lang_code)
    if translation and translation.meta.get(key):
        return translation.meta[key]
    return message.get(key)


def audio_type(path: str) -> str:
    return AUDIO_TYPES.get(PurePosixPath(path).suffix.lower(), "audio/mpeg")


def _view(ctx, message, lang) -> dict:
    """What a template shows about one message, in one language."""
    site = ctx.site
    has_translation = lang.code in message.translations
    return {
        "message": message,
        "kind": message.get("kind"),
        "title": translated(message, lang.code, "title"),
        "summary": translated(message, lang.code, "summary") or "",
        "image_alt": translated(message, lang.code, "image_alt") or "",
        "state": state_of(message, site.config.today),
        "campaign": site.campaigns.get(message.get("campaign")),
        "issuer": site.bodies.get(message.get("issuer")),
        "languages": [code for code in message.get("languages", []) if code],
        "content_lang": lang.code if has_translation or lang.code == site.config.default_language
        else site.config.default_language,
        "audio_type": audio_type(message.get("audio")) if message.get("audio") else None,
    }


def pages(ctx, lang):
    # Every message page shows messages, documents its body cites, data and today's date
    # (which decides a message's state: in the site fingerprint): no recipient.
    key = partial(messages_stamp, ctx)
    groups = published_messages(ctx.site)
    everything = groups[CURRENT] + groups[UPCOMING] + groups[EXPIRED]
    views = {m.id: _view(ctx, m, lang) for m in everything}
    for message in everything:
        view = views[message.id]
        common = {"view": view, "og_type": "article", "language_names": LANGUAGE_NAMES,
                  "og_image": message.get("image") if message.get("kind") == "poster" else None}
        yield PageSpec(path=message_path(message), template="messages/message.html", title=view["title"],
                       description=view["summary"], content_lang=view["content_lang"], context=common, key=key)
        yield PageSpec(path=urls.message_print_page(message.id), template="messages/print.html",
                       title=lang.t("message_print_title", title=view["title"]),
                       description=view["summary"], content_lang=view["content_lang"], context=common, key=key)

    def listing(path, title, intro, groups_shown):
        sections = [{"state": s, "items": [views[m.id] for m in groups[s]]} for s in groups_shown]
        return PageSpec(path=path, template="messages/list.html", title=title, description=intro,
                        context={"sections": sections, "feeds_of": "thong-diep"}, key=key)

    yield listing(urls.MESSAGES, lang.t("messages"), lang.t("messages_intro"), [CURRENT, UPCOMING, EXPIRED])
    yield listing(urls.MESSAGES_CURRENT, lang.t("messages_current"), lang.t("messages_current_intro"),
                  [CURRENT, UPCOMING])
    yield listing(urls.MESSAGES_ARCHIVE, lang.t("messages_archive"), lang.t("messages_archive_intro"), [EXPIRED])


PAGE_TYPE = PageTypeHooks("messages", pages=pages)
