"""Subscriptions: the commands, the /subscribe picker's taps, the /mysubs buttons, "Alert me about similar" and
"Tell me if it reopens"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.i18n import N_, Html, t
from bot.services import subscriptions
from bot.services.subscriptions import AlertOutcome, Refusal, SubscriptionError, WatchOutcome
from bot.store.models import Frequency, Sector
from bot.telegram.turn import Outcome, Turn, expired, handler, on_press
from bot.telegram.ui import Reply, name, toast, with_digits

from . import render
from .buttons import AlertLikeListing, AlertLikeResults, ChangeAlert, ChangeSector, ConfirmUnsubscribe, EditSubscription, ForgetWatch, PauseDigests
from .buttons import PickFrequency, PickHour, PickWeekday, ResumeDigests, SectorsDone, ShowSubscriptions, TickSector, Unsubscribe

if TYPE_CHECKING:
    from bot.telegram.app import App

# What the services refuse, worded (their codes are these message ids).
_REFUSALS = {
    Refusal.ALERT_TOO_LONG: N_("alert_too_long"),
    Refusal.ALERT_EMPTY: N_("alert_usage"),
    Refusal.TOO_MANY_EXCLUSIONS: N_("alert_too_many_exclusions"),
    Refusal.TOO_MANY_ALERTS: N_("alert_too_many"),
    Refusal.NO_SECTOR: N_("subscribe_need_sector"),
    Refusal.STALE: N_("expired"),
}
_CHANGED = {"m": N_("toast_muted"), "u": N_("toast_unmuted"), "d": N_("toast_deleted")}


def _problem(language: str, error: SubscriptionError) -> str:
    return t(language, _REFUSALS[error.refusal], **with_digits(language, error.values))


def _overview(turn: Turn) -> Reply:
    return render.mysubs(turn.language, subscriptions.overview(turn.person.id, session=turn.session), turn.settings.timezone)


def _picker(turn: Turn) -> Reply:
    choices = subscriptions.sector_choices(session=turn.session)
    mask = render.mask_of(choices, subscriptions.subscribed_sectors(turn.person.id, session=turn.session))
    return render.subscribe_picker(turn.language, choices, mask)


def _resume(turn: Turn) -> Reply:
    subscriber = subscriptions.resume(turn.person.id, session=turn.session)
    if subscriber is None:
        return Reply(t(turn.language, "nothing_to_resume"))
    return Reply(t(turn.language, "resumed", schedule=Html(render.schedule(turn.language, subscriber, turn.settings.timezone))))


# ---------------------------------------------------------------------------------------- commands


@handler
def subscribe_command(turn: Turn) -> Outcome:
    """Show the sector picker, with the user's current sectors ticked."""
    return Outcome(reply=_picker(turn))


@handler
def alert_command(turn: Turn) -> Outcome:
    """Save the standing query after /alert (words after "-" exclude listings)."""
    text = " ".join(turn.args)
    if not text.strip():
        return Outcome(reply=Reply(t(turn.language, "alert_usage")))
    try:
        outcome = subscriptions.add_alert(turn.person.id, text, session=turn.session)
    except SubscriptionError as error:
        return Outcome(reply=Reply(_problem(turn.language, error)))
    return Outcome(reply=render.alert_saved(turn.language, outcome, turn.settings.timezone))


@handler
def mysubs_command(turn: Turn) -> Outcome:
    """List the user's sectors and alerts with buttons to mute, resume or delete each."""
    return Outcome(reply=_overview(turn))


@handler
def pause_command(turn: Turn) -> Outcome:
    """Pause digests until /resume."""
    paused = subscriptions.pause(turn.person.id, session=turn.session)
    return Outcome(reply=Reply(t(turn.language, N_("paused") if paused else N_("not_subscribed"))))


@handler
def resume_command(turn: Turn) -> Outcome:
    """Resume digests after /pause (or after the bot was blocked)."""
    return Outcome(reply=_resume(turn))


def _stoppable(overview: subscriptions.Overview) -> bool:
    """Whether unsubscribing would stop anything (what ``subscriptions.unsubscribe`` reports, asked first)."""
    return not overview.empty or (overview.subscriber is not None and overview.subscriber.active)


@handler
def unsubscribe_command(turn: Turn) -> Outcome:
    """Ask before stopping everything at once (sectors, alerts and waiting digests): the answer is a tap."""
    if not _stoppable(subscriptions.overview(turn.person.id, session=turn.session)):
        return Outcome(reply=Reply(t(turn.language, "not_subscribed")))
    return Outcome(reply=render.confirm_unsubscribe(turn.language), awaits_tap=True)


