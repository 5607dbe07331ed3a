"""Rows of a decision's recipient spreadsheet: collectives and individuals of its area.

A row is (kind, name, position, unit, locality, award, achievement), the column order of
``CSV_HEADER``. Where a recipient works decides its locality: a commune, a district (for
district services) or the province (for provincial services).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .achievements import achievement
from .varied_achievements import Where, varied_achievement
from .awards import award_chooser
from .campaigns import Campaign
from .geography import ETHNIC_MIX, Commune, District, Province
from .names import ETHNIC_NAMERS
from .pick import Weighted

CSV_HEADER = ("kind", "name", "position", "unit", "locality", "award", "achievement")
COLLECTIVE_SHARE = 0.2

# Collectives at commune level: (name, parent unit). {c} commune, {d} district, {v} village.
_COMMUNE_COLLECTIVES = (
    ("Trạm Y tế {c}", "Trung tâm Y tế {d}"),
    ("Công an {c}", "Công an {d}"),
    ("Tổ Covid cộng đồng {v}, {c}", "Ủy ban nhân dân {c}"),
    ("Ban Chỉ huy Quân sự {c}", "Ban Chỉ huy Quân sự {d}"),
    ("Hội Liên hiệp Phụ nữ {c}", "Hội Liên hiệp Phụ nữ {d}"),
    ("Đoàn Thanh niên {c}", "Đoàn Thanh niên {d}"),
    ("Trường Tiểu học {c}", "Phòng Giáo dục và Đào tạo {d}"),
    ("Trường Trung học cơ sở {c}", "Phòng Giáo dục và Đào tạo {d}"),
    ("Chi hội Nông dân {v}, {c}", "Hội Nông dân {c}"),
    ("Ban Nhân dân {v}, {c}", "Ủy ban nhân dân {c}"),
    ("Tổ công nghệ số cộng đồng {v}, {c}", "Ủy ban nhân dân {c}"),
)
_DISTRICT_COLLECTIVES = (
    ("Trung tâm Y tế {d}", "Sở Y tế tỉnh {p}"),
    ("Phòng Giáo dục và Đào tạo {d}", "Ủy ban nhân dân {d}"),
    ("Công an {d}", "Công an tỉnh {p}"),
    ("Phòng Lao động - Thương binh và Xã hội {d}", "Ủy ban nhân dân {d}"),
    ("Phòng Văn hóa và Thông tin {d}", "Ủy ban nhân dân {d}"),
)
_PROVINCE_COLLECTIVES = (
    ("Bệnh viện Đa khoa tỉnh {p}", "Sở Y tế tỉnh {p}"),
    ("Khoa Hồi sức tích cực - Chống độc, Bệnh viện Đa khoa tỉnh {p}", "Sở Y tế tỉnh {p}"),
    ("Trung tâm Kiểm soát bệnh tật tỉnh {p}", "Sở Y tế tỉnh {p}"),
    ("Báo {p}", "Ủy ban nhân dân tỉnh {p}"),
    ("Đài Phát thanh và Truyền hình {p}", "Ủy ban nhân dân tỉnh {p}"),
    ("Khoa Truyền nhiễm, Bệnh viện Đa khoa tỉnh {p}", "Sở Y tế tỉnh {p}"),
    ("Khoa Xét nghiệm, Trung tâm Kiểm soát bệnh tật tỉnh {p}", "Sở Y tế tỉnh {p}"),
    ("Bệnh viện Phổi tỉnh {p}", "Sở Y tế tỉnh {p}"),
    ("Trung tâm Cấp cứu 115 tỉnh {p}", "Sở Y tế tỉnh {p}"),
    ("Phòng Nghiệp vụ Y, Sở Y tế tỉnh {p}", "Sở Y tế tỉnh {p}"),
    ("Văn phòng Ủy ban nhân dân tỉnh {p}", "Ủy ban nhân dân tỉnh {p}"),
    ("Tỉnh Đoàn {p}", "Trung ương Đoàn"),
    ("Hội Chữ thập đỏ tỉnh {p}", "Trung ương Hội Chữ thập đỏ Việt Nam"),
    ("Hội Liên hiệp Phụ nữ tỉnh {p}", "Trung ương Hội Liên hiệp Phụ nữ Việt Nam"),
    ("Bưu điện tỉnh {p}", "Tổng công ty Bưu điện Việt Nam"),
)

# Individuals: (position, unit). {V} is the village with its leading capital ("Thôn 3").
_COMMUNE_JOBS = (
    ("Bác sĩ", "Trạm Y tế {c}"), ("Y sĩ", "Trạm Y tế {c}"), ("Trưởng Trạm Y tế", "Trạm Y tế {c}"),
    ("Nhân viên y tế thôn", "{V}, {c}"), ("Phó Trưởng Công an", "Công an {c}"),
    ("Công an viên", "Công an {c}"), ("Giáo viên", "Trường Tiểu học {c}"),
    ("{head}", "{V}, {c}"), ("Công chức Văn hóa - Xã hội", "Ủy ban nhân dân {c}"),
    ("Chủ tịch Hội Nông dân", "{C}"), ("Bí thư Đoàn Thanh niên", "{C}"),
    ("Chỉ huy trưởng Ban Chỉ huy Quân sự", "{C}"), ("Dân quân", "Ban Chỉ huy Quân sự {c}"),
    ("Tình nguyện viên", "{V}, {c}"), ("Nông dân", "{V}, {c}"), ("Hội viên Hội Nông dân", "{V}, {c}"),
    ("Phó Chủ tịch Ủy ban nhân dân", "{C}"), ("Nhân viên", "Bưu điện văn hóa {c}"),
)
_DISTRICT_JOBS = (
    ("Bác sĩ", "Trung tâm Y tế {d}"), ("Điều dưỡng", "Trung tâm Y tế {d}"),
    ("Chuyên viên", "Phòng Nội vụ {d}"), ("Cán bộ", "Công an {d}"),
    ("Phó Trưởng phòng", "Phòng Văn hóa và Thông tin {d}"),
)
_PROVINCE_JOBS = (
    ("Bác sĩ", "Bệnh viện Đa khoa tỉnh {p}"), ("Điều dưỡng trưởng", "Bệnh viện Đa khoa tỉnh {p}"),
    ("Kỹ thuật viên xét nghiệm", "Trung tâm Kiểm soát bệnh tật tỉnh {p}"),
    ("Phóng viên", "Báo {p}"), ("Chuyên viên", "Văn phòng Ủy ban nhân dân tỉnh {p}"),
)
_VILLAGE_HEADS = {"thôn": "Trưởng thôn", "ấp": "Trưởng ấp", "buôn": "Trưởng buôn",
                  "phum": "Trưởng phum", "tổ": "Tổ trưởng tổ dân phố", "khóm": "Trưởng khóm",
                  "Plei": "Trưởng thôn"}

# How far from the commune the recipients of a decision are, by issuer level.
_UNIT_LEVELS = {
    "prime_minister": Weighted([("commune", 50), ("district", 30), ("province", 20)]),
    "province": Weighted([("commune", 75), ("district", 20), ("province", 5)]),
    "department": Weighted([("commune", 65), ("district", 30), ("province", 5)]),
    "district": Weighted([("commune", 85), ("district", 15)]),
    "commune": Weighted([("commune", 1)]),
}


@dataclass
class Area:
    """Where a decision's recipients come from."""
    province: Province
    districts: list[District]
    communes: list[Commune]


