"""What investors look at: search results, product and desk cards, sector listings.

Functions return plain data for the renderers; they never touch Telegram.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from rapidfuzz.distance import Levenshtein
from sqlmodel import Session

from bot.store import catalog
from bot.store import searches as search_store
from bot.store.models import Desk, Product, SearchFeedback, Sector

from matching import parse_listing_code
from matching.index import list_items
from matching.intent import owns_machines, speaks_as_maker
from matching.normalize import normalize
from matching.gibberish import keyboard_mash
from matching.smalltalk import Talk, small_talk

from .inputs import clean_text
from .search import Found, Matcher, Result, english_vocabulary

MAX_RESULTS = 50
# Investors paste whole introductions of their company (a hundred words is about 700 characters in
# Persian) and name the product anywhere in them: the bound keeps a pasted document from costing a search
# seconds, not the end of a real message out of the search.
QUERY_MAX_LENGTH = 1_000


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """A logged search and its confident results: products to page through, desks to point to; when
    nothing confident answers it, the listings it may have meant (``related``, "Did you mean…?")."""

    search_id: int
    query: str
    products: list[Result]
    desks: list[Desk]
    sectors: dict[str, Sector]
    related: list[Result] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    """The items of a message listing several products that no confident result answers (each logged as demand)."""
    maker: bool = False
    """The message was a manufacturer saying what it makes (:func:`matching.intent.speaks_as_maker`)."""

    @property
    def confident(self) -> bool:
        """Whether something confident answered the search (listings, or the desks of the sector it named)."""
        return bool(self.products or self.desks)


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An item of a message listing several products that nothing confident answers, with the listings it may have
    meant («رادیاتور» in «لنت ترمز و کمک فنر و رادیاتور»: only a suggestion, and lost among the others' results)."""

    item: str
    related: list[Result]


@dataclass(frozen=True, slots=True)
class ProductCard:
    """A listing with its sector and desk, and the stored catalog's English words (:func:`english_vocabulary`), which
    tell the card's English aliases from its Finglish ones (none given: only the listing's own English texts tell)."""

    product: Product
    sector: Sector | None
    desk: Desk | None
    english: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class DeskCard:
    """A desk with its sector and listings."""

    desk: Desk
    sector: Sector | None
    products: list[Product]


def clean_query(text: str) -> str:
    """The query as it will be searched and logged: one line, bounded length, no invisible controls."""
    return " ".join(clean_text(text).split())[:QUERY_MAX_LENGTH]


def _suggestions(found: Found) -> list[Result]:
    """The listings to offer as "Did you mean…?": the related ones, only when nothing confident answers."""
    return [] if found.results else [r for r in found.related if r.kind == "product"]


def unmatched_items(query: str, found: Found, matcher: Matcher) -> list[Unmatched]:
    """The items of a message listing several products that no confident result answers, when others are answered
    (when none is, the whole message is unmet demand and its suggestions are shown already)."""
    answered = {result.code for result in found.results if result.kind == "product"}
    if not answered:
        return []
    missing: list[Unmatched] = []
    for item in list_items(query):
        alone = matcher.lookup(item, limit=MAX_RESULTS)
        if any(result.kind == "product" for result in alone.results) or unanswered_talk(item, alone.results) is not None:
            continue
        if any(result.code in answered for result in alone.related):
            continue  # «… و اکنون … لنت ترمز»: a clause around a listing the message's results hold, no lost item
        related = [r for r in alone.related if r.kind == "product" and r.code not in answered]
        missing.append(Unmatched(item, related[:_ITEM_SUGGESTIONS]))
    return missing


# Suggestions shown for each unanswered item of a list: the results stay first.
_ITEM_SUGGESTIONS = 2


