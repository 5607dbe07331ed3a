"""Realistic personal names: Kinh, Khmer (Mekong delta), Ê Đê and Jrai (Central Highlands).

Family-name weights for Kinh follow the commonly cited national shares (Nguyễn about 38 %);
the minority lists are patterns seen in published honor rolls, not real people. Name
generators return the name and the sex so positions ("Già làng", "Achar") can agree with it.
"""

from __future__ import annotations

import random

from .pick import Weighted, even

KINH_FAMILY = Weighted([
    ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 3.0),
    ("Huỳnh", 2.1), ("Phan", 4.5), ("Vũ", 2.0), ("Võ", 2.0), ("Đặng", 2.1), ("Bùi", 2.0),
    ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.6),
    ("Trương", 0.6), ("Mai", 0.4), ("Lương", 0.4), ("Đoàn", 0.4), ("Trịnh", 0.4),
    ("Phùng", 0.2), ("Cao", 0.3), ("Châu", 0.3), ("Hà", 0.3), ("Tạ", 0.2), ("Thái", 0.2),
    ("Lâm", 0.2), ("Vương", 0.2), ("Tô", 0.2), ("Lưu", 0.2), ("La", 0.1), ("Kiều", 0.1),
    ("Quách", 0.1), ("Triệu", 0.1), ("Mạc", 0.1), ("Lại", 0.1), ("Từ", 0.1), ("Giang", 0.1),
    ("Đàm", 0.1), ("Âu", 0.05), ("Ông", 0.05), ("Diệp", 0.05), ("Nghiêm", 0.05), ("Ứng", 0.03),
])

KINH_MIDDLE_MALE = Weighted([
    ("Văn", 40), ("Minh", 8), ("Đức", 7), ("Thanh", 6), ("Quốc", 6), ("Hữu", 6), ("Công", 5),
    ("Ngọc", 4), ("Xuân", 3), ("Hoàng", 3), ("Tấn", 3), ("Thành", 3), ("Trọng", 2), ("Duy", 2),
    ("Quang", 3), ("Đình", 3), ("Bá", 2), ("Anh", 2), ("Hồng", 1), ("Chí", 2), ("Việt", 1),
])
KINH_MIDDLE_FEMALE = Weighted([
    ("Thị", 55), ("Ngọc", 6), ("Thanh", 5), ("Thu", 4), ("Kim", 4), ("Hồng", 3), ("Minh", 2),
    ("Mỹ", 3), ("Bích", 2), ("Phương", 2), ("Thùy", 3), ("Diệu", 1), ("Bảo", 1), ("Khánh", 1),
    ("Như", 1), ("Hoài", 1), ("Tuyết", 1), ("Quỳnh", 1), ("Ánh", 1),
])
# Given names carry all six tones: level (Lan), huyền (Hùng), sắc (Ánh), hỏi (Thảo),
# ngã (Diễm), nặng (Hạnh); "Anh"/"Ánh" and "Hùng"/"Hưng" test sorting and folding.
KINH_GIVEN_MALE = even([
    "Hùng", "Hưng", "Dũng", "Tuấn", "Minh", "Nam", "Long", "Hải", "Sơn", "Thắng", "Phúc",
    "Lộc", "Tài", "Trung", "Hiếu", "Khoa", "Quân", "Việt", "Cường", "Đạt", "Bảo", "Huy",
    "Khánh", "Thịnh", "Tùng", "Vinh", "Hòa", "Nghĩa", "Phong", "Thành", "Tâm", "Toàn", "Trí",
    "Kiên", "Lâm", "Tú", "Tiến", "Đức", "Định", "Hậu", "Lực", "Quý", "Sỹ", "Thái", "Tín",
    "Vũ", "Ân", "Anh", "Bình", "Chiến", "Duẩn", "Giang", "Hiển", "Hoàng", "Kỳ", "Lĩnh",
    "Mạnh", "Nhân", "Phát", "Quảng", "Sang", "Thuận", "Trọng", "Tưởng", "Ước", "Vĩnh", "Ý",
])
KINH_GIVEN_FEMALE = even([
    "Lan", "Hoa", "Hương", "Mai", "Linh", "Trang", "Thảo", "Nhung", "Hằng", "Ngân", "Hạnh",
    "Yến", "Thủy", "Loan", "Nga", "Phượng", "Uyên", "Vy", "Ánh", "Anh", "Diễm", "Hiền",
    "Huệ", "Lụa", "Nữ", "Quỳnh", "Thư", "Tuyết", "Vân", "Xuân", "Oanh", "Ý", "Ngọc", "Dung",
    "Hà", "Nhàn", "Thắm", "Trinh", "Đào", "Liễu", "Mỹ", "Phụng", "Thoa", "Tươi", "Xoan",
    "Chi", "Giang", "Hồng", "Kiều", "Lệ", "Mẫn", "Nguyệt", "Sương", "Thúy", "Vỹ",
])

