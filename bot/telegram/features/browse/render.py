"""The catalog's cards and lists: a listing, a desk with its listings, a sector's listings, all desks and sectors."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from datetime import date

from telegram import InlineKeyboardButton

from bot.dates import program_year_label
from bot.i18n import N_, Html, commas, digits, is_persian, label, money, t
from bot.services.browse import DeskCard, ProductCard
from bot.services.capabilities import reads_in
from matching import normalize
from matching.acronyms import is_acronym, latin_words
from matching.lexicon import skeleton, spelt_as_english, vowel_letters_agree
from bot.store.models import FINISHED_STATUSES, Desk, Product, ProductStatus, Sector, split_list
from bot.telegram.buttons import ButtonData
from bot.telegram.ui import Reply, by_name, company_name, cut, deadline, grid, keyboard, listing_button, name, other_name, page_bounds, pager, status, yearly_imports

from ..introductions.buttons import AskIntroduction
from ..leads.buttons import Interested
from ..subscriptions.buttons import AlertLikeListing
from ..suppliers.buttons import SuppliersOf
from .buttons import DeskListing, ListDesks, ListSectors, OpenDesk, OpenListing, OpenSector, ResultsPage, SectorListing, desk_button

LIST_PER_PAGE = 8


def _finglish(alias: str, product: Product, known: frozenset[str]) -> bool:
    """Whether a Latin alias is Finglish: one of its words writes in Latin letters a word of the listing's own Persian
    names («ماشین» as "mashin", «خودرو» as "khodro") and is neither a word of its English name or description nor
    spelt as only English is. Acronyms are no Finglish ("ECU"), nor is an alias whose every word is English, ``known``
    (the stored catalog's English texts and the synonyms' English side, :func:`english_vocabulary`: "car tire", "modem",
    whose words sound like the listing's Persian ones, «تایر», «مودم»)."""
    words = normalize(" ".join(word for word in latin_words(alias) if not is_acronym(word))).split()
    if all({word, word.removesuffix("s"), word + "s"} & known for word in words):
        return False
    persian = {word for text in [product.name_fa, *split_list(product.aliases)] if is_persian(text) for word in normalize(text).split()}
    english = set(normalize(f"{product.name_en} {product.description}").split())
    for word in words:
        if {word, word.removesuffix("s"), word + "s"} & english or spelt_as_english(word) or len(skeleton(word)) < 2:
            continue
        if any(skeleton(said) == skeleton(word) and vowel_letters_agree(word, said) for said in persian):
            return True
    return False


def _aliases_for(language: str, product: Product, known: frozenset[str]) -> list[str]:
    """The aliases a reader can read: a Persian reader was shown English and Finglish names among Persian ones, and an
    English one Finglish names ("computer mashin"), so each reader sees only those in their own language. An acronym
    or code ("ICU", "EPS") is how Persian writes it too, so a Persian reader sees it, as the reasons quote it."""
    aliases = split_list(product.aliases)
    if language != "fa":
        return [alias for alias in aliases if not is_persian(alias) and not _finglish(alias, product, known)]
    return [alias for alias in aliases if is_persian(alias) or (latin_words(alias) and reads_in(alias, "fa"))]


def _aliases_lines(language: str, card: ProductCard, *, staff: bool, none: str) -> str:
    """The card's aliases (HTML): those in the reader's language; the desk's staff, who keep the aliases, also see
    the others on a line of their own marked staff-only (a Persian reader is shown no Latin alias among Persian ones,
    an English reader no Persian or Finglish one)."""
    product = card.product
    own = _aliases_for(language, product, card.english)
    text = html.escape(cut(commas(language, own) or none, 400), quote=False)
    others = [alias for alias in split_list(product.aliases) if alias not in own] if staff else []
    if others:
        text += "\n" + t(language, "card_staff_aliases", aliases=cut(commas(language, others), 400))
    return text


def _budget(language: str, amount: int | None) -> str:
    value = money(language, amount, "eur")
    return t(language, "budget_value", amount=value) if value else t(language, "budget_unknown")


def _budget_field(language: str, amount: int | None) -> str:
    """The desk card's budget after its "Budget:" label: "not published", not "Budget: budget not published"."""
    value = money(language, amount, "eur")
    return t(language, "budget_value", amount=value) if value else t(language, "budget_not_published")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s()\-۰-۹]{6,}$")


