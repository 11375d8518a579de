"""Subscriptions in words: the /subscribe pickers, schedules, confirmations and the /mysubs overview."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton

from bot.i18n import N_, Html, commas, digits, label, t, weekday_name, zone_name
from bot.services.subscriptions import AlertOutcome, Overview, WatchOutcome
from bot.store.models import Alert, Frequency, Sector, Subscriber, split_list
from bot.collation import sort_key
from bot.telegram.ui import MAX_MESSAGE, Reply, by_name, cut, grid, keyboard, name
from bot.telegram.ui import status as listing_status

from .buttons import (
    ChangeAlert,
    ChangeSector,
    ConfirmUnsubscribe,
    EditSubscription,
    ForgetWatch,
    FrequencyCode,
    PauseDigests,
    PickFrequency,
    PickHour,
    PickWeekday,
    ResumeDigests,
    SectorsDone,
    ShowSubscriptions,
    TickSector,
    Unsubscribe,
)

FREQUENCIES: dict[FrequencyCode, Frequency] = {"i": Frequency.INSTANT, "d": Frequency.DAILY, "w": Frequency.WEEKLY}
_FREQUENCY_BUTTONS = {Frequency.INSTANT: N_("btn_freq_instant"), Frequency.DAILY: N_("btn_freq_daily"),
                      Frequency.WEEKLY: N_("btn_freq_weekly")}
_SCHEDULES = {Frequency.DAILY: N_("schedule_daily"), Frequency.WEEKLY: N_("schedule_weekly")}
# Weekdays as each language's week runs: the Iranian week starts on Saturday.
_WEEK_ORDER = {"fa": (5, 6, 0, 1, 2, 3, 4), "en": (0, 1, 2, 3, 4, 5, 6)}


def _hour(language: str, hour: int) -> str:
    return digits(language, f"{hour:02d}")


def schedule(language: str, subscriber: Subscriber, zone: str) -> str:
    """The subscriber's schedule in words, e.g. every Saturday at 09:00 (Tehran time); escaped HTML."""
    if subscriber.frequency == Frequency.INSTANT:
        return t(language, "schedule_instant")
    return t(language, _SCHEDULES[subscriber.frequency], hour=_hour(language, subscriber.hour),
             weekday=weekday_name(language, subscriber.weekday), zone=zone_name(language, zone))


def mask_of(sectors: Sequence[Sector], ticked: Sequence[str]) -> int:
    """The ticked sectors as the bit set the /subscribe keyboards carry (bit i: i-th sector by key)."""
    return sum(1 << index for index, sector in enumerate(sectors) if sector.key in ticked)


def sectors_in(sectors: Sequence[Sector], mask: int) -> list[str] | None:
    """The sector keys of a bit set; None if it names sectors that do not exist (a stale keyboard)."""
    if mask >> len(sectors):
        return None
    return [sector.key for index, sector in enumerate(sectors) if mask >> index & 1]


def subscribe_picker(language: str, sectors: Sequence[Sector], mask: int) -> Reply:
    """The sectors with ticks, two a row in the reader's alphabet order, and Done.

    The buttons are shown by name, but each carries its sector's place in key order (what the mask's bits mean).
    """
    order = by_name(language)
    buttons = [
        TickSector(mask, index).button(label(language, N_("btn_sector_on") if mask >> index & 1 else N_("btn_sector_off"), name=name(language, sector)))
        for index, sector in sorted(enumerate(sectors), key=lambda pair: order(pair[1]))
    ]
    return Reply(t(language, "subscribe_pick"), keyboard([*grid(buttons), [SectorsDone(mask).button(label(language, "btn_done"))]]))


def _sector_names(language: str, sectors: Sequence[Sector], keys: Sequence[str]) -> str:
    names = sorted((name(language, sector) for sector in sectors if sector.key in keys), key=sort_key(language))
    return cut(commas(language, names), 1500) or t(language, "no_sectors")


def frequency_picker(language: str, sectors: Sequence[Sector], mask: int) -> Reply:
    """Instant, daily or weekly."""
    keys = sectors_in(sectors, mask) or []
    rows = [[PickFrequency(mask, code).button(label(language, _FREQUENCY_BUTTONS[frequency]))] for code, frequency in FREQUENCIES.items()]
    return Reply(t(language, "subscribe_frequency", sectors=_sector_names(language, sectors, keys)), keyboard(rows))


def weekday_picker(language: str, mask: int) -> Reply:
    """The days of the week, in the order the user's week runs."""
    days = [PickWeekday(mask, day).button(weekday_name(language, day)) for day in _WEEK_ORDER.get(language, _WEEK_ORDER["en"])]
    return Reply(t(language, "subscribe_weekday"), keyboard([days[:4], days[4:]]))


def hour_picker(language: str, mask: int, frequency: FrequencyCode, weekday: int, zone: str) -> Reply:
    """The 24 hours, six a row."""
    hours = [PickHour(mask, frequency, weekday, hour).button(label(language, "btn_hour", hour=_hour(language, hour))) for hour in range(24)]
    return Reply(t(language, "subscribe_hour", zone=zone_name(language, zone)), keyboard(grid(hours, 6)))


def _excluding(language: str, alert: Alert) -> Html:
    words = split_list(alert.exclude)
    return Html(t(language, "alert_excluding", words=", ".join(words)) if words else "")


