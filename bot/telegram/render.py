"""Pure rendering: data in, message text (HTML) and inline keyboard out. No I/O, easy to test.

Every message stays under Telegram's 4096 characters by construction: free-text fields are cut to a
bounded length before they are escaped, and lists are paged.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.browse import DeskCard, ProductCard, SearchOutcome
from bot.store.models import Desk, Product, ProductStatus, Sector, split_list

from . import callbacks
from .texts import Html, digits, label, money, t

RESULTS_PER_PAGE = 5
LIST_PER_PAGE = 8
MAX_MESSAGE = 4096
_BUTTON_TEXT = 60


@dataclass(frozen=True, slots=True)
class Reply:
    """A message to send or to edit into place."""

    text: str
    markup: InlineKeyboardMarkup | None = None


def cut(text: str, limit: int) -> str:
    """``text`` shortened to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _name(language: str, item: Product | Desk | Sector) -> str:
    return item.name_fa if language == "fa" else item.name_en


def _other_name(language: str, item: Product | Desk) -> str:
    return item.name_en if language == "fa" else item.name_fa


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(cut(text, _BUTTON_TEXT), callback_data=data)


def _imports(language: str, amount: int | None) -> str:
    value = money(language, amount, "usd")
    return t(language, "imports_value", amount=value) if value else t(language, "imports_unknown")


def _budget(language: str, amount: int | None) -> str:
    value = money(language, amount, "eur")
    return t(language, "budget_value", amount=value) if value else t(language, "budget_unknown")


def _year(language: str, year: int | None) -> str:
    return digits(language, str(year)) if year else t(language, "year_unknown")


