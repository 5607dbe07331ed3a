"""Every award's verification page at its short address, xm/<code>.html (urls.py).

What it says (templates/honor/verify.html, docs/honor-roll.md "Verifying an award"): that the
award is valid, corrected (by which decisions) or annulled (by which decision), with the
decision's number, date and issuer and the award form; for a valid or corrected award also the
recipient's name and position or unit as the decision gives them, the short address and its QR
code. Printed (assets/verify.css), it is the certificate view: one A4 landscape sheet.

One file per award, not per language (the page is in the site's language, its status also in
English when the site has English): it is read from paper, and, like the recipient pages
(config recipient_pages), its content is in the site's language only. Its QR code is made at build time by
segno and kept between builds (render/qr_codes.py); without a `site_url` there is no absolute
address to encode, so no QR code (check warns: rules/site_url.py).

Made like the recipient pages (pages/recipient_page.py), one batch per decision, kept while
its key holds: a valid award's page is a stencil of the template filled with its values; an
annulled or corrected award's page, rare, goes through Jinja.
"""
from __future__ import annotations

from functools import partial

from markupsafe import Markup, escape

from .. import urls
from ..feeds.records import absolute, printed_address
from ..honor.index import index_of
from ..honor.verification import assign_codes, code_of, correcting_decisions, status_of
from ..i18n import Lang
from ..render.frame import Frame, MarkerUsed, mark
from ..render.pages import MadePage, PageBatch, PageSpec, PageTypeHooks
from ..render.escaping import awardee_fields, escape_text
from ..render.qr_codes import QrCache
from .honor_roll import facts_of

TEMPLATE = "honor/verify.html"
ROOT = "../"  # from xm/<code>.html to the site's root
SECOND_LANGUAGE = "en"  # the status is also said in English, when the site has English


def prepare(ctx) -> None:
    """Every award's code, before the workers fork (honor/verification.py)."""
    assign_codes(ctx.site)


def pages(ctx, lang):
    if lang.prefix:
        return  # one page per award, made with the site's own language
    assign_codes(ctx.site)
    config = ctx.config
    other = None
    if SECOND_LANGUAGE in config.languages and lang.code != SECOND_LANGUAGE:
        other = Lang(SECOND_LANGUAGE, config.default_language,
                     str(config.theme_dir / "strings") if config.theme_dir else None)
    facts = facts_of(ctx, lang)
    for decision in index_of(ctx).decisions:
        if decision.awardees:
            yield PageBatch(name=f"verify/{decision.id}", key=partial(_key, ctx, facts, decision, other),
                            specs=partial(_specs, ctx, lang, facts, decision, other),
                            make=partial(_made, ctx, lang, facts, decision, other))


def _key(ctx, facts, decision, other) -> str:
    """What the decision's verification pages show besides the code's fingerprint: only the
    fields a page shows (an edited achievement keeps them), the decisions that annulled or
    corrected each award."""
    decided = facts.decision
    return repr((ctx.config.site_url, ctx.config.base_path, other is not None, decided[decision.id], [
        (code_of(a), a.kind, a.name, a.position, a.unit, facts.award_label.get(a.award, a.award),
         decided.get(a.revoked_by or ""), [decided.get(c) for c in correcting_decisions(a)]) for a in decision.awardees]))


def _values(ctx, facts, decision, a, qr_codes: QrCache) -> dict:
    """Everything the template shows of award `a` (Jinja's context, real values)."""
    config = ctx.config
    code = code_of(a)
    path = urls.verification_page(code)
    canonical = absolute(config, path) if config.site_url else ""
    decided = facts.decision
    return {
        "status": status_of(a), "code": code, "awardee": a, "d": decided[decision.id],
        "award_label": facts.award_label.get(a.award, a.award or ""),
        "address": printed_address(config, path), "canonical": canonical,
        "qr": Markup(qr_codes.image(canonical)) if canonical and not a.revoked_by else None,
        "recipient": urls.awardee_path(a), "by": decided.get(a.revoked_by) if a.revoked_by else None,
        "corrections": [decided[c] for c in correcting_decisions(a) if c in decided],
    }


def _spec(lang, values: dict, other) -> PageSpec:
    return PageSpec(path=urls.verification_page(values["code"]), template=TEMPLATE,
                    title=f"{lang.t('verify_title')} {values['code']}", embed=False,
                    context={**values, "root": ROOT, "other": other})


def _specs(ctx, lang, facts, decision, other):
    qr_codes = _qr_cache(ctx, decision)
    for a in decision.awardees:
        yield _spec(lang, _values(ctx, facts, decision, a, qr_codes), other)
    qr_codes.save(_addresses(ctx, decision))


