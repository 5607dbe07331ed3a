"""Our Vietnamese order against ICU's `vi` collation (Unicode CLDR), the reference for the
dictionary order of letters and tones (docs/honor-roll.md, "Order of names").

What is compared, honestly: our rule goes syllable by syllable, as dictionaries do; ICU compares
a whole string's letters first and its tones after. So ICU orders each syllable here (its
letters, then its tone, then case), and a name is the sequence of its syllables' ICU keys, in
our name order (given name, family name, middle names; text/sorting.py parse_name). The last
test shows the one kind of pair where ICU's whole-string order differs, and that it is the only
one on the example site.

ICU runs in another Python through a subprocess: Debian's `python3-icu` (`/usr/bin/python3`,
installed by .ci/run), the test environment's own Python if it has PyICU, or the Python named by
ICU_PYTHON. Without one the tests are skipped locally and fail under CI=true (docs/testing.md).
"""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from site_builder import SiteConfig, load_site
from site_builder.honor.awardees import name_sort_key
from site_builder.text.folding import name_words
from site_builder.text.sorting import parse_name, vietnamese_order

from .conftest import REPO, missing_tool

# Three collators of locale "vi", numbers by value as ours: "syllable" and "primary" ignore
# punctuation (our order drops the apostrophes of "H'Mai"), "primary" sees letters only;
# "whole" is ICU's default, where a space separates words at the letter level.
ICU_PROGRAM = r"""
import json, sys
import icu

def collator(shifted, strength):
    c = icu.Collator.createInstance(icu.Locale("vi"))
    c.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
    if shifted:
        c.setAttribute(icu.UCollAttribute.ALTERNATE_HANDLING, icu.UCollAttributeValue.SHIFTED)
    c.setStrength(strength)
    return c

kinds = {"syllable": collator(True, icu.Collator.TERTIARY), "primary": collator(True, icu.Collator.PRIMARY),
         "whole": collator(False, icu.Collator.TERTIARY)}
texts = json.load(sys.stdin)
json.dump({"version": icu.ICU_VERSION,
           "keys": {kind: [bytes(c.getSortKey(t)).hex() for t in texts] for kind, c in kinds.items()}},
          sys.stdout)
"""


def icu_python() -> str | None:
    candidates = [os.environ.get("ICU_PYTHON"), sys.executable, "/usr/bin/python3"]
    for python in filter(None, candidates):
        if Path(python).exists() and subprocess.run(
                [python, "-I", "-c", "import icu"], capture_output=True).returncode == 0:
            return python
    return None


@pytest.fixture(scope="module")
def icu():
    """icu(texts, kind) -> {text: ICU sort key (bytes)}; kind "syllable", "primary" or "whole"."""
    python = icu_python()
    if python is None:
        missing_tool("ICU (a Python with the icu module)",
                     "apt-get install python3-icu, or set ICU_PYTHON to a Python with PyICU", "the ICU comparison")
    cache: dict[tuple[str, str], bytes] = {}

    def keys(texts, kind: str) -> dict[str, bytes]:
        missing = sorted({t for t in texts if (t, kind) not in cache})
        if missing:
            out = subprocess.run([python, "-I", "-c", ICU_PROGRAM], input=json.dumps(missing), capture_output=True,
                                 text=True, encoding="utf-8", check=True)
            answer = json.loads(out.stdout)
            for k, hex_keys in answer["keys"].items():
                cache.update(((t, k), bytes.fromhex(h)) for t, h in zip(missing, hex_keys))
        return {t: cache[t, kind] for t in texts}

    return keys


def sign(a, b) -> int:
    return (a > b) - (a < b)


def disagreements(texts, ours, reference) -> list[tuple[str, str]]:
    """Pairs the reference orders strictly and our key orders otherwise (ties: any order)."""
    return [(a, b) for a, b in itertools.combinations(texts, 2)
            if sign(reference[a], reference[b]) not in (0, sign(ours[a], ours[b]))]


def with_tone(letter: str, mark: str) -> str:
    return unicodedata.normalize("NFC", letter + mark)


VOWELS = "a ă â e ê i o ô ơ u ư y".split()
# none, huyền, hỏi, ngã, sắc, nặng (combining marks)
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
LETTERS = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()


def test_every_vowel_and_tone_pair_orders_as_icu(icu):
    """The 12 vowels with each of the 6 tones, lower and upper case: every pair."""
    toned = [with_tone(v, t) for v in VOWELS for t in TONES]
    texts = toned + [t.upper() for t in toned]
    assert len(set(texts)) == 144
    ours = {t: vietnamese_order(t) for t in texts}
    assert disagreements(texts, ours, icu(texts, "syllable")) == []