def _outcome(search_id: int, query: str, found: Found, *, session: Session, matcher: Matcher) -> SearchOutcome:
    results = found.results
    sectors = {sector.key: sector for sector in catalog.sectors(session=session)}
    products = [r for r in results if r.kind == "product"]
    desk_codes = [r.code for r in results if r.kind == "desk"]
    active = {desk.code: desk for desk in catalog.desks(session=session, active_only=True)}
    by_sector = {desk.sector: desk for desk in active.values()}
    for result in products:
        desk = by_sector.get(result.sector)
        if desk is not None and desk.code not in desk_codes:
            desk_codes.append(desk.code)
    desks = [active[code] for code in desk_codes if code in active]
    return SearchOutcome(search_id=search_id, query=query, products=products, desks=desks, sectors=sectors,
                         related=_suggestions(found), unmatched=unmatched_items(query, found, matcher))


@dataclass(frozen=True, slots=True)
class MakerIntro:
    """A manufacturer saying what it makes, and no listing answers it by name (at most a sector's list would): not
    searched for, not logged."""


@dataclass(frozen=True, slots=True)
class KeyboardMash:
    """Keys hit at random («asdfgh», «ضصثق»), and the catalog answers nothing: not logged, not unmet demand."""


@dataclass(frozen=True, slots=True)
class DeskQuestion:
    """A question about a desk's contact («شماره تماس میز خودرو», "phone number of the automotive desk"): no need for
    a product, so not searched and not logged as demand. ``desk`` is the desk it names, None when it names none."""

    desk: Desk | None
    asked_phone: bool = False
    """It asks for a phone number ("phone", «شماره», «تلفن»), not any contact: an e-mail is not what it asked for."""


# Words asking for a number to call, among those below.
_PHONE_WORDS = re.compile(r"(?:^|\s)(?:شماره|تلفن|موبایل|phone|telephone|number|call|shomare|telefon)(?=$|\s)")
# Words asking how to reach someone, and the word "desk": together they ask for a desk's contact (normalized text).
_CONTACT = re.compile(r"(?:^|\s)(?:شماره|تماس|تلفن|ایمیل|نشانی|ادرس|ارتباط|ارتباطی|phone|telephone|number|contact|email|"
                      r"e-mail|address|reach|call|shomare|tamas|telefon|adres)(?=$|\s)")
_DESK = re.compile(r"(?:^|\s)(?:میز|میزهای|desk|desks|miz)(?=$|\s)")


def desk_question(text: str, *, session: Session, matcher: Matcher) -> DeskQuestion | None:
    """The desk whose contact ``text`` asks for (:class:`DeskQuestion`), or None when it asks no such thing."""
    said = normalize(text)
    if not _CONTACT.search(said) or not _DESK.search(said):
        return None
    found = matcher.lookup(_CONTACT.sub(" ", said), limit=MAX_RESULTS)
    active = catalog.desks(session=session, active_only=True)
    named = [r for r in found.results if r.kind == "desk"] or [r for r in found.results if r.why.startswith("sector:")]
    for result in named:
        for desk in active:
            if desk.code == result.code or (result.kind == "product" and desk.sector == result.sector):
                return DeskQuestion(desk, asked_phone=bool(_PHONE_WORDS.search(said)))
    # "How do I contact a desk?" names none: the bot's own answer (press "I'm interested") tells how.
    return None if small_talk(text) is not None else DeskQuestion(None)


