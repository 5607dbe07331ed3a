"""Open data: plans, decisions and recipients as JSON and CSV, each with a JSON Schema.

One table of fields per dataset drives the records, the CSV columns and the schema, so the
three cannot disagree. Recipients come from records.active_awardees: a revoked award is in
none of the files. Field names are the content model's English names (docs/open-data.md).
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from .records import absolute, active_awardees

STR = {"type": "string"}
OPT_STR = {"type": ["string", "null"]}
DOCDATE = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
           "description": "YYYY-MM-DD, or YYYY-MM / YYYY when the official copy leaves the day or month blank"}
DATE = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
IDS = {"type": "array", "items": STR}


@dataclass
class Field:
    name: str
    schema: dict
    doc: str
    required: bool = True  # the key is always present (its value may be null)
    csv: bool = True  # flat enough for a CSV column


COMMON_DOC = [
    Field("id", STR, "id of the document (its file name)"),
    Field("url", STR, "address of its page: absolute when the site has a site_url, else a path from the site root"),
    Field("doc_type", STR, "type code: KH Kế hoạch, QĐ Quyết định, CT Chỉ thị, ..."),
    Field("number", STR, 'number before the slash; "" when the copy leaves it blank'),
    Field("symbol", STR, "symbol after the slash, e.g. KH-UBND"),
    Field("reference", STR, 'number and symbol as printed, e.g. "85/KH-UBND"'),
    Field("issuer", OPT_STR, "id of the issuing body"),
    Field("issuer_name", OPT_STR, "name of the issuing body"),
    Field("date", DOCDATE, "date of the document"),
    Field("title", STR, "title (trích yếu) without the document type word"),
    Field("campaign", OPT_STR, "id of the campaign (phong trào)"),
    Field("campaign_name", OPT_STR, "name of the campaign"),
]

DATASETS = {
    "plans": COMMON_DOC + [
        Field("place", OPT_STR, "place name of the date line"),
        Field("summary", STR, "one or two sentences"),
        Field("implements", IDS, "ids of the documents this one carries out"),
        Field("replaces", IDS, "ids of the documents this one replaces"),
        Field("awards", IDS, "ids of the award forms the plan offers"),
        Field("phases", {"type": "array", "items": {"type": "object", "required": ["name", "start", "end"],
                                                      "properties": {"name": STR, "start": DATE, "end": DATE}}},
              "phases (đợt thi đua); also in the iCalendar files", csv=False),
        Field("deadlines", {"type": "array", "items": {"type": "object", "required": ["date", "what"],
                                                         "properties": {"date": DATE, "what": STR}}},
              "deadlines; also in the iCalendar files", csv=False),
    ],
    "decisions": COMMON_DOC + [
        Field("plan", OPT_STR, "id of the plan the decision rewards"),
        Field("phase", OPT_STR, "name of the plan's phase"),
        Field("recipient_count", {"type": "integer", "minimum": 0}, "recipients whose award stands (revoked ones not counted)"),
        Field("awards", IDS, "ids of the award forms conferred"),
    ],
    "recipients": [
        Field("id", STR, "decision id and recipient id joined by a slash: unique in the site"),
        Field("url", STR, "address of the recipient's page"),
        Field("decision", STR, "id of the award decision"),
        Field("decision_reference", STR, 'number and symbol of the decision, e.g. "1234/QĐ-UBND"'),
        Field("decision_date", DOCDATE, "date of the decision"),
        Field("issuer", OPT_STR, "id of the conferring body"),
        Field("issuer_name", OPT_STR, "name of the conferring body"),
        Field("kind", {"enum": ["individual", "collective"]}, "individual (cá nhân) or collective (tập thể)"),
        Field("name", STR, "name as the decision publishes it"),
        Field("position", OPT_STR, "position (individuals)"),
        Field("unit", OPT_STR, "unit or organisation"),
        Field("locality", OPT_STR, "id of the administrative unit"),
        Field("locality_name", OPT_STR, "name of the administrative unit, as it was when the decision was issued"),
        Field("award", OPT_STR, "id of the award form"),
        Field("award_label", OPT_STR, "name of the award form in Vietnamese"),
        Field("achievement", OPT_STR, "achievement (thành tích)"),
    ],
}
TITLES = {"plans": "Kế hoạch và văn bản", "decisions": "Quyết định khen thưởng",
          "recipients": "Tập thể, cá nhân được khen thưởng"}


def _url(config, path: str) -> str:
    return absolute(config, path) if config.site_url else config.base_path + path


def _doc_common(ctx, doc) -> dict:
    site = ctx.site
    body = site.bodies.get(doc.get("issuer"))
    campaign = site.campaigns.get(doc.get("campaign"))
    return {
        "id": doc.id, "url": _url(site.config, ctx.doc_path(doc)), "doc_type": doc.doc_type,
        "number": doc.number, "symbol": doc.symbol, "reference": doc.reference,
        "issuer": doc.get("issuer"), "issuer_name": body.name if body else None,
        "date": doc.date.iso() if doc.get("date") else None, "title": doc.title,
        "campaign": campaign.id if campaign else None, "campaign_name": campaign.name if campaign else None,
    }


def plan_records(ctx):
    for doc in sorted(ctx.site.plans.values(), key=lambda d: (d.date.sort_key(), d.id)):
        yield {
            **_doc_common(ctx, doc), "place": doc.get("place"), "summary": doc.get("summary", ""),
            "implements": list(doc.get("implements", [])), "replaces": list(doc.get("replaces", [])),
            "awards": list(doc.get("awards", [])),
            "phases": [{"name": p["name"], "start": _iso(p.get("start")), "end": _iso(p.get("end"))}
                       for p in doc.get("phases", [])],
            "deadlines": [{"date": _iso(d["date"]), "what": d["what"]} for d in doc.get("deadlines", [])],
        }


def decision_records(ctx):
    standing: dict[str, list] = {}
    for decision, awardee in active_awardees(ctx.site):
        standing.setdefault(decision.id, []).append(awardee)
    for doc in sorted(ctx.site.decisions.values(), key=lambda d: (d.date.sort_key(), d.id)):
        awardees = standing.get(doc.id, [])
        yield {
            **_doc_common(ctx, doc), "plan": doc.get("plan"), "phase": doc.get("phase"),
            "recipient_count": len(awardees),
            "awards": list(dict.fromkeys(a.award for a in awardees if a.award)),
        }


def recipient_records(ctx):
    site = ctx.site
    from .records import recipient_path

    for decision, a in active_awardees(site):
        body = site.bodies.get(decision.get("issuer"))
        unit = site.units.get(a.locality) if a.locality else None
        award = site.awards.get(a.award) if a.award else None
        yield {
            "id": a.key, "url": _url(site.config, recipient_path(decision, a)), "decision": decision.id,
            "decision_reference": decision.reference,
            "decision_date": decision.date.iso() if decision.get("date") else None,
            "issuer": decision.get("issuer"), "issuer_name": body.name if body else None,
            "kind": a.kind, "name": a.name, "position": a.position, "unit": a.unit,
            "locality": a.locality, "locality_name": unit.name if unit else None,
            "award": a.award, "award_label": award.label_in("vi") if award else None,
            "achievement": a.achievement,
        }


def _iso(value):
    return value.isoformat() if value else None


RECORDS = {"plans": plan_records, "decisions": decision_records, "recipients": recipient_records}


def schema_of(config, name: str) -> dict:
    fields = DATASETS[name]
    item = {
        "type": "object",
        "properties": {f.name: {**f.schema, "description": f.doc} if "description" not in f.schema
                       else {**f.schema, "description": f.doc + ". " + f.schema["description"]} for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": TITLES[name],
        "description": f"du-lieu/{name}.json of a site-builder portal: a header and the list of {name}",
        "type": "object",
        "required": ["dataset", "title", "site_name", "as_of", "count", "items"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string", "description": "address of this schema"},
            "dataset": {"const": name},
            "title": STR,
            "site_name": STR,
            "site_url": {"type": "string", "description": "absolute address of the site; empty when not configured"},
            "as_of": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                      "description": "the build's date: revocations up to this day are applied"},
            "count": {"type": "integer", "minimum": 0},
            "items": {"type": "array", "items": item},
        },
    }
    if config.site_url:
        schema["$id"] = absolute(config, f"du-lieu/schema/{name}.schema.json")
    return schema


def records(ctx, name: str) -> list[dict]:
    """A dataset's records, made once per build: the open-data page (in every language and
    worker), the JSON and the CSV share them (at 50,000 recipients each pass costs ~0.6 s)."""
    cache = ctx.__dict__.setdefault("_open_data_records", {})
    if name not in cache:
        cache[name] = list(RECORDS[name](ctx))
    return cache[name]


def dataset(ctx, name: str) -> dict:
    config = ctx.config
    items = records(ctx, name)
    return {
        "$schema": absolute(config, f"du-lieu/schema/{name}.schema.json") if config.site_url
        else f"schema/{name}.schema.json",
        "dataset": name, "title": TITLES[name], "site_name": config.site_name, "site_url": config.site_url,
        "as_of": config.today.isoformat(), "count": len(items), "items": items,
    }


def to_csv(name: str, items: list[dict]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel on Windows shows Vietnamese correctly."""
    columns = [f.name for f in DATASETS[name] if f.csv]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for item in items:
        writer.writerow([_cell(item.get(c)) for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def files(ctx) -> dict[str, str | bytes]:
    """{output path: content} of every open-data file."""
    out: dict[str, str | bytes] = {}
    for name in DATASETS:
        data = dataset(ctx, name)
        out[f"du-lieu/{name}.json"] = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        out[f"du-lieu/{name}.csv"] = to_csv(name, data["items"])
        out[f"du-lieu/schema/{name}.schema.json"] = json.dumps(schema_of(ctx.config, name), ensure_ascii=False,
                                                               indent=2) + "\n"
    return out


def counts(ctx) -> dict[str, int]:
    return {name: len(records(ctx, name)) for name in DATASETS}
