"""Open data: plans and decisions as JSON and CSV, recipients as CSV; each with a JSON Schema.

One table of fields per dataset drives the records, the CSV columns and the schema, so the
three cannot disagree. Recipients come from awardees.active_awardees (the honor roll's rule,
so pages, feeds and data agree): a revoked award is in none of the files. Field names are the content model's English names (docs/open-data.md).

The recipients dataset is the big one (about 100 MB at 50,000 recipients): recipient_files.py
writes it as one CSV file per decision with an index, each rewritten only when it changes. feeds/__init__.py
writes every file.
"""
from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field

from .. import urls
from ..honor.awardees import active_awardees
from ..pages.originals import original_path
from ..text.csv_file import BOM, csv_row, csv_text
from ..urls import awardee_path
from ..honor.annex import GROUP_LINES
from .records import absolute

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
    Field("original", OPT_STR, "address of the signed original (a PDF or a scan) when the site publishes it: "
          "the legally valid text, of which the page's text is a transcription"),
    Field("original_type", OPT_STR, "media type of the signed original: application/pdf, image/jpeg, image/png"),
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
        Field("locality", OPT_STR, "id of the administrative unit named in the decision (the place as recorded)"),
        Field("locality_name", OPT_STR, "name of the administrative unit, as it was when the decision was issued"),
        Field("locality_code", OPT_STR, "official code (mã đơn vị hành chính) of that unit, when the site knows it"),
        Field("today_locality", OPT_STR, "id of the unit in force today where the recorded place lies; when it "
              "was split among several, their ids joined by '; '"),
        Field("today_locality_name", OPT_STR, "name of that unit today (several joined by '; ')"),
        Field("today_locality_code", OPT_STR, "official code of that unit today (several joined by '; '; empty "
              "where the site does not know one)"),
        Field("today_locality_part", {"type": ["boolean", "null"]}, "true: only a part of the recorded place lies "
              "in the unit(s) of today (it was split), so the recipient may be in any of them; null without one"),
        Field("today_province", OPT_STR, "id of the province or centrally-run city of today the place lies in"),
        Field("today_province_name", OPT_STR, "name of that province or city"),
        Field("today_province_code", OPT_STR, "official code of that province or city"),
        Field("award", OPT_STR, "id of the award form"),
        Field("award_label", OPT_STR, "name of the award form in Vietnamese"),
        Field("achievement", OPT_STR, "achievement (thành tích)"),
        Field("stt", OPT_STR, "the row's number (STT) as the signed list prints it (1, 1a, I...); null when the "
              "list gives none. A decision's records come in the order of its list"),
        Field("group", OPT_STR, "the heading of the list's group the row stands under (I. TẬP THỂ, a unit's "
              "name), its lines joined by ' / '; null without one"),
    ],
}


@dataclass
class BuildCache:
    """What the open-data files of one build share, each made on first use."""
    standing: list | None = None  # standing()
    names: tuple | None = None  # _names()
    places: dict | None = None  # place_values()
    records: dict = field(default_factory=dict)  # records(): dataset name -> records
    piece_keys: list | None = None  # recipient_files.piece_keys()


# One BuildCache per build context, dropped with it (a development server builds many times).
_BUILD_CACHES: "weakref.WeakKeyDictionary[object, BuildCache]" = weakref.WeakKeyDictionary()


def build_cache(ctx) -> BuildCache:
    cache = _BUILD_CACHES.get(ctx)
    if cache is None:
        cache = _BUILD_CACHES[ctx] = BuildCache()
    return cache


TITLES = {"plans": "Kế hoạch và văn bản", "decisions": "Quyết định khen thưởng",
          "recipients": "Tập thể, cá nhân được khen thưởng"}


def url_of(config, path: str) -> str:
    """A link in the data: absolute with a site_url, else a path from the site root."""
    return absolute(config, path) if config.site_url else config.base_path + path


