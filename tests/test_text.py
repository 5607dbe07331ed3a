"""Vietnamese folding, sort keys and slugs: the pitfalls from shared/guide/anchors.md."""

import unicodedata

import pytest

from site_builder.text import exact_form, fold, slugify, tokens, vietnamese_key, vietnamese_name_key
from site_builder.text.sorting import parse_name, vietnamese_name_order, vietnamese_order

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


# --- folding -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, folded",
    [
        ("Nguyễn Văn Hùng", "nguyen van hung"),
        ("NGUYỄN VĂN HÙNG", "nguyen van hung"),
        ("Đặng Thị Hường", "dang thi huong"),
        ("đức", "duc"),
        ("Ðặng", "dang"),  # U+00D0, Icelandic capital eth, seen where Đ is meant
        ("Ɖặng", "dang"),  # U+0189, African D
        ("ɖức", "duc"),  # U+0256
        ("Hòa", "hoa"),
        ("Hoà", "hoa"),
        ("Ưng Ơn Ăn Ân Ê Ô", "ung on an an e o"),
    ],
)
def test_fold_removes_tones_vowel_marks_and_maps_d(text, folded):
    assert fold(text) == folded


def test_fold_gives_the_same_result_for_nfc_and_nfd_input():
    name = "Nguyễn Thị Ánh Đào"
    assert unicodedata.normalize("NFC", name) != NFD(name)
    assert fold(NFD(name)) == fold(unicodedata.normalize("NFC", name)) == "nguyen thi anh dao"


def test_fold_keeps_digits_and_turns_punctuation_into_spaces():
    assert fold("Số: 108/KH-UBND, ngày 11/9/2021.") == "so 108 kh ubnd ngay 11 9 2021"
    assert fold("a_b") == "a b"


def test_fold_joins_apostrophe_names_whatever_the_apostrophe():
    for written in ("H'Mai", "H’Mai", "Hʼmai", "H‘Mai"):
        assert fold(written) == "hmai"
    assert tokens("H'Mai Niê") == ["hmai", "nie"]


def test_fold_keeps_khmer_intact_and_splits_at_zero_width_space():
    khmer = "សុខភាព"  # contains vowel signs (combining marks) that must survive
    assert fold(khmer) == khmer
    assert tokens("ថាច់\u200bសារី") == ["ថាច់", "សារី"]
    # Khmer punctuation (khan) is not a letter.
    assert tokens("សុខភាព។") == ["សុខភាព"]


def test_fold_drops_invisible_joiners_without_splitting_words():
    assert fold("Hù\u200cng") == "hung"
    assert fold("\ufeffNguyễn") == "nguyen"


def test_fold_of_empty_text_is_empty():
    assert fold("") == "" and tokens("  ,. ") == []


def test_exact_form_keeps_vowel_letters_and_normalises_tone_placement():
    assert exact_form("Hùng") != exact_form("Hưng")
    assert exact_form("Hùng") != exact_form("Hung")
    assert exact_form("HOÀ") == exact_form("hòa") == exact_form(NFD("Hoà"))
    assert exact_form("Ðặng") == exact_form("Đặng")
    assert exact_form("H’Mai") == exact_form("H'Mai") == "hmai"


# --- sorting -------------------------------------------------------------------------

def sort_names(names):
    return sorted(names, key=vietnamese_name_key)


def test_people_sort_by_given_name_then_family_then_middle():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Nguyễn Văn An"]
    assert sort_names(names) == ["Lê Văn An", "Nguyễn Thị An", "Nguyễn Văn An", "Trần Văn Bình"]


def test_tone_comes_after_the_letter():
    assert sort_names(["Lê Thị Ánh", "Lê Thị Anh"]) == ["Lê Thị Anh", "Lê Thị Ánh"]
    assert sorted(["Ánh", "Anh"], key=vietnamese_key) == ["Anh", "Ánh"]


