"""Pure rendering: data in, message text (HTML) and inline keyboard out. No I/O, easy to test.

Every message stays under Telegram's 4096 characters by construction: free-text fields are cut to a
bounded length before they are escaped, and lists are paged.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import N_, Html, digits, label, money, t
from bot.services.browse import DeskCard, ProductCard, SearchOutcome
from bot.services.inputs import clean_text
from bot.services.digests import DigestContent, DigestItem, Messages
from bot.services.subscriptions import AlertOutcome, Overview
from bot.store.models import Alert, Desk, Frequency, Product, ProductStatus, Sector, Subscriber, split_list

from . import callbacks

RESULTS_PER_PAGE = 5
LIST_PER_PAGE = 8
MAX_MESSAGE = 4096
_BUTTON_TEXT = 60
STATUS_TEXT = {ProductStatus.OPEN: N_("status_open"), ProductStatus.IN_PROGRESS: N_("status_in_progress"),
               ProductStatus.AWARDED: N_("status_awarded"), ProductStatus.CLOSED: N_("status_closed")}


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


def _description(language: str, product: Product) -> str:
    """The listing's description in the reader's language; the English one when it has no Persian one."""
    return product.description_fa if language == "fa" and product.description_fa else product.description


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


def main_menu(language: str, *, with_help: bool = True) -> InlineKeyboardMarkup:
    """Sectors, desks, help (not on the help message itself) and the other language."""
    other = "en" if language == "fa" else "fa"
    second_row = [_button(label(language, "btn_language"), callbacks.language(other))]
    if with_help:
        second_row.insert(0, _button(label(language, "btn_help"), callbacks.menu("help")))
    return InlineKeyboardMarkup(
        [[_button(label(language, "btn_sectors"), callbacks.menu("sectors")), _button(label(language, "btn_desks"), callbacks.menu("desks"))], second_row]
    )


def start(language: str, first_name: str) -> Reply:
    """The greeting, with examples and the main menu."""
    examples = Html(t(language, "examples"))
    return Reply(t(language, "start", name=cut(clean_text(first_name or ""), 64), examples=examples), main_menu(language))


def help_text(language: str, *, admin: bool = False) -> Reply:
    """How to use the bot; admins also get their commands (nobody else learns of them)."""
    text = t(language, "help", examples=Html(t(language, "examples")))
    return Reply(text + (t(language, "help_admin") if admin else ""), main_menu(language, with_help=False))


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
                status=Html(t(language, "result_status", status=t(language, STATUS_TEXT[result.status])))
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
    if total:
        rows.append([_button(label(language, "btn_alert_similar"), callbacks.alert_search(outcome.search_id))])
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
        status=t(language, STATUS_TEXT[product.status]),
        sector=_name(language, card.sector) if card.sector else product.sector,
        hs_code=product.hs_code,
        imports=Html(_imports(language, product.annual_import_usd)),
        deadline=digits(language, product.deadline.isoformat()) if product.deadline else t(language, "no_deadline"),
        desk=Html(desk_text),
        companies=cut(", ".join(split_list(product.companies)) or none, 400),
        aliases=cut(", ".join(split_list(product.aliases)) or none, 400),
        description=cut(_description(language, product), 1200),
    )
    rows = [[_button(label(language, "btn_interested"), callbacks.interested(product.code))],
            [_button(label(language, "btn_alert_similar"), callbacks.alert_product(product.code))]]
    if desk is not None:
        rows.append([_button(label(language, "btn_desk", name=_name(language, desk)), callbacks.desk(desk.code))])
    if search_id is not None:
        rows.append([_button(label(language, "btn_back_results"), callbacks.results(search_id, page))])
    return Reply(text, InlineKeyboardMarkup(rows))


def _listing_lines(language: str, products: Sequence[Product], first: int) -> list[str]:
    return [
        t(language, "list_line", rank=digits(language, str(rank)), code=p.code, name=cut(_name(language, p), 150),
          status=t(language, STATUS_TEXT[p.status]))
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
    """A mention that opens the user's profile, for admins (names cleaned: a bidi override in a name must not
    make the notice read backwards)."""
    label = html.escape(cut(clean_text(first_name) or str(user_id), 64), quote=False)
    handle = f" (@{html.escape(clean_text(username), quote=False)})" if username else ""
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


# ------------------------------------------------------------------------------- subscriptions

FREQUENCY_CODES = {"i": Frequency.INSTANT, "d": Frequency.DAILY, "w": Frequency.WEEKLY}
_FREQUENCY_LETTER = {frequency: code for code, frequency in FREQUENCY_CODES.items()}
# Weekdays as each language's week runs: the Iranian week starts on Saturday.
_WEEK_ORDER = {"fa": (5, 6, 0, 1, 2, 3, 4), "en": (0, 1, 2, 3, 4, 5, 6)}
_WEEKDAY = (N_("weekday_0"), N_("weekday_1"), N_("weekday_2"), N_("weekday_3"), N_("weekday_4"), N_("weekday_5"),
            N_("weekday_6"))  # Monday first, as datetime.weekday() counts
_SCHEDULE = {Frequency.DAILY: N_("schedule_daily"), Frequency.WEEKLY: N_("schedule_weekly")}
_FREQUENCY_BUTTON = {Frequency.INSTANT: N_("btn_freq_instant"), Frequency.DAILY: N_("btn_freq_daily"),
                     Frequency.WEEKLY: N_("btn_freq_weekly")}


def _zone(language: str, zone: str) -> str:
    return t(language, "zone_tehran") if zone == "Asia/Tehran" else zone.rsplit("/", 1)[-1].replace("_", " ")


def _hour(language: str, hour: int) -> str:
    return digits(language, f"{hour:02d}")


def schedule(language: str, subscriber: Subscriber, zone: str) -> str:
    """The subscriber's schedule in words, e.g. every Saturday at 09:00 (Tehran time); escaped HTML."""
    if subscriber.frequency == Frequency.INSTANT:
        return t(language, "schedule_instant")
    return t(
        language,
        _SCHEDULE[subscriber.frequency],
        hour=_hour(language, subscriber.hour),
        weekday=t(language, _WEEKDAY[subscriber.weekday]),
        zone=_zone(language, zone),
    )