def contact_field(language: str, contact: str, *, asked_phone: bool = False) -> str:
    """A desk's contact, once, under the name of what it is (e-mail, phone) so a reader knows how to use it; asked for
    a phone (a blind trial's «شماره تماس میز …») and given an e-mail only, the card says no phone was published
    rather than answering with an address as if it were the number."""
    shown = cut(contact.strip(), 100)
    if not shown:
        return t(language, "desk_contact", contact=t(language, "none"))
    if _EMAIL.match(shown):
        return t(language, N_("desk_contact_no_phone") if asked_phone else N_("desk_contact_email"), contact=shown)
    return t(language, N_("desk_contact_phone") if _PHONE.match(shown) else N_("desk_contact"), contact=shown)


def _year(language: str, year: int | None) -> str:
    """The year a desk's program started, or nothing: "year n/a" on a card reads as an error (a blind trial)."""
    return program_year_label(language, year) if year else ""


def _description(language: str, record: Product | Desk) -> str:
    """A listing's or desk's description in the reader's language; the English one when it has no Persian one."""
    return record.description_fa if language == "fa" and record.description_fa else record.description


def not_found(language: str, code: str, suggestions: Sequence[Product] = (), opens: Callable[[str], ButtonData] = OpenListing) -> Reply:
    """No listing has this code (a typo, or a listing removed since the link was shared): the listings it may have
    meant, each named and a button (``opens`` makes its data from the code: the card, or what the command showed),
    when there are any. A bare code says nothing to someone who mistyped one (a blind trial's "AUT-099")."""
    typed = cut(code, 40)
    if not suggestions:
        return Reply(t(language, "product_not_found", code=typed))
    if len(suggestions) == 1:
        only = suggestions[0]
        text = t(language, "product_did_you_mean", code=typed, suggestion=f"{only.code} · {cut(name(language, only), 150)}")
    else:
        text = "\n".join([t(language, "product_closest", code=typed), *_listing_lines(language, suggestions, 0)])
    return Reply(text, keyboard(_listing_buttons(language, suggestions, 0, opens)))


Back = ResultsPage | OpenSector | OpenDesk
"""Where a listing's card was opened from, and its Back button leads."""


def _back_button(language: str, back: Back, suggested: bool) -> InlineKeyboardButton:
    if isinstance(back, ResultsPage):
        return back.button(label(language, "btn_back_suggestions") if suggested else label(language, "btn_back_results"))
    if isinstance(back, OpenSector):
        return back.button(label(language, "btn_back_sector"))
    return back.button(label(language, "btn_back_desk"))


def hs_dotted(language: str, code: str) -> str:
    """An HS code as traders and the bot's own examples write it: the heading, then pairs after dots (8413.70); to a
    Persian reader in Persian digits, as every other figure of the card (۸۴۱۳.۷۰). The dot stays a dot: it parts
    the code's levels, and the Persian decimal sign («٫») would make it a number (۸۴۱۳٫۷ reads as 8413.7)."""
    levels = code.split(".")
    if code.isdigit() and len(code) > 4:
        levels = [code[:4], *(code[i:i + 2] for i in range(4, len(code), 2))]
    return ".".join(digits(language, level) for level in levels)


