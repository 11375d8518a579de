"""Typed answers to /profile's button questions: provinces in every spelling, yes and no, lists of items, "skip".

Property-style cases derive the typed forms from seed_data itself (every province's Persian name, with Arabic
letters, with «استان», with a half-space, its English name in any case), so a province added there is covered."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services import profiles
from bot.services.profile_answers import Picked, after_first_word, is_skip, read_city, read_items, read_province, read_yes_no
from bot.services.records import lookup_key

PROVINCES = profiles.provinces()
ARABIC = str.maketrans("یک", "يك")


@pytest.mark.parametrize("province", PROVINCES, ids=lambda item: item.key)
def test_every_province_is_read_in_persian_english_and_as_typed_on_an_arabic_keyboard(province: profiles.Choice) -> None:
    for typed in (province.name_fa, province.name_fa.translate(ARABIC), f"استان {province.name_fa}",
                  province.name_fa.replace(" ", "\u200c"), province.name_en, province.name_en.upper(),
                  f"  {province.name_en.lower()} province ", province.key.replace("_", " ")):
        assert read_province(typed) == [province.key], typed


@pytest.mark.parametrize(("typed", "key"), [
    ("tehran", "tehran"), ("Tehroon", "tehran"), ("esfahan", "isfahan"), ("isfahan", "isfahan"), ("Esfehan", "isfahan"),
    ("khorasan razavi", "razavi_khorasan"), ("Khorasane Razavi", "razavi_khorasan"), ("mashhad khorasan razavi", "razavi_khorasan"),
    ("azarbayjan sharghi", "east_azerbaijan"), ("kordestan", "kurdistan"), ("ghazvin", "qazvin"), ("ghom", "qom"),
    ("sistan va baluchestan", "sistan_baluchestan"), ("چهار محال و بختیاری", "chaharmahal_bakhtiari"),
    ("كهگيلويه و بويراحمد", "kohgiluyeh_boyer_ahmad"), ("آذربايجان‌شرقی", "east_azerbaijan"),
    # Small typos: a letter missing, swapped for its homophone, or doubled.
    ("اصفحان", "isfahan"), ("tehrn", "tehran"), ("مازندرن", "mazandaran"), ("کرمانشا", "kermanshah"), ("hormozgaan", "hormozgan"),
])
def test_finglish_and_typos(typed: str, key: str | None) -> None:
    assert read_province(typed) == ([key] if key else [])


@pytest.mark.parametrize(("typed", "candidates"), [
    ("خراسان", {"razavi_khorasan", "north_khorasan", "south_khorasan"}),
    ("khorasan", {"razavi_khorasan", "north_khorasan", "south_khorasan"}),
    ("آذربایجان", {"east_azerbaijan", "west_azerbaijan"}),
    ("azerbaijan", {"east_azerbaijan", "west_azerbaijan"}),
])
def test_a_name_shared_by_provinces_is_not_guessed(typed: str, candidates: set[str]) -> None:
    assert set(read_province(typed)) == candidates


@pytest.mark.parametrize("typed", ["پمپ", "نه", "بله", "", "   ", "؟", "iran", "کرج شهر", "x", "1403", "ilam gilan"])
def test_what_names_no_province_is_not_one(typed: str) -> None:
    assert len(read_province(typed)) != 1, typed


def test_provinces_near_each_other_in_spelling_stay_apart() -> None:
    assert read_province("کرمان") == ["kerman"] and read_province("کرمانشاه") == ["kermanshah"]
    assert read_province("ilam") == ["ilam"] and read_province("gilan") == ["gilan"]
    assert read_province("زنجان") == ["zanjan"] and read_province("سمنان") == ["semnan"]


@given(st.sampled_from(PROVINCES), st.sampled_from(["", " ", "\u200c", "  "]), st.sampled_from(["", "!", ".", "؟"]))
def test_spaces_and_punctuation_around_a_name_do_not_matter(province: profiles.Choice, around: str, mark: str) -> None:
    assert read_province(f"{around}{province.name_fa}{mark}{around}") == [province.key]


@pytest.mark.parametrize("typed", ["بله", "بلی", "آره", "اره", "آری", "هست", "بعله", "بله هست", "آره، ببینند", "yes", "Yes!",
                                   "y", "yeah", "yep", "bale", "are", "areh", "Bale.", "مشکلی نیست", "بله ما دانش‌بنیان هستیم",
                                   "بلي", "آره یه خط خوابیده داریم", "هستیم",
                                   # "are," with its comma is «آره،» (a blind trial), never the start of a question.
                                   "are, nesfe zarfiat khabide az sale 1402"])
def test_yes(typed: str) -> None:
    assert read_yes_no(typed) == "yes"


@pytest.mark.parametrize("typed", ["نه", "خیر", "نخیر", "نیست", "نمیخوام", "نمی‌خوام", "نمی خوام", "نه، خصوصی بماند", "no",
                                   "NO", "n", "nope", "na", "nakheir", "نه ممنون", "no thanks", "kheir"])
def test_no(typed: str) -> None:
    assert read_yes_no(typed) == "no"


@pytest.mark.parametrize("typed", ["بعداً", "بعدا", "بگذر", "skip", "Later", "فعلاً نه", "رد کن"])
def test_skip(typed: str) -> None:
    assert is_skip(typed) and read_yes_no(typed) != "yes"


@pytest.mark.parametrize("typed", ["بعداً می‌فرستم", "نه", "فولاد", "بگذرد"])
def test_only_a_bare_skip_is_one(typed: str) -> None:
    assert not is_skip(typed)


@pytest.mark.parametrize("typed", ["بله یا نه؟", "yes and no", "نمیدونم", "شاید", "maybe", "پمپ", "", "اصفهان", "۱۴۰۳",
                                   # Questions and sentences that hold a yes word must never tick consent.
                                   "are investors able to see my phone number", "یعنی پروفایلم عمومی است؟",
                                   "منظورتون چی هست؟", "منظورتون چی هست", "not sure", "میخوام بدونم کی میبینه",
                                   "ok?", "هست یا نه"])
def test_neither_yes_nor_no_is_asked_again(typed: str) -> None:
    assert read_yes_no(typed) is None


@given(st.sampled_from(["بله", "آره", "yes", "bale"]), st.sampled_from(["نه", "خیر", "no", "na"]), st.booleans())
def test_yes_and_no_together_are_neither(yes: str, no: str, yes_first: bool) -> None:
    assert read_yes_no(f"{yes} {no}" if yes_first else f"{no}، {yes}") is None


@pytest.mark.parametrize(("typed", "keys"), [
    ("تراشکاری، ریخته گری", ["machining", "casting"]),
    ("تراشکاری و ریخته‌گری", ["machining", "casting"]),
    ("رنگ کاری", ["surface_coating"]),
    ("رنگکاری، آبکاری", ["surface_coating"]),
    ("تراشكاري,ريخته گري", ["machining", "casting"]),
    ("آهنگری و فورج", ["forging"]),  # one process whose name holds an «و»
    ("welding\ncasting", ["welding", "casting"]),
    ("Forging and heat treatment", ["forging", "heat_treatment"]),
    ("tarashkari, rikhtegari", ["machining", "casting"]),
    ("sheet_metal", ["sheet_metal"]),
    ("تزریق پلاستیک", ["injection_moulding"]),
    ("جوشکاری؛ آبکاری", ["welding", "surface_coating"]),
    ("ماشینکاری دقیق", ["machining"]),
    ("Precision machning", ["machining"]),  # a typo
])
def test_processes_typed(typed: str, keys: list[str]) -> None:
    picked = read_items("processes", typed)
    assert picked.keys == keys and picked.unknown == [] and not picked.done


@pytest.mark.parametrize(("typed", "keys"), [
    ("ایزو ۹۰۰۱", ["iso_9001"]), ("iso 9001, 14001", ["iso_9001", "iso_14001"]), ("ISO9001 و CE", ["iso_9001", "ce"]),
    ("HACCP", ["iso_22000"]), ("استاندارد ملی", ["isiri"]), ("gmp", ["gmp"]), ("IATF 16949", ["iatf_16949"]),
    # Words around the name (a blind trial's «iso 9001 darim faghat» was not found).
    ("iso 9001 darim faghat", ["iso_9001"]), ("فقط ایزو ۹۰۰۱ داریم", ["iso_9001"]), ("we only have ISO 9001", ["iso_9001"]),
])
def test_certifications_typed(typed: str, keys: list[str]) -> None:
    picked = read_items("certifications", typed)
    assert picked.keys == keys and picked.unknown == []


def test_words_naming_nothing_are_named_back_and_the_rest_is_ticked() -> None:
    picked = read_items("processes", "تراشکاری، پمپ آب، قالب سازی مخصوص")
    assert picked.keys == ["machining"] and picked.unknown == ["پمپ آب", "قالب سازی مخصوص"]
    picked = read_items("processes", "forging and levitation")
    assert picked.keys == ["forging"] and picked.unknown == ["levitation"]
    assert read_items("certifications", "ایزو").unknown == ["ایزو"]  # which ISO? not guessed


@pytest.mark.parametrize("typed", ["تمام", "همین", "done", "Done.", "نداریم", "هیچکدام", "none", "tamam", "نه"])
def test_done_ends_the_list(typed: str) -> None:
    picked = read_items("certifications", typed)
    assert picked.done and picked.keys == [] and picked.unknown == []


def test_items_then_done_in_one_message() -> None:
    picked = read_items("processes", "ریخته‌گری، آهنگری، تمام")
    assert picked.keys == ["casting", "forging"] and picked.done


@given(st.lists(st.sampled_from(profiles.processes()), min_size=1, max_size=4, unique=True),
       st.sampled_from(["، ", ",", "\n", " و ", "; "]), st.sampled_from(["fa", "en"]))
def test_any_processes_by_their_names_in_either_language(items: list[profiles.Choice], separator: str, language: str) -> None:
    names = [(item.name_fa if language == "fa" else item.name_en).split(" (")[0] for item in items]
    picked = read_items("processes", separator.join(names))
    assert set(picked.keys) == {item.key for item in items} and picked.unknown == []


@pytest.mark.parametrize("kind", ["processes", "certifications"])
def test_every_pair_of_items_joined_any_way_is_read_as_the_two(kind: profiles.ListKind) -> None:
    """Every ordered pair of a list's names, in each language, joined by «،», «و», "and" or a new line: names that
    hold an «و» or an "and" of their own («آهنگری و فورج») stay whole, and no name swallows its neighbour."""
    items = profiles.choices(kind)
    for first, second in itertools.permutations(items, 2):
        for language, joiner in itertools.product(("fa", "en"), ("، ", " و ", " and ", "\n")):
            names = [(item.name_fa if language == "fa" else item.name_en).split(" (")[0] for item in (first, second)]
            picked = read_items(kind, joiner.join(names))
            assert set(picked.keys) == {first.key, second.key} and picked.unknown == [], names


@pytest.mark.parametrize(("text", "rest"), [
    ("آره از مهر ۱۴۰۲", "از مهر ۱۴۰۲"), ("آره، از مهر ۱۴۰۲", "از مهر ۱۴۰۲"), ("yes, since Mehr 1402", "since Mehr 1402"),
    ("بله", ""), ("  no  ", ""),
])
def test_what_a_yes_says_after_its_first_word(text: str, rest: str) -> None:
    assert after_first_word(text) == rest


# --------------------------------------------------------------------------------------------- cities


@pytest.mark.parametrize(("typed", "key"), [
    ("کرج", "alborz"), ("Karaj", "alborz"), ("kashan", "isfahan"), ("کاشان", "isfahan"), ("شهرستان کاشان", "isfahan"),
    ("ساوه", "markazi"), ("saveh", "markazi"), ("Arak", "markazi"), ("اراک", "markazi"), ("tabriz", "east_azerbaijan"),
    ("مشهد", "razavi_khorasan"), ("mashhad", "razavi_khorasan"), ("شیراز", "fars"), ("ahwaz", "khuzestan"),
    ("اهواز", "khuzestan"), ("Asaluyeh", "bushehr"), ("asalouyeh", "bushehr"), ("عسلويه", "bushehr"),
    ("بندر عباس", "hormozgan"), ("قائم‌شهر", "mazandaran"), ("قشم", "hormozgan"),
])
def test_a_city_names_its_province(typed: str, key: str) -> None:
    """Blind trial: «کرج» at the province got «استانی به نام «کرج» نمی‌شناسم»."""
    city = read_city(typed)
    assert city is not None and city.province == key


@pytest.mark.parametrize("city", profiles.cities(), ids=lambda city: city.name_en)
def test_every_city_is_in_a_known_province_and_is_no_province_itself(city: profiles.City) -> None:
    """(A city is read before provinces: «قشم» is one letter from «قم», Qom, but is Qeshm, in Hormozgan.)"""
    assert city.province in profiles.by_key(PROVINCES)
    provinces = {lookup_key(text) for item in PROVINCES for text in (item.key, item.name_en, item.name_fa)}
    for name in (city.name_en, city.name_fa, *city.aliases):
        assert read_city(name) == city and lookup_key(name) not in provinces, name


def test_a_province_or_a_mistyped_city_is_no_city() -> None:
    assert read_city("اصفهان") is None and read_city("tehran") is None and read_city("karj") is None
    assert read_city("کرج لنت ترمز") is None


# ------------------------------------------------------------------------------- words typed for processes


def test_every_process_has_typed_words_and_each_word_names_its_own_process() -> None:
    """seed_data/process_words.csv: Finglish and trade words for each process of processes.csv, read exactly."""
    words = profiles.process_words()
    assert set(words) == {process.key for process in profiles.processes()}
    for key, spellings in words.items():
        for word in spellings:
            assert read_items("processes", word).keys == [key], word


@pytest.mark.parametrize(("typed", "keys"), [
    ("tazrigh plastic, ghalebsazi", ["injection_moulding", "mould_making"]),
    ("قالبسازی", ["mould_making"]), ("قالب‌سازی", ["mould_making"]), ("قالب", ["mould_making"]),
    ("amaliat harareti va rang kari", ["heat_treatment", "surface_coating"]), ("montaj bord", ["pcb_assembly"]),
    ("nassaji", ["textile_processing"]), ("darusazi", ["pharma_manufacturing"]), ("tazrig plastic", ["injection_moulding"]),
])
def test_finglish_and_trade_words_tick_their_process(typed: str, keys: list[str]) -> None:
    assert read_items("processes", typed).keys == keys


def test_that_is_all_is_not_none_of_them() -> None:
    assert read_items("processes", "همین") == Picked([], [], done=True, none=False)
    assert read_items("processes", "نداریم").none and read_items("processes", "هیچ‌کدام").none
