"""Achievement summaries (thành tích) of about 60 words, assembled from campaign phrases.

Three sentence shapes, two actions drawn from the campaign and an optional clause for
work done in a minority language keep 100,000 texts from looking alike. Texts hold no
dates and no long digit runs, so the privacy check has nothing to flag in them.
"""

from __future__ import annotations

import random

from .campaigns import Campaign

_OPENINGS = (
    "Có thành tích xuất sắc trong công tác {field} tại {place} năm {year}.",
    "Có nhiều đóng góp trong phong trào {field} ở {place} năm {year}.",
    "Hoàn thành xuất sắc nhiệm vụ {field} tại {place}, năm {year}.",
)
_INDIVIDUAL_LEADS = (
    "Đồng chí đã",
    "Không quản khó khăn, đã chủ động",
    "Với tinh thần trách nhiệm cao, đã",
)
_COLLECTIVE_LEADS = (
    "Đơn vị đã chủ động",
    "Tập thể đoàn kết, kịp thời",
    "Cán bộ, hội viên của đơn vị đã",
)
_CLOSINGS = (
    "Gương mẫu, nhiệt tình, được nhân dân tin yêu, góp phần {result}.",
    "Là tấm gương tiêu biểu, góp phần {result}.",
    "Góp phần tích cực vào việc {result}.",
)
LANGUAGE_CLAUSES = {
    "khmer": ", tuyên truyền bằng tiếng Khmer cho đồng bào trong phum, sóc",
    "ede": ", dùng tiếng Ê Đê vận động bà con trong buôn cùng thực hiện",
    "jrai": ", dùng tiếng Jrai vận động bà con trong làng cùng thực hiện",
}


def achievement(rng: random.Random, campaign: Campaign, *, collective: bool, place: str,
                village: str, year: int, ethnic: str = "kinh") -> str:
    opening = rng.choice(_OPENINGS).format(field=campaign.field, place=place, year=year)
    lead = rng.choice(_COLLECTIVE_LEADS if collective else _INDIVIDUAL_LEADS)
    first, second = rng.sample(campaign.actions, 2)
    amount = f"{rng.randrange(2, 40) * 50:,}".replace(",", ".")   # "1.250", never a long number
    actions = [a.format(village=village, n=amount) for a in (first, second)]
    language = LANGUAGE_CLAUSES.get(ethnic, "") if rng.random() < 0.6 else ""
    closing = rng.choice(_CLOSINGS).format(result=rng.choice(campaign.results))
    return f"{opening} {lead} {actions[0]}, {actions[1]}{language}. {closing}"
