"""Assemble and write a whole synthetic province: data files, plans, decisions, messages.

The order of random draws is fixed, so one seed always gives byte-identical files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from .awards import MAIN_AWARD, awards_data, check_conferrable
from .bodies import Bodies, Body, bodies_data, build_bodies
from .campaigns import CAMPAIGNS, campaigns_data
from .documents import Numbering, PlanInfo, decision_document, message_documents, plan_document
from .geography import Province, build_province, units_data
from .recipients import CSV_HEADER, Area, recipient_rows
from .shapes import DEFAULT_SHAPE, SHAPES, issuer_level, realistic_sizes
from .writer import dump_yaml, write_csv, write_markdown, write_yaml

RECIPIENTS_PER_DECISION = 500     # the uniform shape's
# The realistic province's address: feeds, the sitemap, canonical links and QR codes need one.
SITE_URL = "https://thidua.tanha.example.gov.vn/"
# Relative size of a decision by issuer level: a province rewards more people than a commune.
_LEVEL_WEIGHT = {"prime_minister": 0.1, "province": 3.0, "department": 1.5, "district": 1.0, "commune": 0.5}


@dataclass
class DecisionFile:
    id: str
    markdown: Path
    csv: Path
    recipients: int


@dataclass
class ProvinceSummary:
    root: Path                     # the project folder: mkdocs.yml and content/
    config_file: Path
    content_dir: Path
    recipients: int
    shape: str = DEFAULT_SHAPE
    decisions: list[DecisionFile] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


@dataclass
class _Slot:
    plan: PlanInfo
    issuer: Body
    area: Area
    weight: float


def decision_count(recipients: int) -> int:
    """The uniform shape's: about one decision per 500 recipients, never fewer than 3 (unless
    fewer recipients)."""
    return max(min(3, recipients), round(recipients / RECIPIENTS_PER_DECISION))


def write_province(root: Path, recipients: int, seed: int = 1, theme_dir: Path | None = None,
                   shape: str = DEFAULT_SHAPE) -> ProvinceSummary:
    if recipients < 1:
        raise ValueError("recipients must be at least 1")
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}, not {shape!r}")
    rng = random.Random(seed)
    for level in MAIN_AWARD:
        check_conferrable(level)
    province = build_province(rng)
    bodies = build_bodies(province, rng)

    content = root / "content"
    for folder in ("plans", "decisions", "messages", "data"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    summary = ProvinceSummary(root, root / "mkdocs.yml", content, recipients, shape)

    numbering = Numbering(rng)
    plans, areas = _write_plans(rng, numbering, province, bodies, content / "plans")
    summary.plans = [p.id for p in plans]
    if shape == "uniform":
        slots = _decision_slots(rng, recipients, plans, areas, bodies)
        sizes = _split(recipients, [s.weight for s in slots])
    else:
        sizes = realistic_sizes(rng, recipients)
        slots = [_realistic_slot(rng, issuer_level(rng, size), plans, areas, province, bodies)
                 for size in sizes]
    for slot, size in zip(slots, sizes):
        phase = rng.choice(slot.plan.phases)
        rows = recipient_rows(rng, size, level=slot.issuer.level, area=slot.area,
                              campaign=slot.plan.campaign, year=phase["end"].year,
                              varied=(shape == "realistic"))
        collectives = sum(1 for row in rows if row[0] == "collective")
        doc_id, front, body = decision_document(
            rng, numbering, issuer=slot.issuer, plan=slot.plan, phase=phase,
            collectives=collectives, individuals=size - collectives)
        markdown = content / "decisions" / f"{doc_id}.md"
        spreadsheet = content / "decisions" / f"{doc_id}.csv"
        write_markdown(markdown, front, body)
        write_csv(spreadsheet, CSV_HEADER, rows)
        summary.decisions.append(DecisionFile(doc_id, markdown, spreadsheet, size))

    for campaign in CAMPAIGNS:
        for message_id, front, body in message_documents(campaign, f"tỉnh {province.bare_name}"):
            write_markdown(content / "messages" / f"{message_id}.md", front, body)
            summary.messages.append(message_id)

    launchers = {p.campaign.id: p.id for p in plans if p.issuer is bodies.province}
    write_yaml(content / "data" / "bodies.yml", bodies_data(bodies))
    write_yaml(content / "data" / "awards.yml", awards_data())
    write_yaml(content / "data" / "units.yml", units_data(province))
    write_yaml(content / "data" / "campaigns.yml", campaigns_data(launchers))
    (content / "index.md").write_text(_home_page(province, summary), encoding="utf-8")
    site_url = SITE_URL if shape == "realistic" else None
    summary.config_file.write_text(_mkdocs_config(province, theme_dir, site_url), encoding="utf-8")
    return summary


def _write_plans(rng: random.Random, numbering: Numbering, province: Province, bodies: Bodies,
                 folder: Path) -> tuple[list[PlanInfo], dict[str, Area]]:
    """Per campaign: the province's plan, the leading department's, two districts', one commune's."""
    everywhere = Area(province, province.districts, province.communes)
    plans: list[PlanInfo] = []
    areas: dict[str, Area] = {}

    def add(issuer: Body, campaign, when, implements, scope, area) -> PlanInfo:
        info, front, body = plan_document(rng, numbering, issuer=issuer, campaign=campaign,
                                          when=when, implements=implements, scope=scope)
        write_markdown(folder / f"{info.id}.md", front, body)
        plans.append(info)
        areas[info.id] = area
        return info

    for campaign in CAMPAIGNS:
        start = campaign.phases[0][1] - timedelta(days=rng.randint(5, 20))
        top = add(bodies.province, campaign, start, [], f"trên địa bàn tỉnh {province.bare_name}",
                  everywhere)
        department = bodies.departments[campaign.department]
        add(department, campaign, start + timedelta(days=rng.randint(2, 8)), [top],
            f"của {department.name}", everywhere)
        for district in rng.sample(province.districts, 2):
            when = start + timedelta(days=rng.randint(3, 12))
            district_plan = add(bodies.districts[district.id], campaign, when, [top],
                                f"trên địa bàn {district.in_text}",
                                Area(province, [district], district.communes))
        # The commune plan carries out the last district plan written above.
        commune = rng.choice(district.communes)
        add(bodies.communes[commune.id], campaign, when + timedelta(days=rng.randint(2, 9)),
            [district_plan], f"trên địa bàn {commune.in_text}", Area(province, [district], [commune]))
    return plans, areas


def _decision_slots(rng: random.Random, recipients: int, plans: list[PlanInfo],
                    areas: dict[str, Area], bodies: Bodies) -> list[_Slot]:
    count = decision_count(recipients)
    national = count // 40          # a Prime Minister's decision now and then, small
    province_plans = [p for p in plans if p.issuer is bodies.province]
    slots = []
    for _ in range(national):
        plan = rng.choice(province_plans)
        slots.append(_Slot(plan, bodies.national, areas[plan.id], _LEVEL_WEIGHT["prime_minister"]))
    for _ in range(count - national):
        plan = rng.choices(plans, weights=[_LEVEL_WEIGHT[p.issuer.level] for p in plans])[0]
        weight = _LEVEL_WEIGHT[plan.issuer.level] * rng.uniform(0.6, 1.4)
        slots.append(_Slot(plan, plan.issuer, areas[plan.id], weight))
    return slots


def _realistic_slot(rng: random.Random, level: str, plans: list[PlanInfo], areas: dict[str, Area],
                    province: Province, bodies: Bodies) -> _Slot:
    """A decision of the given issuer level: a commune's rewards its own people, a district's
    its district's, the others the whole province's. A commune or district carries out its
    own plan where it wrote one, else the province's."""
    everywhere = Area(province, province.districts, province.communes)
    if level in ("prime_minister", "province"):
        plan = rng.choice([p for p in plans if p.issuer is bodies.province])
        issuer = bodies.national if level == "prime_minister" else bodies.province
        return _Slot(plan, issuer, everywhere, 1.0)
    if level == "department":
        plan = rng.choice([p for p in plans if p.issuer.level == "department"])
        return _Slot(plan, plan.issuer, everywhere, 1.0)
    if level == "district":
        district = rng.choice(province.districts)
        issuer, area = bodies.districts[district.id], Area(province, [district], district.communes)
    else:
        commune = rng.choice(province.communes)
        issuer, area = bodies.communes[commune.id], Area(province, [commune.district], [commune])
    own = [p for p in plans if p.issuer is issuer]
    plan = rng.choice(own or [p for p in plans if p.issuer is bodies.province])
    return _Slot(plan, issuer, area, 1.0)