def subscribed(language: str, overview: Overview, zone: str) -> Reply:
    """The confirmation after the last /subscribe tap."""
    assert overview.subscriber is not None
    names = sorted((name(language, sector) if sector else item.sector for item, sector in overview.sectors), key=sort_key(language))
    return Reply(
        t(language, "subscribed", sectors=cut(commas(language, names), 1500) or t(language, "no_sectors"),
          schedule=Html(schedule(language, overview.subscriber, zone))),
        keyboard([[ShowSubscriptions().button(label(language, "btn_mysubs"))]]),
    )


def alert_saved(language: str, outcome: AlertOutcome, zone: str) -> Reply:
    """The confirmation of /alert or of "Alert me about similar"."""
    alert = outcome.alert
    if not outcome.created:
        return Reply(t(language, "alert_exists", query=cut(alert.query, 150), excluding=_excluding(language, alert)))
    return Reply(t(language, "alert_saved", query=cut(alert.query, 150), excluding=_excluding(language, alert),
                   schedule=Html(schedule(language, outcome.subscriber, zone))))


def watch_saved(language: str, outcome: WatchOutcome, zone: str) -> Reply:
    """The confirmation of "Tell me if it reopens": what will be sent, when, and only about this listing."""
    product = outcome.product
    if not outcome.created:
        return Reply(t(language, "watch_exists", code=product.code))
    return Reply(t(language, "watch_saved", code=product.code, name=cut(name(language, product), 150), status=listing_status(language, product.status),
                   schedule=Html(schedule(language, outcome.subscriber, zone))))


def _toggle(language: str, muted: bool, what: str) -> str:
    """The label of the button that mutes ``what``, or resumes it when it is muted."""
    return label(language, "btn_unmute", name=what) if muted else label(language, "btn_mute", name=what)


def mysubs(language: str, overview: Overview, zone: str) -> Reply:
    """Status, schedule, each sector and alert with mute/resume and delete, each watched listing with a button to stop
    waiting for it, and the global buttons."""
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
    delete = label(language, "btn_delete")
    if overview.sectors:
        lines.append("\n" + t(language, "mysubs_sectors"))
        order = sort_key(language)
        named = [(item, name(language, sector) if sector else item.sector) for item, sector in overview.sectors]
        for item, sector_name in sorted(named, key=lambda pair: order(pair[1])):
            lines.append(t(language, "mysubs_sector_line", name=sector_name, muted=muted if item.muted else Html("")))
            rows.append([ChangeSector("u" if item.muted else "m", item.sector).button(_toggle(language, item.muted, sector_name)),
                         ChangeSector("x", item.sector).button(delete)])
    if overview.alerts:
        lines.append("\n" + t(language, "mysubs_alerts"))
        for alert in overview.alerts:
            assert alert.id is not None
            lines.append(t(language, "mysubs_alert_line", query=cut(alert.query, 150), excluding=_excluding(language, alert),
                           muted=muted if alert.muted else Html("")))
            rows.append([ChangeAlert("u" if alert.muted else "m", alert.id).button(_toggle(language, alert.muted, cut(alert.query, 30))),
                         ChangeAlert("x", alert.id).button(delete)])
    if overview.watches:
        lines.append("\n" + t(language, "mysubs_watches"))
        for watch, product in overview.watches:
            lines.append(t(language, "mysubs_watch_line", code=watch.product_code, name=cut(name(language, product), 150) if product else "",
                           status=listing_status(language, product.status) if product else ""))
            rows.append([ForgetWatch(watch.product_code).button(label(language, "btn_forget_watch", code=watch.product_code))])
    paused = subscriber.paused or not subscriber.active
    pause_or_resume = ResumeDigests().button(label(language, "btn_resume")) if paused else PauseDigests().button(label(language, "btn_pause"))
    rows.append([pause_or_resume, EditSubscription().button(label(language, "btn_edit_subscription"))])
    rows.append([Unsubscribe().button(label(language, "btn_unsubscribe"))])
    return Reply(cut("\n".join(lines), MAX_MESSAGE - 1), keyboard(rows))


# ------------------------------------------------------------------- confirmations of what cannot be undone
# Nothing is changed until the confirming tap, whose button carries the whole action; "Keep" goes back to /mysubs.


def _confirm(text: str, language: str, yes: InlineKeyboardButton) -> Reply:
    keep = ShowSubscriptions().button(label(language, "btn_keep"))
    return Reply(text, keyboard([[yes, keep]]))


def confirm_unsubscribe(language: str) -> Reply:
    """Ask before /unsubscribe or "Unsubscribe from everything" deletes every sector and alert."""
    return _confirm(t(language, "confirm_unsubscribe"), language, ConfirmUnsubscribe().button(label(language, "btn_confirm_unsubscribe")))


def confirm_delete_sector(language: str, key: str, sector_name: str) -> Reply:
    """Ask before one sector is dropped from the user's digests."""
    return _confirm(t(language, "confirm_delete_sector", name=sector_name), language,
                    ChangeSector("d", key).button(label(language, "btn_confirm_delete")))


def confirm_delete_alert(language: str, alert: Alert) -> Reply:
    """Ask before one alert is deleted."""
    assert alert.id is not None
    return _confirm(t(language, "confirm_delete_alert", query=cut(alert.query, 150), excluding=_excluding(language, alert)), language,
                    ChangeAlert("d", alert.id).button(label(language, "btn_confirm_delete")))