def recipient_rows(rng: random.Random, count: int, *, level: str, area: Area,
                   campaign: Campaign, year: int, varied: bool = False) -> list[tuple[str, ...]]:
    """``varied``: texts of the realistic shape (varied_achievements.py), else of the uniform
    one (achievements.py), drawn in the same order as before it existed."""
    choosers = {kind: award_chooser(level, kind) for kind in ("individual", "collective")}
    unit_levels = _UNIT_LEVELS[level]
    p = area.province.bare_name
    collectives = {"commune": _campaign_collectives(campaign), "district": _DISTRICT_COLLECTIVES,
                   "province": _PROVINCE_COLLECTIVES}
    rows = []
    for _ in range(count):
        commune = rng.choice(area.communes)
        district = commune.district if level in ("district", "commune") else rng.choice(area.districts)
        if district is not commune.district:
            commune = rng.choice(district.communes)
        village = rng.choice(commune.villages)
        unit_level = unit_levels.pick(rng)
        ethnic = ETHNIC_MIX[district.profile].pick(rng)
        slots = {"c": commune.in_text, "C": capitalise(commune.in_text), "d": district.in_text,
                 "p": p, "v": village, "V": capitalise(village), "vn": village.split(" ", 1)[-1],
                 "head": _village_head(village)}
        if unit_level == "commune":
            locality, place = commune.id, f"{commune.in_text}, {district.in_text}"
        elif unit_level == "district":
            locality, place, village = district.id, district.in_text, "các xã, thị trấn"
        else:
            locality, place, village = area.province.id, f"tỉnh {p}", "các địa phương"
        if rng.random() < COLLECTIVE_SHARE:
            kind, position = "collective", ""
            name_template, unit_template = rng.choice(collectives[unit_level])
            name = name_template.format(**slots)
        else:
            kind = "individual"
            name, female = ETHNIC_NAMERS[ethnic](rng)
            has_pagoda = village.startswith(("ấp ", "phum "))
            position, unit_template = _job(rng, unit_level, ethnic, female, has_pagoda)
            position = position.format(**slots)
        unit = unit_template.format(**slots)
        if varied:
            profile = district.profile if unit_level == "commune" else ""
            where = Where(place, village, profile, unit, position)
            text = varied_achievement(rng, campaign, collective=(kind == "collective"), where=where,
                                      year=year, ethnic=ethnic)
        else:
            text = achievement(rng, campaign, collective=(kind == "collective"), place=place,
                               village=village, year=year, ethnic=ethnic)
        rows.append((kind, name, position, unit, locality, choosers[kind].pick(rng), text))
    return rows


def _job(rng: random.Random, unit_level: str, ethnic: str, female: bool,
         has_pagoda: bool) -> tuple[str, str]:
    if unit_level == "commune" and not female and rng.random() < 0.15:
        # Roles that exist only in some communities.
        if ethnic == "khmer" and has_pagoda:
            return "Achar", "Chùa {vn}, {c}"
        if ethnic in ("ede", "jrai"):
            return rng.choice(("Già làng", "Người có uy tín")), "{V}, {c}"
    table = {"commune": _COMMUNE_JOBS, "district": _DISTRICT_JOBS, "province": _PROVINCE_JOBS}
    return rng.choice(table[unit_level])


def _campaign_collectives(campaign: Campaign) -> tuple[tuple[str, str], ...]:
    """Covid teams belong to the Covid campaign, digital teams to the digital one."""
    def fits(name: str) -> bool:
        if "Covid" in name:
            return campaign.id.startswith("covid")
        if "công nghệ số" in name:
            return campaign.id.startswith("chuyen-doi-so")
        return True
    return tuple(pair for pair in _COMMUNE_COLLECTIVES if fits(pair[0]))


def _village_head(village: str) -> str:
    return _VILLAGE_HEADS.get(village.split(" ", 1)[0], "Trưởng thôn")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
