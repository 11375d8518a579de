"""The words of /profile: the card, each question with its buttons, the problems, the deletion's confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton

from bot.dates import format_date
from bot.i18n import N_, Html, commas, digits, label, name_list, t, tn
from bot.services import profiles
from bot.services.profile_answers import Picked
from bot.services.profiles import Choice, Flow, ListKind, ProfileProblem, Step
from bot.store.models import ManufacturerProfile
from bot.telegram.ui import Reply, by_name, cut, grid, keyboard, name

from .buttons import (
    AnswerFlag,
    AskDelete,
    BuildProfile,
    ClearField,
    ConfirmDelete,
    EditableField,
    EditField,
    ListDone,
    PickProvince,
    ShowProfile,
    SkipStep,
    ToggleConsent,
    ToggleItem,
)

_SHOWN_TEXT = 300
"""Characters of a free-text field the card shows (what the unit makes: more)."""
_SHOWN_MAKES = 1000

QUESTIONS = {
    "company": N_("profile_ask_company"), "province": N_("profile_ask_province"), "makes": N_("profile_ask_makes"),
    "processes": N_("profile_ask_processes"), "materials": N_("profile_ask_materials"),
    "machines": N_("profile_ask_machines"), "certifications": N_("profile_ask_certifications"),
    "capacity": N_("profile_ask_capacity"), "idle": N_("profile_ask_idle"), "idle_since": N_("profile_ask_idle_since"),
    "knowledge_based": N_("profile_ask_knowledge_based"), "consent": N_("profile_ask_consent"),
}
EDIT_LABELS: dict[EditableField, str] = {
    "company": N_("btn_profile_edit_company"), "province": N_("btn_profile_edit_province"),
    "makes": N_("btn_profile_edit_makes"), "processes": N_("btn_profile_edit_processes"),
    "materials": N_("btn_profile_edit_materials"), "machines": N_("btn_profile_edit_machines"),
    "certifications": N_("btn_profile_edit_certifications"), "capacity": N_("btn_profile_edit_capacity"),
    "idle": N_("btn_profile_edit_idle"), "knowledge_based": N_("btn_profile_edit_knowledge_based"),
}
HINTS = {
    "province": N_("profile_hint_province"), "processes": N_("profile_hint_processes"),
    "certifications": N_("profile_hint_certifications"),
}
"""Under a question with many buttons: it may be answered by typing."""
PROBLEMS = {
    "company_empty": N_("profile_problem_company_empty"), "too_long": N_("profile_problem_too_long"),
    "unknown_province": N_("profile_problem_unknown_province"), "unknown_process": N_("profile_problem_unknown_process"),
    "unknown_certification": N_("profile_problem_unknown_certification"),
    "not_a_date": N_("profile_problem_not_a_date"), "no_such_day": N_("profile_problem_no_such_day"),
    "in_the_future": N_("profile_problem_in_the_future"), "no_profile": N_("profile_problem_no_profile"),
}


def short(language: str, item: Choice) -> str:
    """A list entry's name without its explanation in brackets: what a button and the card show."""
    return name(language, item).split(" (")[0]


def _list(language: str, kind: ListKind, stored: str) -> str:
    known = profiles.by_key(profiles.choices(kind))
    names = [short(language, known[key]) for key in profiles.keys_of(stored) if key in known]
    # Not join_items' "a, b and c": names such as «آهنگری و فورج» hold an "and" of their own, and process names
    # a comma («آبکاری، رنگ‌آمیزی و پوشش‌دهی»).
    return name_list(language, names) if kind == "processes" else commas(language, names)


def _or_none(language: str, text: str) -> str:
    return text or t(language, "none")


def _yes_no(language: str, value: bool | None) -> str:
    """Yes, no, or "not answered" for a question skipped (never "no" for a skip)."""
    if value is None:
        return t(language, "profile_unanswered")
    return t(language, N_("profile_yes") if value else N_("profile_no"))


def province_of_city(language: str, city: profiles.City) -> str:
    """"Karaj is in Alborz province: Alborz is saved.", for a city typed at the province question."""
    return t(language, "profile_province_from_city", city=city.name_fa if language == "fa" else city.name_en,
             province=province_name(language, city.province))


def province_read(language: str, key: str) -> str:
    """"📍 Isfahan is saved as your province.", for a province typed in another spelling (``esfehan``)."""
    return t(language, "profile_province_read", province=province_name(language, key))


def province_name(language: str, key: str) -> str:
    found = profiles.by_key(profiles.provinces()).get(key)
    return name(language, found) if found else ""


def idle_text(language: str, profile: ManufacturerProfile) -> str:
    if not profile.idle:
        return _yes_no(language, profile.idle)
    if profile.idle_since is None:
        return _yes_no(language, True)
    return t(language, "profile_idle_since", date=format_date(language, profile.idle_since))