def talk_or_search(
    text: str, *, session: Session, matcher: Matcher, user_id: int | None
) -> Talk | MakerIntro | KeyboardMash | DeskQuestion | SearchOutcome:
    """The small talk ``text`` is (a greeting, thanks, a question about the bot), else its logged search, marked when
    a manufacturer wrote it to say what it makes.

    A confident match wins over small talk: the small-talk vocabulary cannot know every trade name. Small
    talk is not logged, so it never counts as unmet demand; nor is a manufacturer's word on what it makes
    (:class:`MakerIntro`), which is no investor's need, nor keys hit at random (:class:`KeyboardMash`).
    """
    if (asked := desk_question(text, session=session, matcher=matcher)) is not None:
        return asked
    query = clean_query(text)
    found = matcher.lookup(query, limit=MAX_RESULTS)
    if (talk := unanswered_talk(text, found.results)) is not None:
        return talk
    if not found.results and not found.related and keyboard_mash(text):
        return KeyboardMash()
    maker = speaks_as_maker(text)
    if maker and owns_machines(text):
        # «… ۶ تا دستگاه تزریق داریم» found the injection moulding machine: the maker's own equipment (a blind trial),
        # not a part it could make. Without such listings the message names none, and gets what fits its shop.
        found = replace(found, results=[result for result in found.results if not (result.kind == "product" and matcher.is_machine(result.code))])
    # A maker whose message names no listing is answered only by a sector's list («کارگاه تراشکاری …» gets tyres and
    # an ECU, "we have a machine shop" the injection moulding machine): no answer to it, and no investor's demand.
    if maker and not names_listing(found):
        return MakerIntro()
    outcome = _log(query, found, session=session, user_id=user_id, matcher=matcher, maker=maker)
    return replace(outcome, maker=True) if maker else outcome


def names_listing(found: Found) -> bool:
    """Whether a confident result answers the query by a listing's own words (name, alias, HS code, description),
    not only as one of a sector's listings the query named (:meth:`Matcher.lookup` marks those ``sector``)."""
    return any(result.kind == "product" and result.why.split(":", 1)[0] != "sector" for result in found.results)


def unanswered_talk(text: str, results: list[Result]) -> Talk | None:
    """The small talk ``text`` is when no confident result answers it (the rule, shared with bench/small_talk.py)."""
    return None if results else small_talk(text)


def search(query: str, *, session: Session, matcher: Matcher, user_id: int | None) -> SearchOutcome:
    """Search and log the query; a query nothing confident answers is logged as unmet demand, noting
    whether related suggestions ("Did you mean…?") were shown for it."""
    query = clean_query(query)
    found = matcher.lookup(query, limit=MAX_RESULTS)
    return _log(query, found, session=session, user_id=user_id, matcher=matcher)


def _log(
    query: str, found: Found, *, session: Session, user_id: int | None, matcher: Matcher, maker: bool = False
) -> SearchOutcome:
    """Log the search, and each item of it no confident result answers as a search of its own: unmet demand the
    whole message's answer hid (a blind trial's «لنت ترمز و کمک فنر و رادیاتور» counted no radiator). A maker's
    message is split into no items: «کارگاه CNC و آهنگری» lists its trades, not needs."""
    results = found.results
    entry = search_store.add_search(
        query,
        session=session,
        user_id=user_id,
        top_code=results[0].code if results else None,
        related_shown=bool(_suggestions(found)),
    )
    assert entry.id is not None
    outcome = _outcome(entry.id, query, found, session=session, matcher=matcher)
    if maker:
        return replace(outcome, unmatched=[])
    for missing in outcome.unmatched:
        search_store.add_search(missing.item, session=session, user_id=user_id, top_code=None, related_shown=bool(missing.related))
    return outcome


def recall(search_id: int, *, session: Session, matcher: Matcher, user_id: int | None) -> SearchOutcome | None:
    """The results of an earlier search of this user, for paging; None if unknown or someone else's.

    Search ids are sequential, so a forged button could name anyone's search: the owner is checked.
    """
    entry = search_store.get_search(search_id, session=session)
    if entry is None or entry.id is None or entry.user_id != user_id:
        return None
    return _outcome(entry.id, entry.query, matcher.lookup(entry.query, limit=MAX_RESULTS), session=session, matcher=matcher)


class Feedback(StrEnum):
    """What became of a searcher's word on the answer to their search."""

    RECORDED = "recorded"
    ALREADY = "already"
    """They had told it already: nothing is counted twice."""
    REFUSED = "refused"
    """Not their search, or not one that answer was offered for (a forged or foreign button)."""


