"""Issuing and conferring bodies of the synthetic province (data/bodies.yml).

Besides the published fields, each body carries what the document generator needs: the
symbol's body code ("QĐ-UBND", "QĐ-SYT"), the place written before the date, and a signer.
Headers and signers follow Nghị định 30/2020 as `check` holds them (docs/content-model.md):
the issuing body in full, and award decisions signed by the head ("CHỦ TỊCH", or "KT. CHỦ
TỊCH" / "PHÓ CHỦ TỊCH"), never "TM.".
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .geography import Commune, District, Province
from .names import kinh_name


@dataclass
class Body:
    id: str
    name: str
    short: str
    header: str
    parent: str | None
    level: str          # president | prime_minister | ministry | province | department | district | commune
    kind: str           # people_committee | department | government | other
    locality: str | None
    code: str           # body part of the symbol: "UBND" in "QĐ-UBND"
    place: str          # "Tân Hà" in "Tân Hà, ngày ... tháng ... năm ..."
    signer: dict

    def as_data(self) -> dict:
        return {
            "name": self.name, "short": self.short, "header": self.header,
            "parent": self.parent, "level": self.level, "kind": self.kind,
            "locality": self.locality,
        }


# (id prefix, name, symbol code)
DEPARTMENTS = [
    ("so-y-te", "Sở Y tế", "SYT"),
    ("so-nong-nghiep", "Sở Nông nghiệp và Phát triển nông thôn", "SNN"),
    ("so-thong-tin-truyen-thong", "Sở Thông tin và Truyền thông", "STTTT"),
    ("so-lao-dong", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    ("so-giao-duc", "Sở Giáo dục và Đào tạo", "SGDĐT"),
]


@dataclass
class Bodies:
    national: Body
    province: Body
    departments: dict[str, Body]         # by id suffix ("so-y-te")
    districts: dict[str, Body]           # by district id
    communes: dict[str, Body]            # by commune id

    def all(self) -> list[Body]:
        return [self.national, self.province, *self.departments.values(),
                *self.districts.values(), *self.communes.values()]


def build_bodies(province: Province, rng: random.Random) -> Bodies:
    capital = province.bare_name
    national = Body(
        "thu-tuong-chinh-phu", "Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "THỦ TƯỚNG CHÍNH PHỦ",
        None, "prime_minister", "government", None, "TTg", "Hà Nội",
        _signer(rng, "KT.", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"))
    committee = Body(
        f"ubnd-tinh-{province.id}", f"Ủy ban nhân dân tỉnh {capital}",
        f"UBND tỉnh {capital}", f"ỦY BAN NHÂN DÂN TỈNH {capital.upper()}", None, "province",
        "people_committee", province.id, "UBND", capital,
        _signer(rng, "KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH"))
    departments = {
        suffix: Body(
            f"{suffix}-{province.id}", f"{name} tỉnh {capital}", f"{name} {capital}",
            f"{name.upper()} TỈNH {capital.upper()}", committee.id, "department", "department",
            province.id, code, capital, _signer(rng, None, None, "GIÁM ĐỐC"))
        for suffix, name, code in DEPARTMENTS
    }
    districts = {d.id: _district_body(d, committee.id, rng) for d in province.districts}
    communes = {
        c.id: _commune_body(c, districts[d.id].id, rng)
        for d in province.districts for c in d.communes
    }
    return Bodies(national, committee, departments, districts, communes)


def _district_body(district: District, parent: str, rng: random.Random) -> Body:
    return Body(
        f"ubnd-{district.id}", f"Ủy ban nhân dân {district.in_text}", f"UBND {district.in_text}",
        f"ỦY BAN NHÂN DÂN {district.name.upper()}", parent, "district", "people_committee", district.id,
        "UBND", district.bare_name, _signer(rng, None, None, "CHỦ TỊCH"))


def _commune_body(commune: Commune, parent: str, rng: random.Random) -> Body:
    place = commune.name.split(" ", 1)[1] if commune.type == "commune" else commune.name
    return Body(
        f"ubnd-{commune.id}", f"Ủy ban nhân dân {commune.in_text}", f"UBND {commune.in_text}",
        f"ỦY BAN NHÂN DÂN {commune.name.upper()}", parent, "commune", "people_committee", commune.id,
        "UBND", place, _signer(rng, None, None, "CHỦ TỊCH"))


def _signer(rng: random.Random, authority: str | None, body: str | None, title: str) -> dict:
    signer = {}
    if authority:
        signer["authority"] = authority
    if body:
        signer["body"] = body
    signer["title"] = title
    signer["name"] = kinh_name(rng)[0]
    return signer


def bodies_data(bodies: Bodies) -> dict:
    return {body.id: body.as_data() for body in bodies.all()}