def test_d_comes_before_dj():
    assert sort_names(["Đặng Văn Hùng", "Dương Văn Hùng"]) == ["Dương Văn Hùng", "Đặng Văn Hùng"]
    assert sorted(["Đặng", "Dương"], key=vietnamese_key) == ["Dương", "Đặng"]


def test_vowel_letters_and_tones_follow_the_documented_order():
    # Tones as dictionaries (and ICU's vi collation, tests/test_sort_icu.py): none, huyền, hỏi,
    # ngã, sắc, nặng.
    words = ["ạ", "ả", "ă", "à", "â", "á", "ã", "a", "b"]
    assert sorted(words, key=vietnamese_key) == ["a", "à", "ả", "ã", "á", "ạ", "ă", "â", "b"]
    assert sorted(["Thụy", "Thúy", "Thũy", "Thủy", "Thùy", "Thuy"], key=vietnamese_key) == [
        "Thuy", "Thùy", "Thủy", "Thũy", "Thúy", "Thụy"]
    # Letters decide before the tone: ba < bà < bả < bác < bạc.
    assert sorted(["bạc", "bác", "bả", "bà", "ba"], key=vietnamese_key) == ["ba", "bà", "bả", "bác", "bạc"]


def test_syllable_by_syllable_the_first_syllable_decides_with_its_tone():
    # A dictionary lists every "ba ..." before "bà": the tone of the first syllable decides
    # before the letters of the next (ICU's whole-string order would put "bà ba" first).
    assert sorted(["ba bị", "bà ba"], key=vietnamese_key) == ["ba bị", "bà ba"]
    assert sort_names(["Lê Thị Thúy", "Nguyễn Thị Thủy"]) == ["Nguyễn Thị Thủy", "Lê Thị Thúy"]


def test_the_tone_belongs_to_the_syllable_wherever_its_mark_is_written():
    # "Thuý" (old style) and "Thúy" (new style) are the same syllable: both after Thủy.
    assert vietnamese_key("Thuý")[0] == vietnamese_key("Thúy")[0]
    assert sorted(["Thuý", "Thủy", "Thùy"], key=vietnamese_key) == ["Thùy", "Thủy", "Thuý"]
    assert sorted(["u", "ư", "v", "o", "ơ", "ô"], key=vietnamese_key) == ["o", "ô", "ơ", "u", "ư", "v"]


def test_lookalike_d_sorts_as_dj():
    assert vietnamese_key("Ðặng")[0] == vietnamese_key("Đặng")[0]


def test_numbers_in_text_sort_by_value():
    assert sorted(["Xã 10", "Xã 2", "Xã 1"], key=vietnamese_key) == ["Xã 1", "Xã 2", "Xã 10"]


def test_ede_names_sort_by_their_given_name():
    assert parse_name("H'Mai Niê").given == ("Mai",)
    assert parse_name("Y Ngông Niê Kdăm").given == ("Ngông",)
    assert parse_name("Y Ngông Niê Kdăm").family == ("Niê", "Kdăm")
    assert sort_names(["Lê Thị Nga", "H'Mai Niê", "Lê Thị Lan"]) == ["Lê Thị Lan", "H'Mai Niê", "Lê Thị Nga"]


@pytest.mark.parametrize("name, given, family", [
    ("Ksor H'Mai", "Mai", ("Ksor",)),  # Jrai: clan first
    ("Rơ Chăm H’Bla", "Bla", ("Rơ", "Chăm")),  # a curly apostrophe, a clan of two words
    ("Ksor H'Bơ Khăp", "Bơ", ("Ksor", "Khăp")),  # the words around the personal name are the clan's
    ("H' Mai Niê", "Mai", ("Niê",)),  # the prefix written apart
    ("Y'Jut Niê", "Jut", ("Niê",)),
    ("Y-Ngông Niê Kdăm", "Ngông", ("Niê", "Kdăm")),
    ("Nguyễn Thị Y", "Y", ("Nguyễn",)),  # a last "Y" is a Kinh given name, not a prefix
    ("Ksor Kham", "Kham", ("Ksor",)),  # a Jrai man's name without prefix: clan, then personal name
])
def test_ede_and_jrai_names_are_recognised_by_their_prefix_wherever_it_stands(name, given, family):
    parts = parse_name(name)
    assert (parts.given, parts.family) == ((given,), family)