def mask_of(sectors: Sequence[Sector], ticked: Sequence[str]) -> int:
    """The ticked sectors as the bit set the /subscribe keyboards carry (bit i: i-th sector by key)."""
    return sum(1 << index for index, sector in enumerate(sectors) if sector.key in ticked)


def sectors_in(sectors: Sequence[Sector], mask: int) -> list[str] | None:
    """The sector keys of a bit set; None if it names sectors that do not exist (a stale keyboard)."""
    if mask >> len(sectors):
        return None
    return [sector.key for index, sector in enumerate(sectors) if mask >> index & 1]


def subscribe_picker(language: str, sectors: Sequence[Sector], mask: int) -> Reply:
    """The sectors with ticks, two a row, and Done."""
    buttons = [
        _button(label(language, N_("btn_sector_on") if mask >> index & 1 else N_("btn_sector_off"), name=_name(language, sector)),
                callbacks.sector_tick(mask, index))
        for index, sector in enumerate(sectors)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(label(language, "btn_done"), callbacks.sectors_done(mask))])
    return Reply(t(language, "subscribe_pick"), InlineKeyboardMarkup(rows))


def _sector_names(language: str, sectors: Sequence[Sector], keys: Sequence[str]) -> str:
    names = [_name(language, sector) for sector in sectors if sector.key in keys]
    return cut("، ".join(names) if language == "fa" else ", ".join(names), 1500) or t(language, "no_sectors")


def frequency_picker(language: str, sectors: Sequence[Sector], mask: int) -> Reply:
    """Instant, daily or weekly."""
    keys = sectors_in(sectors, mask) or []
    rows = [[_button(label(language, _FREQUENCY_BUTTON[frequency]), callbacks.frequency(mask, code))]
            for code, frequency in FREQUENCY_CODES.items()]
    return Reply(t(language, "subscribe_frequency", sectors=_sector_names(language, sectors, keys)), InlineKeyboardMarkup(rows))


