"""What admins read and download: exports, the leads list, lead status changes, statistics."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.dates import to_jalali
from bot.services import audit, catalog, exports, leads, stats, subscriptions, users
from bot.store import leads as lead_store
from bot.store import subscriptions as subscription_store
from bot.store.models import AuditEntry, Digest, DigestStatus, Frequency, LeadStatus, SearchFeedback, SearchLog, utcnow

ADMIN = 900
TZ = ZoneInfo("Asia/Tehran")


def investor(session: Session, user_id: int, name: str = "Sara", language: str = "fa") -> None:
    users.remember(user_id, session=session, first_name=name, username=f"u{user_id}", language_code=language)


def read(export: exports.Export) -> list[list[str]]:
    assert export.data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel shows Persian
    return list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"))))


def test_products_export_imports_back_unchanged(seeded: Session) -> None:
    export = exports.export("products", ADMIN, session=seeded, tz=TZ)
    assert export.file_name.startswith("products-") and export.file_name.endswith(".csv")
    assert export.rows == len(read(export)) - 1 == 220
    report = catalog.import_products(export.data, session=seeded, dry_run=True)
    assert report.ok and report.counts.unchanged == 220
    assert seeded.exec(select(AuditEntry.action, AuditEntry.target)).all() == [(audit.EXPORT, "products")]


def test_leads_and_users_exports_are_formula_safe(seeded: Session) -> None:
    investor(seeded, 501, name="=cmd|' /C calc'!A0")
    leads.register_interest(501, "AUT-001", session=seeded)
    leads.save_note(501, "@SUM(1+1)", session=seeded)
    rows = read(exports.export("leads", ADMIN, session=seeded, tz=TZ))
    assert rows[0] == list(exports.LEAD_COLUMNS)
    record = dict(zip(rows[0], rows[1]))
    assert record["first_name"] == "'=cmd|' /C calc'!A0"
    assert (record["product_code"], record["status"], record["desk"]) == ("AUT-001", "new", "DESK-AUT")
    assert record["created_at"].endswith("+03:30")
    assert _jalali_of(record["created_at"]) == record["created_at_jalali"] and record["updated_at_jalali"]
    subscribers = read(exports.export("subscribers", ADMIN, session=seeded, tz=TZ))
    assert subscribers[0] == list(exports.SUBSCRIBER_COLUMNS)
    subscriber = dict(zip(subscribers[0], subscribers[1]))
    assert subscriber["leads"] == "1"
    assert _jalali_of(subscriber["created_at"]) == subscriber["created_at_jalali"]
    assert _jalali_of(subscriber["last_seen_at"]) == subscriber["last_seen_at_jalali"]


def test_the_leads_export_carries_every_note_with_its_moment(seeded: Session) -> None:
    """Blind trial: a second note replaced the first, in the export too. The ``note`` cell holds all, a line each."""
    investor(seeded, 501)
    interest = leads.register_interest(501, "AUT-001", session=seeded)
    first = leads.save_note(501, "شرکت نوین سرمایه اصفهان، ۰۹۱۳۱۲۳۴۵۶۷", session=seeded)
    assert first is not None and leads.ask_note(501, interest.lead.id or 0, session=seeded) is not None
    second = leads.save_note(501, "=ما ۳ کارخانه داریم", session=seeded)
    assert second is not None and [note.text for note in second.notes] == ["شرکت نوین سرمایه اصفهان، ۰۹۱۳۱۲۳۴۵۶۷", "=ما ۳ کارخانه داریم"]
    rows = read(exports.export("leads", ADMIN, session=seeded, tz=TZ))
    record = dict(zip(rows[0], rows[1]))
    lines = record["note"].split("\n")
    assert [line.split("): ", 1)[1] for line in lines] == ["شرکت نوین سرمایه اصفهان، ۰۹۱۳۱۲۳۴۵۶۷", "=ما ۳ کارخانه داریم"]
    for line, note in zip(lines, second.notes):
        moment, jalali = line.split("): ", 1)[0].split(" (")
        assert moment == note.created_at.astimezone(TZ).isoformat(timespec="seconds") and jalali == _jalali_of(moment)


def _jalali_of(moment: str) -> str:
    """The Jalali cell that must stand beside an exported ISO moment: the same day and time in Tehran."""
    local = datetime.fromisoformat(moment)
    jalali = to_jalali(local.date())
    assert jalali is not None
    return "{:04}-{:02}-{:02}".format(*jalali) + f" {local:%H:%M:%S}"


def test_leads_pages_newest_first_by_filter(seeded: Session) -> None:
    investor(seeded, 501)
    for code in ("AUT-001", "AUT-004", "AUT-003"):  # AUT-004 is in progress: it still takes interest
        leads.register_interest(501, code, session=seeded)
    first = lead_store.get_lead(501, "AUT-001", session=seeded)
    assert first is not None and first.id is not None
    leads.set_status(ADMIN, first.id, LeadStatus.CLOSED, session=seeded)
    page = leads.leads_page("open", 0, session=seeded, size=1)
    assert (page.total, [v.lead.product_code for v in page.items]) == (2, ["AUT-003"])
    assert [v.lead.product_code for v in leads.leads_page("open", 9, session=seeded, size=1).items] == ["AUT-004"]  # clamped
    assert [v.lead.product_code for v in leads.leads_page("closed", 0, session=seeded).items] == ["AUT-001"]
    assert leads.leads_page("all", 0, session=seeded).total == 3


def test_a_page_of_leads_reads_listings_desks_and_investors_once_for_the_page(seeded: Session) -> None:
    """A page of leads read each lead's listing, desk and investor one lead at a time: now one query each."""
    from sqlalchemy import event

    codes = ("AUT-001", "AUT-003", "AUT-004", "REF-012", "TEX-001")
    for user_id in (501, 502):
        investor(seeded, user_id)
        for code in codes:
            leads.register_interest(user_id, code, session=seeded)
    seeded.flush()
    seeded.expire_all()  # nothing already in the session's identity map
    seen: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        seen.append(" ".join(statement.split()))

    engine = seeded.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        page = leads.leads_page("open", 0, session=seeded, size=10)
        mine = leads.my_leads(501, session=seeded)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(page.items) == 10 and all(view.product is not None and view.desk is not None and view.user is not None for view in page.items)
    assert {view.product.code for view in page.items if view.product} == set(codes) and len(mine) == 5

    def reads(table: str) -> int:
        return sum(statement.startswith("SELECT") and f"FROM {table} " in f"{statement} " for statement in seen)

    # Each of the two pages: one read of listings, one of named desks, one of investors (the page of /leads and /myleads).
    assert (reads("product"), reads("desk"), reads('"user"') + reads("user")) == (2, 2, 2), seen


