"""Loading the awardees of every decision: from its frontmatter (`awardees:`) or from the
sheet beside it (honor/sheets.py, read ahead by honor/read_ahead.py when the command started
a helper). The facts of one awardee record (ids, stamps, sort keys) are in honor/awardees.py,
which the sheet reader uses too: this module sits above both.
"""
from __future__ import annotations

from pathlib import Path

from ..content import schema
from ..content.model import Awardee, Source
from ..content.problems import rel
from ..rules.privacy import check_awardee_fields
from . import read_ahead as sheet_prefetch
from .awardees import AwardeeSource, NameNormaliser, new_id, taken_ids
from .sheet_cache import SheetCache
from .sheets import read_sheets


def load_awardees(site, sheets: dict[str, Path], candidate_sheets: dict[str, Path] | None = None) -> None:
    """The awardees of every decision, and the candidates of every consultation (`candidate_sheets`:
    the sheets beside content/consultations/*.md), read by the same reader with the same checks;
    a candidate joins its consultation, never a decision."""
    root = site.config.project_dir
    cache = SheetCache(root)
    candidate_sheets = candidate_sheets or {}
    read = []  # (owners, jobs) of the decisions, then of the consultations
    for collection, beside, target in (
            (site.decisions, sheets, ("quyết định (tệp .md cùng tên)", "decision (a .md file of the same name)")),
            (site.consultations, candidate_sheets,
             ("danh sách lấy ý kiến (tệp .md cùng tên)", "consultation (a .md file of the same name)"))):
        owners, jobs = [], []
        read.append((owners, jobs))
        for stem, path in beside.items():
            owner = collection.get(stem)
            if owner is None:
                if stem not in site.unpublished:
                    site.problems.add(rel(path, root), None, None, "unknown_ref", target=target, value=stem,
                                      hint=("", ""))
                continue
            if owner.meta.get("awardees"):
                site.problems.add(owner.source.file, owner.parsed.line_of("awardees"), "awardees",
                                  "duplicate_key")
            worksheet = (owner.meta.get("sheet") or None) if path.suffix == ".xlsx" else None
            owners.append(owner)
            jobs.append((rel(path, root), path, owner.meta.get("award"), worksheet))
    # A helper may be reading the decisions' sheets already (the site-builder command starts
    # it); it knows the decisions folder only, so the consultations' sheets are read apart.
    prefetch = sheet_prefetch.take(site.config.content_dir)
    for (owners, jobs), helper in zip(read, (prefetch, None)):
        for owner, sheet in zip(owners, read_sheets(cache, jobs, helper)):
            site.problems.mark(sheet.file, "built" if sheet.readable else "failed")
            sheet.attach(site, owner)
    cache.prune(rel(path, root) for path in [*sheets.values(), *candidate_sheets.values()])
    _check_candidates(site, candidate_sheets)
    _check_lists(site, sheets)
    for decision in site.decisions.values():
        # The raw frontmatter items, not the validated ones: the privacy check must also see
        # fields the schema does not know (a "ngay_sinh:" typed by hand).
        raw_items = decision.parsed.meta.get("awardees") if decision.parsed else None
        names = NameNormaliser()
        for i, item in enumerate(decision.meta.get("awardees") or []):
            raw = raw_items[i] if isinstance(raw_items, list) and i < len(raw_items) else item
            if item:
                prefix = f"awardees[{i}]"
                _add(site, decision, item,
                     AwardeeSource(decision.source.file, decision.parsed.line_of(prefix), prefix=prefix),
                     names, prefix=prefix, raw=raw if isinstance(raw, dict) else None)


def _check_candidates(site, sheets: dict[str, Path]) -> None:
    """A consultation puts a list of people out for comment: without its sheet it would show
    an empty list."""
    for consultation in site.consultations.values():
        sheet = sheets.get(consultation.id)
        if consultation.meta.get("sheet") and (sheet is None or sheet.suffix != ".xlsx"):
            site.problems.add(consultation.source.file, consultation.parsed.line_of("sheet"), "sheet",
                              "sheet_without_workbook",
                              list_file=rel(sheet, site.config.project_dir) if sheet else f"{consultation.id}.xlsx")
        if sheet is None:
            site.problems.add(consultation.source.file, None, None, "consultation_no_candidates", stem=consultation.id)


def _check_lists(site, sheets: dict[str, Path]) -> None:
    """Every decision says who it commends: a decision with neither `awardees:` nor a sheet
    (the sheet was forgotten, or misnamed) would publish an empty list without a word. A
    decision that only revokes or corrects awards needs no list. `sheet:` names a worksheet of an .xlsx."""
    for decision in site.decisions.values():
        sheet = sheets.get(decision.id)
        if decision.meta.get("sheet") and (sheet is None or sheet.suffix != ".xlsx"):
            site.problems.add(decision.source.file, decision.parsed.line_of("sheet"), "sheet", "sheet_without_workbook",
                              list_file=rel(sheet, site.config.project_dir) if sheet else f"{decision.id}.xlsx")
        if sheet is None and not decision.meta.get("awardees") and not decision.meta.get("revokes") \
                and not decision.meta.get("corrects"):
            site.problems.add(decision.source.file, None, None, "no_awardees", stem=decision.id)


def _add(site, decision, item: dict, source: Source, names: NameNormaliser, prefix: str = "",
         raw: dict | None = None) -> None:
    """One awardee written in the decision's frontmatter (`awardees[i]`); `names` normalises
    the names of the decision's awardees."""
    validator = schema.Validator(site.problems, source.file, decision.parsed, "awardee")
    validator._line_of = lambda p: decision.parsed.line_of(f"{prefix}.{p}") if p else source.line
    names.normalise(item, validator.report)
    check_awardee_fields(raw if raw is not None else item, validator.report)
    data = validator.check(item, schema.AWARDEE)
    for ref in validator.refs:
        ref.column = None
        ref.path = f"{prefix}.{ref.path}"
    site.refs.extend((source.file, r) for r in validator.refs)
    if not data.get("name"):
        return
    award = data.get("award") or decision.meta.get("award")
    if not award:
        validator.report("award", "missing_field")
    source.award_from_decision = not data.get("award")
    taken = taken_ids(decision)
    decision.awardees.append(Awardee(
        decision=decision.id, id=new_id(taken, data), kind=data.get("kind") or "individual",
        name=data["name"], award=award, position=data.get("position"), unit=data.get("unit"),
        locality=data.get("locality"), achievement=data.get("achievement"),
        public_fields=data.get("public_fields") or [], source=source,
        stt=data.get("stt") or None, group=data.get("group") or None,
    ))