def card(language: str, profile: ManufacturerProfile, *, extra_rows: Sequence[Sequence[InlineKeyboardButton]] = (),
         heading: str = "") -> Reply:
    """The owner's card: every field, an Edit button per field, the consent toggle and "Delete my profile".

    ``extra_rows`` are other features' buttons about this profile (opportunities…), placed between the edit
    buttons and the consent and delete rows. ``heading`` (escaped HTML) goes above the card.
    """
    # (Worded before the card: pybabel extract misses a t call nested inside another call's arguments.)
    consent = Html(t(language, N_("profile_consent_given") if profile.consent else N_("profile_consent_withheld")))
    text = t(
        language, "profile_card",
        company=cut(profile.company, profiles.COMPANY_MAX),
        province=_or_none(language, province_name(language, profile.province)),
        makes=_or_none(language, cut(profile.makes, _SHOWN_MAKES)),
        processes=_or_none(language, _list(language, "processes", profile.processes)),
        materials=_or_none(language, cut(profile.materials, _SHOWN_TEXT)),
        machines=_or_none(language, cut(profile.machines, _SHOWN_TEXT)),
        certifications=_or_none(language, _list(language, "certifications", profile.certifications)),
        capacity=_or_none(language, cut(profile.capacity, _SHOWN_TEXT)),
        idle=idle_text(language, profile),
        knowledge_based=_yes_no(language, profile.knowledge_based),
        consent=consent,
    )
    edits = [EditField(field).button(label(language, EDIT_LABELS[field])) for field in EDIT_LABELS]
    toggle = label(language, N_("btn_profile_consent_off") if profile.consent else N_("btn_profile_consent_on"))
    rows = [*grid(edits), *extra_rows, [ToggleConsent().button(toggle)],
            [AskDelete().button(label(language, "btn_profile_delete"))]]
    return Reply(heading + text, keyboard(rows))


def no_profile(language: str, *, heading: str = "") -> Reply:
    """What a profile is for, and the button that starts building one."""
    return Reply(heading + t(language, "profile_none"), keyboard([[BuildProfile().button(label(language, "btn_profile_build"))]]))


def _current(language: str, step: Step, profile: ManufacturerProfile | None) -> str:
    """What the field holds now, shown under its question (nothing when it is empty)."""
    if profile is None:
        return ""
    value = {
        "company": profile.company, "province": province_name(language, profile.province), "makes": cut(profile.makes, 200),
        "processes": _list(language, "processes", profile.processes), "materials": cut(profile.materials, 200),
        "machines": cut(profile.machines, 200), "certifications": _list(language, "certifications", profile.certifications),
        "capacity": cut(profile.capacity, 200),
        "idle_since": format_date(language, profile.idle_since) if profile.idle_since else "",
    }.get(step, "")
    return "\n\n" + t(language, "profile_now", value=value) if value else ""


def _position(language: str, step: Step, flow: Flow) -> str:
    """"Step 3 of 11" in the build; nothing when editing one field."""
    if flow != "b":
        return ""
    shown = profiles.STEPS.index("idle") if step == "idle_since" else profiles.STEPS.index(step)
    return t(language, "profile_step", number=digits(language, str(shown + 1)),
             total=digits(language, str(len(profiles.STEPS)))) + "\n"


def _leave_row(language: str, step: Step, flow: Flow, profile: ManufacturerProfile | None) -> list[InlineKeyboardButton]:
    """Skip (build) or back to the card (editing), and Clear for an optional text that holds something."""
    row = []
    if flow == "b":
        if step != "company" or profile is not None:
            row.append(SkipStep("b", step).button(label(language, "btn_skip")))
    else:
        if step in ("makes", "materials", "machines", "capacity") and profile is not None and getattr(profile, step):
            row.append(ClearField(step).button(label(language, "btn_profile_clear")))
        row.append(ShowProfile().button(label(language, "btn_profile_back")))
    return row


def _toggles(language: str, flow: Flow, kind: ListKind, stored: str) -> list[list[InlineKeyboardButton]]:
    chosen = set(profiles.keys_of(stored))
    items = profiles.choices(kind)
    buttons = [ToggleItem(flow, kind, item.key).button(("✅ " if item.key in chosen else "") + short(language, item)) for item in items]
    return [*grid(buttons), [ListDone(flow, kind).button(label(language, "btn_done"))]]


