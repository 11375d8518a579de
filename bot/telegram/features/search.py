"""Search: any plain message (unless it answers a /profile question or is the lead note the bot asked for), /search, and the result pages.

A plain message that is small talk (a greeting, thanks, a question about the bot) and that no listing
answers gets a short answer instead of a search; a listing's code opens its card; an unknown /command
points to /help. Messages the bot cannot read (stickers, photos, voice…) get a word on what it does read. A
manufacturer saying what it makes is pointed to /profile or /opportunities first (results, if any, follow).

A search admits doubt: confident results come with a quiet "Not what I was looking for"; related
suggestions alone are offered as "Did you mean…?" with "None of these"; with neither, the bot says nothing
fits and offers the next steps. Both feedbacks are stored with the search, once, by the searcher only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from telegram import InlineKeyboardButton
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.i18n import N_, Html, digits, label, t
from bot.services import browse, confirmations, opportunities, profile_answers
from bot.services.browse import Feedback, SearchOutcome
from bot.services.search import Result
from bot.store.models import SearchFeedback, Sector
from bot.telegram.buttons import ButtonData, Page, RecordId
from bot.telegram.turn import Outcome, Turn, expired, handler, on_press
from bot.telegram.ui import Reply, by_name, cut, grid, keyboard, listing_button, name, pager, page_bounds, status, status_mark, yearly_imports
from matching import parse_hs_query, parse_listing_code
from matching.smalltalk import Talk, asks_what_a_status_means

from .browse import render as browse_render
from .browse.handlers import card_for, open_product
from .browse.buttons import OpenListing, OpenSector, OpenSuggestion, ResultsPage, desk_button
from .claims import handlers as claims
from .leads import handlers as leads
from .opportunities import render as opportunities_render
from .profile import handlers as profile
from .suppliers import handlers as suppliers
from .requests.render import tell_when_listed
from .subscriptions.buttons import AlertLikeResults

if TYPE_CHECKING:
    from bot.telegram.app import App

RESULTS_PER_PAGE = 5
DESKS_SHOWN = 3
"""Desks listed under the results; more are a tap away (:class:`ResultsDesks`)."""
DESKS_PER_PAGE = 8
SUGGESTIONS_SHOWN = 5
"""Related suggestions offered as "Did you mean…?": a few, best first."""
TALK_ANSWERS = {
    Talk.GREETING: N_("talk_greeting"),
    Talk.THANKS: N_("talk_thanks"),
    Talk.FAREWELL: N_("talk_farewell"),
    Talk.WISHES: N_("talk_wishes"),
    Talk.PRIVACY: N_("talk_privacy"),
    Talk.QUESTION: N_("talk_question"),
    Talk.NO_PRODUCT: N_("talk_no_product"),
}


@dataclass(frozen=True, slots=True)
class ResultsDesks(ButtonData):
    """A page of every desk of a logged search's sectors, leading back to the results page it came from."""

    prefix: ClassVar[str] = "rd"
    search: RecordId
    results_page: Page
    page: Page


@dataclass(frozen=True, slots=True)
class NoneOfThese(ButtonData):
    """Under "Did you mean…?": none of the suggestions was what the searcher meant."""

    prefix: ClassVar[str] = "fbn"
    search: RecordId


@dataclass(frozen=True, slots=True)
class NotWhatIWanted(ButtonData):
    """Under confident results: they were not what the searcher was looking for."""

    prefix: ClassVar[str] = "fbw"
    search: RecordId


FEEDBACK_THANKS = {
    SearchFeedback.NONE_OF_THESE: N_("feedback_none_of_these"),
    SearchFeedback.NOT_WHAT_I_WANTED: N_("feedback_not_what_i_wanted"),
}

# ---------------------------------------------------------------------------------------- handlers