def test_ede_and_jrai_names_sort_among_the_same_given_names():
    names = ["Y Ngông Niê Kdăm", "Ksor H'Mai", "Lê Thị Nga", "H'Mai Niê", "Nguyễn Thị Mai", "Lê Thị Hoa"]
    assert sort_names(names) == ["Lê Thị Hoa", "Ksor H'Mai", "Nguyễn Thị Mai", "H'Mai Niê", "Lê Thị Nga",
                                 "Y Ngông Niê Kdăm"]


def test_khmer_and_unusual_names_do_not_crash_and_sort_after_latin():
    names = ["ថាច់ សារី", "Thạch Thị Sa Ry", "Danh", "", "Kim Ŭ", "ƀăn Čư", "X Æ A-12"]
    ordered = sort_names(names)
    assert set(ordered) == set(names)
    assert ordered.index("Thạch Thị Sa Ry") < ordered.index("ថាច់ សារី")
    assert parse_name("Thạch Thị Sa Ry").given == ("Ry",)


def test_ede_letters_sort_after_their_base_letter():
    assert sorted(["ê", "ĕ", "e"], key=vietnamese_key) == ["e", "ĕ", "ê"]
    assert sorted(["v", "ŭ", "u"], key=vietnamese_key) == ["u", "ŭ", "v"]


def test_keys_as_text_sort_exactly_as_the_tuple_keys():
    """The honor index sorts by strings (vietnamese_order, vietnamese_name_order): every pair
    of these awkward names must compare as their tuple keys do, ties included."""
    import random

    from bench.synth.names import ede_name, jrai_name, khmer_name, kinh_name

    rng = random.Random(3)
    pieces = ["Anh", "Ánh", "anh", "Dương", "Đặng", "Ðặng", "Y", "H'Mai", "Niê", "Kdăm", "Xã", "2", "10", "007",
              "99999999999999999999", "ĕ", "ŭ", "Čư", "ƀăn", "ថាច់", "សារី", "A-12", "Æ", "\U0010fff0", "\U00020000",
              "Thị", "Văn", "Ngông", "An", "Ba", "bà", "bạc", "", "Ơ", "Ư", "A1", "A9", "Ba7", "B", "가", "한", "\ud7b0", "中"]
    names = {" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(1500)}
    names |= {make(rng)[0] for make in (kinh_name, khmer_name, ede_name, jrai_name) for _ in range(300)}
    names = sorted(names)
    for text_key, tuple_key in ((vietnamese_order, vietnamese_key), (vietnamese_name_order, vietnamese_name_key)):
        texts = [text_key(n) for n in names]
        tuples = [tuple_key(n) for n in names]
        for _ in range(20000):
            i, j = rng.randrange(len(names)), rng.randrange(len(names))
            assert (texts[i] < texts[j], texts[i] == texts[j]) == (tuples[i] < tuples[j], tuples[i] == tuples[j]), (
                names[i], names[j])
        assert sorted(names, key=text_key) == sorted(names, key=tuple_key)


# --- slugs ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, slug",
    [
        ("Đắk Lắk", "dak-lak"),
        ("Huyện Krông Pắc", "huyen-krong-pac"),
        ("H'Mai Niê", "hmai-nie"),
        ("Số: 108/KH-UBND", "so-108-kh-ubnd"),
        ("  Ɖồng   Tháp  ", "dong-thap"),
        ("", ""),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_slugify_never_returns_an_empty_id_for_khmer_text():
    slug = slugify("សុខភាព")
    assert slug.startswith("x-") and slug == slugify("សុខភាព") and slug.isascii()


def test_slugify_cuts_long_text_at_a_hyphen():
    slug = slugify("Phát động thi đua " * 20, max_length=30)
    assert len(slug) <= 30 and not slug.endswith("-") and slug.startswith("phat-dong-thi-dua")
