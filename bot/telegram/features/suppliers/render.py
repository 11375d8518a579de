"""The suppliers of a listing as its desk sees them, and the messages around writing to one."""

from __future__ import annotations


from bot.dates import format_date
from bot.i18n import N_, Html, commas, digits, label, name_list, t
from bot.services.capabilities import Supplier, evidence, in_language, own_phrases, process_name, written_in_english
from bot.services.suppliers import Drafting, RegistryContact, Relay, SupplierList, list_name
from bot.store.models import ManufacturerProfile, ProfileSource, split_list
from matching.capabilities import Reason
from bot.telegram.ui import Reply, company_name, cut, grid, keyboard, name, page_bounds, pager

from ..browse.buttons import OpenListing
from .buttons import CancelContact, ContactSupplier, SuppliersOf

PER_PAGE = 3
"""Manufacturers a page: each takes several lines, and a phone screen few more."""
_REASONS = 2


def _names(language: str, file_name: str, keys: str) -> str:
    names = (list_name(file_name, key, language) for key in split_list(keys))
    return name_list(language, names) if file_name == "processes.csv" else commas(language, names)


def _flags(language: str, profile: ManufacturerProfile) -> str:
    """Source, consent, knowledge-based, and whether the profile is only an example."""
    flags = [t(language, N_("supplier_source_registry") if profile.source is ProfileSource.REGISTRY else N_("supplier_source_chat")),
             t(language, N_("supplier_consents") if profile.consent else N_("supplier_no_consent"))]
    if profile.knowledge_based:
        flags.insert(0, t(language, "supplier_knowledge_based"))
    if profile.illustrative:
        flags.insert(0, t(language, "supplier_illustrative"))
    return " · ".join(flags)


def _reason(language: str, reason: Reason) -> str:
    """Why the manufacturer fits, said of them to the desk (``describe_reason`` speaks to the manufacturer); the listing
    quoted in the desk's language only."""
    listed = cut(evidence(reason, language), 60)
    if reason.kind == "process":
        named = process_name(reason.profile_text, language)
        if not listed:
            return t(language, "supplier_reason_process_unquoted", process=named)
        return t(language, "supplier_reason_process", process=named, listing=listed)
    if reason.kind == "part":
        said, listed = own_phrases(language, in_language(reason.profile_text, language)[0], 60), cut(evidence(reason, language), 80)
        if not reason.process:
            return t(language, "supplier_reason_part_unprocessed", said=said, listing=listed)
        return t(language, "supplier_reason_part", said=said, listing=listed, process=process_name(reason.process, language))
    if reason.kind == "material":
        return t(language, "supplier_reason_material", material=cut(reason.profile_text, 60))
    if reason.kind == "machine":
        if not listed:
            return t(language, "supplier_reason_machine_unquoted", machine=cut(reason.profile_text, 60))
        return t(language, "supplier_reason_machine", machine=cut(reason.profile_text, 60), listing=listed)
    said = own_phrases(language, in_language(reason.profile_text, language)[0], 60)
    listed = cut(evidence(reason, language), 80) if reason.named else ""
    # The listing has no word for it in the desk's language (never quote the other one), or the unit makes only a
    # word of its name (see Reason.named), not the listing itself.
    if not listed:
        return t(language, "supplier_reason_makes_unquoted", said=said)
    return t(language, "supplier_reason_makes", said=said, listing=listed)


def supplier_entry(language: str, rank: int, supplier: Supplier) -> str:
    """One manufacturer: company, province, why it fits, what it does and what it holds."""
    profile, none = supplier.profile, t(language, "none")
    lines = [t(language, "supplier_line", rank=digits(language, str(rank)), company=company_name(language, profile.company, 120),
               province=list_name("provinces.csv", profile.province, language) if profile.province else none,
               score=digits(language, str(round(supplier.fit.score))))]
    lines.append(_flags(language, profile))
    if profile.idle:
        lines.append(t(language, "supplier_idle_since", date=format_date(language, profile.idle_since)) if profile.idle_since
                     else t(language, "supplier_idle"))
    reasons = ("؛ " if language == "fa" else "; ").join(_reason(language, reason) for reason in supplier.fit.reasons[:_REASONS])
    if reasons:
        lines.append(t(language, "supplier_why", reasons=Html(cut(reasons, 400))))
    if profile.makes:
        makes, other = in_language(profile.makes, language)
        key = N_("supplier_makes")
        if other:
            key = N_("supplier_makes_latin") if language == "fa" and not written_in_english(makes) else N_("supplier_makes_other_language")
        lines.append(t(language, key, makes=cut(makes, 200)))
    lines.append(t(language, "supplier_processes", processes=_names(language, "processes.csv", profile.processes) or none))
    lines.append(t(language, "supplier_certifications", certifications=_names(language, "certifications.csv", profile.certifications) or none))
    return "\n".join(lines)


def supplier_page(language: str, found: SupplierList, page: int) -> Reply:
    """A page of a listing's capable manufacturers, best fit first, each with a way to contact it."""
    product, items = found.product, found.suppliers
    back = [OpenListing(product.code).button(label(language, "btn_back_listing", code=product.code))]
    if not items:
        return Reply(t(language, "suppliers_none", code=product.code, name=cut(name(language, product), 150)), keyboard([back]))
    total = len(items)
    page, first, end = page_bounds(total, page, PER_PAGE)
    header = t(language, "suppliers_header", code=product.code, name=cut(name(language, product), 150), count=digits(language, str(total)),
               first=digits(language, str(first + 1)), last=digits(language, str(end)))
    shown = items[first:end]
    buttons = [ContactSupplier(product.code, s.profile.id or 0).button(label(
        language, N_("btn_supplier_contact") if s.profile.user_id is not None else N_("btn_supplier_registry_contact"),
        rank=digits(language, str(rank)), company=company_name(language, s.profile.company, 120))) for rank, s in enumerate(shown, first + 1)]
    rows = [*grid(buttons, 1), pager(language, page, total, PER_PAGE, lambda p: SuppliersOf(product.code, p)), back]
    entries = [supplier_entry(language, rank, s) for rank, s in enumerate(shown, first + 1)]
    return Reply("\n\n".join([header, *entries]), keyboard(rows))


def registry_contact(language: str, found: RegistryContact) -> Reply:
    """A registry unit nobody owns in chat: its registry contact."""
    profile = found.profile
    return Reply(t(language, "supplier_registry_contact", company=company_name(language, profile.company, 120), code=found.product.code,
                   contact=cut(profile.contact, 300) if profile.contact else t(language, "supplier_no_registry_contact")))


def ask_message(language: str, found: Drafting) -> Reply:
    """Ask the officer for the message the bot will relay."""
    return Reply(t(language, "supplier_message_ask", company=company_name(language, found.profile.company, 120), code=found.product.code),
                 keyboard([[CancelContact().button(label(language, "btn_cancel_message"))]]))


def relayed(language: str, relay: Relay, sender: Html) -> Reply:
    """The desk's message as the manufacturer gets it, in the manufacturer's language, naming the listing."""
    desk = name(language, relay.desk) if relay.desk else t(language, "program_team")
    return Reply(t(language, "supplier_message_relayed", sender=sender, desk=cut(desk, 150), code=relay.product.code,
                   name=cut(name(language, relay.product), 150), message=cut(relay.message, 1500)),
                 keyboard([[OpenListing(relay.product.code).button(label(language, "btn_open_listing", code=relay.product.code))]]))
