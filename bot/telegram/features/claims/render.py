"""What /claim shows: the units found, a unit's card, and the notices of a claim and of its decision."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import N_, Html, digits, label, t
from bot.services.registry import describe_lists, provinces
from bot.store.models import ManufacturerProfile, UnitClaim
from bot.telegram.ui import Reply, company_name, cut, keyboard

from .buttons import ApproveClaim, ClaimWithoutNote, PickUnit, RefuseClaim


def unit_label(language: str, unit: ManufacturerProfile) -> str:
    return label(language, "btn_claim_unit", unit_id=unit.unit_id or "", company=company_name(language, unit.company, 40))


def where(language: str, unit: ManufacturerProfile) -> str:
    return describe_lists(unit.province, provinces(), language) if unit.province else t(language, "none")


def candidates(language: str, query: str, units: Sequence[ManufacturerProfile]) -> Reply:
    """Up to five units for the claimant to choose from, one button each."""
    rows = [[PickUnit(unit.id or 0).button(unit_label(language, unit))] for unit in units]
    return Reply(t(language, "claim_candidates", query=cut(query, 60)), keyboard(rows))


def card(language: str, unit: ManufacturerProfile) -> Reply:
    """The unit the claimant chose, asking for the optional note (or the claim without one)."""
    status = t(language, N_("unit_status_idle") if unit.idle else N_("unit_status_active"))
    text = t(language, "claim_card", company=company_name(language, unit.company, 200), unit_id=unit.unit_id or "", province=where(language, unit),
             products=cut(unit.makes, 400), status=status)
    return Reply(text, keyboard([[ClaimWithoutNote(unit.id or 0).button(label(language, "btn_claim_no_note"))]]))


def admin_notice(language: str, claim: UnitClaim, unit: ManufacturerProfile, user: Html) -> Reply:
    """What every full admin gets for a new claim: who, which unit, the note, the registry's contact to check with."""
    claim_id = claim.id or 0
    text = t(language, "admin_claim", claim_id=digits(language, str(claim_id)), user=user, unit_id=unit.unit_id or "",
             company=company_name(language, unit.company, 200), province=where(language, unit), note=cut(claim.note, 500) or t(language, "none"),
             contact=cut(unit.contact, 200) or t(language, "none"))
    buttons = [ApproveClaim(claim_id).button(label(language, "btn_claim_approve")),
               RefuseClaim(claim_id).button(label(language, "btn_claim_refuse"))]
    return Reply(text, keyboard([buttons]))
