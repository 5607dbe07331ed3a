"""Link-preview images (og:image) for Zalo and Facebook: one PNG per award form and language,
and one for the site, made at build time (render/share_card.py), never one per recipient.

- `chia-se/<award>.png` (and `en/chia-se/<award>.png`...): the site's name, "Khen thưởng" and
  the award form's label in that language. Recipient pages and the award's list pages name it
  (feeds/discover.py, pages/recipient_page.py). Only award forms that have recipients get one.
- `chia-se/index.png`: the site's name, for every other page.

A language whose text this Pillow cannot shape (Khmer without raqm: share_card.shapes) gets
its cards in the default language. The cards are keyed by everything they show, so a rebuild
that changes no label, name or colour keeps them (runtime/output.py write_keyed). Open Graph
wants absolute addresses: without a site_url no page names an image (the files are made
anyway, a few tens of KB each).

A full build has no previous files to keep, and drawing a province's cards cost about 0.6 s of
CPU at 50,000 recipients (25 cards, about 24 ms each, a third of it compressing the PNG):
so each card is kept in the machine's cache (runtime/cache_dirs.py machine_cache_dir()/share/,
like the QR codes), named by a digest of what it shows and of what draws it: render/share_card.py,
assets/fonts.css and the font files it names, and the versions of Pillow and of the FreeType, raqm
and zlib it uses (not the whole package's code, so that a new version of other code leaves no
stale cards behind). A file there is only ever read under the name of the same card: deleting the
folder costs time, never correctness.
"""
from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from .. import urls
from ..i18n import Lang
from ..render.pages import PageTypeHooks
from ..render.share_card import card, drawing_files, shapes
from ..runtime.atomic import replace_file
from ..runtime.cache_dirs import machine_cache_dir
from ..runtime.digests import digest, files_digest
from ..runtime.output import write_keyed


def awards_shown(ctx) -> set[str]:
    """The award forms that have a card: those with recipients on the honor roll."""
    index = ctx.honor_index
    return set(index.by_award) if index is not None else set()


def image_path(ctx, award_id: str | None) -> str:
    """The card of a page about `award_id` (without language prefix): the award's own when it
    has one, else the site's."""
    return urls.share_image(award_id if award_id in awards_shown(ctx) else None)


def texts(ctx, lang) -> dict[str, tuple[str, str]]:
    """path (without language prefix) -> the (kicker, title) of its card in `lang`."""
    config = ctx.config
    out = {urls.share_image(): (config.province or "", config.site_name)}
    for award_id in sorted(awards_shown(ctx)):
        award = ctx.site.awards.get(award_id)
        out[urls.share_image(award_id)] = (lang.t("honor_roll"), award.label_in(lang.code) if award else award_id)
    return out


def cards(ctx) -> dict[str, tuple]:
    """path -> what its card shows: (band, kicker, title, footer, primary, accent)."""
    config = ctx.config
    extra = str(config.theme_dir / "strings") if config.theme_dir else None
    fallback = texts(ctx, Lang(config.default_language, config.default_language, extra))
    footer = urlsplit(config.site_url).netloc if config.site_url else config.province
    out = {}
    for code in config.languages:
        lang = Lang(code, config.default_language, extra)
        for path, (kicker, title) in texts(ctx, lang).items():
            if not shapes(kicker + title):
                kicker, title = fallback[path]
            out[lang.prefix + path] = (config.site_name, kicker, title, footer or "", config.primary_color,
                                       config.accent_color)
    return out


def write_data(ctx, output) -> None:
    wanted = cards(ctx)

    def make() -> dict[str, bytes]:
        # A card that reads the same in two languages (the site's own, a label not
        # translated) is drawn once: about 0.1 s each.
        drawn: dict[tuple, bytes] = {}
        for shown in wanted.values():
            if shown not in drawn:
                drawn[shown] = kept_card(shown)
        return {path: drawn[shown] for path, shown in wanted.items()}

    write_keyed(output, "share " + digest(repr(sorted(wanted.items()))), sorted(wanted), make)


def kept_card(shown: tuple) -> bytes:
    """card(*shown), from the machine's cache when an earlier build drew it (the module's
    docstring), else drawn and kept there."""
    folder = machine_cache_dir()
    if folder is None:
        return card(*shown)
    file = folder / "share" / (digest(repr((_drawing(), shown))) + ".png")
    try:
        return file.read_bytes()
    except OSError:
        pass
    png = card(*shown)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        replace_file(file, png)
    except OSError:
        pass  # a cache that cannot be written costs the next build time, not correctness
    return png


@cache
def _drawing() -> tuple:
    """What a card's bytes depend on besides what it shows: the code and fonts that draw it,
    Pillow, and the FreeType, raqm and zlib it uses."""
    import PIL
    from PIL import features

    return (files_digest(drawing_files()), PIL.__version__,
            *(features.version(name) for name in ("freetype2", "raqm", "zlib")))


PAGE_TYPE = PageTypeHooks("share images", write_data=write_data)
