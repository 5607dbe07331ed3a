"""Award forms of the synthetic province, in the format of data/awards.yml.

A compact, self-contained list (the benchmark must not depend on the example site's data):
orders, a medal, certificates and emulation titles, highest first, each with the levels of
body that may confer it. Who may confer what follows the award law the package ships
(site_builder/rules/law), which `check` applies by each decision's date; `conferred_by` here
only guards the generator's tables, and is written out only for the province's own flag,
the one form the law does not know.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pick import Weighted


@dataclass(frozen=True)
class AwardForm:
    id: str
    vi: str
    en: str
    km: str
    category: str            # order | medal | title | certificate
    rank: int                # smaller = higher
    conferred_by: tuple[str, ...]
    for_kind: str = "any"    # generator-only: individual | collective | any (not written out)
    of_the_law: bool = True  # a form of the law: who may confer it is the law's to say

    def as_data(self) -> dict:
        data = {
            "id": self.id,
            "label": {"vi": self.vi, "en": self.en, "km": self.km},
            "category": self.category,
            "rank": self.rank,
        }
        if not self.of_the_law:
            data["conferred_by"] = list(self.conferred_by)
        return data


AWARD_FORMS = [
    AwardForm("huan-chuong-lao-dong-hang-ba", "Huân chương Lao động hạng Ba",
              "Labour Order, Third Class", "គ្រឿងឥស្សរិយយសពលកម្ម ថ្នាក់ទីបី",
              "order", 10, ("president",)),
    AwardForm("huan-chuong-bao-ve-to-quoc-hang-ba", "Huân chương Bảo vệ Tổ quốc hạng Ba",
              "Fatherland Defence Order, Third Class", "គ្រឿងឥស្សរិយយសការពារមាតុភូមិ ថ្នាក់ទីបី",
              "order", 12, ("president",)),
    AwardForm("huy-chuong-chien-si-ve-vang-hang-ba", "Huy chương Chiến sĩ vẻ vang hạng Ba",
              "Glorious Soldier Medal, Third Class", "មេដាយយុទ្ធជនរុងរឿង ថ្នាក់ទីបី",
              "medal", 20, ("president",), "individual"),
    AwardForm("chien-si-thi-dua-toan-quoc", "Chiến sĩ thi đua toàn quốc",
              "National Emulation Fighter", "អ្នកប្រកួតប្រជែងឆ្នើមថ្នាក់ជាតិ",
              "title", 25, ("prime_minister",), "individual"),
    AwardForm("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ",
              "Certificate of Merit of the Prime Minister", "ប័ណ្ណសរសើររបស់នាយករដ្ឋមន្ត្រី",
              "certificate", 30, ("prime_minister",)),
    AwardForm("co-thi-dua-ubnd-tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh",
              "Emulation Flag of the Provincial People's Committee",
              "ទង់ប្រកួតប្រជែងរបស់គណៈកម្មាធិការប្រជាជនខេត្ត",
              "title", 35, ("province",), "collective", of_the_law=False),
    AwardForm("chien-si-thi-dua-cap-tinh", "Chiến sĩ thi đua cấp tỉnh",
              "Provincial Emulation Fighter", "អ្នកប្រកួតប្រជែងឆ្នើមថ្នាក់ខេត្ត",
              "title", 38, ("province",), "individual"),
    AwardForm("bang-khen-chu-tich-tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
              "Certificate of Merit of the Provincial People's Committee Chairman",
              "ប័ណ្ណសរសើររបស់ប្រធានគណៈកម្មាធិការប្រជាជនខេត្ត",
              "certificate", 40, ("province",)),
    AwardForm("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc",
              "Outstanding Labour Collective", "សមូហភាពពលកម្មឆ្នើម",
              "title", 42, ("province",), "collective"),
    AwardForm("giay-khen-giam-doc-so", "Giấy khen của Giám đốc Sở",
              "Certificate of Commendation of the Department Director",
              "លិខិតសរសើររបស់នាយកមន្ទីរ",
              "certificate", 50, ("department",)),
    AwardForm("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở",
              "Grassroots Emulation Fighter", "អ្នកប្រកួតប្រជែងឆ្នើមថ្នាក់មូលដ្ឋាន",
              "title", 55, ("department", "district"), "individual"),
    AwardForm("giay-khen-chu-tich-huyen", "Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
              "Certificate of Commendation of the District People's Committee Chairman",
              "លិខិតសរសើររបស់ប្រធានគណៈកម្មាធិការប្រជាជនស្រុក",
              "certificate", 60, ("district",)),
    AwardForm("lao-dong-tien-tien", "Lao động tiên tiến",
              "Advanced Worker", "ពលករឈានមុខ",
              "title", 65, ("department", "district", "commune"), "individual"),
    AwardForm("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến",
              "Advanced Labour Collective", "សមូហភាពពលកម្មឈានមុខ",
              "title", 66, ("department", "district"), "collective"),
    AwardForm("giay-khen-chu-tich-xa", "Giấy khen của Chủ tịch Ủy ban nhân dân xã",
              "Certificate of Commendation of the Commune People's Committee Chairman",
              "លិខិតសរសើររបស់ប្រធានគណៈកម្មាធិការប្រជាជនឃុំ",
              "certificate", 70, ("commune",)),
]
AWARDS_BY_ID = {form.id: form for form in AWARD_FORMS}

# The decision's default award per issuer level, and the occasional other form given in
# the same decision (an emulation title beside the certificate), by recipient kind.
MAIN_AWARD = {
    "prime_minister": "bang-khen-thu-tuong",
    "province": "bang-khen-chu-tich-tinh",
    "department": "giay-khen-giam-doc-so",
    "district": "giay-khen-chu-tich-huyen",
    "commune": "giay-khen-chu-tich-xa",
}
_SIDE_AWARDS = {
    ("prime_minister", "individual"): [("chien-si-thi-dua-toan-quoc", 5)],
    ("prime_minister", "collective"): [],
    ("province", "individual"): [("chien-si-thi-dua-cap-tinh", 8)],
    ("province", "collective"): [("tap-the-lao-dong-xuat-sac", 8), ("co-thi-dua-ubnd-tinh", 2)],
    ("department", "individual"): [("chien-si-thi-dua-co-so", 5), ("lao-dong-tien-tien", 5)],
    ("department", "collective"): [("tap-the-lao-dong-tien-tien", 6)],
    ("district", "individual"): [("chien-si-thi-dua-co-so", 3), ("lao-dong-tien-tien", 5)],
    ("district", "collective"): [("tap-the-lao-dong-tien-tien", 5)],
    ("commune", "individual"): [("lao-dong-tien-tien", 5)],
    ("commune", "collective"): [],
}


def award_chooser(level: str, kind: str) -> Weighted[str]:
    """Mostly the decision's main award, sometimes a title the same issuer may confer."""
    side = _SIDE_AWARDS[(level, kind)]
    main_share = 100 - sum(weight for _, weight in side)
    return Weighted([(MAIN_AWARD[level], main_share), *side])


def check_conferrable(level: str) -> None:
    """Guard the tables above: every award a level hands out must be within its power."""
    for kind in ("individual", "collective"):
        for award_id in award_chooser(level, kind).items:
            form = AWARDS_BY_ID[award_id]
            if level not in form.conferred_by or form.for_kind not in ("any", kind):
                raise AssertionError(f"{level} cannot confer {award_id} on a {kind}")


def awards_data() -> list[dict]:
    return [form.as_data() for form in sorted(AWARD_FORMS, key=lambda f: f.rank)]
