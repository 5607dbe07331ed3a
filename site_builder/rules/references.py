"""Every id written in a file must name something in the site.

A recipients sheet may name an award form or a place by its label instead of its code, in any
language, with or without marks ("Bằng khen của Chủ tịch UBND tỉnh", "bang khen cua chu tich
ubnd tinh"): when the label names exactly one entry (content/labels.py), the sheet's awardees
take its code here, before any other rule reads them. Frontmatter and data files are YAML
written against the documented codes, so there a label is an error that suggests the code;
every unknown id gets the closest codes with their labels ("did you mean `code` (label)?").
"""
from __future__ import annotations

import difflib

from ..content.labels import LabelIndex, label_in
from ..content.schema import RefTable
from .law.regimes import the_law

TARGET_NAMES = {
    "documents": ("văn bản", "document"),
    "decisions": ("quyết định", "decision"),
    "bodies": ("cơ quan (data/bodies.yml)", "body (data/bodies.yml)"),
    "awards": ("hình thức khen thưởng (data/awards.yml)", "award form (data/awards.yml)"),
    "units": ("đơn vị hành chính (data/units.yml)", "administrative unit (data/units.yml)"),
    "campaigns": ("phong trào (data/campaigns.yml)", "campaign (data/campaigns.yml)"),
    "law_forms": ("hình thức khen thưởng trong luật (danh mục đi kèm phần mềm)",
                  "award form of the law (the catalogue shipped with the program)"),
}
# The targets whose entries have labels (data files); documents and decisions are named by id.
LABELLED = ("bodies", "awards", "units", "campaigns", "law_forms")


def _targets(site) -> dict[str, dict]:
    return {
        "documents": site.documents, "decisions": site.decisions, "bodies": site.bodies,
        "awards": site.awards, "units": site.units, "campaigns": site.campaigns,
        "law_forms": the_law().forms,
    }


class _Labels:
    """The label index of each labelled target, made when first asked for (most sites
    resolve every id and never need one)."""

    def __init__(self, targets: dict):
        self.targets = targets
        self.made: dict[str, LabelIndex] = {}

    def __getitem__(self, target: str) -> LabelIndex:
        index = self.made.get(target)
        if index is None:
            index = self.made[target] = LabelIndex(self.targets[target])
        return index


def check(site) -> None:
    targets = _targets(site)
    labels = _Labels(targets)
    entries = site.entries()
    entries += list(site.unpublished.values())
    refs = [(e.source.file, r) for e in entries for r in getattr(e, "refs", [])]
    refs += site.refs
    known = lambda target, value: value in targets[target]  # noqa: E731
    awardees_by_file: dict[str, list] | None = None
    for file, ref in refs:
        if isinstance(ref, RefTable):  # a spreadsheet's refs, grouped by id
            codes = _codes_of_labels(ref, known, labels)
            if codes:
                if awardees_by_file is None:
                    awardees_by_file = _awardees_by_file(site)
                _take_codes(awardees_by_file.get(file, ()), codes)
            for one in ref.unresolved(lambda target, value: known(target, value) or (target, value) in codes):
                _report(site, targets, labels, file, one)
        elif not known(ref.target, ref.value):
            _report(site, targets, labels, file, ref)


def _codes_of_labels(table: RefTable, known, labels: _Labels) -> dict[tuple[str, str], str]:
    """(target, value) -> code, for each value of a sheet that is no code but the label of
    exactly one entry."""
    codes = {}
    for target, value, _field in table.places:
        if target in LABELLED and not known(target, value):
            found = labels[target].codes(value)
            if len(found) == 1:
                codes[(target, value)] = found[0]
    return codes


def _awardees_by_file(site) -> dict[str, list]:
    by_file: dict[str, list] = {}
    for owner in [*site.decisions.values(), *site.consultations.values()]:  # recipients and candidates
        for awardee in owner.awardees:
            by_file.setdefault(awardee.source.file, []).append(awardee)
    return by_file


# The awardee fields a sheet names data entries in, with the target each names.
_SHEET_REFS = (("award", "awards"), ("locality", "units"))


def _take_codes(awardees, codes: dict[tuple[str, str], str]) -> None:
    """The sheet's awardees take the codes of the labels written in their rows."""
    for awardee in awardees:
        changed = False
        for field, target in _SHEET_REFS:
            code = codes.get((target, getattr(awardee, field)))
            if code is not None:
                setattr(awardee, field, code)
                changed = True
        if changed:
            awardee._content_stamps = None  # digested from the label when the sheet was read


def _report(site, targets: dict, labels: _Labels, file: str, ref) -> None:
    pool = targets[ref.target]
    if ref.value in site.unpublished:
        hint = (" (văn bản đó đang là bản nháp hoặc chưa đến ngày đăng)",
                " (that file is a draft or not yet due)")
    elif ref.target in LABELLED:
        index = labels[ref.target]
        named = index.codes(ref.value)
        if len(named) > 1:
            hint = (f"; tên này ứng với nhiều mục, hãy ghi mã: {_choices(named, pool, 'vi')}",
                    f"; that name fits several entries, write the code: {_choices(named, pool, 'en')}")
        else:
            hint = _did_you_mean(named or index.close(ref.value, n=1), pool)
    else:
        hint = _did_you_mean(difflib.get_close_matches(ref.value, list(pool), n=1, cutoff=0.6), pool)
    site.problems.add(file, ref.line, ref.path, "unknown_ref", column=getattr(ref, "column", None),
                      target=TARGET_NAMES[ref.target], value=ref.value, hint=hint)


def _did_you_mean(codes: list[str], pool: dict) -> tuple[str, str]:
    if not codes:
        return "", ""
    return f"; có phải là {_choices(codes, pool, 'vi')}?", f"; did you mean {_choices(codes, pool, 'en')}?"


def _choices(codes: list[str], pool: dict, lang: str) -> str:
    """`code` (label) for each code, joined by "hay"/"or"."""
    shown = []
    for code in codes:
        label = label_in(pool[code], lang)
        shown.append(f"`{code}` ({label})" if label else f"`{code}`")
    return (" hay " if lang == "vi" else " or ").join(shown)
