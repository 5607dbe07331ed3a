"""An authority may only confer the award forms within its power.

Luật Thi đua, khen thưởng số 06/2022/QH15 (in force from 01/01/2024), Chương IV (thẩm quyền
quyết định khen thưởng): orders and medals are conferred by the State President, the Prime
Minister's forms by the Prime Minister, Bằng khen and provincial titles by ministers and
provincial People's Committee chairmen, and Điều 80 leaves department heads, district and
commune chairmen with Giấy khen and grassroots titles only (a commune chairman cannot give a
Bằng khen). data/awards.yml records this per form as `conferred_by` (levels of body); the
issuing body's `level` (data/bodies.yml) must be one of them.
"""
from __future__ import annotations

from ..honor.awardees import locate

LEVEL_NAMES = {
    "national": ("trung ương", "national"), "ministry": ("bộ, ngành", "ministry"),
    "province": ("tỉnh", "province"), "department": ("sở, ngành", "department"),
    "district": ("huyện", "district"), "commune": ("xã", "commune"),
}


def _level(level: str) -> tuple[str, str]:
    return LEVEL_NAMES.get(level, (level, level))


def _beyond(award, body) -> bool:
    return award is not None and bool(award.conferred_by) and body.level not in award.conferred_by


def check(site) -> None:
    for decision in site.decisions.values():
        body = site.bodies.get(decision.get("issuer"))
        if body is None:
            continue  # an unknown issuer is reported by rules.references
        # A decision names a handful of award forms for hundreds of awardees: judge each form
        # once, then visit the awardees only when one of them is beyond the issuer's power.
        beyond = {award_id for award_id in {a.award for a in decision.awardees}
                  if _beyond(site.awards.get(award_id), body)}
        if not beyond:
            continue
        reported_default = False
        for awardee in decision.awardees:
            if awardee.award not in beyond:
                continue
            award = site.awards[awardee.award]
            where = locate(site, awardee, "award")
            from_default = getattr(awardee.source, "award_from_decision", False)
            if from_default and reported_default:
                continue  # one error at the decision's `award` line, not one per row
            reported_default = reported_default or from_default
            allowed = [_level(level) for level in award.conferred_by]
            site.problems.add(
                where["file"], where["line"], where["field"], "award_beyond_authority", column=where["column"],
                issuer=body.name, level=_level(body.level), award=award.label_in("vi"),
                allowed=(", ".join(a[0] for a in allowed), ", ".join(a[1] for a in allowed)))
