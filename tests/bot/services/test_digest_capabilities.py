"""Digests of manufacturers: the section "New listings that fit your capabilities", planned once, rendered once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, delete
from sqlmodel import Session, select

from bot.services import catalog, digests
from bot.services import subscriptions as subs
from bot.services.digests import Selection
from bot.store.db import units_in
from bot.store.models import Digest, DigestStatus, Frequency, ManufacturerProfile, utcnow
from bot.telegram.features.subscriptions.digest import digest_messages

from .test_digests import TEHRAN, add_user, backdate, import_rows, plan, render

MACHINE_SHOP = ManufacturerProfile(company="Tabriz Precision Parts", makes="machined shafts and flanges", processes="machining")
# Fits a machine shop (a machined shaft), in a sector its owner does not follow.
SHAFT = "MCH-950,CNC machined pump shaft,شفت تراشکاری‌شده پمپ,,848390,machinery,40000000,open,Machined shaft for centrifugal pumps,"
# Fits too, in the sector its owner follows: shown once, among the fitting listings.
FLANGE = "OGS-950,Machined weld neck flange,فلنج گلودار تراشکاری‌شده,,730791,oil_gas,9000000,open,Forged and machined flange,"
# Fits nothing of the profile.
CLUTCH = "OGS-951,Drilling mud additive,افزودنی گل حفاری,,382490,oil_gas,5000000,open,,"


def manufacturer(session: Session, user_id: int, language: str = "en", *, sectors: list[str], profile: bool = True) -> None:
    """A subscriber of ``sectors`` (instant) whose last digest was a day ago; with a machine shop's profile."""
    add_user(session, user_id, language)
    subs.subscribe(user_id, sectors, Frequency.INSTANT, session=session)
    if profile:
        session.add(ManufacturerProfile(user_id=user_id, company=MACHINE_SHOP.company, makes=MACHINE_SHOP.makes,
                                        processes=MACHINE_SHOP.processes))
    session.commit()
    backdate(session, user_id, days=1)


def selection_of(session: Session, user_id: int) -> Selection:
    (row,) = session.exec(select(Digest).where(Digest.user_id == user_id))
    return Selection.from_json(row.content)


def test_a_manufacturer_hears_of_new_fitting_listings_in_any_sector_once_and_others_do_not(seeded: Session) -> None:
    manufacturer(seeded, 1, sectors=["oil_gas"])
    manufacturer(seeded, 2, sectors=["oil_gas"], profile=False)
    import_rows(seeded, SHAFT, FLANGE, CLUTCH)
    report = plan(seeded, dry_run=True)
    by_user = {planned.user_id: planned for planned in report.planned}
    # The manufacturer: both fitting listings first (the larger import first), then their sector's other news.
    assert by_user[1].codes == ["MCH-950", "OGS-950", "OGS-951"]
    # Without a profile: only the sector followed, nothing of machinery.
    assert by_user[2].codes == ["OGS-950", "OGS-951"]
    plan(seeded)
    assert selection_of(seeded, 1).fits == ("MCH-950", "OGS-950")
    assert selection_of(seeded, 2).fits == ()


def test_the_section_is_worded_in_persian_with_why_each_fits_and_not_repeated_under_its_sector(seeded: Session) -> None:
    manufacturer(seeded, 1, "fa", sectors=["oil_gas"])
    import_rows(seeded, SHAFT, FLANGE, CLUTCH)
    products = {p.code: p for p in catalog.store.products(session=seeded)}
    sectors = {s.key: s for s in catalog.store.sectors(session=seeded)}
    content = digests.arrange(
        _selection(seeded), user_id=1, language="fa", since=utcnow() - timedelta(days=1), cutoff=utcnow(), zone=TEHRAN,
        products=products, desks={}, sectors=sectors,
        fits=digests.fits_of(_profile(seeded, 1), [products["MCH-950"], products["OGS-950"], products["OGS-951"]], sectors),
    )
    assert [item.product.code for item in content.fits] == ["MCH-950", "OGS-950"]
    assert [item.product.code for _, items in content.sections for item in items] == ["OGS-951"]
    (message,) = digest_messages(content, bot_username="matchbot_test")
    text = message["text"]
    assert "🏭 <b>کالاهای تازه‌ای که با توانمندی شما جور است</b>" in text
    section = text.split("🏭")[1].split("📚")[0]
    # Each line says why from the unit's product words, before its process: "machined shafts and flanges" name a
    # word of "CNC machined pump shaft" and "Machined weld neck flange", not either listing whole, so neither line
    # says the unit makes that very listing (and its Latin words are not quoted inside a Persian sentence).
    assert section.count("💡") == 2 and section.count("آنچه شما می‌سازید در نام این کالا آمده است") == 2, section
    assert "همین کالاست" not in section
    assert "ماشین‌آلات" in section and "machinery" not in section  # each line names its sector, in Persian
    assert "OGS-950" not in text.split("📚")[1]  # not repeated under the sector
    assert text.index("MCH-950") < text.index("OGS-950") < text.index("OGS-951")


