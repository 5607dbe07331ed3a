"""Importing one file: read, parse, write the draft (and the recipients CSV)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..editor.options import source_file_name
from . import body as body_md
from .awards import match_awards
from .header import parse_header
from .issuer import infer_issuer, norm, resolve
from .messages import message
from .reading import read_source
from .recipients_table import convert as convert_table, to_csv
from .references import carried_out, find_citations, replaced
from .schedule import find_deadlines, find_phases
from .signature import parse_closing
from .structure import split_parts
from .syllables import damage_report
from .textutil import slug, strip_markup
from .writer import DocDateText, Frontmatter, render

# Above these shares the text is reported as OCR-damaged (clean plans: about 0.1% invalid
# and 12% unmarked words; the damaged Trà Vinh copy: 24% and 83%).
OCR_INVALID_SHARE = 0.05
OCR_UNMARKED_SHARE = 0.5


@dataclass
class ImportResult:
    path: Path | None = None            # the draft written (None on error)
    csv_path: Path | None = None        # the recipients CSV of a decision, if any
    kind: str = "plan"
    fields: dict = field(default_factory=dict)   # the frontmatter values, as written
    review: list[str] = field(default_factory=list)
    ocr: dict = field(default_factory=dict)
    ocr_damaged: bool = False
    messages: list[str] = field(default_factory=list)  # for the user, in `lang`
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ImportData:
    """What the site already knows: data/bodies.yml, data/awards.yml, data/campaigns.yml."""
    bodies: dict | None = None
    awards: list | None = None
    campaigns: dict | None = None

    @classmethod
    def from_folder(cls, folder: Path | None) -> "ImportData":
        if folder is None or not folder.is_dir():
            return cls()

        def load(name):
            p = folder / name
            return yaml.safe_load(p.read_text(encoding="utf-8")) if p.is_file() else None

        awards = load("awards.yml")
        if isinstance(awards, dict):  # tolerate {id: {...}} as well as a list
            awards = [{"id": k, **(v or {})} for k, v in awards.items()]
        return cls(load("bodies.yml"), awards, load("campaigns.yml"))


def _match_campaign(name: str | None, campaigns: dict | None) -> str | None:
    if not name or not campaigns:
        return None
    key = norm(name)
    names = {cid: norm(str((c or {}).get("name", ""))) for cid, c in campaigns.items() if isinstance(c, dict)}
    exact = [cid for cid, n in names.items() if n == key]
    if exact:
        return exact[0]
    # A name written a little longer or shorter ("... đại dịch Covid-19 trên địa bàn tỉnh").
    near = sorted((len(n), cid) for cid, n in names.items() if n and (n in key or key in n))
    return near[-1][1] if near else None


def _stem(issuer_id: str | None, number: str, code: str, date: str | None) -> str:
    base = re.sub(r"^ubnd-(tinh|huyen|xa|phuong|quan|thi-xa|thi-tran|thanh-pho)-", "", issuer_id or "van-ban")
    year = (date or "")[:4]
    return "-".join(p for p in (base, number or slug(code), year) if p)


def run_import(path, doc_kind: str | None = None, out_dir=None, lang: str = "vi",
               data: ImportData | None = None, force: bool = False, stem: str | None = None,
               config=None) -> ImportResult:
    """Import `path` (.docx or .txt) as a plan or decision draft into `out_dir`, named as the
    site's web editor names a source when `config` (the site's SiteConfig) is given
    (editor/options.py source_file_name), else `<stem>.md`."""
    from .reading import UnsupportedFile

    path = Path(path)
    data = data or ImportData()
    result = ImportResult()
    if not path.is_file():
        result.error = message(lang, "missing", path=path)
        return result
    try:
        doc = read_source(path)
    except UnsupportedFile as exc:
        result.error = message(lang, "unsupported", suffix=exc.suffix or path.name)
        return result
    except Exception as exc:  # a broken .docx is the user's file, not our bug: say so
        result.error = message(lang, "unreadable", path=path, error=exc)
        return result

    parts = split_parts(doc.lines)
    head = parse_header(parts.header)
    closing = parse_closing(parts.tail)
    ocr = damage_report(doc.text())
    damaged = ocr["invalid_share"] > OCR_INVALID_SHARE or ocr["unmarked_share"] > OCR_UNMARKED_SHARE
    result.ocr, result.ocr_damaged = ocr, damaged
    ocr_why = message(lang, "r_ocr") if damaged else None

    code = parts.doc_type or head.symbol and head.symbol.split("-")[0].upper().replace("QD", "QĐ") or None
    kind = doc_kind or ("decision" if code == "QĐ" else "plan")
    result.kind = kind
    code_why = None
    if code is None:
        code = "QĐ" if kind == "decision" else "KH"
        code_why = message(lang, "r_doc_type", code=code)

    title = re.sub(r"\s+", " ", " ".join(strip_markup(ln.text) for ln in parts.title)).strip()
    body_text = "\n".join(ln.text for ln in parts.body)
    first_section = next((i for i, ln in enumerate(parts.body) if re.match(r"^(#+\s*)?\**[IVX][IVXl1]{0,4}\.\s", ln.text)), len(parts.body))
    preamble_text = "\n".join(ln.text for ln in parts.body[:first_section])
    preamble_end = len(preamble_text)

    cites = find_citations(body_text)
    phases = find_phases(body_text, title)
    deadlines = find_deadlines(body_text)
    awards = match_awards(body_text, data.awards)

    fm = Frontmatter()
    fm.add("draft", True, comment=message(lang, "n_remove_draft"))
    fm.add("review", [], comment=message(lang, "n_review"))  # filled below
    fm.add("doc_type", code, review=code_why)

    # Number and symbol: a blank number stays blank; it is only a question when the copy
    # has no "Số:" line at all.
    if head.symbol is None:
        fm.add("number", "", review=message(lang, "r_number_missing"))
    else:
        fm.add("number", head.number or "", review=ocr_why,
               comment=None if head.number else message(lang, "r_number_blank"))
        fm.add("symbol", head.symbol, review=ocr_why)

    # Issuer.
    issuer_name, inferred = head.issuer, False
    if not issuer_name:
        issuer_name = infer_issuer(preamble_text or title, "\n".join([title, preamble_text, body_text]), head.place)
        inferred = issuer_name is not None
    issuer_id, known = resolve(issuer_name, head.parent, data.bodies)
    reasons = []
    if issuer_name is None:
        reasons.append(message(lang, "r_issuer_missing"))
    else:
        if inferred:
            reasons.append(message(lang, "r_issuer_inferred", name=issuer_name))
        if not known:
            parent = f" ({head.parent})" if head.parent else ""
            reasons.append(message(lang, "r_issuer_unknown", name=issuer_name, parent=parent))
    if damaged and issuer_name:
        reasons.append(ocr_why)
    fm.add("issuer", issuer_id or "", review="; ".join(reasons) or None)

    if head.place:
        fm.add("place", head.place, review=ocr_why)
    if head.date:
        fm.add("date", DocDateText(head.date), review=ocr_why)
    else:
        years = [c.date[:4] for c in cites if c.date] + [p.start[:4] for p in phases if p.start]
        if years:
            fm.add("date", DocDateText(max(years)), review=message(lang, "r_date_missing"))
        else:
            fm.add("date", "", review=message(lang, "r_date_none"))

    fm.add("title", title, review=(message(lang, "r_title_missing") if not title else ocr_why))

    quoted = re.search(r"[“\"]([^”\"]{8,})[”\"]", title)
    campaign_name = quoted.group(1).strip() if quoted else None
    campaign_id = _match_campaign(campaign_name, data.campaigns)
    if campaign_id:
        fm.add("campaign", campaign_id)
    elif campaign_name:
        fm.add("campaign", "", review=message(lang, "r_campaign", name=campaign_name), commented_out=True)

    def refs_text(items):
        return ", ".join(f"{c.ref}" + (f" ({c.date})" if c.date else "") for c in items)

    if kind == "plan":
        carried = carried_out(body_text, cites, preamble_end)
        fm.add("implements", [], review=message(lang, "r_implements", refs=refs_text(carried)) if carried else None)
        replacing = replaced(body_text, cites)
        fm.add("replaces", [], review=message(lang, "r_replaces", refs=refs_text(replacing)) if replacing else None)
    if cites:
        fm.add("cites", [{"ref": c.ref, "date": DocDateText(c.date) if c.date else None,
                          "issuer_name": c.issuer_name, "doc_type": c.doc_type} for c in cites], review=ocr_why)
    if kind == "plan":
        if phases:
            guessed = [p.name for p in phases if p.guessed_name]
            fm.add("phases", [{"name": p.name, "start": DocDateText(p.start) if p.start else None,
                               "end": DocDateText(p.end) if p.end else None, "note": p.note} for p in phases],
                   review=message(lang, "r_phase", name=guessed[0]) if guessed else None)
        if deadlines:
            fm.add("deadlines", [{"date": DocDateText(d.date), "what": d.what} for d in deadlines], review=ocr_why)
        _add_awards(fm, awards, lang, damaged, ocr_why)

    signer = {"authority": closing.authority, "body": closing.body if closing.authority == "TM." else None,
              "title": closing.title, "name": closing.name}
    missing = [w for w in ("title", "name") if not signer[w]]
    signer_why = message(lang, "r_signer", what=", ".join(missing)) if missing else ocr_why
    note = None
    if closing.authority and closing.authority != "TM." and closing.body:
        note = f"{closing.authority} {closing.body}"  # the head signed for: no field in the model yet
    fm.add("signer", {k: v for k, v in signer.items() if v}, review=signer_why, comment=note)
    if closing.recipients:
        fm.add("recipients", closing.recipients, review=ocr_why)

    out_dir = Path(out_dir) if out_dir else Path("content") / ("decisions" if kind == "decision" else "plans")
    date_value = next((e.value for e in fm.entries if e.key == "date"), None)
    stem = stem or _stem(issuer_id, head.number or "", code, str(date_value or ""))

    csv_text = None
    if kind == "decision":
        csv_text = _add_decision_fields(fm, doc, body_text, cites, awards, data, lang, stem)

    review = fm.review_fields
    fm.entries[1].value = review
    if not review:
        fm.entries.pop(1)
    md = body_md.to_markdown(parts.body, doc.tables)
    named = out_dir / (source_file_name(stem, config) if config is not None else f"{stem}.md")
    # a draft of this id already there under the other name is the one --force replaces
    target = next((path for path in (out_dir / f"{stem}.md", named) if path.exists()), named)
    if target.exists() and not force:
        result.error = message(lang, "exists", path=target)
        return result
    out_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(render(fm) + "\n" + md, encoding="utf-8")
    result.path, result.review = target, review
    result.fields = yaml.safe_load(render(fm).strip().strip("-"))
    result.messages.append(message(lang, "written", path=target))
    if csv_text is not None:
        result.csv_path = out_dir / f"{stem}.csv"
        result.csv_path.write_text(csv_text, encoding="utf-8")
        result.messages.append(message(lang, "csv_written", path=result.csv_path, count=csv_text.count("\n") - 1))
    result.messages.append(message(lang, "review", count=len(review), fields=", ".join(review)) if review
                           else message(lang, "no_review"))
    if damaged:
        result.messages.append(message(lang, "ocr", invalid=ocr["invalid_share"], unmarked=ocr["unmarked_share"],
                                       examples=", ".join(ocr["examples"][:5])))
    return result


def _add_awards(fm: Frontmatter, awards, lang: str, damaged: bool, ocr_why: str | None) -> None:
    if awards.guessed:
        phrases = "; ".join(_phrases(awards))
        fm.add("awards", [], review=message(lang, "r_awards_none", phrases=phrases))
        return
    open_items = [p for p, _ in awards.ambiguous] + awards.unmatched
    why = message(lang, "r_awards_open", phrases="; ".join(open_items)) if open_items else ocr_why
    if awards.ids or open_items:
        fm.add("awards", awards.ids, review=why)


def _phrases(awards) -> list[str]:
    from .awards import AwardMatch
    return [i.replace("-", " ") for i in awards.ids]


def _add_decision_fields(fm, doc, body_text, cites, awards, data, lang, stem) -> str | None:
    plans = [c for c in cites if c.doc_type == "KH"]
    refs = (": " + ", ".join(c.ref for c in plans)) if plans else ""
    fm.add("plan", "", review=message(lang, "r_plan", refs=refs), commented_out=True)
    if awards.ids and not awards.guessed:
        fm.add("award", awards.ids[0], review=None if len(awards.ids) == 1 else message(
            lang, "r_awards_open", phrases=", ".join(awards.ids)))
    if not doc.tables:
        fm.add("awardees", [], review=message(lang, "r_awardees", stem=stem), commented_out=True)
        return None
    rows = [r for t in doc.tables for r in (t if t is doc.tables[0] else t[1:])]
    award_ids = {}
    if data.awards:
        for cell in {r[i] for r in rows[1:] for i in range(len(r))}:
            m = match_awards(cell, data.awards)
            if len(m.ids) == 1 and not m.ambiguous:
                award_ids[cell] = m.ids[0]
    table = convert_table(rows, award_ids if data.awards else None)
    if table.unknown_kind:
        fm.add("awardees", [], review=message(lang, "r_awardees_kind", count=table.unknown_kind, stem=stem),
               commented_out=True)
    return to_csv(table)