def test_status_changes_are_audited_once(seeded: Session) -> None:
    investor(seeded, 501)
    lead = leads.register_interest(501, "AUT-001", session=seeded).lead
    assert lead.id is not None
    change = leads.set_status(ADMIN, lead.id, LeadStatus.MEETING, session=seeded)
    assert change is not None and change.changed and change.previous is LeadStatus.NEW
    assert change.view.user is not None and change.view.user.language == "fa" and change.view.desk is not None
    again = leads.set_status(ADMIN, lead.id, LeadStatus.MEETING, session=seeded)
    assert again is not None and not again.changed
    assert leads.set_status(ADMIN, 10**9, LeadStatus.CLOSED, session=seeded) is None
    logged = seeded.exec(select(AuditEntry.action, AuditEntry.target, AuditEntry.before, AuditEntry.after)).all()
    assert logged == [(audit.LEAD_STATUS, str(lead.id), {"status": "new"}, {"status": "meeting"})]


def test_stats(seeded: Session) -> None:
    now = utcnow()
    investor(seeded, 501, language="fa")
    investor(seeded, 502, language="en")
    leads.register_interest(501, "AUT-001", session=seeded)
    leads.register_interest(502, "AUT-001", session=seeded)
    leads.register_interest(502, "OGS-001", session=seeded)
    for query, code, age in [("brake pads", "AUT-002", 1), ("لنت ترمز", "AUT-002", 2), ("ESP pump", "OGS-001", 20),
                             ("wedding dresses", None, 3), ("wedding dress", None, 25), ("old", None, 40)]:
        seeded.add(SearchLog(user_id=501, query=query, matched=code is not None, top_code=code, created_at=now - timedelta(days=age)))
    # Searches answered by suggestions only, one with "None of these"; "Not what I was looking for" under a confident one.
    for query, code, feedback, age in [("pump", None, SearchFeedback.NONE_OF_THESE, 2), ("valve", None, None, 10),
                                       ("ESP", "OGS-001", SearchFeedback.NOT_WHAT_I_WANTED, 12),
                                       ("shoes", None, SearchFeedback.NONE_OF_THESE, 12)]:
        seeded.add(SearchLog(user_id=502, query=query, matched=code is not None, top_code=code, related_shown=code is None,
                             feedback=feedback, created_at=now - timedelta(days=age)))
    seeded.flush()
    figures = stats.collect(session=seeded, now=now)
    assert (figures.users, figures.new_users, figures.users_by_language) == (2, 2, {"fa": 1, "en": 1})
    assert [(s.days, s.total, s.unmet) for s in figures.searches] == [(7, 4, 2), (30, 9, 5)]
    assert [(s.confident, s.suggested, s.nothing, s.none_of_these, s.not_wanted) for s in figures.searches] == [
        (2, 1, 1, 1, 0), (4, 3, 2, 2, 1)]
    assert (figures.leads, figures.leads_by_status) == (3, {"new": 3})
    assert [(n.code, n.count) for n in figures.leads_by_product] == [("AUT-001", 2), ("OGS-001", 1)]
    assert [(n.code, n.count) for n in figures.leads_by_desk] == [("DESK-AUT", 2), ("DESK-OGS", 1)]
    assert [(n.code, n.count, n.name_en) for n in figures.top_listings] == [("AUT-002", 2, "Brake pad set"), ("OGS-001", 2, "Electric submersible pump (ESP)")]
    # Searches answered by suggestions only are unmet demand too, and say so.
    assert [(g.key, g.searches, g.with_related) for g in figures.demand][0] == ("wedding dress", 2, 0)
    assert sorted((g.key, g.searches, g.with_related) for g in figures.demand[1:]) == [("pump", 1, 1), ("shoe", 1, 1), ("valve", 1, 1)]