def _made(ctx, lang, facts, decision, other, kit_for):
    """The same pages, a valid award's from a stencil of the template (one per shape: with or
    without position, unit, QR code)."""
    kit = kit_for(1)
    renderer = kit.renderer
    qr_codes = _qr_cache(ctx, decision)
    # Kept for every decision's batch (one Jinja rendering and one comparison per shape and
    # process, not per decision: 2,837 decisions at 50,000 awards): the decision's values are
    # markers too, and which of them are empty is part of the shape.
    stencils: dict[tuple, Frame | None] = kit.kept.setdefault("verify stencils", {})
    confirmed: set[tuple] = kit.kept.setdefault("verify confirmed", set())
    decision_shape = tuple(bool(value) for value in facts.decision[decision.id].values())
    decided: dict[str, bytes] | None = None  # the decision's values, escaped once for all its pages
    labels: dict[str, bytes] = {}  # award label -> escaped, once per label
    for a in decision.awardees:
        values = _values(ctx, facts, decision, a, qr_codes)
        if values["status"] != "valid":
            yield _spec(lang, values, other)
            continue
        shape = (bool(a.position), bool(a.unit), values["qr"] is not None, bool(values["canonical"]),
                 bool(a.name), bool(values["award_label"]), decision_shape)
        if shape not in stencils:
            stencils[shape] = _stencil(renderer, lang, other, a, values)
        stencil = stencils[shape]
        if stencil is None:
            yield _spec(lang, values, other)
            continue
        if decided is None:
            d = values["d"]
            decided = {"v_d_ref": _html(d["ref"]), "v_d_date": _html(d["date"]),
                       "v_d_issuer_name": _html(d["issuer_name"]), "v_d_path": _html(d["path"])}
        label = values["award_label"]
        if label not in labels:
            labels[label] = _html(label)
        # The recipient's fields as its lists have them, escaped once per build and encoded
        # here (render/escaping.py: their bytes are not kept, for memory); the code and
        # addresses are plain ASCII, rarely worth escaping.
        own = awardee_fields(a)
        html = stencil.fill({
            "v_name": own.name.encode("utf-8"), "v_position": own.position.encode("utf-8"),
            "v_unit": own.unit.encode("utf-8"),
            "v_award_label": labels[label], "v_code": _plain(values["code"]),
            "v_address": _plain(values["address"]), "v_canonical": _plain(values["canonical"]),
            "v_recipient": _plain(values["recipient"]), "v_qr": str(values["qr"] or "").encode("utf-8"),
            **decided,
        })
        if shape not in confirmed:
            # The first page of each shape is compared with Jinja's: a template that does with
            # a value what a marker cannot show is found here (as render/stencil.py does).
            spec = _spec(lang, values, other)
            if renderer.render(spec, lang).encode("utf-8") != html:
                stencils[shape] = None
                yield spec
                continue
            confirmed.add(shape)
        yield MadePage(urls.verification_page(values["code"]), html)
    qr_codes.save(_addresses(ctx, decision))


class _MarkedAwardee:
    """The awardee a stencil is rendered with: markers for its name, position and unit (an
    empty one stays empty: a stencil per shape); anything else is refused."""

    __slots__ = ("name", "position", "unit")

    def __init__(self, a):
        self.name = mark("v_name")
        self.position = mark("v_position") if a.position else a.position
        self.unit = mark("v_unit") if a.unit else a.unit

    def __getattr__(self, name: str):
        raise MarkerUsed(f"awardee.{name}")


def _stencil(renderer, lang, other, a, values: dict) -> Frame | None:
    """The template rendered with markers for a valid award of `a`'s shape; None when the
    template (a theme's) computes from a marked value: its pages go through Jinja."""
    # Always marked: the award's label, code, addresses; the QR code and the canonical link
    # only when the shape has them.
    marked = {key: mark("v_" + key) for key in ("award_label", "code", "address", "recipient")}
    marked.update({key: mark("v_" + key) if values[key] else values[key] for key in ("qr", "canonical")})
    marked["d"] = {key: mark("v_d_" + key) for key in ("ref", "date", "issuer_name", "path")}
    try:
        return Frame(renderer.env.get_template(TEMPLATE).render(
            lang=lang, t=lang.t, config=renderer.config, site=renderer.site, root=ROOT, other=other,
            status="valid", corrections=[], by=None, awardee=_MarkedAwardee(a), **marked))
    except MarkerUsed:
        return None


def _html(value) -> bytes:
    return str(escape(value)).encode("utf-8") if value else b""


def _plain(value: str) -> bytes:
    """_html(value) for a str, without a Markup object when nothing needs escaping."""
    return escape_text(value).encode("utf-8")


def _qr_cache(ctx, decision) -> QrCache:
    return QrCache(ctx.config.project_dir, f"{ctx.config.site_url}\0{decision.id}")


def _addresses(ctx, decision) -> set[str]:
    """The absolute verification addresses of the decision's awards (the QR cache keeps those)."""
    if not ctx.config.site_url:
        return set()
    return {absolute(ctx.config, urls.verification_page(code_of(a))) for a in decision.awardees}


PAGE_TYPE = PageTypeHooks("verification", prepare=prepare, pages=pages)
