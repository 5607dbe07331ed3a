"""Every id written in a file must name something in the site."""
from __future__ import annotations

import difflib

from ..content.schema import RefTable

TARGET_NAMES = {
    "documents": ("văn bản", "document"),
    "decisions": ("quyết định", "decision"),
    "bodies": ("cơ quan (data/bodies.yml)", "body (data/bodies.yml)"),
    "awards": ("hình thức khen thưởng (data/awards.yml)", "award form (data/awards.yml)"),
    "units": ("đơn vị hành chính (data/units.yml)", "administrative unit (data/units.yml)"),
    "campaigns": ("phong trào (data/campaigns.yml)", "campaign (data/campaigns.yml)"),
}


def _targets(site) -> dict[str, dict]:
    return {
        "documents": site.documents, "decisions": site.decisions, "bodies": site.bodies,
        "awards": site.awards, "units": site.units, "campaigns": site.campaigns,
    }


def check(site) -> None:
    targets = _targets(site)
    entries = [e for coll in ("plan", "decision", "message", "story") for e in site.collection(coll).values()]
    entries += list(site.unpublished.values())
    refs = [(e.source.file, r) for e in entries for r in getattr(e, "refs", [])]
    refs += site.refs
    known = lambda target, value: value in targets[target]  # noqa: E731
    for file, ref in refs:
        if isinstance(ref, RefTable):  # a spreadsheet's refs, grouped by id
            for one in ref.unresolved(known):
                _report(site, targets, file, one)
        elif not known(ref.target, ref.value):
            _report(site, targets, file, ref)


def _report(site, targets: dict, file: str, ref) -> None:
    pool = targets[ref.target]
    if ref.value in site.unpublished:
        hint = (" (văn bản đó đang là bản nháp hoặc chưa đến ngày đăng)",
                " (that file is a draft or not yet due)")
    else:
        close = difflib.get_close_matches(ref.value, list(pool), n=1, cutoff=0.6)
        hint = (f"; có phải là '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ("", "")
    site.problems.add(file, ref.line, ref.path, "unknown_ref", column=getattr(ref, "column", None),
                      target=TARGET_NAMES[ref.target], value=ref.value, hint=hint)
