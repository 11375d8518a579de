"""The introductions' messages: the offer on a listing, the manufacturer's question, the exchange of contacts,
and /introductions."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton

from bot.dates import format_moment
from bot.i18n import N_, Html, MessageId, commas, digits, label, name_list, t, tn
from bot.services.introductions import Answered, Asked, Mine, Offer
from bot.services.suppliers import list_name
from bot.store.models import IntroductionState, ManufacturerProfile, Product, split_list
from bot.telegram.ui import Reply, company_name, cut, keyboard, name, page_bounds, pager, user_link

from ..browse.buttons import OpenListing
from .buttons import AcceptIntroduction, ConfirmIntroduction, DeclineIntroduction, MyIntroductions, WithdrawIntroduction

PER_PAGE = 5
STATES: dict[IntroductionState, MessageId] = {
    IntroductionState.ASKED: N_("intro_state_asked"),
    IntroductionState.ACCEPTED: N_("intro_state_accepted"),
    IntroductionState.DECLINED: N_("intro_state_declined"),
    IntroductionState.WITHDRAWN: N_("intro_state_withdrawn"),
    IntroductionState.REMOVED: N_("intro_state_removed"),
}


def _listing(language: str, product: Product | None, code: str) -> str:
    return f"{code} {cut(name(language, product), 120)}" if product is not None else code


def _processes(language: str, profile: ManufacturerProfile) -> str:
    return name_list(language, (list_name("processes.csv", key, language) for key in split_list(profile.processes))) or t(language, "none")


def _province(language: str, profile: ManufacturerProfile) -> str:
    return list_name("provinces.csv", profile.province, language) if profile.province else t(language, "none")


def offer(language: str, found: Offer) -> Reply:
    """Whom the bot would ask, as consent lets an investor see them before they accept: province, processes,
    knowledge-based; no company (a decline stays anonymous)."""
    product = found.product
    lines = [tn(language, "intro_offer", len(found.candidates), count=digits(language, str(len(found.candidates))), code=product.code,
               name=cut(name(language, product), 150))]
    for rank, supplier in enumerate(found.candidates, 1):
        profile = supplier.profile
        lines.append(t(language, "intro_offer_line", rank=digits(language, str(rank)), province=_province(language, profile),
                       processes=_processes(language, profile))
                     + (" · " + t(language, "supplier_knowledge_based") if profile.knowledge_based else ""))
    lines.append(t(language, "intro_offer_how"))
    return Reply("\n".join(lines), keyboard([[ConfirmIntroduction(product.code).button(label(language, "btn_intro_confirm"))]]))


def asked(language: str, product: Product, count: int) -> Reply:
    """The investor's confirmation, with the way to take the request back."""
    return Reply(tn(language, "intro_asked", count, count=digits(language, str(count)), code=product.code, name=cut(name(language, product), 150)),
                 keyboard([[WithdrawIntroduction(product.code).button(label(language, "btn_intro_withdraw"))],
                           [MyIntroductions().button(label(language, "btn_my_introductions"))]]))


def question(language: str, item: Asked, product: Product, investor_first_name: str) -> Reply:
    """What a manufacturer is asked: the listing and the investor's first name, nothing more until they accept."""
    intro_id = item.introduction.id or 0
    return Reply(t(language, "intro_question", investor=cut(investor_first_name or "—", 64), code=product.code,
                   name=cut(name(language, product), 150), company=company_name(language, item.profile.company, 120)),
                 keyboard([[AcceptIntroduction(intro_id).button(label(language, "btn_intro_accept")),
                            DeclineIntroduction(intro_id).button(label(language, "btn_intro_decline"))],
                           [OpenListing(product.code).button(label(language, "btn_open_listing", code=product.code))]]))


def withdrawn(language: str, code: str) -> Reply:
    return Reply(t(language, "intro_withdrawn", code=code), keyboard([[MyIntroductions().button(label(language, "btn_my_introductions"))]]))


def withdrawn_notice(language: str, code: str, investor_first_name: str) -> Reply:
    """A manufacturer still asked hears that the investor took the request back."""
    return Reply(t(language, "intro_withdrawn_notice", investor=cut(investor_first_name or "—", 64), code=code))


def already(language: str, state: IntroductionState) -> str:
    """The toast of a second tap on Accept or Decline."""
    if state is IntroductionState.WITHDRAWN:
        return t(language, "intro_answer_withdrawn")
    return t(language, "intro_answer_already", state=t(language, STATES[state]))


def _manufacturer_contact(language: str, profile: ManufacturerProfile, user_id: int, first_name: str, username: str | None) -> str:
    contact = t(language, "intro_contact_extra", contact=cut(profile.contact, 200)) if profile.contact else ""
    return t(language, "intro_manufacturer_contact", company=company_name(language, profile.company, 120), province=_province(language, profile),
             person=user_link(user_id, first_name, username)) + contact