# ----------------------------------------------------------------------- "Alert me about similar"


def alert_like_results(turn: Turn, pressed: AlertLikeResults) -> Outcome:
    return _alert_like(turn, lambda: subscriptions.alert_from_search(turn.person.id, pressed.search, session=turn.session))


def alert_like_listing(turn: Turn, pressed: AlertLikeListing) -> Outcome:
    return _alert_like(turn, lambda: subscriptions.alert_from_product(turn.person.id, pressed.code, turn.language, session=turn.session))


def _alert_like(turn: Turn, save: Callable[[], AlertOutcome | WatchOutcome | None]) -> Outcome:
    """Save the alert (or, on a closed or awarded listing, the watch); None from ``save``: the search or listing is
    not (or no longer) there for the presser."""
    try:
        outcome = save()
    except SubscriptionError as error:
        return Outcome(toast=_problem(turn.language, error))
    if outcome is None:
        return expired(turn)
    # A confirmation is a new message: the results or the card stay.
    if isinstance(outcome, WatchOutcome):
        return Outcome(reply=render.watch_saved(turn.language, outcome, turn.settings.timezone))
    return Outcome(reply=render.alert_saved(turn.language, outcome, turn.settings.timezone))


# ------------------------------------------------------------------- the /subscribe picker's taps
# Only the last tap (the hour, or "instant") writes; every earlier one redraws the picker in place.


def _ticked(turn: Turn, mask: int) -> tuple[list[Sector], list[str]] | None:
    """The sectors offered and the keys ``mask`` ticks; None for a keyboard older than the sectors."""
    choices = subscriptions.sector_choices(session=turn.session)
    keys = render.sectors_in(choices, mask)
    return None if keys is None else (choices, keys)


def tick_sector(turn: Turn, pressed: TickSector) -> Outcome:
    found = _ticked(turn, pressed.mask)
    if found is None or pressed.index >= len(found[0]):
        return expired(turn)
    return Outcome(reply=render.subscribe_picker(turn.language, found[0], pressed.mask ^ (1 << pressed.index)), edit=True)


def sectors_done(turn: Turn, pressed: SectorsDone) -> Outcome:
    found = _ticked(turn, pressed.mask)
    if found is None:
        return expired(turn)
    choices, keys = found
    overview = subscriptions.overview(turn.person.id, session=turn.session)
    if not keys and not overview.alerts and not overview.watches:
        return Outcome(toast=t(turn.language, "subscribe_need_sector"))
    return Outcome(reply=render.frequency_picker(turn.language, choices, pressed.mask), edit=True)


def pick_frequency(turn: Turn, pressed: PickFrequency) -> Outcome:
    found = _ticked(turn, pressed.mask)
    if found is None:
        return expired(turn)
    frequency = render.FREQUENCIES[pressed.frequency]
    if frequency == Frequency.WEEKLY:
        return Outcome(reply=render.weekday_picker(turn.language, pressed.mask), edit=True)
    if frequency == Frequency.DAILY:
        return Outcome(reply=render.hour_picker(turn.language, pressed.mask, pressed.frequency, 0, turn.settings.timezone), edit=True)
    return _subscribe(turn, found[1], frequency, weekday=5, hour=9)


def pick_weekday(turn: Turn, pressed: PickWeekday) -> Outcome:
    if _ticked(turn, pressed.mask) is None:
        return expired(turn)
    return Outcome(reply=render.hour_picker(turn.language, pressed.mask, "w", pressed.weekday, turn.settings.timezone), edit=True)


def pick_hour(turn: Turn, pressed: PickHour) -> Outcome:
    found = _ticked(turn, pressed.mask)
    if found is None:
        return expired(turn)
    return _subscribe(turn, found[1], render.FREQUENCIES[pressed.frequency], weekday=pressed.weekday, hour=pressed.hour)


def _subscribe(turn: Turn, keys: Sequence[str], frequency: Frequency, *, weekday: int, hour: int) -> Outcome:
    """Save the sectors and the schedule at once."""
    try:
        overview = subscriptions.subscribe(turn.person.id, list(keys), frequency, session=turn.session, weekday=weekday, hour=hour)
    except SubscriptionError as error:
        return Outcome(toast=t(turn.language, _REFUSALS[error.refusal]))
    return Outcome(reply=render.subscribed(turn.language, overview, turn.settings.timezone), edit=True)


# --------------------------------------------------------------------------- the /mysubs buttons


