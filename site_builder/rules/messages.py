"""Public messages: each kind needs what makes it usable by everyone.

A poster is useless to a blind reader without alternative text, and an audio message for
commune loudspeakers is useless to a deaf one without its transcript, so both are errors,
not warnings (a project choice for accessible public information, not a rule quoted from law).
Media files must exist: a broken poster would be published. A media field names a file the
loader took as media (inside content/, not a link out of it, within its size limit:
content/safe_files.py), so this check never looks outside content/. The names a message's id
may not take (the current and archive views beside it) are refused with every id's
(urls.SITE_NAMES, content/loader.py).
"""
from __future__ import annotations

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


def check(site) -> None:
    entries = list(site.messages.values()) + [e for e in site.unpublished.values() if e.collection == "message"]
    media = set(site.media)
    for message in entries:
        _check_one(site, message, media)


def _line(message, key):
    parsed = getattr(message, "parsed", None)
    return parsed.line_of(key) if parsed else None


def _written(message, key) -> bool:
    """The field is written, even if its value was refused (and reported) by the schema."""
    parsed = getattr(message, "parsed", None)
    return bool(message.meta.get(key) or (parsed and parsed.meta.get(key)))


def _check_one(site, message, media: set) -> None:
    problems, file, meta = site.problems, message.source.file, message.meta
    kind = meta.get("kind")
    for key, why in REQUIRED.get(kind, []):
        if not _written(message, key):
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
        if value and value not in media:
            problems.add(file, _line(message, key), key, "media_missing", value=value)
