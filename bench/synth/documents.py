"""Plans, decisions and messages of the synthetic province: frontmatter and body text.

Each function returns ``(frontmatter dict, Markdown body)``; writing files is the caller's
job. Numbers restart every year per issuer (Nghị định 30/2020/NĐ-CP), so ``Numbering``
hands them out per (issuer, year) and never twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from .awards import AWARDS_BY_ID, MAIN_AWARD
from .bodies import Body
from .campaigns import Campaign


class Numbering:
    """Document numbers per issuer and year, increasing like a real register."""

    def __init__(self, rng: random.Random):
        self._rng = rng
        self._last: dict[tuple[str, int], int] = {}

    def next(self, issuer: str, year: int) -> str:
        last = self._last.get((issuer, year))
        number = self._rng.randint(20, 300) if last is None else last + self._rng.randint(1, 25)
        self._last[(issuer, year)] = number
        return str(number)


@dataclass
class PlanInfo:
    id: str
    issuer: Body
    campaign: Campaign
    phases: list[dict]
    year: int
    number_text: str     # "108/KH-UBND ngày 11 tháng 9 năm 2021", as later documents cite it


def plan_document(rng: random.Random, numbering: Numbering, *, issuer: Body,
                  campaign: Campaign, when: date, implements: list[PlanInfo],
                  scope: str) -> tuple[PlanInfo, dict, str]:
    number = numbering.next(issuer.id, when.year)
    doc_id = f"kh-{number}-{issuer.id}-{when.year}"
    phases = [{"name": name, "start": start, "end": end} for name, start, end in campaign.phases]
    awards = _plan_awards(issuer.level)
    title = _sentence(f"{campaign.plan_topic} {scope} năm {when.year}")
    front = {
        "doc_type": "KH",
        "number": number,
        "symbol": f"KH-{issuer.code}",
        "issuer": issuer.id,
        "place": issuer.place,
        "date": when,
        "title": title,
        "campaign": campaign.id,
        "implements": [p.id for p in implements],
        "replaces": [],
        "cites": _citations(campaign),
        "phases": phases,
        "deadlines": [{"date": phases[0]["end"] + timedelta(days=15),
                       "what": f"Gửi báo cáo kết quả thực hiện về {issuer.short}"}],
        "awards": awards,
        "tasks": [
            {"assignee": "Các phòng, ban, đơn vị trực thuộc", "task": "Tổ chức phát động thi đua trong đơn vị"},
            {"assignee": "Hội đồng Thi đua - Khen thưởng", "task": "Tổng hợp, đề xuất khen thưởng kịp thời"},
        ],
        "signer": issuer.signer,
        "recipients": ["Như trên", "Lưu: VT"],
        "summary": f"Kế hoạch {campaign.plan_topic} {scope}, đợt thi đua năm {when.year}.",
    }
    base = "; ".join(f"Kế hoạch số {p.number_text}" for p in implements) or "chỉ đạo của cấp trên"
    body = "\n\n".join([
        f"Thực hiện {base}, {issuer.name} ban hành Kế hoạch {campaign.plan_topic} {scope} như sau:",
        "## I. MỤC ĐÍCH, YÊU CẦU",
        f"1. Phát động sâu rộng phong trào thi đua {campaign.field}, tạo khí thế thi đua sôi nổi "
        "trong cán bộ, công chức, viên chức và nhân dân.",
        "2. Việc bình xét khen thưởng phải công khai, dân chủ, đúng người, đúng thành tích.",
        "## II. NỘI DUNG THI ĐUA",
        *[f"- {_sentence(action.format(village='các thôn, buôn, ấp', n='').replace('hơn  ', 'nhiều '))}."
          for action in rng.sample(campaign.actions, 3)],
        "## III. HÌNH THỨC KHEN THƯỞNG",
        *[f"- {AWARDS_BY_ID[a].vi}." for a in awards],
        "## IV. TỔ CHỨC THỰC HIỆN",
        "a) Các đơn vị xây dựng kế hoạch cụ thể, triển khai thực hiện nghiêm túc.",
        "b) Định kỳ báo cáo kết quả thực hiện theo quy định.",
    ])
    cited_as = f"{number}/KH-{issuer.code} ngày {when.day} tháng {when.month} năm {when.year}"
    return PlanInfo(doc_id, issuer, campaign, phases, when.year, cited_as), front, body


def decision_document(rng: random.Random, numbering: Numbering, *, issuer: Body, plan: PlanInfo,
                      phase: dict, collectives: int, individuals: int) -> tuple[str, dict, str]:
    when = phase["end"] + timedelta(days=rng.randint(10, 60))
    number = numbering.next(issuer.id, when.year)
    doc_id = f"qd-{number}-{issuer.id}-{when.year}"
    award = AWARDS_BY_ID[MAIN_AWARD[issuer.level]]
    front = {
        "number": number,
        "symbol": f"QĐ-{issuer.code}",
        "issuer": issuer.id,
        "place": issuer.place,
        "date": when,
        "title": (f"Về việc khen thưởng các tập thể và cá nhân có thành tích xuất sắc trong "
                  f"công tác {plan.campaign.field}, {phase['name'].lower()}"),
        "signer": issuer.signer,
        "plan": plan.id,
        "phase": phase["name"],
        "award": award.id,
    }
    body = "\n\n".join([
        "Căn cứ Luật Thi đua, khen thưởng;",
        f"Căn cứ Kế hoạch số {plan.number_text} của {plan.issuer.name};",
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng,",
        "## QUYẾT ĐỊNH:",
        f"**Điều 1.** Khen thưởng {collectives} tập thể và {individuals} cá nhân có thành tích "
        f"xuất sắc trong công tác {plan.campaign.field} (có danh sách kèm theo).",
        "**Điều 2.** Các tập thể, cá nhân được khen thưởng được hưởng chế độ theo quy định.",
        "**Điều 3.** Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị liên quan và các tập thể, "
        "cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    ])
    return doc_id, front, body


_MESSAGE_KINDS = (
    ("slogan", "Toàn dân chung sức, đồng lòng {goal}!"),
    ("message", "Mỗi người dân là một chiến sĩ trong phong trào {field}"),
    ("article", "Lan tỏa những tấm gương điển hình trong {field}"),
)
_GOALS = {
    "covid-19-2021": "đẩy lùi dịch bệnh",
    "nong-thon-moi-2021-2025": "xây dựng nông thôn mới",
    "chuyen-doi-so-2022": "thực hiện chuyển đổi số",
    "vi-nguoi-ngheo-2022": "vì người nghèo",
}


def message_documents(campaign: Campaign, province_name: str) -> list[tuple[str, dict, str]]:
    messages = []
    for kind, title in _MESSAGE_KINDS:
        text = title.format(goal=_GOALS[campaign.id], field=campaign.field)
        start = campaign.phases[0][1]
        front = {
            "kind": kind, "title": text, "campaign": campaign.id, "audience": "Toàn dân",
            "languages": ["vi"], "valid_from": start, "valid_until": campaign.phases[-1][2],
        }
        body = (f"{text.rstrip('!.')}. Ban Thi đua - Khen thưởng {province_name} kêu gọi cán bộ và nhân dân "
                f"các dân tộc trong tỉnh tích cực hưởng ứng phong trào {campaign.field}, "
                "chia sẻ những cách làm hay, những tấm gương người tốt, việc tốt ở cơ sở.")
        messages.append((f"{kind}-{campaign.id}", front, body))
    return messages


def _plan_awards(level: str) -> list[str]:
    if level in ("province", "prime_minister"):
        return ["bang-khen-thu-tuong", "bang-khen-chu-tich-tinh", "chien-si-thi-dua-cap-tinh"]
    return [MAIN_AWARD[level], "lao-dong-tien-tien"]


def _citations(campaign: Campaign) -> list[dict]:
    if campaign.id.startswith("covid"):
        return [{"ref": "1497/QĐ-TTg", "date": date(2021, 9, 10), "issuer_name": "Thủ tướng Chính phủ"}]
    return []


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