def test_letters_and_d_dj_order_as_icu(icu):
    words = ["da", "đa", "dă", "đă", "Dương", "Đặng", "Dung", "Đông", "dz", "đz", "Dz", "Đz", "Dũng", "Đũng"]
    texts = LETTERS + [letter.upper() for letter in LETTERS] + words
    ours = {t: vietnamese_order(t) for t in texts}
    assert disagreements(texts, ours, icu(texts, "syllable")) == []
    assert sorted(["Đặng", "Dương", "Dung"], key=vietnamese_order) == ["Dung", "Dương", "Đặng"]


SYLLABLE_ONSETS = ["", "b", "d", "đ", "th", "ng", "tr"]
# {v} is the vowel that carries the tone, as Vietnamese spelling (new style) places it.
SYLLABLE_RIMES = ["{a}", "{a}n", "{a}nh", "{a}c", "{ă}n", "{â}n", "u{y}", "uy{ê}n", "o{a}", "ư{ơ}ng", "{ơ}", "{u}"]


def syllables() -> list[str]:
    out = []
    for onset, rime, tone in itertools.product(SYLLABLE_ONSETS, SYLLABLE_RIMES, TONES):
        vowel = rime[rime.index("{") + 1]
        out.append(onset + rime.replace("{" + vowel + "}", with_tone(vowel, tone)))
    return out


def test_whole_syllables_order_as_icu(icu):
    """ba < bà < bả < bã < bá < bạ < bác < bạc < ban ...: letters first, then the tone."""
    texts = syllables() + [s.capitalize() for s in syllables()[::5]]
    ours = {t: vietnamese_order(t) for t in texts}
    assert disagreements(texts, ours, icu(texts, "syllable")) == []


@pytest.fixture(scope="module")
def recipients() -> list[tuple[str, str]]:
    """(kind, name) of every recipient of the example site (content/decisions)."""
    site = load_site(SiteConfig(content_dir=REPO / "content"))
    return sorted({(a.kind, a.name) for d in site.decisions.values() for a in d.awardees})


def syllables_in_our_order(kind: str, name: str) -> list[str]:
    if kind == "collective":
        return list(name_words(name))
    p = parse_name(name)
    return [*p.given, *p.family, *p.middle]


def test_the_example_sites_recipients_order_as_icu_syllable_by_syllable(icu, recipients):
    """People by given name, family, middle names, and collectives word by word, each syllable
    ordered by ICU, against the key the build sorts by."""
    assert len(recipients) > 400 and any("H'" in name for _, name in recipients)
    for kind in ("individual", "collective"):
        names = [n for k, n in recipients if k == kind]
        words = {w for n in names for w in syllables_in_our_order(kind, n)}
        word_keys = icu(words, "syllable")
        reference = {n: tuple(word_keys[w] for w in syllables_in_our_order(kind, n)) for n in names}
        ours = {n: name_sort_key(kind, n) for n in names}
        assert disagreements(names, ours, reference) == [], kind


def test_icus_whole_string_order_differs_only_where_a_syllable_differs_by_its_tone(icu, recipients):
    """ICU compares the letters of the whole string before any tone: "Lê Thị Thúy" before
    "Nguyễn Thị Thủy" (thuy le < thuy nguyen). Dictionaries, and we, settle the first syllable
    first: Thủy (hỏi) before Thúy (sắc). On the example site this is the only kind of difference."""
    people = [n for k, n in recipients if k == "individual"] + ["Nguyễn Thị Thủy", "Lê Thị Thúy"]
    spelled = {n: " ".join(syllables_in_our_order("individual", n)) for n in people}
    whole = icu(set(spelled.values()), "whole")
    reference = {n: whole[spelled[n]] for n in people}
    ours = {n: name_sort_key("individual", n) for n in people}
    differing = disagreements(people, ours, reference)
    assert ours["Nguyễn Thị Thủy"] < ours["Lê Thị Thúy"] and reference["Lê Thị Thúy"] < reference["Nguyễn Thị Thủy"]
    assert len(differing) > 1  # the example site's own: Dung and Dũng with other family names ...
    primary = icu({w for n in people for w in syllables_in_our_order("individual", n)}, "primary")
    for a, b in differing:
        first = next((x, y) for x, y in zip(syllables_in_our_order("individual", a),
                                            syllables_in_our_order("individual", b)) if x != y)
        assert primary[first[0]] == primary[first[1]], (a, b, first)  # same letters, another tone