def subscribe_four(session: Session) -> None:
    """501 weekly with a muted sector and two alerts, 502 paused, 503 unsubscribed, 504 blocked the bot; 505 never subscribed."""
    for user_id in range(501, 506):
        investor(session, user_id, language="en")
    subscriptions.subscribe(501, ["automotive", "oil_gas"], Frequency.WEEKLY, weekday=5, hour=9, session=session)
    subscriptions.set_sector_muted(501, "oil_gas", True, session=session)
    muted = subscriptions.add_alert(501, "=pump", session=session).alert
    subscriptions.add_alert(501, "valve -ball", session=session)
    assert muted.id is not None
    subscriptions.set_alert_muted(501, muted.id, True, session=session)
    subscriptions.subscribe(502, ["automotive"], Frequency.DAILY, hour=18, session=session)
    subscriptions.pause(502, session=session)
    subscriptions.subscribe(503, ["automotive"], Frequency.INSTANT, session=session)
    subscriptions.add_alert(503, "brake", session=session)
    subscriptions.unsubscribe(503, session=session)
    subscriptions.subscribe(504, ["oil_gas"], Frequency.INSTANT, session=session)
    subscription_store.stop(504, "blocked", session=session)
    session.flush()


def test_subscribers_export_has_each_subscription(seeded: Session) -> None:
    subscribe_four(seeded)
    rows = read(exports.export("subscribers", ADMIN, session=seeded, tz=TZ))
    assert rows[0][-7:] == ["state", "stopped_reason", "frequency", "weekday", "hour", "sectors", "alerts"]
    by_user = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    columns = ("state", "stopped_reason", "frequency", "weekday", "hour", "sectors", "alerts")
    assert [by_user["501"][c] for c in columns] == ["active", "", "weekly", "Saturday", "09:00", "automotive; oil_gas (muted)",
                                                     "'=pump (muted); valve -ball"]  # a formula-looking cell neutralised
    assert [by_user["502"][c] for c in columns] == ["paused", "", "daily", "", "18:00", "automotive", ""]
    assert [by_user["503"][c] for c in columns][:3] == ["stopped", "unsubscribed", "instant"]
    assert [by_user["504"][c] for c in columns] == ["stopped", "blocked", "instant", "", "", "oil_gas", ""]
    assert [by_user["505"][c] for c in columns] == ["", "", "", "", "", "", ""]


def test_stats_of_subscribers_and_digests(seeded: Session) -> None:
    now = utcnow()
    subscribe_four(seeded)
    for age, status in ((1, DigestStatus.SENT), (10, DigestStatus.SENT), (40, DigestStatus.SENT), (1, DigestStatus.FAILED)):
        seeded.add(Digest(user_id=501, period=f"p{age}{status}", since=now, cutoff=now, trigger="weekly", status=status,
                          sent_at=now - timedelta(days=age)))
    seeded.flush()
    figures = stats.collect(session=seeded, now=now).subscribers
    assert figures.by_state == {"active": 1, "paused": 1, "stopped": 2}
    assert figures.by_frequency == {"instant": 0, "daily": 1, "weekly": 1}  # the still subscribed, paused included
    assert [(n.code, n.count, n.name_en) for n in figures.by_sector] == [("automotive", 2, "Automotive"), ("oil_gas", 1, "Oil & gas")]
    assert figures.alerts == 2  # the unsubscribed user's alert is not counted
    assert figures.digests_sent == {7: 1, 30: 2}