def product_card(language: str, card: ProductCard, *, today: date, back: Back | None = None, suggested: bool = False,
                 suppliers: int | None = None, introductions: int = 0) -> Reply:
    """Every field of a listing, with "I'm interested", its desk and the way back to where it was opened;
    ``today`` (the bot's date) tells whether its deadline has passed. ``suggested``: opened from a search's
    "Did you mean…?" suggestions, which its Back button names. ``suppliers``: for the desk's staff, how many
    manufacturers could make it (None for everyone else); ``introductions``: how many of those an investor
    may ask to meet."""
    product, desk = card.product, card.desk
    none = t(language, "none")
    desk_text = (
        t(language, "desk_summary", name=cut(name(language, desk), 150), budget=Html(_budget(language, desk.budget_eur)),
          contact=cut(desk.contact or none, 100))
        if desk
        else none
    )
    text = t(
        language,
        "card",
        code=product.code,
        name=cut(name(language, product), 200),
        other_name=cut(other_name(language, product), 200),
        status=status(language, product.status),
        sector=name(language, card.sector) if card.sector else product.sector,
        hs_code=hs_dotted(language, product.hs_code),
        imports=Html(yearly_imports(language, product.annual_import_usd)),
        deadline=deadline(language, product.deadline, today) if product.deadline else t(language, "no_deadline"),
        desk=Html(desk_text),
        # The seed's example companies end with "(illustrative)": each reader reads that mark in their language.
        companies=cut(commas(language, [company_name(language, company, 150) for company in split_list(product.companies)]) or none, 400),
        aliases=Html(_aliases_lines(language, card, staff=suppliers is not None, none=none)),
        description=cut(_description(language, product), 1200),
    ).rstrip()  # no description: no blank lines at the end (nor before what follows)
    if product.status in FINISHED_STATUSES:
        # A finished listing takes no new interest: offer an alert that brings it back if it reopens.
        text += "\n\n" + t(language, "card_finished", status=status(language, product.status))
        rows = [[AlertLikeListing(product.code).button(label(language, "btn_tell_reopen"))]]
    else:
        rows = [[Interested(product.code).button(label(language, "btn_interested"))],
                [AlertLikeListing(product.code).button(label(language, "btn_alert_similar"))]]
        if introductions:
            rows.append([AskIntroduction(product.code).button(label(language, "btn_introduce_me", count=digits(language, str(introductions))))])
    if suppliers:
        rows.append([SuppliersOf(product.code).button(label(language, "btn_capable_suppliers", count=digits(language, str(suppliers))))])
    if desk is not None:
        # From results, the desk's card leads back to them as this card does.
        search = back if isinstance(back, ResultsPage) else None
        rows.append([desk_button(language, desk, search.search if search else None, search.page if search else 0)])
    if back is not None:
        rows.append([_back_button(language, back, suggested)])
    return Reply(text, keyboard(rows))


def _listing_lines(language: str, products: Sequence[Product], first: int) -> list[str]:
    return [
        t(language, "list_line", rank=digits(language, str(rank)), code=p.code, name=cut(name(language, p), 150),
          status=status(language, p.status))
        for rank, p in enumerate(products, first + 1)
    ]


def _listing_buttons(language: str, products: Sequence[Product], first: int,
                     opens: Callable[[str], ButtonData]) -> list[list[InlineKeyboardButton]]:
    """A button per listing; ``opens`` makes its data from the code (the card remembers the page it came from)."""
    return [
        [opens(p.code).button(listing_button(language, rank, p.code, name(language, p), p.status))]
        for rank, p in enumerate(products, first + 1)
    ]


def _open_count(language: str, products: Sequence[Product]) -> str:
    """How many of ``products`` are open: a sector's search lists its open listings only, and a desk card's bare count
    of all its listings read as a contradiction of it (15 against 11, a blind trial)."""
    return digits(language, str(sum(product.status == ProductStatus.OPEN for product in products)))