def give_feedback(search_id: int, feedback: SearchFeedback, *, session: Session, user_id: int) -> Feedback:
    """Record that none of a search's suggestions was meant, or that its confident results were not what
    was looked for: once per search, only by the searcher, only on the answer that button was offered under."""
    entry = search_store.get_search(search_id, session=session)
    if entry is None or entry.id is None or entry.user_id != user_id:
        return Feedback.REFUSED
    offered = entry.related_shown if feedback == SearchFeedback.NONE_OF_THESE else entry.matched
    if not offered:
        return Feedback.REFUSED
    if entry.feedback is not None:
        return Feedback.ALREADY
    return Feedback.RECORDED if search_store.set_feedback(entry.id, feedback, session=session) else Feedback.ALREADY


def owns_search(search_id: int, user_id: int, *, session: Session) -> bool:
    """Whether the search is this user's: what a button naming a search may carry on to the next one."""
    entry = search_store.get_search(search_id, session=session)
    return entry is not None and entry.user_id == user_id


def product_card(code: str, *, session: Session) -> ProductCard | None:
    """A listing's card, or None when there is no such code."""
    product = catalog.get_product(code, session=session)
    if product is None:
        return None
    return ProductCard(product=product, sector=catalog.get_sector(product.sector, session=session), desk=catalog.desk_of(product, session=session),
                       english=english_vocabulary(session=session))


def written_as(typed: str, *, session: Session) -> str:
    """The listing code ``typed`` is another spelling of ("aut-8", "AUT 8" → AUT-008; «شعف-8», typed on the Persian
    keyboard layout, too), else its first word.

    People type codes as they read them aloud; only a spelling that names exactly one listing is taken, so a
    code no listing has still gets "did you mean" from :func:`closest_codes`. Words after a code are ignored,
    as a command's extra arguments are. The listing codes are read at most once.
    """
    words = typed.split()
    first = words[0] if words else typed
    codes: list[str] | None = None
    for text in dict.fromkeys((typed.strip(), " ".join(words[:2]), first)):
        if catalog.get_product(text, session=session) is not None:
            return text
        parsed = parse_listing_code(text)
        if parsed is not None:
            codes = catalog.product_codes(session=session) if codes is None else codes
            same = [code for code in codes if parse_listing_code(code) == parsed]
            if len(same) == 1:
                return same[0]
    return first


def closest_codes(typed: str, *, session: Session, limit: int = 3) -> list[str]:
    """The listing codes nearest a code no listing has, best first (maybe none).

    The same letters' numbers written nearest ("REF-99" → REF-009, a 9 typed twice or a 0 left out), the
    nearest in value first among those alike; else codes spelled alike ("AUTT-002"). A code only written
    another way ("aut-8") is opened by :func:`written_as` before it gets here.
    """
    codes = catalog.product_codes(session=session)
    return _same_letters(typed, codes, limit) or difflib.get_close_matches(typed.upper(), codes, n=limit, cutoff=0.6)


def nearest_of_family(typed: str, *, session: Session, limit: int = 3) -> list[str]:
    """The listing codes with the letters of ``typed``, a code no listing has, numbers written nearest first; none
    when ``typed`` is no code or no listing's code has its letters (``PVC 12`` is a search, ``REF-99`` a code).

    A code written as codes are (a hyphen, or a number with leading zeros) whose letters are one keystroke from a
    family's ("AUY-008", "AUTT-002": a blind trial's, answered "no listing found" and logged as demand while
    ``/product AUTT-002`` offered AUT-002) gets that family's nearest: a product's name is not written so."""
    if not code_shaped(typed):
        return []
    codes = catalog.product_codes(session=session)
    if found := _same_letters(typed, codes, limit):
        return found
    written = _WRITTEN_AS_CODE.match(_as_code(typed))
    parsed = parse_listing_code(_as_code(typed))
    if written is None or parsed is None:
        return []
    letters = parsed[0]
    families = sorted({family for code in codes if (family := code.partition("-")[0]) and Levenshtein.distance(family, letters) == 1})
    return [code for family in families for code in _same_letters(f"{family}-{parsed[1]}", codes, limit)][:limit]