def change_sector(turn: Turn, pressed: ChangeSector) -> Outcome:
    user, session = turn.person.id, turn.session
    if pressed.change == "x":  # "Delete" asks first; the confirming button carries "d"
        overview = subscriptions.overview(user, session=session)
        found_sector = next(((item, sector) for item, sector in overview.sectors if item.sector == pressed.key), None)
        if found_sector is None:
            return expired(turn)
        item, sector = found_sector
        sector_name = name(turn.language, sector) if sector else item.sector
        return Outcome(reply=render.confirm_delete_sector(turn.language, item.sector, sector_name), edit=True, awaits_tap=True)
    found = (subscriptions.delete_sector(user, pressed.key, session=session) if pressed.change == "d"
             else subscriptions.set_sector_muted(user, pressed.key, pressed.change == "m", session=session))
    return _changed(turn, found, pressed.change)


def change_alert(turn: Turn, pressed: ChangeAlert) -> Outcome:
    user, session = turn.person.id, turn.session
    if pressed.change == "x":  # "Delete" asks first; the confirming button carries "d"
        alert = next((a for a in subscriptions.overview(user, session=session).alerts if a.id == pressed.alert), None)
        return Outcome(reply=render.confirm_delete_alert(turn.language, alert), edit=True, awaits_tap=True) if alert else expired(turn)
    found = (subscriptions.delete_alert(user, pressed.alert, session=session) if pressed.change == "d"
             else subscriptions.set_alert_muted(user, pressed.alert, pressed.change == "m", session=session))
    return _changed(turn, found, pressed.change)


def forget_watch(turn: Turn, pressed: ForgetWatch) -> Outcome:
    """Stop waiting for a listing to reopen (nothing is lost that one tap on its card cannot bring back)."""
    return _changed(turn, subscriptions.forget_watch(turn.person.id, pressed.code, session=turn.session), "d")


def _changed(turn: Turn, found: subscriptions.Overview | None, change: str) -> Outcome:
    """The overview after a change (None: not the presser's, or already gone)."""
    if found is None:
        return expired(turn)
    return Outcome(reply=render.mysubs(turn.language, found, turn.settings.timezone), edit=True, toast=t(turn.language, _CHANGED[change]))


def show_subscriptions(turn: Turn, pressed: ShowSubscriptions) -> Outcome:
    return Outcome(reply=_overview(turn), edit=True)


def edit_subscription(turn: Turn, pressed: EditSubscription) -> Outcome:
    return Outcome(reply=_picker(turn), edit=True)


def pause_digests(turn: Turn, pressed: PauseDigests) -> Outcome:
    subscriptions.pause(turn.person.id, session=turn.session)
    return Outcome(reply=_overview(turn), edit=True)


def resume_digests(turn: Turn, pressed: ResumeDigests) -> Outcome:
    resumed = _resume(turn)
    return Outcome(reply=_overview(turn), edit=True, toast=toast(resumed))


def unsubscribe(turn: Turn, pressed: Unsubscribe) -> Outcome:
    return Outcome(reply=render.confirm_unsubscribe(turn.language), edit=True, awaits_tap=True)


def confirm_unsubscribe(turn: Turn, pressed: ConfirmUnsubscribe) -> Outcome:
    stopped = subscriptions.unsubscribe(turn.person.id, session=turn.session)
    return Outcome(reply=Reply(t(turn.language, N_("unsubscribed") if stopped else N_("not_subscribed"))), edit=True)


def register(application: App) -> None:
    for command, callback in (("subscribe", subscribe_command), ("alert", alert_command), ("mysubs", mysubs_command),
                              ("pause", pause_command), ("resume", resume_command), ("unsubscribe", unsubscribe_command)):
        application.add_handler(CommandHandler(command, callback))
    application.add_handler(on_press(AlertLikeResults, alert_like_results))
    application.add_handler(on_press(AlertLikeListing, alert_like_listing))
    application.add_handler(on_press(TickSector, tick_sector))
    application.add_handler(on_press(SectorsDone, sectors_done))
    application.add_handler(on_press(PickFrequency, pick_frequency))
    application.add_handler(on_press(PickWeekday, pick_weekday))
    application.add_handler(on_press(PickHour, pick_hour))
    application.add_handler(on_press(ChangeSector, change_sector))
    application.add_handler(on_press(ChangeAlert, change_alert))
    application.add_handler(on_press(ForgetWatch, forget_watch))
    application.add_handler(on_press(ShowSubscriptions, show_subscriptions))
    application.add_handler(on_press(EditSubscription, edit_subscription))
    application.add_handler(on_press(PauseDigests, pause_digests))
    application.add_handler(on_press(ResumeDigests, resume_digests))
    application.add_handler(on_press(Unsubscribe, unsubscribe))
    application.add_handler(on_press(ConfirmUnsubscribe, confirm_unsubscribe))