def _page_bounds(total: int, page: int, size: int) -> tuple[int, int, int]:
    """Clamp ``page`` to what exists; return (page, first index, end index)."""
    last_page = max(0, (total - 1) // size)
    page = min(max(page, 0), last_page)
    return page, page * size, min(total, (page + 1) * size)


def _pager(language: str, page: int, total: int, size: int, make: Callable[[int], str]) -> list[InlineKeyboardButton]:
    row = []
    if page > 0:
        row.append(_button(label(language, "btn_previous"), make(page - 1)))
    if (page + 1) * size < total:
        row.append(_button(label(language, "btn_more"), make(page + 1)))
    return row


def main_menu(language: str) -> InlineKeyboardMarkup:
    """Sectors, desks, help and the other language."""
    other = "en" if language == "fa" else "fa"
    return InlineKeyboardMarkup(
        [
            [_button(label(language, "btn_sectors"), callbacks.menu("sectors")), _button(label(language, "btn_desks"), callbacks.menu("desks"))],
            [_button(label(language, "btn_help"), callbacks.menu("help")), _button(label(language, "btn_language"), callbacks.language(other))],
        ]
    )


def start(language: str, first_name: str) -> Reply:
    """The greeting, with examples and the main menu."""
    examples = Html(t(language, "examples"))
    return Reply(t(language, "start", name=cut(first_name or "", 64), examples=examples), main_menu(language))


def help_text(language: str, *, admin: bool = False) -> Reply:
    """How to use the bot; admins also get their commands (nobody else learns of them)."""
    text = t(language, "help", examples=Html(t(language, "examples")))
    return Reply(text + (t(language, "help_admin") if admin else ""), main_menu(language))


def plain(language: str, key: str, **values: object) -> Reply:
    """A one-line message from the catalog, without buttons."""
    return Reply(t(language, key, **values))


def results(language: str, outcome: SearchOutcome, page: int) -> Reply:
    """A page of search results: listings with buttons, the desks involved, paging."""
    query = cut(outcome.query, 100)
    if not outcome.products and not outcome.desks:
        sectors = sorted(outcome.sectors.values(), key=lambda s: _name(language, s))
        rows = [
            [_button(_name(language, a), callbacks.sector(a.key)) for a in sectors[i : i + 2]] for i in range(0, len(sectors), 2)
        ]
        return Reply(t(language, "no_results", query=query), InlineKeyboardMarkup(rows))
    total = len(outcome.products)
    page, first, end = _page_bounds(total, page, RESULTS_PER_PAGE)
    lines, rows = [], []
    if total:
        lines.append(t(language, "results_header", query=query, first=digits(language, str(first + 1)),
                       last=digits(language, str(end)), total=digits(language, str(total))))
    else:
        lines.append(t(language, "sector_desk_hint"))
    for rank, result in enumerate(outcome.products[first:end], first + 1):
        sector = outcome.sectors.get(result.sector)
        lines.append(
            t(
                language,
                "result_line",
                rank=digits(language, str(rank)),
                code=result.code,
                name=cut(result.name(language), 150),
                sector=_name(language, sector) if sector else result.sector,
                imports=Html(_imports(language, result.annual_import_usd)),
                score=digits(language, str(round(result.score))),
                # Open is the usual case; anything else (closed, awarded…) is worth seeing before opening the card.
                status=Html(t(language, "result_status", status=t(language, f"status_{result.status.value}")))
                if result.status not in (None, ProductStatus.OPEN) else "",
            )
        )
        rows.append([_button(label(language, "btn_result", rank=rank, code=result.code, name=result.name(language)),
                             callbacks.product(result.code, outcome.search_id, page))])
    if outcome.desks:
        lines.append(t(language, "results_desks_header"))
        for desk in outcome.desks[:3]:
            lines.append(t(language, "desk_line", name=cut(_name(language, desk), 150)))
            rows.append([_button(label(language, "btn_desk", name=_name(language, desk)), callbacks.desk(desk.code))])
    pager = _pager(language, page, total, RESULTS_PER_PAGE, lambda p: callbacks.results(outcome.search_id, p))
    if pager:
        rows.append(pager)
    return Reply("\n\n".join(lines), InlineKeyboardMarkup(rows))


def product_card(language: str, card: ProductCard, *, search_id: int | None = None, page: int = 0) -> Reply:
    """Every field of a listing, with "I'm interested", its desk and the way back."""
    product, desk = card.product, card.desk
    none = t(language, "none")
    desk_text = (
        t(language, "desk_summary", name=cut(_name(language, desk), 150), budget=Html(_budget(language, desk.budget_eur)),
          contact=cut(desk.contact or none, 100))
        if desk
        else none
    )
    text = t(
        language,
        "card",
        code=product.code,
        name=cut(_name(language, product), 200),
        other_name=cut(_other_name(language, product), 200),
        status=t(language, f"status_{product.status.value}"),
        sector=_name(language, card.sector) if card.sector else product.sector,
        hs_code=product.hs_code,
        imports=Html(_imports(language, product.annual_import_usd)),
        deadline=digits(language, product.deadline.isoformat()) if product.deadline else t(language, "no_deadline"),
        desk=Html(desk_text),
        companies=cut(", ".join(split_list(product.companies)) or none, 400),
        aliases=cut(", ".join(split_list(product.aliases)) or none, 400),
        description=cut(product.description, 1200),
    )
    rows = [[_button(label(language, "btn_interested"), callbacks.interested(product.code))]]
    if desk is not None:
        rows.append([_button(label(language, "btn_desk", name=_name(language, desk)), callbacks.desk(desk.code))])
    if search_id is not None:
        rows.append([_button(label(language, "btn_back_results"), callbacks.results(search_id, page))])
    return Reply(text, InlineKeyboardMarkup(rows))


def _listing_lines(language: str, products: Sequence[Product], first: int) -> list[str]:
    return [
        t(language, "list_line", rank=digits(language, str(rank)), code=p.code, name=cut(_name(language, p), 150),
          status=t(language, f"status_{p.status.value}"))
        for rank, p in enumerate(products, first + 1)
    ]


def _listing_buttons(language: str, products: Sequence[Product], first: int) -> list[list[InlineKeyboardButton]]:
    return [
        [_button(label(language, "btn_result", rank=rank, code=p.code, name=_name(language, p)), callbacks.product(p.code))]
        for rank, p in enumerate(products, first + 1)
    ]


def desks(language: str, items: Sequence[Desk]) -> Reply:
    """All desks with year and budget (those with published figures first), and the program's figures."""
    items = sorted(items, key=lambda d: (d.budget_eur is None, _name(language, d)))
    total = sum(d.budget_eur or 0 for d in items if d.source.startswith("Mehr"))
    program = t(language, "program_summary", total=money(language, total, "eur") or "—")
    lines = [t(language, "desks_header", program=Html(program))]
    lines += [
        t(language, "desk_list_line", name=cut(_name(language, d), 150), year=_year(language, d.program_year),
          budget=Html(_budget(language, d.budget_eur)))
        for d in items
    ]
    rows = [[_button(label(language, "btn_desk", name=_name(language, d)), callbacks.desk(d.code))] for d in items]
    return Reply("\n".join(lines), InlineKeyboardMarkup(rows))


def desk_card(language: str, card: DeskCard, page: int) -> Reply:
    """A desk's details and a page of its listings."""
    desk, none = card.desk, t(language, "none")
    common = {
        "name": cut(_name(language, desk), 150),
        "other_name": cut(_other_name(language, desk), 150),
        "sector": _name(language, card.sector) if card.sector else desk.sector,
        "contact": cut(desk.contact or none, 100),
        "description": cut(desk.description, 800),
    }
    if not card.products:
        return Reply(t(language, "desk_card_empty", **common), InlineKeyboardMarkup([[_button(label(language, "btn_desks"), callbacks.menu("desks"))]]))
    total = len(card.products)
    page, first, end = _page_bounds(total, page, LIST_PER_PAGE)
    header = t(language, "desk_card", year=_year(language, desk.program_year), budget=Html(_budget(language, desk.budget_eur)),
               count=digits(language, str(total)), first=digits(language, str(first + 1)), last=digits(language, str(end)), **common)
    rows = _listing_buttons(language, card.products[first:end], first)
    pager = _pager(language, page, total, LIST_PER_PAGE, lambda p: callbacks.desk(desk.code, p))
    rows += [pager] if pager else []
    return Reply("\n".join([header, *_listing_lines(language, card.products[first:end], first)]), InlineKeyboardMarkup(rows))


def sectors(language: str, items: Sequence[tuple[Sector, int]]) -> Reply:
    """Sectors with their numbers of listings, two buttons a row."""
    buttons = [_button(label(language, "btn_sector", name=_name(language, s), count=digits(language, str(n))), callbacks.sector(s.key)) for s, n in items]
    return Reply(t(language, "sectors_header"), InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)]))