# How a code is written, not a name with a number ("PVC 12", "ABS 1"): a hyphen or underscore, or zeros before the number.
_WRITTEN_AS_CODE = re.compile(r"^\s*[A-Za-z]{2,5}(?:\s*[-_]\s*[0-9]+|\s*0[0-9]+)\s*$")


# A code's letters, then its number with a letter that looks like a digit typed for it ("AUT-0O2": O for 0, l or I
# for 1), at least one real digit among them so that a word («AUTO») is no code.
_LOOKALIKE_NUMBER = re.compile(r"^\s*([A-Za-z]{2,5})([\s_-]*)((?=[0-9OoIl]*[0-9])[0-9OoIl]+)\s*$")
_DIGIT_LOOKALIKES = str.maketrans("OoIl", "0011")


def _as_code(typed: str) -> str:
    """``typed`` with the look-alike letters of a code's number read as the digits they stand for."""
    found = _LOOKALIKE_NUMBER.match(typed)
    return typed if found is None else found.group(1) + found.group(2) + found.group(3).translate(_DIGIT_LOOKALIKES)


def code_shaped(typed: str) -> bool:
    """Whether ``typed`` is written as a listing code, maybe mistyped with a letter for a digit ("AUT-0O2")."""
    return parse_listing_code(_as_code(typed)) is not None


def listings(codes: Sequence[str], *, session: Session) -> list[Product]:
    """The listings of ``codes`` in that order (codes offered for a mistyped one: shown with their names)."""
    return [product for code in codes if (product := catalog.get_product(code, session=session)) is not None]


def _same_letters(typed: str, codes: Sequence[str], limit: int) -> list[str]:
    parsed = parse_listing_code(_as_code(typed))
    if parsed is None:
        return []
    numbered = {code: found for code in codes if (found := parse_listing_code(code)) is not None}
    letters, number = parsed
    family = [code for code, found in numbered.items() if found[0] == letters]

    def nearness(code: str) -> tuple[int, int, str]:
        other = numbered[code][1]
        return Levenshtein.distance(str(number), str(other)), abs(other - number), code

    return sorted(family, key=nearness)[:limit]


def desk_card(code: str, *, session: Session) -> DeskCard | None:
    """A desk's card with its listings (those naming the desk, else those of its sector)."""
    desk = catalog.get_desk(code, session=session)
    if desk is None:
        return None
    products = catalog.products(session=session, desk=desk.code) or catalog.products(session=session, sector=desk.sector)
    return DeskCard(desk=desk, sector=catalog.get_sector(desk.sector, session=session), products=products)


def desks(*, session: Session) -> list[Desk]:
    """The active desks."""
    return catalog.desks(session=session, active_only=True)


def sectors(*, session: Session) -> list[tuple[Sector, int]]:
    """Every sector with its number of listings."""
    counts = catalog.product_counts_by_sector(session=session)
    return [(sector, counts.get(sector.key, 0)) for sector in catalog.sectors(session=session)]


def sectors_named(keys: Sequence[str], *, session: Session) -> list[Sector]:
    """The sectors of ``keys``, in that order (unknown keys left out)."""
    known = {sector.key: sector for sector in catalog.sectors(session=session)}
    return [known[key] for key in keys if key in known]


def sector_listings(key: str, *, session: Session) -> tuple[Sector, list[Product]] | None:
    """A sector and its listings, or None for an unknown key."""
    sector = catalog.get_sector(key, session=session)
    if sector is None:
        return None
    return sector, catalog.products(session=session, sector=key)
