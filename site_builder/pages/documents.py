"""Plans and other official documents: one page each, laid out as Nghị định 30/2020 prescribes,
plus a list of all documents."""
from __future__ import annotations

from .. import urls
from functools import partial

from ..content.labels import LabelIndex
from ..render.pages import PageSpec, PageTypeHooks
from ..runtime.keys import documents_stamp


def summary_of(ctx, doc, lang) -> dict:
    """The facts a reader scans beside the text: campaign, phases, deadlines, awards, tasks."""
    site = ctx.site
    campaign = site.campaigns.get(doc.get("campaign"))
    bodies = []
    for task in doc.get("tasks", []):
        if task["assignee"] not in bodies:
            bodies.append(task["assignee"])
    # an assignee written as the name of one body of data/bodies.yml is shown under that
    # body's name in the reader's language; any other is a term (Lang.term) or Vietnamese
    named = _bodies_by_label(ctx) if bodies else None
    task_bodies = []
    for text in bodies:
        codes = named.codes(text)
        task_bodies.append({"text": text, "body": site.bodies[codes[0]] if len(codes) == 1 else None})
    return {
        "campaign": campaign,
        "phases": doc.get("phases", []),
        "deadlines": doc.get("deadlines", []),
        "awards": [site.awards[a] for a in doc.get("awards", []) if a in site.awards],
        "task_bodies": task_bodies,
        "tasks": doc.get("tasks", []),
        "parents": [site.document(i) for i in doc.get("implements", []) if site.document(i)],
        "replaces": [site.document(i) for i in doc.get("replaces", []) if site.document(i)],
        "cites": doc.get("cites", []),
        "children": ctx.children.get(doc.id, []),
        "replaced_by": ctx.replaced_by.get(doc.id, []),
    }


def _bodies_by_label(ctx) -> LabelIndex:
    if ctx.bodies_by_label is None:
        ctx.bodies_by_label = LabelIndex(ctx.site.bodies)
    return ctx.bodies_by_label


def header_of(ctx, doc) -> dict:
    """The issuing body's lines in the document header (Nghị định 30/2020/NĐ-CP, Phụ lục I):
    its full official name, and above it the line of the body it reports to only when
    bodies.yml writes one (`parent_header`). None is inferred from `parent`: a People's
    Committee's documents carry no line above it, and a department's copy shows its own."""
    body = ctx.site.bodies.get(doc.get("issuer"))
    return {
        "body": body,
        "body_line": (body.header or body.name).upper() if body else "",
        "parent_line": (body.parent_header or "").upper() if body else "",
    }


def pages(ctx, lang):
    docs = sorted(ctx.site.plans.values(), key=lambda d: (d.date.sort_key(), d.id), reverse=True)
    for doc in docs:
        translation = doc.translations.get(lang.code)
        title = lang.field(doc, "title") or doc.title
        type_name = lang.doc_type(doc.doc_type)
        yield PageSpec(
            path=ctx.doc_path(doc), template="document.html", title=f"{type_name} {doc.reference}".strip()
            + f": {title}" if doc.reference.strip("/") else title,
            description=lang.field(doc, "summary"),
            # untranslated: the page shows the Vietnamese text under a note (base.html)
            content_lang=lang.content_lang(doc),
            context={"doc": doc, "doc_title": title, "header": header_of(ctx, doc),
                     "summary": summary_of(ctx, doc, lang), "translated": bool(translation)},
            # the plan, the documents it names or that name it, its award decisions: documents
            # only (campaigns, bodies and awards are data files, in the site fingerprint)
            key=partial(documents_stamp, ctx),
        )
    yield PageSpec(path=urls.DOCUMENTS, template="documents.html", title=lang.t("documents"),
                   description=lang.t("documents_intro"), context={"docs": docs},
                   key=partial(documents_stamp, ctx))


PAGE_TYPE = PageTypeHooks("documents", pages=pages)