def weekday_picker(language: str, mask: int) -> Reply:
    """The days of the week, in the order the user's week runs."""
    days = [_button(label(language, _WEEKDAY[day]), callbacks.weekday(mask, day)) for day in _WEEK_ORDER.get(language, _WEEK_ORDER["en"])]
    return Reply(t(language, "subscribe_weekday"), InlineKeyboardMarkup([days[:4], days[4:]]))


def hour_picker(language: str, mask: int, frequency_code: str, weekday: int, zone: str) -> Reply:
    """The 24 hours, six a row."""
    hours = [_button(label(language, "btn_hour", hour=_hour(language, hour)), callbacks.hour(mask, frequency_code, weekday, hour))
             for hour in range(24)]
    return Reply(t(language, "subscribe_hour", zone=_zone(language, zone)), InlineKeyboardMarkup([hours[i : i + 6] for i in range(0, 24, 6)]))


def _excluding(language: str, alert: Alert) -> Html:
    words = split_list(alert.exclude)
    return Html(t(language, "alert_excluding", words=", ".join(words)) if words else "")


def subscribed(language: str, overview: Overview, zone: str) -> Reply:
    """The confirmation after the last /subscribe tap."""
    assert overview.subscriber is not None
    names = [_name(language, sector) if sector else item.sector for item, sector in overview.sectors]
    return Reply(
        t(language, "subscribed", sectors=cut(", ".join(names), 1500) or t(language, "no_sectors"),
          schedule=Html(schedule(language, overview.subscriber, zone))),
        InlineKeyboardMarkup([[_button(label(language, "btn_mysubs"), callbacks.menu("subs"))]]),
    )


def alert_saved(language: str, outcome: AlertOutcome, zone: str) -> Reply:
    """The confirmation of /alert or of "Alert me about similar"."""
    alert = outcome.alert
    if not outcome.created:
        return Reply(t(language, "alert_exists", query=cut(alert.query, 150), excluding=_excluding(language, alert)))
    return Reply(t(language, "alert_saved", query=cut(alert.query, 150), excluding=_excluding(language, alert),
                   schedule=Html(schedule(language, outcome.subscriber, zone))))


def mysubs(language: str, overview: Overview, zone: str) -> Reply:
    """Status, schedule, each sector and alert with mute/resume and delete, and the global buttons."""
    subscriber = overview.subscriber
    if overview.empty:
        return Reply(t(language, "mysubs_empty"))
    assert subscriber is not None
    if not subscriber.active:
        status = t(language, N_("mysubs_blocked") if subscriber.stopped_reason == "blocked" else N_("mysubs_unsubscribed"))
    else:
        status = t(language, N_("mysubs_paused") if subscriber.paused else N_("mysubs_active"))
    lines = [t(language, "mysubs_header", status=Html(status), schedule=Html(schedule(language, subscriber, zone)))]
    rows: list[list[InlineKeyboardButton]] = []
    muted = Html(t(language, "mysubs_muted"))
    if overview.sectors:
        lines.append("\n" + t(language, "mysubs_sectors"))
        for item, sector in overview.sectors:
            name = _name(language, sector) if sector else item.sector
            lines.append(t(language, "mysubs_sector_line", name=name, muted=muted if item.muted else Html("")))
            toggle, op = (N_("btn_unmute"), "u") if item.muted else (N_("btn_mute"), "m")
            rows.append([_button(label(language, toggle, name=name), callbacks.my_sector(op, item.sector)),
                         _button(label(language, "btn_delete"), callbacks.my_sector("x", item.sector))])
    if overview.alerts:
        lines.append("\n" + t(language, "mysubs_alerts"))
        for alert in overview.alerts:
            assert alert.id is not None
            lines.append(t(language, "mysubs_alert_line", query=cut(alert.query, 150), excluding=_excluding(language, alert),
                           muted=muted if alert.muted else Html("")))
            toggle, op = (N_("btn_unmute"), "u") if alert.muted else (N_("btn_mute"), "m")
            rows.append([_button(label(language, toggle, name=cut(alert.query, 30)), callbacks.my_alert(op, alert.id)),
                         _button(label(language, "btn_delete"), callbacks.my_alert("x", alert.id))])
    paused = subscriber.paused or not subscriber.active
    rows.append([_button(label(language, N_("btn_resume") if paused else N_("btn_pause")), callbacks.menu("resume" if paused else "pause")),
                 _button(label(language, "btn_edit_subscription"), callbacks.menu("subedit"))])
    rows.append([_button(label(language, "btn_unsubscribe"), callbacks.menu("unsub"))])
    return Reply(cut("\n".join(lines), MAX_MESSAGE - 1), InlineKeyboardMarkup(rows))