def _profile(session: Session, user_id: int) -> ManufacturerProfile:
    (profile,) = session.exec(select(ManufacturerProfile).where(ManufacturerProfile.user_id == user_id))
    return profile


def _selection(session: Session) -> Selection:
    plan(session)
    return selection_of(session, 1)


def test_old_closed_and_unfitting_listings_are_not_in_the_section(seeded: Session) -> None:
    manufacturer(seeded, 1, sectors=["rail"])
    closed = SHAFT.replace("MCH-950", "MCH-951").replace(",open,", ",closed,")
    import_rows(seeded, closed, CLUTCH)
    # A closed listing takes no interest, and the old catalog (listed before the cursor) was news long ago.
    assert plan(seeded).planned == []


def test_a_fitting_listing_alone_makes_a_digest_for_a_subscriber_whose_sectors_had_nothing(seeded: Session) -> None:
    manufacturer(seeded, 1, sectors=["rail"])
    import_rows(seeded, SHAFT)
    (planned,) = plan(seeded).planned
    assert planned.codes == ["MCH-950"]


def test_planned_once_rendered_once_and_the_profile_read_again_when_rendering(engine: Engine) -> None:
    with Session(engine) as session:
        catalog.seed(session=session)
        manufacturer(session, 1, sectors=["rail"])
        import_rows(session, SHAFT)
        assert len(plan(session).planned) == 1
        second = plan(session)
        assert second.planned == [] and second.already_planned == 0  # a digest waits: the subscriber is not planned again
        (row,) = session.exec(select(Digest))
        assert row.id is not None
        claimed = digests.claim(row.id, "me", unit=units_in(session), now=utcnow(), lease=timedelta(minutes=2), zone=TEHRAN,
                                render=lambda content: [{"text": " ".join(f"{i.product.code}:{i.fit is not None}" for i in content.fits),
                                                         "reply_markup": None}])
        assert claimed is not None and claimed.messages == [{"text": "MCH-950:True", "reply_markup": None}]
        # The messages are fixed at the first claim: a later claim sends exactly them.
        session.expire_all()
        stored = session.get(Digest, row.id)
        assert stored is not None and stored.messages and "MCH-950:True" in stored.messages
        assert digests.record_progress(claimed, "me", [7], session=session, now=utcnow())
        session.commit()
        session.expire_all()
        sent = session.get(Digest, row.id)
        assert sent is not None and sent.status == DigestStatus.SENT
        assert plan(session).planned == []  # told once


def test_a_profile_deleted_before_rendering_leaves_the_listing_out_of_the_section(engine: Engine) -> None:
    with Session(engine) as session:
        catalog.seed(session=session)
        manufacturer(session, 1, sectors=["machinery"])
        import_rows(session, SHAFT)
        plan(session)
        session.connection().execute(delete(ManufacturerProfile))
        session.commit()
        (row,) = session.exec(select(Digest))
        assert row.id is not None
        claimed = digests.claim(row.id, "me", unit=units_in(session), now=utcnow(), lease=timedelta(minutes=2), zone=TEHRAN,
                                render=by_section)
        # Still news of the sector it follows, no longer "fits your capabilities".
        assert claimed is not None and claimed.messages == [{"text": "fits [] · machinery ['MCH-950']", "reply_markup": None}]


def by_section(content: digests.DigestContent) -> digests.Messages:
    sections = " ".join(f"{sector.key} {[i.product.code for i in items]}" for sector, items in content.sections)
    return [{"text": f"fits {[i.product.code for i in content.fits]} · {sections}", "reply_markup": None}]


def test_the_selection_keeps_its_fits_through_json_and_reads_older_rows() -> None:
    selection = Selection((("MCH-950", True, ()),), (), (), ("MCH-950",))
    assert Selection.from_json(selection.to_json()) == selection
    assert Selection.from_json('{"items":[["AUT-1",true,[]]],"desks":[]}').fits == ()