KHMER_FAMILY = Weighted([
    ("Thạch", 30), ("Danh", 20), ("Kim", 12), ("Sơn", 12), ("Lâm", 8), ("Lý", 5),
    ("Châu", 4), ("Triệu", 3), ("Dương", 2), ("Trà", 2), ("Kiên", 2),
])
# Khmer given names are Vietnamese transcriptions of one to three Khmer syllables.
KHMER_GIVEN_FEMALE = even([
    "Sa Ry", "Sô Phia", "Sa Rinh", "Đa Ra", "Sô Ry Da", "Chăn Thu", "Sa Vươl", "Mây",
    "Ly Na", "Sê Ri", "Ra Ni", "Kim Sa", "Sóc Phal", "Ky Ra", "Sa Mết", "Pho Ly", "Chanh Thu",
    "Sà Phonl", "Ngọc Thạnh", "Sa Rươne", "Mỹ Linh", "Chen Đa", "Sóc Thy", "Ri Ta",
])
KHMER_GIVEN_MALE = even([
    "Sóc Kha", "Chanh Đa", "Sà Rương", "Sô Phon", "Pi Sết", "Bô Pha", "Sà Quết", "Mông Kol",
    "Chanh Thol", "Thươl", "Mau", "Rốt", "Phol", "Sóc", "Kha", "Dên", "Chăm Rơn", "Sóc Thươl",
    "Chanh Ta Ra", "Út", "Sang", "Sà Rinh", "Ni", "Ên", "Sa Mach", "Huôl", "Sơ Phan",
])

EDE_CLAN = Weighted([
    ("Niê", 18), ("Niê Kdăm", 8), ("Mlô", 10), ("Êban", 10), ("Ayun", 7), ("Byă", 7),
    ("Adrơng", 6), ("Ktla", 5), ("Hwing", 4), ("Ênuôl", 5), ("Êya", 4), ("Knul", 4),
    ("Kbuôr", 3), ("Buôn Yă", 4), ("Buôn Krông", 4), ("Hđơk", 3), ("Mlô Duôn Du", 2),
    ("Aliô", 3), ("Bkrông", 3),
])
EDE_GIVEN_FEMALE = even([
    "Mai", "Hen", "Bia", "Yuôn", "Nga", "Ngăm", "Loan", "Nhi", "Linh", "Duyên", "Ra", "Bơ",
    "Wer", "Juin", "Mlim", "Ngoan", "Hoa", "Ly", "Bhiăn", "Năm", "Xíu", "Dliêm", "Hương",
])
EDE_GIVEN_MALE = even([
    "Ngông", "Bih", "Tlam", "Wang", "Jut", "Khu", "Dhăm", "Biêr", "Blik", "Djũ", "Kông",
    "Mơn", "Thuật", "Sơn", "Luyện", "Ben", "Wơn", "Kuăn", "Ghi", "Dlum", "Ju", "Ksor", "Bhin",
])

JRAI_FAMILY = Weighted([
    ("Ksor", 25), ("Rơ Chăm", 12), ("Siu", 15), ("Rah Lan", 10), ("Nay", 12), ("Kpă", 10),
    ("Rơ Mah", 8), ("Puih", 5), ("Rơ Ô", 3),
])
JRAI_GIVEN_FEMALE = even([
    "H'Bơ Khăp", "H'Nươn", "H'Ra", "H'Mlim", "H'Yai", "H'Prông", "H'Lan", "H'Nhí", "H'Bla",
])
JRAI_GIVEN_MALE = even([
    "Phước", "Blik", "Hnhưn", "Thái", "Chung", "Klũ", "Đưn", "Hyơng", "Nhất", "Yin", "Thuyên",
])


def kinh_name(rng: random.Random) -> tuple[str, bool]:
    female = rng.random() < 0.5
    family = KINH_FAMILY.pick(rng)
    if female:
        middle = KINH_MIDDLE_FEMALE.pick(rng)
        given = KINH_GIVEN_FEMALE.pick(rng)
    else:
        middle = KINH_MIDDLE_MALE.pick(rng)
        given = KINH_GIVEN_MALE.pick(rng)
    # Some people carry two middle names ("Nguyễn Thị Thu Hà"); a few none ("Lê Hoa").
    roll = rng.random()
    if roll < 0.08:
        second = (KINH_MIDDLE_FEMALE if female else KINH_MIDDLE_MALE).pick(rng)
        if second != middle:
            return f"{family} {middle} {second} {given}", female
    elif roll < 0.10:
        return f"{family} {given}", female
    return f"{family} {middle} {given}", female


def khmer_name(rng: random.Random) -> tuple[str, bool]:
    """"Thạch Thị Sa Ry", "Danh Sóc Kha", "Kim Văn Đa Ra"."""
    female = rng.random() < 0.5
    family = KHMER_FAMILY.pick(rng)
    if female:
        given = KHMER_GIVEN_FEMALE.pick(rng)
        return (f"{family} Thị {given}" if rng.random() < 0.7 else f"{family} {given}"), True
    given = KHMER_GIVEN_MALE.pick(rng)
    return (f"{family} Văn {given}" if rng.random() < 0.2 else f"{family} {given}"), False


def ede_name(rng: random.Random) -> tuple[str, bool]:
    """"H'Mai Niê" for women, "Y Ngông Niê Kdăm" for men: prefix, given name, clan."""
    female = rng.random() < 0.5
    clan = EDE_CLAN.pick(rng)
    if female:
        return f"H'{EDE_GIVEN_FEMALE.pick(rng)} {clan}", True
    return f"Y {EDE_GIVEN_MALE.pick(rng)} {clan}", False


def jrai_name(rng: random.Random) -> tuple[str, bool]:
    """"Ksor H'Bơ Khăp", "Rơ Chăm Blik": family first, women's given names with H'."""
    female = rng.random() < 0.5
    family = JRAI_FAMILY.pick(rng)
    given = (JRAI_GIVEN_FEMALE if female else JRAI_GIVEN_MALE).pick(rng)
    return f"{family} {given}", female


ETHNIC_NAMERS = {"kinh": kinh_name, "khmer": khmer_name, "ede": ede_name, "jrai": jrai_name}