@handler
def on_text(turn: Turn) -> Outcome:
    """Take a plain message as the profile answer, what /claim asked for, the lead note or the desk's message to a
    manufacturer the bot asked for, else as small talk or a search."""
    if profile.leaves_question(turn):
        reply = talk_or_search_reply(turn, turn.text)
        return Outcome(reply=Reply(t(turn.language, "profile_question_left") + "\n\n" + reply.text, reply.markup))
    return (typed_at_confirmation(turn) or profile.take_answer(turn) or claims.take_text(turn) or leads.take_note(turn)
            or suppliers.take_message(turn) or Outcome(reply=talk_or_search_reply(turn, turn.text)))


def typed_at_confirmation(turn: Turn) -> Outcome | None:
    """A yes or no typed while a question answered by its buttons waits (:mod:`bot.services.confirmations`): neither
    searched nor logged; a yes is asked to tap the button, a no changes nothing (as Keep). Else None."""
    answer = confirmations.take_typed(turn.person.id, turn.waiting.step, turn.text, session=turn.session)
    if answer is None:
        return None
    if answer == "no":
        return Outcome(reply=Reply(t(turn.language, "confirm_typed_no")))
    return Outcome(reply=Reply(t(turn.language, "confirm_typed_yes", answer=cut(turn.text.strip(), 40))))


@handler
def unknown_command(turn: Turn) -> Outcome:
    """A /command no handler took: not a product to search for, so point to /help (a pending note waits)."""
    return Outcome(reply=Reply(t(turn.language, "unknown_command", command=cut(turn.text.split()[0], 40))))


def talk_or_search_reply(turn: Turn, text: str) -> Reply:
    """A short answer to small talk no listing answers, a listing's card for its code, else the results."""
    # One letter or digit is no need either: «x» would be offered X-ray tubes and «ع» logged as unmet demand.
    if not browse.clean_query(text) or sum(ch.isalnum() for ch in text) < 2:
        return Reply(t(turn.language, "empty_query"))
    # «بگذر», "skip", «بعداً» with no question waiting (the build was left, or the button already pressed) answer a
    # question, not a need: searched, a user trial's «بگذر» was logged as unmet demand.
    if profile_answers.is_skip(text):
        return Reply(t(turn.language, "nothing_to_skip"))
    # «واگذار شده یعنی چی؟», "what does awarded mean": the bot's own word asked about, even beside the listing's name;
    # searched, a blind trial's question was logged as a need for «سوال» and «دیگه نمیشه».
    if asks_what_a_status_means(text):
        return Reply(t(turn.language, "status_meanings"))
    # A code no listing has, with the letters of listings' codes ("REF-99"): the nearest codes, as /product offers
    # them; searched, its number would be read as a quantity and its letters as a word.
    if browse.code_shaped(text):
        code = browse.written_as(text, session=turn.session)
        nearest = browse.nearest_of_family(text, session=turn.session) if browse.product_card(code, session=turn.session) is None else []
        if nearest:
            return browse_render.not_found(turn.language, text.strip(), browse.listings(nearest, session=turn.session))
    found = browse.talk_or_search(text, session=turn.session, matcher=turn.matcher, user_id=turn.person.id)
    if isinstance(found, Talk):
        return Reply(t(turn.language, TALK_ANSWERS[found]))
    if isinstance(found, browse.DeskQuestion):  # «شماره تماس میز خودرو»: the desk's card holds its contact
        desk = browse.desk_card(found.desk.code, session=turn.session) if found.desk else None
        return browse_render.desk_card(turn.language, desk, 0, asked_phone=found.asked_phone) if desk else browse_render.desks(turn.language, browse.desks(session=turn.session))
    if isinstance(found, browse.KeyboardMash):
        return keyboard_mash_reply(turn.language, text, [s for s, _ in browse.sectors(session=turn.session)])
    if isinstance(found, browse.MakerIntro):  # no listing named: what a shop like theirs could make, if it says how it works
        shop = opportunities.read_message(text)
        ranked = opportunities.for_shop(shop, session=turn.session)
        return profile.point_maker(turn, opportunities_render.shop_list(turn.language, shop, ranked) if ranked else None)
    if found.maker:  # a manufacturer's word on what it makes: what fits them first, then what it found
        return profile.point_maker(turn, results(turn.language, found, page=0))
    products = found.products
    # A code copied from a card or a list ("AUT-012", "aut 12"): the engine finds that listing alone.
    named = parse_listing_code(text)
    if named is not None and len(products) == 1 and parse_listing_code(products[0].code) == named:
        card = browse.product_card(products[0].code, session=turn.session)
        if card is not None:
            return card_for(turn, card)
    return results(turn.language, found, page=0)


