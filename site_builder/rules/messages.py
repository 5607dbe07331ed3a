"""Public messages: each kind needs what makes it usable by everyone.

A poster is useless to a blind reader without alternative text, and an audio message for
commune loudspeakers is useless to a deaf one without its transcript, so both are errors,
not warnings (a project choice for accessible public information, not a rule quoted from law). Media files must exist: a broken poster would be published.
"""
from __future__ import annotations

from .. import urls

# kind -> fields it cannot do without, with why (vi, en) for the communicator
REQUIRED = {
    "poster": [("image", ("ảnh áp phích", "the poster image")),
               ("image_alt", ("mô tả ảnh cho người khiếm thị", "a description of the image for blind readers"))],
    "audio": [("audio", ("tệp âm thanh", "the audio file"))],
    "video": [("video_url", ("địa chỉ video", "the video address"))],
}
KIND_WORDS = {
    "slogan": ("khẩu hiệu", "slogan"), "message": ("thông điệp", "message"), "article": ("bài viết", "article"),
    "poster": ("áp phích", "poster"), "audio": ("âm thanh", "audio"), "video": ("video", "video"),
}
MEDIA_FIELDS = ("image", "audio")
# Message pages live at /thong-diep/<id>/ beside these views (pages/messages.py).
RESERVED_IDS = urls.MESSAGE_LIST_NAMES


def check(site) -> None:
    entries = list(site.messages.values()) + [e for e in site.unpublished.values() if e.collection == "message"]
    for message in entries:
        _check_one(site, message)


def _line(message, key):
    parsed = getattr(message, "parsed", None)
    return parsed.line_of(key) if parsed else None


def _check_one(site, message) -> None:
    problems, file, meta = site.problems, message.source.file, message.meta
    kind = meta.get("kind")
    if message.id in RESERVED_IDS:
        problems.add(file, None, None, "reserved_id", value=message.id, path="/" + urls.message_page(message.id))
    for key, why in REQUIRED.get(kind, []):
        if not meta.get(key):
            problems.add(file, _line(message, key) or _line(message, "kind"), key, "message_needs_field",
                         kind=KIND_WORDS[kind], why=why)
    if kind == "audio" and not message.body.strip():
        problems.add(file, message.body_line, None, "message_needs_transcript")
    start, until = meta.get("valid_from"), meta.get("valid_until")
    if start and until and until < start:
        problems.add(file, _line(message, "valid_until"), "valid_until", "message_dates_reversed",
                     start=start.isoformat(), until=until.isoformat())
    for key in MEDIA_FIELDS:
        value = meta.get(key)
        if value and not (site.config.content_dir / value).is_file():
            problems.add(file, _line(message, key), key, "media_missing", value=value)
