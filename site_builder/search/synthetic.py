"""Synthetic recipients for measuring the name index (Kinh, Khmer and Ê Đê names, units,
localities, awards, decisions). Deterministic for a given seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from .. import urls

# Family names with rough shares of the Kinh population.
KINH_FAMILIES = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 3), ("Huỳnh", 2.5),
    ("Phan", 4.5), ("Vũ", 2), ("Võ", 2), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.5), ("Đoàn", 0.4), ("Trương", 0.4),
    ("Lâm", 0.3), ("Mai", 0.3), ("Trịnh", 0.3), ("Cao", 0.3), ("Tạ", 0.2), ("Hà", 0.3),
]
MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quốc", "Xuân", "Thu", "Hoàng",
           "Kim", "Công", "Đình", "Bảo", "Gia", "Mạnh", "Thành", "Anh", "Hồng", "Thúy", "Phương"]
GIVENS = [
    "An", "Anh", "Ánh", "Bình", "Bích", "Cường", "Chi", "Dũng", "Dung", "Duy", "Dương", "Đạt",
    "Điệp", "Đông", "Giang", "Hà", "Hải", "Hạnh", "Hằng", "Hiền", "Hiếu", "Hòa", "Hoa", "Hùng",
    "Hưng", "Hương", "Hường", "Huy", "Huyền", "Khánh", "Khoa", "Lan", "Liên", "Linh", "Loan",
    "Long", "Mai", "Minh", "My", "Nam", "Nga", "Ngân", "Nghĩa", "Ngọc", "Nhung", "Oanh", "Phong",
    "Phúc", "Phương", "Quân", "Quang", "Quyên", "Sơn", "Tâm", "Tân", "Thắng", "Thanh", "Thảo",
    "Thủy", "Tiến", "Trang", "Trinh", "Trung", "Tú", "Tuấn", "Tùng", "Uyên", "Vân", "Việt",
    "Vinh", "Xuân", "Yến", "Hậu", "Lộc", "Lợi", "Kiên", "Khải", "Đức", "Sang", "Tài", "Thịnh",
    "Toàn", "Trí", "Vũ", "Hùng", "Hà", "Lực", "Nhàn", "Thơm", "Hữu", "Quý", "Diệp", "Đào",
]
KHMER_FAMILIES = ["Thạch", "Danh", "Kim", "Sơn", "Lâm", "Chau", "Lý", "Trịnh", "Huỳnh"]
KHMER_GIVENS = ["Sa Ry", "Sô Phol", "Sóc Kha", "Sa Rươn", "Chanh Đa", "Mây", "Sa Phon", "Kha Ra",
                "Sóc", "Sến", "Đa Ra", "Phal", "Ry", "Sà Rinh", "Thi", "Ngọc Mai", "Sa Vonl"]
EDE_CLANS = ["Niê", "Êban", "Mlô", "Byă", "Ktla", "Adrơng", "Hwing", "Buôn Yă", "Kbuôr", "Niê Kdăm", "Ayŭn"]
EDE_GIVENS_F = ["Mai", "Hen", "Bia", "Lan", "Nga", "Djuê", "Yam", "Wiên", "Rin", "Loan"]
EDE_GIVENS_M = ["Ngông", "Moan", "Bhin", "Jut", "Kông", "Blơ", "Thuôn", "Dhăm", "Sơn", "Kuăn"]
COMMUNES = [
    "Ea Kao", "Hòa Thắng", "Krông Pắc", "Đại Mạch", "Hòa Phú", "Ea Tu", "Cư Êbur", "Tân Lập",
    "Phú Lộc", "Long Phú", "Mỹ Xuyên", "Trần Đề", "Vĩnh Châu", "Châu Thành", "Cầu Kè", "Trà Cú",
    "Đông Anh", "Kim Chung", "Việt Hùng", "Uy Nỗ", "Liên Hà", "Vân Nội", "Hải Bối", "Xuân Nộn",
]
UNIT_FORMS = ["Trạm Y tế xã {c}", "Trường THCS {c}", "Công an xã {c}", "Trường Tiểu học {c}",
              "Hội Phụ nữ xã {c}", "UBND xã {c}", "Trung tâm Y tế huyện {c}", "Đoàn Thanh niên xã {c}"]
COLLECTIVE_FORMS = ["Ban Chỉ đạo phòng, chống dịch xã {c}", "Tổ COVID cộng đồng thôn {n} xã {c}",
                    "Trạm Y tế xã {c}", "Trường Mầm non {c}", "Chi đoàn thôn {n}, xã {c}"]
AWARDS = [
    ("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ", 2),
    ("bang-khen-chu-tich-tinh", "Bằng khen của Chủ tịch UBND tỉnh", 20),
    ("giay-khen-chu-tich-huyen", "Giấy khen của Chủ tịch UBND huyện", 40),
    ("giay-khen-giam-doc-so", "Giấy khen của Giám đốc Sở", 20),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", 10),
    ("lao-dong-tien-tien", "Lao động tiên tiến", 8),
]
CAMPAIGNS = [("covid-19-2021", "Phòng, chống dịch COVID-19"), ("nong-thon-moi", "Xây dựng nông thôn mới"),
             ("chuyen-doi-so", "Chuyển đổi số"), ("dan-van-kheo", "Dân vận khéo")]


def person_name(rnd: random.Random) -> str:
    roll = rnd.random()
    if roll < 0.08:  # Khmer, as written in Vietnamese records
        middle = rnd.choice(["Thị ", "", "", "Văn "])
        return f"{rnd.choice(KHMER_FAMILIES)} {middle}{rnd.choice(KHMER_GIVENS)}"
    if roll < 0.14:  # Ê Đê
        if rnd.random() < 0.5:
            return f"H'{rnd.choice(EDE_GIVENS_F)} {rnd.choice(EDE_CLANS)}"
        return f"Y {rnd.choice(EDE_GIVENS_M)} {rnd.choice(EDE_CLANS)}"
    families, weights = zip(*KINH_FAMILIES)
    family = rnd.choices(families, weights)[0]
    middles = rnd.choice([1, 1, 1, 2])
    middle = " ".join(rnd.choice(MIDDLES) for _ in range(middles))
    return f"{family} {middle} {rnd.choice(GIVENS)}"


def recipients(n: int, seed: int = 1, per_decision: int = 200) -> Iterator[dict[str, Any]]:
    """n recipient records in the shape NameIndexBuilder.add expects."""
    rnd = random.Random(seed)
    award_ids, award_labels, award_weights = zip(*AWARDS)
    for i in range(n):
        d = i // per_decision
        year = 2019 + d % 7
        commune = rnd.choice(COMMUNES)
        collective = rnd.random() < 0.1
        award = rnd.choices(range(len(AWARDS)), award_weights)[0]
        campaign = CAMPAIGNS[d % len(CAMPAIGNS)]
        decision = f"qd-{1000 + d}-{year}"
        name = (rnd.choice(COLLECTIVE_FORMS).format(c=commune, n=rnd.randint(1, 12)) if collective
                else person_name(rnd))
        yield {
            "name": name,
            "kind": "collective" if collective else "individual",
            "url": f"{urls.decision_folder(decision)}r{i}/",
            "award": award_ids[award],
            "award_label": {"vi": award_labels[award]},
            "unit": "" if collective else rnd.choice(UNIT_FORMS).format(c=commune),
            "locality": "xa-" + str(COMMUNES.index(commune)),
            "locality_name": f"Xã {commune}",
            "decision": decision,
            "decision_title": f"Quyết định {1000 + d}/QĐ-UBND năm {year}",
            "decision_url": urls.decision_folder(decision),
            "year": year,
            "campaign": campaign[0],
            "campaign_name": campaign[1],
        }