def desks(language: str, items: Sequence[Desk]) -> Reply:
    """All desks with year and budget (those with published figures first), and the program's figures."""
    order = by_name(language)
    items = sorted(items, key=lambda d: (d.budget_eur is None, order(d)))
    total = sum(d.budget_eur or 0 for d in items if d.source.startswith("Mehr"))
    program = t(language, "program_summary", total=money(language, total, "eur") or "—")
    lines = [t(language, "desks_header", program=Html(program))]
    lines += [
        t(language, "desk_list_line", name=cut(name(language, d), 150),
          details=Html(" · ".join(part for part in (html.escape(_year(language, d.program_year)), _budget(language, d.budget_eur)) if part)))
        for d in items
    ]
    return Reply("\n".join(lines), keyboard([[desk_button(language, d)] for d in items]))


def desk_card(language: str, card: DeskCard, page: int, *, search: int | None = None, results_page: int = 0,
              asked_phone: bool = False) -> Reply:
    """A desk's details and a page of its listings, with the way back: to the search results it was opened
    from (``search``), else to all desks. ``asked_phone``: the reader asked for the desk's phone number."""
    desk = card.desk
    back = (ResultsPage(search, results_page).button(label(language, "btn_back_results")) if search is not None
            else ListDesks().button(label(language, "btn_desks")))
    common = {
        "name": cut(name(language, desk), 150),
        "other_name": cut(other_name(language, desk), 150),
        "sector": name(language, card.sector) if card.sector else desk.sector,
        "contact": Html(contact_field(language, desk.contact or "", asked_phone=asked_phone)),
        "description": cut(_description(language, desk), 800),
    }
    if not card.products:
        return Reply(t(language, "desk_card_empty", **common), keyboard([[back]]))
    total = len(card.products)
    page, first, end = page_bounds(total, page, LIST_PER_PAGE)
    year = _year(language, desk.program_year)
    year_line = t(language, "desk_card_year", year=year) if year else ""
    header = t(language, "desk_card", year=Html(year_line), budget=Html(_budget_field(language, desk.budget_eur)),
               count=digits(language, str(total)), open=_open_count(language, card.products), first=digits(language, str(first + 1)), last=digits(language, str(end)), **common)
    shown = card.products[first:end]
    rows = [*_listing_buttons(language, shown, first, lambda code: DeskListing(code, desk.code, page, search, results_page)),
            pager(language, page, total, LIST_PER_PAGE, lambda p: OpenDesk(desk.code, p, search, results_page)), [back]]
    return Reply("\n".join([header, *_listing_lines(language, shown, first)]), keyboard(rows))


def sectors(language: str, items: Sequence[tuple[Sector, int]]) -> Reply:
    """Sectors with their numbers of listings, two buttons a row, in the reader's alphabet order."""
    order = by_name(language)
    buttons = [OpenSector(s.key).button(label(language, "btn_sector", name=name(language, s), count=digits(language, str(n))))
               for s, n in sorted(items, key=lambda pair: order(pair[0]))]
    return Reply(t(language, "sectors_header"), keyboard(grid(buttons)))


def sector_page(language: str, sector: Sector, products: Sequence[Product], page: int) -> Reply:
    """A page of one sector's listings."""
    back = [ListSectors().button(label(language, "btn_sectors"))]
    if not products:
        return Reply(t(language, "sector_empty", name=name(language, sector)), keyboard([back]))
    total = len(products)
    page, first, end = page_bounds(total, page, LIST_PER_PAGE)
    header = t(language, "sector_page", name=name(language, sector), first=digits(language, str(first + 1)),
               last=digits(language, str(end)), count=digits(language, str(total)), open=_open_count(language, products))
    shown = products[first:end]
    rows = [*_listing_buttons(language, shown, first, lambda code: SectorListing(code, sector.key, page)), pager(language, page, total, LIST_PER_PAGE, lambda p: OpenSector(sector.key, p)), back]
    return Reply("\n".join([header, *_listing_lines(language, shown, first)]), keyboard(rows))