def accepted_for_investor(language: str, done: Answered, user_id: int, first_name: str, username: str | None) -> Reply:
    """The investor gets the manufacturer's contact: their Telegram, their username, the profile's contact."""
    code = done.introduction.product_code
    return Reply(t(language, "intro_accepted_investor", code=code, name=cut(name(language, done.product), 150) if done.product else code,
                   contact=Html(_manufacturer_contact(language, done.profile, user_id, first_name, username))),
                 keyboard([[MyIntroductions().button(label(language, "btn_my_introductions"))]]))


def _investor_contact(done: Answered) -> Html:
    investor = done.investor
    user_id = done.introduction.investor_id
    return user_link(user_id, investor.first_name if investor else str(user_id), investor.username if investor else None)


def accepted_for_manufacturer(language: str, done: Answered) -> Reply:
    """The manufacturer's question becomes the investor's contact."""
    code = done.introduction.product_code
    return Reply(t(language, "intro_accepted_manufacturer", code=code, name=cut(name(language, done.product), 150) if done.product else code,
                   investor=_investor_contact(done)),
                 keyboard([[MyIntroductions().button(label(language, "btn_my_introductions"))]]))


def declined_for_manufacturer(language: str, done: Answered) -> Reply:
    return Reply(t(language, "intro_declined_manufacturer", code=done.introduction.product_code))


def declined_for_investor(language: str, done: Answered) -> Reply:
    """Told gently, never naming who declined; what is left: others still asked, or the desk."""
    code = done.introduction.product_code
    if done.still_asked:
        text = tn(language, "intro_declined_others_pending", done.still_asked, code=code, count=digits(language, str(done.still_asked)))
    elif done.accepted:
        text = t(language, "intro_declined_one", code=code)
    else:
        text = t(language, "intro_declined_all", code=code)
    return Reply(text, keyboard([[OpenListing(code).button(label(language, "btn_open_listing", code=code))]]))


def _item(language: str, item: Mine, tz: ZoneInfo) -> str:
    intro = item.introduction
    when = format_moment(language, intro.created_at, tz)
    decided = t(language, "intro_item_decided", state=t(language, STATES[intro.state]), when=format_moment(language, intro.decided_at, tz)) \
        if intro.decided_at is not None else t(language, STATES[intro.state])
    listing = _listing(language, item.product, intro.product_code)
    if item.as_investor:
        owner = item.owner
        who = (_manufacturer_contact(language, item.profile, owner.id, owner.first_name, owner.username)
               if item.profile is not None and owner is not None else t(language, "intro_a_manufacturer"))
        return t(language, "intro_item_investor", listing=listing, when=when, state=Html(decided), who=Html(who))
    investor = item.investor
    who = (user_link(intro.investor_id, investor.first_name if investor else "", investor.username if investor else None)
           if intro.state is IntroductionState.ACCEPTED else (investor.first_name if investor and investor.first_name else "—"))
    return t(language, "intro_item_manufacturer", listing=listing, when=when, state=Html(decided), investor=who)


def _buttons(language: str, item: Mine) -> list[InlineKeyboardButton]:
    intro = item.introduction
    if intro.state is not IntroductionState.ASKED:
        return []
    if item.as_investor:
        return [WithdrawIntroduction(intro.product_code).button(label(language, "btn_intro_withdraw_code", code=intro.product_code))]
    return [AcceptIntroduction(intro.id or 0).button(label(language, "btn_intro_accept_code", code=intro.product_code)),
            DeclineIntroduction(intro.id or 0).button(label(language, "btn_intro_decline"))]


def my_introductions(language: str, items: list[Mine], page: int, tz: ZoneInfo) -> Reply:
    """A page of the user's introductions, newest first, with state and dates (Jalali in Persian)."""
    if not items:
        return Reply(t(language, "introductions_empty"))
    total = len(items)
    page, first, end = page_bounds(total, page, PER_PAGE)
    shown = items[first:end]
    header = t(language, "introductions_header", first=digits(language, str(first + 1)), last=digits(language, str(end)),
               total=digits(language, str(total)))
    rows: list[list[InlineKeyboardButton]] = []
    withdrawable: set[str] = set()
    for item in shown:
        buttons = _buttons(language, item)
        if item.as_investor and buttons:  # one Withdraw per listing: it takes back the whole request
            if item.introduction.product_code in withdrawable:
                continue
            withdrawable.add(item.introduction.product_code)
        rows.append(buttons)
    rows.append(pager(language, page, total, PER_PAGE, MyIntroductions))
    return Reply("\n\n".join([header, *(_item(language, item, tz) for item in shown)]), keyboard(rows))