@handler
def product_command(turn: Turn) -> Outcome:
    """/product CODE opens that listing's card; an HS code after it (`/product 8708`, «/product ۸۷۰۸») lists the
    listings under that heading, as searching the code does: no listing has a code of digits alone."""
    typed = " ".join(turn.args)
    if parse_hs_query(typed) is not None:
        return Outcome(reply=search_reply(turn, typed))
    return open_product(turn)


@handler
def search_command(turn: Turn) -> Outcome:
    """Search for the text after /search."""
    return Outcome(reply=search_reply(turn, " ".join(turn.args)))


def search_reply(turn: Turn, text: str) -> Reply:
    """The first page of results for ``text`` (logged), or how to search when it holds nothing to search."""
    # One letter or digit is no need either: «x» would be offered X-ray tubes and «ع» logged as unmet demand.
    if not browse.clean_query(text) or sum(ch.isalnum() for ch in text) < 2:
        return Reply(t(turn.language, "empty_query"))
    outcome = browse.search(text, session=turn.session, matcher=turn.matcher, user_id=turn.person.id)
    return results(turn.language, outcome, page=0)


def results_page(turn: Turn, pressed: ResultsPage) -> Outcome:
    # Only the presser's own searches: a forged id recalls nothing.
    outcome = browse.recall(pressed.search, session=turn.session, matcher=turn.matcher, user_id=turn.person.id)
    return Outcome(reply=results(turn.language, outcome, pressed.page), edit=True) if outcome else expired(turn)


def results_desks(turn: Turn, pressed: ResultsDesks) -> Outcome:
    outcome = browse.recall(pressed.search, session=turn.session, matcher=turn.matcher, user_id=turn.person.id)
    return Outcome(reply=desks_page(turn.language, outcome, pressed.results_page, pressed.page), edit=True) if outcome else expired(turn)


def none_of_these(turn: Turn, pressed: NoneOfThese) -> Outcome:
    return _feedback(turn, pressed.search, SearchFeedback.NONE_OF_THESE)


def not_what_i_wanted(turn: Turn, pressed: NotWhatIWanted) -> Outcome:
    return _feedback(turn, pressed.search, SearchFeedback.NOT_WHAT_I_WANTED)


def _feedback(turn: Turn, search: int, feedback: SearchFeedback) -> Outcome:
    """Store the searcher's word on the answer once, and thank them with the next steps (a new message: the
    results stay in view); a second tap only says it was noted, someone else's search is "expired"."""
    done = browse.give_feedback(search, feedback, session=turn.session, user_id=turn.person.id)
    if done == Feedback.REFUSED:
        return expired(turn)
    if done == Feedback.ALREADY:
        return Outcome(toast=t(turn.language, "feedback_already"))
    return Outcome(reply=feedback_thanks(turn.language, feedback, [s for s, _ in browse.sectors(session=turn.session)], search))


@handler
def on_other_message(turn: Turn) -> Outcome:
    """Stickers, photos, voice and the like: say what the bot understands."""
    return Outcome(reply=Reply(t(turn.language, "non_text")))


def register(application: App) -> None:
    """/search, /product (a listing's card, or the listings under an HS code) and result pages; plain text and other messages come later (:func:`register_text`, :func:`register_other_messages`)."""
    application.add_handler(CommandHandler("search", search_command))
    application.add_handler(CommandHandler("product", product_command))
    application.add_handler(on_press(ResultsPage, results_page))
    application.add_handler(on_press(ResultsDesks, results_desks))
    application.add_handler(on_press(NoneOfThese, none_of_these))
    application.add_handler(on_press(NotWhatIWanted, not_what_i_wanted))


