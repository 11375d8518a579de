"""Counting queries for the admins' statistics and the unmet-demand report."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from .models import Alert, Digest, DigestStatus, Lead, SearchLog, SectorSubscription, Subscriber, User


def count_users(*, session: Session, since: datetime | None = None) -> int:
    """Users who ever wrote to the bot, or who first did since ``since``."""
    query = select(func.count()).select_from(User)
    if since is not None:
        query = query.where(col(User.created_at) >= since)
    return session.exec(query).one()


def users_by_language(*, session: Session) -> dict[str, int]:
    """Bot language → number of users."""
    return {language: count for language, count in session.exec(select(User.language, func.count()).group_by(col(User.language)))}


def searches_by_answer(*, session: Session, since: datetime) -> list[tuple[bool, bool, str | None, int]]:
    """(matched, related shown, feedback, number of searches) of the searches since ``since``.

    Matched is a confident match; unmatched with related shown, suggestions only; neither, nothing.
    """
    query = (
        select(SearchLog.matched, SearchLog.related_shown, SearchLog.feedback, func.count())
        .where(col(SearchLog.created_at) >= since)
        .group_by(col(SearchLog.matched), col(SearchLog.related_shown), col(SearchLog.feedback))
    )
    return [(bool(matched), bool(related), str(feedback) if feedback else None, n) for matched, related, feedback, n in session.exec(query)]


def leads_by_status(*, session: Session) -> dict[str, int]:
    """Lead status → number of leads."""
    rows = session.exec(select(Lead.status, func.count()).group_by(col(Lead.status)))
    return {str(status): count for status, count in rows}


def leads_by_product(*, session: Session) -> list[tuple[str, int]]:
    """(product code, number of leads), most leads first."""
    count = func.count().label("n")
    rows = session.exec(select(Lead.product_code, count).group_by(col(Lead.product_code)).order_by(count.desc(), col(Lead.product_code)))
    return [(code, n) for code, n in rows]


def top_answers(*, session: Session, since: datetime, limit: int) -> list[tuple[str, int]]:
    """(code, number of searches) of the best answers of searches since ``since``, most searched first."""
    count = func.count().label("n")
    query = (
        select(SearchLog.top_code, count)
        .where(col(SearchLog.created_at) >= since, col(SearchLog.top_code).is_not(None))
        .group_by(col(SearchLog.top_code))
        .order_by(count.desc(), col(SearchLog.top_code))
        .limit(limit)
    )
    return [(code, n) for code, n in session.exec(query) if code is not None]


def unmatched_searches(*, session: Session, since: datetime) -> list[tuple[str, int | None, bool]]:
    """(query, user id, related shown) of every search since ``since`` that nothing confident answered."""
    query = select(SearchLog.query, SearchLog.user_id, SearchLog.related_shown).where(
        col(SearchLog.matched).is_(False), col(SearchLog.created_at) >= since
    )
    return [(text, user_id, bool(related)) for text, user_id, related in session.exec(query)]


def subscribers_by_state(*, session: Session) -> dict[str, int]:
    """``active``, ``paused`` and ``stopped`` (unsubscribed or blocked the bot) → number of subscribers."""
    rows = session.exec(select(Subscriber.active, Subscriber.paused, func.count()).group_by(col(Subscriber.active), col(Subscriber.paused)))
    counts = {"active": 0, "paused": 0, "stopped": 0}
    for active, paused, count in rows:
        counts["stopped" if not active else "paused" if paused else "active"] += count
    return counts


def active_subscribers_by_frequency(*, session: Session) -> dict[str, int]:
    """Frequency → number of subscribers still subscribed (paused ones included: they come back on it)."""
    query = select(Subscriber.frequency, func.count()).where(col(Subscriber.active).is_(True)).group_by(col(Subscriber.frequency))
    return {str(frequency): count for frequency, count in session.exec(query)}


def active_subscribers_by_sector(*, session: Session) -> list[tuple[str, int]]:
    """(sector key, subscribers still subscribed to it), most subscribers first."""
    count = func.count().label("n")
    query = (
        select(SectorSubscription.sector, count)
        .join(Subscriber, col(Subscriber.user_id) == col(SectorSubscription.user_id))
        .where(col(Subscriber.active).is_(True))
        .group_by(col(SectorSubscription.sector))
        .order_by(count.desc(), col(SectorSubscription.sector))
    )
    return [(sector, n) for sector, n in session.exec(query)]


def count_alerts(*, session: Session) -> int:
    """Keyword alerts of subscribers still subscribed."""
    query = select(func.count()).select_from(Alert).join(Subscriber, col(Subscriber.user_id) == col(Alert.user_id))
    return session.exec(query.where(col(Subscriber.active).is_(True))).one()


def count_digests_sent(*, session: Session, since: datetime) -> int:
    """Digests delivered since ``since``."""
    query = select(func.count()).select_from(Digest).where(col(Digest.status) == DigestStatus.SENT, col(Digest.sent_at) >= since)
    return session.exec(query).one()
