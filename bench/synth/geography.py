"""A fictitious province ("Tỉnh Tân Hà") with districts, communes and villages.

Each district has a population profile that sets the ethnic mix of its people and the
style of its place names: Kinh plains, a city, Khmer delta districts (ấp, phum, sóc) and
Central Highlands districts (buôn, plei). The mix is what makes the honor roll realistic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

from .pick import Weighted
from .slug import slugify

PROVINCE_ID = "tan-ha"
PROVINCE_NAME = "Tỉnh Tân Hà"
# The district level was abolished on 1 July 2025 (Nghị quyết 202/2025/QH15).
DISTRICT_LEVEL_UNTIL = date(2025, 6, 30)

# Share of each ethnic group's names among individuals, by district profile.
ETHNIC_MIX = {
    "urban": Weighted([("kinh", 96), ("khmer", 2), ("ede", 1.5), ("jrai", 0.5)]),
    "plains": Weighted([("kinh", 95), ("khmer", 3), ("ede", 2)]),
    "delta": Weighted([("kinh", 55), ("khmer", 45)]),
    "highland": Weighted([("kinh", 45), ("ede", 38), ("jrai", 17)]),
}

# (name, unit type, profile); names are invented, a few echo common place-name patterns.
DISTRICTS = [
    ("Thành phố Tân Hà", "city", "urban"),
    ("Thị xã Long Phước", "town", "plains"),
    ("Huyện Vĩnh Lạc", "district", "plains"),
    ("Huyện Phú Điền", "district", "plains"),
    ("Huyện Hòa Định", "district", "plains"),
    ("Huyện Mỹ Thạnh", "district", "delta"),
    ("Huyện Trà Sết", "district", "delta"),
    ("Huyện Ea Sar", "district", "highland"),
    ("Huyện Cư Mlan", "district", "highland"),
    ("Huyện Krông Bia", "district", "highland"),
]

_PLAINS_FIRST = ["Tân", "Phú", "Vĩnh", "Long", "Mỹ", "An", "Hòa", "Bình", "Thạnh", "Hưng",
                 "Đông", "Tây", "Phước", "Thuận", "Hiệp", "Quang", "Trung", "Xuân", "Đức", "Nghĩa"]
_PLAINS_SECOND = ["Phú", "Hòa", "Lợi", "Thành", "Lộc", "Bình", "Khánh", "Hưng", "Thịnh", "Tiến",
                  "Mỹ", "Đông", "Tây", "Sơn", "Hải", "Quý", "Hiệp", "Điền", "Lạc", "Yên"]
_DELTA_NAMES = ["Tà Liêm", "Prey Chóp", "Ba Trinh", "Sóc Xoài", "Tham Đôn", "Lai Hòa", "Ngọc Tố",
                "Viên Bình", "Kế An", "Sa Rài", "Bưng Cốc", "Tà Ân", "Châu Hưng", "Hòa Tú",
                "Gia Hòa", "Lịch Hội", "Vĩnh Quới", "Thạnh Thới", "Sóc Tro", "Kom Pong",
                "Tầm Vu", "Đại Ân", "Phú Tâm", "An Ninh", "Trà Canh", "Rạch Gòi"]
_HIGHLAND_NAMES = ["Ea Kmút", "Cư Pơng", "Krông Jing", "Ea Tul", "Cư Né", "Ea Sô", "Dliê Yang",
                   "Ea Hiu", "Cư Króa", "Ea Drông", "Yang Mao", "Ea Bar", "Ia Rsai", "Ia Mlah",
                   "Chư Ngọc", "Ia Rmok", "Ea Hồ", "Cư Drăm", "Ea Trul", "Ia Piar", "Ea Kênh",
                   "Krông Á", "Ea Yông", "Dray Sáp", "Ea Wy", "Cư Yang", "Ia Sol", "Ea Bhốk"]
_KHMER_HAMLETS = ["Prey Chóp", "Sóc Tro", "Tà Ân", "Bưng Tròn", "Sa Bâu", "Trà Canh", "Kom Pong",
                  "Rạch Dừa", "Som Rông", "Phnôm Pốc", "Tà Mun", "Wat Kos", "Tha Lôn", "Sóc Leng"]
_HIGHLAND_VILLAGES = ["Ea Kmar", "Ko Sia", "Cư Né", "Tơng Jú", "Ea Bông", "Kđoh", "Dhung",
                      "Ea Sô", "Plei Ơi", "Plei Kly", "Hra Ea Hning", "Kmrơng Prông", "Ale",
                      "Tring", "Mấp", "Sút M'Đrư", "Krông", "Ea Nao"]


@dataclass
class Commune:
    id: str
    name: str          # "Xã Tân Phú", as in units.yml
    type: str          # commune | ward | town
    district: "District"
    villages: list[str] = field(default_factory=list)   # "thôn 3", "ấp Prey Chóp", "buôn Ea Kmar"

    @cached_property
    def in_text(self) -> str:
        """The name inside a sentence: "xã Tân Phú"."""
        return lower_first(self.name)


@dataclass
class District:
    id: str
    name: str
    type: str
    profile: str
    communes: list[Commune] = field(default_factory=list)

    @cached_property
    def in_text(self) -> str:
        return lower_first(self.name)

    @property
    def bare_name(self) -> str:
        """"Ea Sar" from "Huyện Ea Sar"."""
        for prefix in ("Thành phố ", "Thị xã ", "Huyện "):
            if self.name.startswith(prefix):
                return self.name[len(prefix):]
        return self.name


@dataclass
class Province:
    id: str
    name: str
    districts: list[District]

    @property
    def communes(self) -> list[Commune]:
        return [c for d in self.districts for c in d.communes]

    @property
    def bare_name(self) -> str:
        return self.name.removeprefix("Tỉnh ")


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def build_province(rng: random.Random) -> Province:
    used_ids: set[str] = {PROVINCE_ID}
    used_names: set[str] = set()
    districts = []
    for name, unit_type, profile in DISTRICTS:
        district = District(slugify(name), name, unit_type, profile)
        used_ids.add(district.id)
        district.communes = _communes_of(district, rng, used_ids, used_names)
        districts.append(district)
    return Province(PROVINCE_ID, PROVINCE_NAME, districts)


def _communes_of(district: District, rng: random.Random, used_ids: set[str],
                 used_names: set[str]) -> list[Commune]:
    if district.profile == "urban":
        names = [("Phường " + str(i), "ward") for i in range(1, rng.randint(6, 9))]
        names += [("Xã " + n, "commune") for n in _fresh_names(rng, "plains", 3, used_names)]
    else:
        head = "Phường" if district.type == "town" else "Thị trấn"
        head_type = "ward" if district.type == "town" else "town"
        names = [(f"{head} {district.bare_name}", head_type)]
        count = rng.randint(10, 16)
        names += [("Xã " + n, "commune") for n in _fresh_names(rng, district.profile, count, used_names)]
    communes = []
    for name, unit_type in names:
        commune_id = slugify(name)
        if commune_id in used_ids:      # "Phường 1" exists in more than one town
            commune_id = f"{commune_id}-{slugify(district.bare_name)}"
        used_ids.add(commune_id)
        commune = Commune(commune_id, name, unit_type, district)
        commune.villages = _villages_of(district.profile, unit_type, rng)
        communes.append(commune)
    return communes


def _fresh_names(rng: random.Random, profile: str, count: int, used: set[str]) -> list[str]:
    pool = {"delta": _DELTA_NAMES, "highland": _HIGHLAND_NAMES}.get(profile)
    names: list[str] = []
    for _ in range(count * 20):
        if len(names) == count:
            break
        if pool is not None and rng.random() < 0.7:
            name = rng.choice(pool)
        else:
            name = f"{rng.choice(_PLAINS_FIRST)} {rng.choice(_PLAINS_SECOND)}"
        first, _, second = name.partition(" ")
        if name in used or first == second:
            continue
        used.add(name)
        names.append(name)
    return names


def _villages_of(profile: str, unit_type: str, rng: random.Random) -> list[str]:
    count = rng.randint(4, 9)
    if unit_type in ("ward", "town"):
        word = "tổ dân phố" if profile != "delta" else "khóm"
        return [f"{word} {i}" for i in range(1, count + 1)]
    if profile == "delta":
        hamlets = rng.sample(_KHMER_HAMLETS, k=min(count, len(_KHMER_HAMLETS)))
        return [f"ấp {h}" if rng.random() < 0.8 else f"phum {h}" for h in hamlets]
    if profile == "highland":
        villages = rng.sample(_HIGHLAND_VILLAGES, k=min(count - 2, len(_HIGHLAND_VILLAGES)))
        return [v if v.startswith("Plei") else f"buôn {v}" for v in villages] + ["thôn 1", "thôn 2"]
    return [f"thôn {i}" for i in range(1, count + 1)]


def units_data(province: Province) -> dict:
    """data/units.yml: the province, its districts (gone since 2025) and their communes."""
    units: dict[str, dict] = {province.id: {"name": province.name, "type": "province"}}
    for district in province.districts:
        units[district.id] = {
            "name": district.name, "type": district.type, "parent": province.id,
            "until": DISTRICT_LEVEL_UNTIL, "now_part_of": province.id,
        }
    for district in province.districts:
        for commune in district.communes:
            units[commune.id] = {"name": commune.name, "type": commune.type, "parent": district.id}
    return units