def register_text(application: App) -> None:
    """Unknown /commands, then plain text: after every command handler, which take the known ones."""
    application.add_handler(MessageHandler(filters.COMMAND & ~filters.UpdateType.EDITED, unknown_command))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.UpdateType.EDITED, on_text))


def register_other_messages(application: App) -> None:
    """Everything else a person can send in a chat (stickers, photos, voice…): after documents."""
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, on_other_message))


# --------------------------------------------------------------------------------------- renderers


def results(language: str, outcome: SearchOutcome, page: int) -> Reply:
    """A page of search results: listings with buttons, the desks involved, paging; "Did you mean…?" when
    only related suggestions answer; the next steps when nothing does."""
    if not outcome.confident:
        return did_you_mean(language, outcome) if outcome.related else nothing_fits(language, outcome)
    query = cut(outcome.query, 100)
    total = len(outcome.products)
    page, first, end = page_bounds(total, page, RESULTS_PER_PAGE)
    lines, rows = [], []
    if total:
        # A sector's listings answer a sector's name ("medical devices"): its open ones, said so, as the desk card
        # counts them beside all of its listings.
        sector_only = all(result.why.startswith("sector:") for result in outcome.products)
        lines.append(t(language, N_("results_header_open") if sector_only else N_("results_header"), query=query,
                       first=digits(language, str(first + 1)), last=digits(language, str(end)), total=digits(language, str(total))))
    else:
        lines.append(t(language, "sector_desk_hint"))
    for rank, result in enumerate(outcome.products[first:end], first + 1):
        lines.append(
            t(
                language,
                # A sector's listings all match the sector's name fully: "match 100%" on each would say nothing.
                N_("result_line_sector") if result.why.startswith("sector:") else N_("result_line"),
                **_shown(language, result, rank, outcome.sectors),
                imports=Html(yearly_imports(language, result.annual_import_usd)),
                score=digits(language, str(round(result.score))),
            )
        )
        rows.append([OpenListing(result.code, outcome.search_id, page).button(_result_label(language, result, rank))])
    rank = total
    for missing in outcome.unmatched if page == 0 else ():  # a list's other items, each said: none is lost
        if not missing.related:
            lines.append(t(language, "item_not_found", item=cut(missing.item, 60)))
            continue
        lines.append("\n".join([t(language, "item_did_you_mean", item=cut(missing.item, 60)), *(
            t(language, "suggestion_line", **_shown(language, result, rank, outcome.sectors))
            for rank, result in enumerate(missing.related, rank + 1))]))
        rows += [[OpenSuggestion(result.code, outcome.search_id).button(_result_label(language, result, rank))]
                 for rank, result in enumerate(missing.related, rank + 1)]
        rank += len(missing.related)
    if outcome.desks:
        lines.append(t(language, "results_desks_header"))
        for desk in outcome.desks[:DESKS_SHOWN]:
            lines.append(t(language, "desk_line", name=cut(name(language, desk), 150)))
            rows.append([desk_button(language, desk, outcome.search_id, page)])
        if len(outcome.desks) > DESKS_SHOWN:
            more = label(language, "btn_all_desks", count=digits(language, str(len(outcome.desks))))
            rows.append([ResultsDesks(outcome.search_id, page, 0).button(more)])
    if total:
        rows.append([AlertLikeResults(outcome.search_id).button(label(language, "btn_alert_similar"))])
    rows.append([NotWhatIWanted(outcome.search_id).button(label(language, "btn_not_what_i_wanted"))])
    rows.append(pager(language, page, total, RESULTS_PER_PAGE, lambda p: ResultsPage(outcome.search_id, p)))
    return Reply("\n\n".join(lines), keyboard(rows))