def _split(total: int, weights: list[float]) -> list[int]:
    """Integer sizes proportional to the weights, summing to ``total``, none below 1."""
    scale = sum(weights)
    sizes = [max(1, int(total * w / scale)) for w in weights]
    index = 0
    while sum(sizes) < total:
        sizes[index % len(sizes)] += 1
        index += 1
    while sum(sizes) > total:
        largest = max(range(len(sizes)), key=sizes.__getitem__)
        sizes[largest] -= 1
    return sizes


def _home_page(province: Province, summary: ProvinceSummary) -> str:
    count = f"{summary.recipients:,}".replace(",", ".")      # Vietnamese thousands separator
    return (
        f"# Thi đua, khen thưởng tỉnh {province.bare_name}\n\n"
        f"Dữ liệu thử nghiệm do máy tạo ra: {count} tập thể và cá nhân được khen thưởng trong "
        f"{len(summary.decisions)} quyết định. Mọi tên người, địa danh và văn bản đều là hư cấu.\n"
    )


def _mkdocs_config(province: Province, theme_dir: Path | None, site_url: str | None) -> str:
    theme: dict = {"name": "material", "language": "vi"}
    if theme_dir is not None:
        theme["custom_dir"] = str(theme_dir.resolve())
    config = {
        "site_name": f"Thi đua, khen thưởng tỉnh {province.bare_name} (dữ liệu thử nghiệm)",
        **({"site_url": site_url} if site_url else {}),
        "docs_dir": "content",
        "theme": theme,
        # Both languages the benchmark targets are judged with (issues 3 and 5).
        "plugins": [{"site_builder": {"languages": ["vi", "en"]}}],
    }
    return dump_yaml(config)