# ------------------------------------------------------------------------------------- digests

# Room kept in each digest message for its header line and footer.
_DIGEST_BUDGET = MAX_MESSAGE - 300


def _utf16(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


def deep_link(bot_username: str, code: str) -> str:
    """The link that opens a listing's card in the bot."""
    return f"https://t.me/{bot_username}?start=p_{code}"


def _digest_item(language: str, item: DigestItem, sectors: dict[str, Sector], bot_username: str, *, with_sector: bool) -> str:
    product = item.product
    details = [_imports(language, product.annual_import_usd), t(language, STATUS_TEXT[product.status])]
    if with_sector:
        sector = sectors.get(product.sector)
        details.insert(0, html.escape(_name(language, sector) if sector else product.sector, quote=False))
    if product.deadline is not None:
        details.append(t(language, "digest_deadline", date=digits(language, product.deadline.isoformat())))
    details += [t(language, "digest_alert", query=cut(query, 60)) for query in item.alerts]
    return t(
        language,
        "digest_item",
        mark=t(language, N_("digest_mark_new") if item.is_new else N_("digest_mark_updated")),
        link=deep_link(bot_username, product.code),
        code=product.code,
        name=cut(_name(language, product), 150),
        details=Html(" · ".join(details)),
    )


def digest_messages(content: DigestContent, *, bot_username: str) -> Messages:
    """A digest as sendMessage parameters: sections packed into messages under Telegram's limit, in order.

    Closing-soon listings come first, then each sector (the sector with the largest import value
    first, its listings by import value), then new desks. Each item links to its card.
    """
    language = content.language
    sectors = {sector.key: sector for sector, _ in content.sections}
    sectors.update({desk_sector.key: desk_sector for _, desk_sector in content.desks if desk_sector is not None})
    blocks: list[list[str]] = []
    if content.closing_soon:
        blocks.append([t(language, "digest_closing_soon")] + [
            _digest_item(language, item, sectors, bot_username, with_sector=True) for item in content.closing_soon
        ])
    for sector, items in content.sections:
        blocks.append([t(language, "digest_sector", name=_name(language, sector))] + [
            _digest_item(language, item, sectors, bot_username, with_sector=False) for item in items
        ])
    if content.desks:
        blocks.append([t(language, "digest_desks")] + [
            t(language, "digest_desk", name=cut(_name(language, desk), 150),
              sector=_name(language, sector) if sector else desk.sector)
            for desk, sector in content.desks
        ])
    pages: list[list[str]] = [[]]
    size = 0
    for block in blocks:
        for position, line in enumerate(block):
            # A section's heading never ends a message: it moves on with its first item.
            needed = _utf16(line) + 2 + (_utf16(block[1]) + 2 if position == 0 and len(block) > 1 else 0)
            if pages[-1] and size + needed > _DIGEST_BUDGET:
                pages.append([])
                size = 0
            pages[-1].append(("\n" if position == 0 and pages[-1] else "") + line)
            size += _utf16(line) + 2
    since = digits(language, content.since_day.isoformat())
    header = t(language, "digest_header", count=digits(language, str(content.count)), since=since)
    messages: Messages = []
    for number, page in enumerate(pages, 1):
        part = t(language, "digest_part", part=digits(language, str(number)), parts=digits(language, str(len(pages)))) if len(pages) > 1 else ""
        top = (header if number == 1 else t(language, "digest_continued")) + part
        body = [top, "", *page]
        markup = None
        if number == len(pages):
            body += ["", t(language, "digest_footer")]
            markup = InlineKeyboardMarkup([[_button(label(language, "btn_mysubs"), callbacks.menu("subs"))]]).to_dict()
        messages.append({"text": "\n".join(body), "reply_markup": markup})
    return messages