def _shown(language: str, result: Result, rank: int, sectors: dict[str, Sector]) -> dict[str, object]:
    """What a result's or a suggestion's line shows of it: rank, code, name, sector, status."""
    sector = sectors.get(result.sector)
    # Open is the usual case; anything else (closed, awarded…) is worth seeing before opening the card.
    return {"rank": digits(language, str(rank)), "code": result.code, "name": cut(result.name(language), 150),
            "sector": name(language, sector) if sector else result.sector, "status": status_mark(language, result.status)}


def _result_label(language: str, result: Result, rank: int) -> str:
    return listing_button(language, rank, result.code, result.name(language), result.status)


def _sector_buttons(language: str, sectors: Iterable[Sector]) -> list[list[InlineKeyboardButton]]:
    """A button per sector, two a row, in the reader's alphabet order: where to look next."""
    return grid([OpenSector(s.key).button(name(language, s)) for s in sorted(sectors, key=by_name(language))])


def did_you_mean(language: str, outcome: SearchOutcome) -> Reply:
    """Only related suggestions answer the search: say so plainly, offer them (each opens its card, which
    leads back here) and "None of these"."""
    shown = outcome.related[:SUGGESTIONS_SHOWN]
    lines = [t(language, "did_you_mean", query=cut(outcome.query, 100))]
    lines += [t(language, "suggestion_line", **_shown(language, result, rank, outcome.sectors)) for rank, result in enumerate(shown, 1)]
    rows = [[OpenSuggestion(result.code, outcome.search_id).button(_result_label(language, result, rank))]
            for rank, result in enumerate(shown, 1)]
    rows.append([NoneOfThese(outcome.search_id).button(label(language, "btn_none_of_these"))])
    rows.append(tell_when_listed(language, outcome.search_id))
    return Reply("\n\n".join(lines), keyboard(rows))


def nothing_fits(language: str, outcome: SearchOutcome) -> Reply:
    """Neither a confident match nor a suggestion: say nothing fits, with the next steps (rephrasing tips in
    the text, the sectors as buttons)."""
    rows = [tell_when_listed(language, outcome.search_id), *_sector_buttons(language, outcome.sectors.values())]
    return Reply(t(language, "no_results", query=cut(outcome.query, 100)), keyboard(rows))


def keyboard_mash_reply(language: str, text: str, sectors: Iterable[Sector]) -> Reply:
    """Keys hit at random: how to search, and the sectors to browse; nothing was recorded, so no "tell me"."""
    return Reply(t(language, "keyboard_mash", query=cut(text.strip(), 40)), keyboard(_sector_buttons(language, sectors)))


def feedback_thanks(language: str, feedback: SearchFeedback, sectors: Iterable[Sector], search: int) -> Reply:
    """Thanks for the word on an answer, with how to search again and the sectors to browse; after "None of these"
    (no confident match), first "Tell me when something like this is listed" for that ``search`` again."""
    text = t(language, FEEDBACK_THANKS[feedback]) + "\n\n" + t(language, "search_tips")
    told = [tell_when_listed(language, search)] if feedback is SearchFeedback.NONE_OF_THESE else []
    return Reply(text, keyboard([*told, *_sector_buttons(language, sectors)]))


def desks_page(language: str, outcome: SearchOutcome, results_page: int, page: int) -> Reply:
    """A page of every desk of the search's sectors, each opening its card, and the way back to the results."""
    total = len(outcome.desks)
    page, first, end = page_bounds(total, page, DESKS_PER_PAGE)
    header = t(language, "results_desks_page", query=cut(outcome.query, 100), first=digits(language, str(first + 1)),
               last=digits(language, str(end)), total=digits(language, str(total)))
    shown = outcome.desks[first:end]
    lines = [header, *(t(language, "desk_line", name=cut(name(language, desk), 150)) for desk in shown)]
    rows = [*([desk_button(language, desk, outcome.search_id, results_page)] for desk in shown),
            pager(language, page, total, DESKS_PER_PAGE, lambda p: ResultsDesks(outcome.search_id, results_page, p)),
            [ResultsPage(outcome.search_id, results_page).button(label(language, "btn_back_results"))]]
    return Reply("\n".join(lines), keyboard(rows))