def _doc_common(ctx, doc) -> dict:
    site = ctx.site
    body = site.bodies.get(doc.get("issuer"))
    campaign = site.campaigns.get(doc.get("campaign"))
    return {
        "id": doc.id, "url": url_of(site.config, ctx.doc_path(doc)), "doc_type": doc.doc_type,
        "number": doc.number, "symbol": doc.symbol, "reference": doc.reference,
        "issuer": doc.get("issuer"), "issuer_name": body.name if body else None,
        "date": doc.date.iso() if doc.get("date") else None, "title": doc.title,
        "campaign": campaign.id if campaign else None, "campaign_name": campaign.name if campaign else None,
        "original": url_of(site.config, original_path(ctx, doc, doc.original)) if doc.original else None,
        "original_type": doc.original.media_type if doc.original else None,
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


def standing(ctx) -> list[tuple]:
    """(decision, [its awardees whose award stands]) in decision order, decisions without
    one left out: awardees.active_awardees grouped, once per build (the page's counts, the
    decisions and the recipients files share it)."""
    cache = build_cache(ctx)
    if cache.standing is None:
        by_decision: dict[str, list] = {}
        for awardee in active_awardees(ctx.site):
            by_decision.setdefault(awardee.decision, []).append(awardee)
        decisions = [ctx.site.decisions[d] for d in by_decision if d in ctx.site.decisions]
        decisions.sort(key=lambda d: (d.date.sort_key(), d.id))
        cache.standing = [(decision, by_decision[decision.id]) for decision in decisions]
    return cache.standing


def decision_records(ctx):
    by_id = {decision.id: awardees for decision, awardees in standing(ctx)}
    for doc in sorted(ctx.site.decisions.values(), key=lambda d: (d.date.sort_key(), d.id)):
        awardees = by_id.get(doc.id, [])
        yield {
            **_doc_common(ctx, doc), "plan": doc.get("plan"), "phase": doc.get("phase"),
            "recipient_count": len(awardees),
            "awards": list(dict.fromkeys(a.award for a in awardees if a.award)),
        }


def decision_values(ctx, decision) -> tuple:
    """The recipients fields that come from the decision: "decision" to "issuer_name"."""
    body = ctx.site.bodies.get(decision.get("issuer"))
    return (decision.id, decision.reference, decision.date.iso() if decision.get("date") else None,
            decision.get("issuer"), body.name if body else None)


def recipient_columns(ctx, decision, awardees) -> list[list]:
    """The values of the recipients fields of some of a decision's awardees, one list per
    field (DATASETS order): the one place that says what a recipient record holds (records,
    JSON and CSV use it). Columns, because the files are encoded a column at a time."""
    config = ctx.config
    labels = _names(ctx)[1]
    count = len(awardees)
    localities = [a.locality for a in awardees]
    awards = [a.award for a in awardees]
    places = place_values(ctx)
    nowhere = (None,) * PLACE_WIDTH
    place_columns = list(zip(*(places.get(x, nowhere) for x in localities))) if count else [()] * PLACE_WIDTH
    return [
        [a.key for a in awardees],
        [url_of(config, awardee_path(a)) for a in awardees],
        *([value] * count for value in decision_values(ctx, decision)),
        [a.kind for a in awardees], [a.name for a in awardees], [a.position for a in awardees],
        [a.unit for a in awardees], localities, *map(list, place_columns),
        awards, [labels.get(x) if x else None for x in awards], [a.achievement for a in awardees],
        [a.stt for a in awardees], [a.group and a.group.replace(GROUP_LINES, " / ") for a in awardees],
    ]


# The recipients fields that say where the place lies, "locality_name" to "today_province_code".
PLACE_WIDTH = 9


def place_values(ctx) -> dict[str, tuple]:
    """unit id -> its values of the fields "locality_name" to "today_province_code": where the
    place lies today (honor/places.py), worked out once per unit for the whole build."""
    cache = build_cache(ctx)
    if cache.places is None:
        from ..honor.index import index_of

        history = index_of(ctx).places
        units = ctx.site.units
        cache.places = {}
        for unit_id, unit in units.items():
            today = history.today(unit_id)
            provinces = history.provinces_today(unit_id)
            cache.places[unit_id] = (
                unit.name, unit.code, *_joined(units, [p.unit for p in today]),
                any(p.part for p in today) if today else None, *_joined(units, provinces))
    return cache.places


def _joined(units, ids: list[str]) -> tuple:
    """(ids, names, codes) of some units, each joined by "; "; None for none (or no code)."""
    if not ids:
        return None, None, None
    codes = [units[u].code or "" for u in ids]
    return "; ".join(ids), "; ".join(units[u].name for u in ids), "; ".join(codes) if any(codes) else None


def recipient_rows(ctx, decision, awardees) -> list[tuple]:
    return list(zip(*recipient_columns(ctx, decision, awardees)))


def _names(ctx) -> tuple[dict, dict]:
    """Unit names and Vietnamese award labels by id, once per build."""
    cache = build_cache(ctx)
    if cache.names is None:
        site = ctx.site
        cache.names = ({uid: unit.name for uid, unit in site.units.items()},
                       {aid: award.label_in("vi") for aid, award in site.awards.items()})
    return cache.names


def recipient_records(ctx):
    names = RECIPIENT_FIELDS
    for decision, awardees in standing(ctx):
        for row in recipient_rows(ctx, decision, awardees):
            yield dict(zip(names, row))


def _iso(value):
    return value.isoformat() if value else None


RECORDS = {"plans": plan_records, "decisions": decision_records, "recipients": recipient_records}
RECIPIENT_FIELDS = tuple(f.name for f in DATASETS["recipients"])


def schema_of(config, name: str) -> dict:
    fields = DATASETS[name]
    item = {
        "type": "object",
        "properties": {f.name: {**f.schema, "description": f.doc} if "description" not in f.schema
                       else {**f.schema, "description": f.doc + ". " + f.schema["description"]} for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
    if name == "recipients":
        # One record: a row of a decision's CSV read as docs/open-data.md says ("The records
        # as JSON"); the files are CSV only (recipient_files.py), the index lists them.
        schema = {"$schema": "http://json-schema.org/draft-07/schema#", "title": TITLES[name],
                  "description": (f"a row of {urls.recipients_file('<decision>', 'csv')} of a site-builder portal "
                                  "read as a record (an empty cell is null, today_locality_part is a boolean); "
                                  f"{urls.recipients_index('json')} lists the files"), **item}
    else:
        schema = {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": TITLES[name],
            "description": f"{urls.open_data_file(name, 'json')} of a site-builder portal: a header and the list of {name}",
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
        schema["$id"] = absolute(config, urls.open_data_schema(name))
    return schema


def records(ctx, name: str) -> list[dict]:
    """A dataset's records as dicts, made once per build (the plans and decisions files;
    the recipients files are made from recipient_columns, piece by piece: recipient_files.py)."""
    cache = build_cache(ctx).records
    if name not in cache:
        cache[name] = list(RECORDS[name](ctx))
    return cache[name]


def header(ctx, name: str, count: int) -> dict:
    """Everything of du-lieu/<name>.json but its items."""
    config = ctx.config
    return {
        "$schema": absolute(config, urls.open_data_schema(name)) if config.site_url
        else f"schema/{name}.schema.json",
        "dataset": name, "title": TITLES[name], "site_name": config.site_name, "site_url": config.site_url,
        "as_of": config.today.isoformat(), "count": count,
    }


def dataset(ctx, name: str) -> dict:
    items = records(ctx, name)
    return {**header(ctx, name, len(items)), "items": items}


# ---- JSON text --------------------------------------------------------------------------------
# The files are what json.dumps(dataset, ensure_ascii=False, indent=1) + "\n" gives, byte for
# byte, but made with the C encoder: json.dumps takes its pure-Python encoder whenever `indent`
# is set (0.7 s against 0.4 s for 50,000 recipients, measured here). A flat item (no list or object
# inside) is encoded compact with ",\n   " between its members, which is exactly its indented
# form once the braces get their own lines: a newline inside a JSON string is always written
# as \n, so every raw newline of the text is one the encoder put between members.

_FLAT = (str, int, float, bool, type(None))
_ITEM_MEMBERS = (",\n   ", ": ")  # separators of an item's members at depth 2 (indent=1)


def json_head(head: dict, has_items: bool) -> str:
    """The dataset's text up to its first item: the header members, then `"items": [`."""
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # without "\n}"
    return text + (',\n "items": [\n' if has_items else ',\n "items": []')


def json_tail(has_items: bool) -> str:
    return "\n ]\n}\n" if has_items else "\n}\n"


def item_json(item: dict) -> str:
    """One item as indent=1 writes it inside "items" (depth 2)."""
    if item and all(isinstance(v, _FLAT) for v in item.values()):
        return "  {\n   " + json.dumps(item, ensure_ascii=False, separators=_ITEM_MEMBERS)[1:-1] + "\n  }"
    return "  " + json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def dataset_json(head: dict, items: list[dict]) -> str:
    return json_head(head, bool(items)) + ",\n".join(map(item_json, items)) + json_tail(bool(items))


# ---- CSV text ---------------------------------------------------------------------------------
# Written by text/csv_file.py, the one CSV writer: UTF-8 with a byte-order mark, CRLF lines.

def csv_columns(name: str) -> list[str]:
    return [f.name for f in DATASETS[name] if f.csv]


def csv_head(name: str) -> str:
    return BOM + csv_row(csv_columns(name))


def to_csv(name: str, items: list[dict]) -> bytes:
    columns = csv_columns(name)
    return csv_text(columns, ([item.get(c) for c in columns] for item in items)).encode("utf-8")


# ---- schema files -----------------------------------------------------------------------------

def schema_text(config, name: str) -> str:
    return json.dumps(schema_of(config, name), ensure_ascii=False, indent=2) + "\n"


def counts(ctx) -> dict[str, int]:
    """Records per dataset, for the open-data page (without making the records)."""
    site = ctx.site
    return {"plans": len(site.plans), "decisions": len(site.decisions),
            "recipients": sum(len(awardees) for _, awardees in standing(ctx))}