def sector_page(language: str, sector: Sector, products: Sequence[Product], page: int) -> Reply:
    """A page of one sector's listings."""
    if not products:
        return Reply(t(language, "sector_empty", name=_name(language, sector)),
                     InlineKeyboardMarkup([[_button(label(language, "btn_sectors"), callbacks.menu("sectors"))]]))
    total = len(products)
    page, first, end = _page_bounds(total, page, LIST_PER_PAGE)
    header = t(language, "sector_page", name=_name(language, sector), first=digits(language, str(first + 1)),
               last=digits(language, str(end)), count=digits(language, str(total)))
    rows = _listing_buttons(language, products[first:end], first)
    pager = _pager(language, page, total, LIST_PER_PAGE, lambda p: callbacks.sector(sector.key, p))
    rows += [pager] if pager else []
    rows.append([_button(label(language, "btn_sectors"), callbacks.menu("sectors"))])
    return Reply("\n".join([header, *_listing_lines(language, products[first:end], first)]), InlineKeyboardMarkup(rows))


def interest(language: str, code: str, name: str, desk: Desk | None) -> Reply:
    """Confirmation of a new lead, asking for the optional note."""
    desk_line = (t(language, "interest_desk_line", desk=_name(language, desk)) if desk else t(language, "interest_no_desk"))
    return Reply(
        t(language, "interest_registered", code=code, name=cut(name, 200), desk_line=Html(desk_line)),
        InlineKeyboardMarkup([[_button(label(language, "btn_skip"), callbacks.menu("skip"))]]),
    )


def user_link(user_id: int, first_name: str, username: str | None) -> Html:
    """A mention that opens the user's profile, for admins."""
    label = html.escape(cut(first_name or str(user_id), 64), quote=False)
    handle = f" (@{html.escape(username, quote=False)})" if username else ""
    return Html(f'<a href="tg://user?id={user_id}">{label}</a>{handle}')


def admin_new_lead(language: str, *, lead_id: int, user: Html, product: Product, desk: Desk | None, sector: Sector | None) -> Reply:
    """The notice admins get for a new lead, with a button to its card."""
    return Reply(
        t(language, "admin_new_lead", lead_id=lead_id, user=user, code=product.code, name=cut(_name(language, product), 200),
          sector=_name(language, sector) if sector else product.sector, desk=_name(language, desk) if desk else t(language, "none")),
        InlineKeyboardMarkup([[_button(label(language, "btn_open_lead", id=lead_id), callbacks.lead(lead_id))]]),
    )


def admin_lead_note(language: str, *, lead_id: int, code: str, user: Html, note: str) -> Reply:
    """The notice admins get when an investor adds a note to a lead."""
    return Reply(t(language, "admin_lead_note", lead_id=lead_id, code=code, user=user, note=cut(note, 1000)))


def language_choice(language: str) -> Reply:
    """The two languages as buttons."""
    return Reply(
        t(language, "language_prompt"),
        InlineKeyboardMarkup([[_button("فارسی", callbacks.language("fa")), _button("English", callbacks.language("en"))]]),
    )