def question(language: str, step: Step, flow: Flow, profile: ManufacturerProfile | None, *, problem: str = "") -> Reply:
    """One question of the profile with its buttons; ``problem`` (escaped HTML) says why the last answer was refused."""
    text = (problem + "\n\n" if problem else "") + _position(language, step, flow) + t(language, QUESTIONS[step])
    rows: list[list[InlineKeyboardButton]] = []
    if step == "province":
        ordered = sorted(profiles.provinces(), key=by_name(language))
        rows = grid([PickProvince(flow, item.key).button(name(language, item)) for item in ordered], columns=3)
    elif step in ("processes", "certifications"):
        kind: ListKind = "processes" if step == "processes" else "certifications"
        rows = _toggles(language, flow, kind, getattr(profile, kind) if profile else "")
    elif step in ("idle", "knowledge_based", "consent"):
        yes = N_("btn_profile_consent_yes") if step == "consent" else N_("btn_profile_yes")
        no = N_("btn_profile_consent_no") if step == "consent" else N_("btn_profile_no")
        rows = [[AnswerFlag(flow, step, "y").button(label(language, yes)),
                 AnswerFlag(flow, step, "n").button(label(language, no))]]
    text += _current(language, step, profile)
    # Every question is waited for: the reader learns that typing answers it too, and how to leave.
    hint = HINTS.get(step)
    text += "\n\n" + (t(language, hint) + "\n" if hint else "") + t(language, "profile_cancel_hint")
    return Reply(text, keyboard([*rows, _leave_row(language, step, flow, profile)]))


def province_problem(language: str, typed: str, found: Sequence[str]) -> str:
    """Why a typed province was not taken: it names none, or could be any of ``found`` (named, to pick from)."""
    if not found:
        return t(language, "profile_problem_typed_province", value=cut(typed, 40))
    names = sorted((province_name(language, key) for key in found), key=str)
    return t(language, "profile_problem_which_province", value=cut(typed, 40), names=Html(join_items_or(language, names)))


def join_items_or(language: str, names: Sequence[str]) -> str:
    """«الف، ب یا ج» / "a, b or c": the candidates to choose from."""
    if len(names) < 2:
        return commas(language, names)
    return t(language, "profile_or", first=commas(language, names[:-1]), last=names[-1])


def ticked(language: str, kind: ListKind, typed: str, picked: Picked, *, nothing_ticked: bool = False) -> str:
    """What a typed list answer did: the items it ticked, the words that name none (asked to retype or tap), and
    for "that's all" («همین») with nothing ticked, that nothing is (the question stays open)."""
    if picked.done and not picked.none and nothing_ticked and not picked.unknown:
        return t(language, "profile_nothing_ticked_processes")
    lines = []
    if picked.keys:
        chosen = [short(language, item) for item in profiles.choices(kind) if item.key in picked.keys]
        lines.append(t(language, "profile_ticked", names=name_list(language, chosen) if kind == "processes"
                       else commas(language, chosen)))
        if not picked.done:
            # The list stays open after a typed item: a trial's `iso 9001` was ticked and the next answer, meant
            # for the next question, landed here. Say how to finish.
            lines.append(t(language, "profile_ticked_finish"))
    unknown = picked.unknown or ([] if picked.keys or picked.done else [typed])
    if unknown:
        quoted = commas(language, [t(language, "profile_quoted", value=cut(word, 40)) for word in unknown])
        lines.append(t(language, N_("profile_unknown_processes") if kind == "processes"
                       else N_("profile_unknown_certifications"), names=Html(quoted)))
    return "\n".join(lines)


def yes_no_problem(language: str, typed: str) -> str:
    return t(language, "profile_problem_yes_no", value=cut(typed, 40))


def problem(language: str, refused: ProfileProblem) -> str:
    """Why an answer was refused, in the reader's words (escaped HTML)."""
    values = {key: digits(language, value) if key in ("limit", "length") else value for key, value in refused.values.items()}
    return t(language, PROBLEMS[refused.code], **values)


def delete_confirmation(language: str, footprint: profiles.Footprint) -> Reply:
    """Say exactly what deleting removes, with "Yes, delete" and "Keep it"."""
    # Only what there is: "your claims: 0" would make the reader look for what is not there.
    more = ""
    if footprint.claims:
        more += "\n" + tn(language, "profile_delete_claims", footprint.claims, count=digits(language, str(footprint.claims)))
    if footprint.introductions:
        more += "\n" + tn(language, "profile_delete_introductions", footprint.introductions,
                          count=digits(language, str(footprint.introductions)))
    text = t(language, "profile_delete_confirm", company=cut(footprint.company, profiles.COMPANY_MAX), more=Html(more))
    return Reply(text, keyboard([[ConfirmDelete().button(label(language, "btn_profile_delete_yes")),
                                  ShowProfile().button(label(language, "btn_profile_keep"))]]))


def deleted(language: str) -> Reply:
    """The profile is gone; building a new one is a tap away."""
    return no_profile(language, heading=t(language, "profile_deleted") + "\n\n")
