"""/profile: the card or the offer to build one, the guided build, editing one field, consent and deletion.

Every question asked is remembered on the user's row (:func:`bot.services.profiles.await_answer`) until the answer
comes, /cancel drops it, or another profile button is pressed. A question with buttons is answered by a button's
data, or by a typed answer («اصفهان», «نه», «تراشکاری، ریخته‌گری»: :mod:`bot.services.profile_answers`); a typed
answer is never a search (:func:`take_answer` is called by the search feature's text handler first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton
from telegram.ext import CommandHandler

from bot.i18n import N_, label, t
from bot.services import profile_answers, profiles
from bot.services.profiles import Flag, Flow, ProfileProblem, Step
from bot.store.models import ManufacturerProfile, utcnow
from bot.telegram.turn import Outcome, Turn, handler, on_press
from bot.telegram.ui import Reply, keyboard

from matching.intent import speaks_as_maker
from matching.normalize import normalize

from ..opportunities.buttons import OpportunitiesPage
from . import render
from .buttons import (
    AnswerFlag,
    AskDelete,
    BuildBelow,
    BuildProfile,
    ClearField,
    ConfirmDelete,
    EditField,
    ListDone,
    PickProvince,
    ShowProfile,
    SkipStep,
    ToggleConsent,
    ToggleItem,
)

if TYPE_CHECKING:
    from bot.telegram.app import App

# ---------------------------------------------------------------------------------------- handlers


def other_features_rows(turn: Turn, profile: ManufacturerProfile) -> Sequence[Sequence[InlineKeyboardButton]]:
    """The buttons other features put on the card, one row each: the listings this unit could make."""
    return ([OpportunitiesPage().button(label(turn.language, "btn_profile_opportunities"))],)


def point_maker(turn: Turn, below: Reply | None = None) -> Reply:
    """A manufacturer who said what it makes in a plain message is first shown what fits it: /profile with a button to
    build one, or, with a profile, a button to its /opportunities; the answer to the message (``below``) follows."""
    if profiles.get(turn.person.id, session=turn.session) is None:
        line = t(turn.language, "maker_pointer_build")
        button = BuildBelow().button(label(turn.language, "btn_profile_build"))
    else:
        line = t(turn.language, "maker_pointer_opportunities")
        button = OpportunitiesPage().button(label(turn.language, "btn_profile_opportunities"))
    if below is None:
        return Reply(line, keyboard([[button]]))
    rows = below.markup.inline_keyboard if below.markup is not None else ()
    return Reply(line + "\n\n" + below.text, keyboard([[button], *rows]))


def _card(turn: Turn, profile: ManufacturerProfile, *, heading: str = "") -> Outcome:
    reply = render.card(turn.language, profile, extra_rows=other_features_rows(turn, profile), heading=heading)
    return Outcome(reply=reply, edit=turn.text.startswith("pf:"))


def _show(turn: Turn, *, heading: str = "") -> Outcome:
    """The card, or the offer to build one; no profile answer is waited for any more."""
    profiles.await_answer(turn.person.id, None, session=turn.session)
    profile = profiles.get(turn.person.id, session=turn.session)
    if profile is None:
        return Outcome(reply=render.no_profile(turn.language, heading=heading), edit=turn.text.startswith("pf:"))
    return _card(turn, profile, heading=heading)


@handler
def profile_command(turn: Turn) -> Outcome:
    """The user's profile card, or what a profile is for and the button that builds one."""
    return _show(turn)


def show_profile(turn: Turn, pressed: ShowProfile) -> Outcome:
    return _show(turn)


def _stale(turn: Turn) -> Outcome:
    """A button of an older card or question (the profile changed or went since), or a forged one: the profile as
    it is now, in place of the old message, with a toast saying why."""
    outcome = _show(turn)
    return Outcome(reply=outcome.reply, edit=True, toast=t(turn.language, "profile_stale"))


def _not_asked(turn: Turn, step: Step, flow: Flow) -> Outcome | None:
    """None when ``step`` (in ``flow``) is the question the bot waits for, so its button may answer it; else what a
    button of an older question gets: nothing is changed, nothing reopens.

    Every answer button of a question (a province, a tick, Done, Yes/No, Skip, Clear) goes through here: the
    question's message stays in the chat when it is answered by typing or left, and a tap on it later, on a
    profile long saved, moved the province and asked "step 3" again. With another question waiting (the build
    goes on, or a field is being edited), the old message says so and that question still waits; with none, the
    old message becomes the card, saying the profile is saved and how to change a field. No profile: as before.
    """
    pending = profiles.pending_of(turn.waiting.step)
    if pending is not None and pending.step == step and pending.flow == flow:
        return None
    if pending is not None and pending.step in profiles.CONFIRM_STEPS:
        pending = None  # "Delete your profile?" is no question of the build
    profile = profiles.get(turn.person.id, session=turn.session)
    if profile is None:
        return _stale(turn)
    toast = t(turn.language, "profile_old_question_toast")
    if pending is not None:
        return Outcome(reply=Reply(t(turn.language, "profile_old_question_waiting")), edit=True, toast=toast)
    outcome = _card(turn, profile, heading=t(turn.language, "profile_old_question_saved") + "\n\n")
    return Outcome(reply=outcome.reply, edit=True, toast=toast)


def _ask(turn: Turn, step: Step, flow: Flow, *, problem: str = "", edit: bool = True) -> Outcome:
    """Ask ``step`` and wait for its answer in the database (a button question takes a typed answer too)."""
    profiles.await_answer(turn.person.id, step, flow, session=turn.session)
    profile = profiles.get(turn.person.id, session=turn.session)
    return Outcome(reply=render.question(turn.language, step, flow, profile, problem=problem), edit=edit)


def _after(turn: Turn, step: Step, flow: Flow, *, edit: bool = True) -> Outcome:
    """What follows an answered (or skipped) question: the next one in the build, else the card."""
    if flow == "b" and step != "consent":
        following = "knowledge_based" if step == "idle_since" else profiles.STEPS[profiles.STEPS.index(step) + 1]
        return _ask(turn, following, "b", edit=edit)
    profiles.await_answer(turn.person.id, None, session=turn.session)
    profile = profiles.get(turn.person.id, session=turn.session)
    if profile is None:
        return _show(turn)
    heading = t(turn.language, N_("profile_saved") if flow == "b" else N_("profile_updated")) + "\n\n"
    reply = render.card(turn.language, profile, extra_rows=other_features_rows(turn, profile), heading=heading)
    return Outcome(reply=reply, edit=edit)


def build_profile(turn: Turn, pressed: BuildProfile) -> Outcome:
    """The guided build from its first question (an existing profile's answers show as they are, to keep or change)."""
    return _ask(turn, "company", "b")


def build_below(turn: Turn, pressed: BuildBelow) -> Outcome:
    """The build started from the pointer under search results: its question is a new message below them."""
    return _ask(turn, "company", "b", edit=False)


def edit_field(turn: Turn, pressed: EditField) -> Outcome:
    if profiles.get(turn.person.id, session=turn.session) is None:
        return _stale(turn)
    return _ask(turn, pressed.field, "e")


def skip_step(turn: Turn, pressed: SkipStep) -> Outcome:
    if (old := _not_asked(turn, pressed.step, pressed.flow)) is not None:
        return old
    if profiles.get(turn.person.id, session=turn.session) is None:
        return _stale(turn)  # nothing to go on with before the company is named
    return _after(turn, pressed.step, pressed.flow)


def clear_field(turn: Turn, pressed: ClearField) -> Outcome:
    if (old := _not_asked(turn, pressed.field, "e")) is not None:
        return old
    try:
        profiles.clear_text(turn.person.id, pressed.field, session=turn.session)
    except ProfileProblem:
        return _stale(turn)
    return _after(turn, pressed.field, "e")


def pick_province(turn: Turn, pressed: PickProvince) -> Outcome:
    if (old := _not_asked(turn, "province", pressed.flow)) is not None:
        return old
    try:
        profiles.set_province(turn.person.id, pressed.key, session=turn.session)
    except ProfileProblem:
        return _stale(turn)  # a forged key, or a profile deleted since
    return _after(turn, "province", pressed.flow)


def toggle_item(turn: Turn, pressed: ToggleItem) -> Outcome:
    """Tick or untick, and show the same list again with the ticks as they now are."""
    if (old := _not_asked(turn, pressed.kind, pressed.flow)) is not None:
        return old
    try:
        profiles.toggle(turn.person.id, pressed.kind, pressed.key, session=turn.session)
    except ProfileProblem:
        return _stale(turn)
    return _ask(turn, pressed.kind, pressed.flow)


def list_done(turn: Turn, pressed: ListDone) -> Outcome:
    """Done with the list. With no process ticked the question stays open and says so, as «همین» typed does (an empty
    list saved without a word was a user trial's finding; "none" typed ends it empty on purpose). No certification
    ticked is an answer: most small units hold none, and each message costs them a round trip through a VPN."""
    if (old := _not_asked(turn, pressed.kind, pressed.flow)) is not None:
        return old
    profile = profiles.get(turn.person.id, session=turn.session)
    if profile is None:
        return _stale(turn)
    if pressed.kind == "processes" and not profiles.keys_of(profile.processes):
        return _ask(turn, pressed.kind, pressed.flow, problem=t(turn.language, "profile_done_nothing_ticked_processes"))
    return _after(turn, pressed.kind, pressed.flow)


def answer_flag(turn: Turn, pressed: AnswerFlag) -> Outcome:
    if (old := _not_asked(turn, pressed.flag, pressed.flow)) is not None:
        return old
    return _answer_flag(turn, pressed.flow, pressed.flag, pressed.value == "y", edit=True)


def _answer_flag(turn: Turn, flow: Flow, flag: Flag, value: bool, *, edit: bool, since: str = "") -> Outcome:
    """Yes or no; an idle unit is asked since when (optional), unless the yes said it (``since``: «آره از مهر
    ۱۴۰۲» typed, read as the date step would read it; what is no date at all is not asked about, a refused date
    is said with the question)."""
    try:
        profiles.set_flag(turn.person.id, flag, value, session=turn.session)
    except ProfileProblem:
        return _stale(turn)
    if flag == "idle" and value and since:
        try:
            profiles.set_text(turn.person.id, "idle_since", since, session=turn.session, today=turn.today)
        except ProfileProblem as refused:
            problem = "" if refused.code == "not_a_date" else render.problem(turn.language, refused)
            return _ask(turn, "idle_since", flow, problem=problem, edit=edit)
        return _after(turn, "idle_since", flow, edit=edit)
    if flag == "idle" and value:
        return _ask(turn, "idle_since", flow, edit=edit)
    return _after(turn, flag, flow, edit=edit)


def toggle_consent(turn: Turn, pressed: ToggleConsent) -> Outcome:
    """Let investors see the profile, or stop letting them; the card shows the new state."""
    profile = profiles.get(turn.person.id, session=turn.session)
    if profile is None:
        return _stale(turn)
    profile = profiles.set_flag(turn.person.id, "consent", not profile.consent, session=turn.session)
    toast = t(turn.language, N_("profile_consent_on") if profile.consent else N_("profile_consent_off"))
    outcome = _card(turn, profile)
    return Outcome(reply=outcome.reply, edit=True, toast=toast)


def ask_delete(turn: Turn, pressed: AskDelete) -> Outcome:
    footprint = profiles.footprint(turn.person.id, session=turn.session)
    if footprint is None:
        return _stale(turn)
    profiles.await_answer(turn.person.id, "delete", "e", session=turn.session)
    return Outcome(reply=render.delete_confirmation(turn.language, footprint), edit=True)


def confirm_delete(turn: Turn, pressed: ConfirmDelete) -> Outcome:
    profiles.await_answer(turn.person.id, None, session=turn.session)
    if profiles.delete_profile(turn.person.id, session=turn.session) is None:
        return _stale(turn)
    return Outcome(reply=render.deleted(turn.language), edit=True, toast=t(turn.language, "profile_deleted_toast"))


def _typed_at_delete(turn: Turn, pending: profiles.Pending) -> Outcome | None:
    """A message typed while "Delete your profile?" waits: a no keeps it (the Keep button), a yes («are pak kon»)
    is asked to tap "Yes, delete" (a typed word never deletes a profile), neither searched nor logged; anything
    else, or a confirmation left long ago, is the message it is."""
    profile = profiles.get(turn.person.id, session=turn.session)
    answer = profile_answers.read_yes_no(turn.text) or profile_answers.read_delete(turn.text)
    if profile is None or answer is None or (pending.stale(utcnow()) and answer == "yes"):
        profiles.await_answer(turn.person.id, None, session=turn.session)
        return None
    if answer == "no":
        return _show(turn, heading=t(turn.language, "profile_kept") + "\n\n")
    footprint = profiles.footprint(turn.person.id, session=turn.session)
    if footprint is None:  # pragma: no cover - the profile was read just above
        return None
    confirmation = render.delete_confirmation(turn.language, footprint)
    return Outcome(reply=replace(confirmation, text=t(turn.language, "profile_delete_tap") + "\n\n" + confirmation.text))


def take_answer(turn: Turn) -> Outcome | None:
    """The message as the answer to the profile question the bot asked, if it asked one; else ``None``.

    A refused answer is said plainly with the question again (still waited for); an accepted one leads on.
    """
    pending = profiles.pending_of(turn.waiting.step)
    if pending is None:
        return None
    if pending.step in profiles.CONFIRM_STEPS:
        return _typed_at_delete(turn, pending)
    if pending.step != "company" and profile_answers.is_skip(turn.text):
        # «بعداً» typed where the Skip button is: the question skipped, not «بعداً» as the unit's materials.
        return _after(turn, pending.step, pending.flow, edit=False) if pending.flow == "b" else _show(turn)
    if pending.step in profiles.BUTTON_STEPS:
        if profiles.get(turn.person.id, session=turn.session) is None:  # deleted since the question was asked
            profiles.await_answer(turn.person.id, None, session=turn.session)
            return None
        return _typed_choice(turn, pending)
    try:
        profiles.set_text(turn.person.id, pending.step, turn.text, session=turn.session, today=turn.today)  # type: ignore[arg-type]
    except ProfileProblem as refused:
        if refused.code == "no_profile":  # deleted since the question was asked
            profiles.await_answer(turn.person.id, None, session=turn.session)
            return None
        return _ask(turn, pending.step, pending.flow, problem=render.problem(turn.language, refused), edit=False)
    return _after(turn, pending.step, pending.flow, edit=False)


def leaves_question(turn: Turn) -> bool:
    """Whether the message, typed while a list question (processes, certifications) waits, is plainly no answer to
    it: it names no item of the list, and it is a maker saying what it makes or a confident listing. The wait ends
    (the answers given stay, and the reply says so above the answer) and the message is what it is. A blind trial's
    «silandr hidrolik» got "not in the list of processes" until /cancel, sessions later, as /lead notes once did. Any
    other message is refused with how to finish or leave: a list answer with a typo must not become a search."""
    pending = profiles.pending_of(turn.waiting.step)
    if pending is None or pending.step not in ("processes", "certifications"):
        return False
    picked = profile_answers.read_items(pending.step, turn.text)
    if picked.keys or picked.done or picked.none or profile_answers.is_skip(turn.text):
        return False
    if not speaks_as_maker(turn.text) and not any(found.kind == "product" for found in turn.matcher.search(turn.text, limit=1)):
        return False
    profiles.await_answer(turn.person.id, None, session=turn.session)
    return True


def _typed_choice(turn: Turn, pending: profiles.Pending) -> Outcome | None:
    """A typed answer to a question with buttons, taken as the button it names; a message naming none (or two
    provinces at once) is said plainly with the question again, still waited for. Never a search, unless the
    message answers nothing and the question is stale: then the wait is dropped and ``None`` lets the message be
    what it is."""
    step, flow = pending.step, pending.flow
    if step == "province":
        city = profile_answers.read_city(turn.text)
        found = [city.province] if city is not None else profile_answers.read_province(turn.text)
        if len(found) == 1:
            profiles.set_province(turn.person.id, found[0], session=turn.session)
            after = _after(turn, step, flow, edit=False)
            # «کرج» is a city, ``esfehan`` a spelling: say which province was taken, above what comes next (a blind
            # trial's «esfehan» was saved as «اصفهان» without a word). The name as the buttons show it needs none.
            if city is not None:
                taken = render.province_of_city(turn.language, city)
            elif normalize(turn.text) != normalize(render.province_name(turn.language, found[0])):
                taken = render.province_read(turn.language, found[0])
            else:
                return after
            if after.reply is None:
                return after
            return replace(after, reply=replace(after.reply, text=taken + "\n\n" + after.reply.text))
        answered_nothing = not found
        problem = render.province_problem(turn.language, turn.text, found)
    elif step in ("processes", "certifications"):
        picked = profile_answers.read_items(step, turn.text)
        if picked.keys:
            profiles.tick(turn.person.id, step, picked.keys, session=turn.session)
        profile = profiles.get(turn.person.id, session=turn.session)
        nothing_ticked = profile is not None and not profiles.keys_of(getattr(profile, step))
        # «تمام» typed with nothing ticked is the Done button: no certification is an answer (:func:`list_done`).
        empty_ok = picked.none or step == "certifications"
        if picked.done and not picked.unknown and not (nothing_ticked and not empty_ok):
            return _after(turn, step, flow, edit=False)
        answered_nothing = not picked.keys and not picked.done
        problem = render.ticked(turn.language, step, turn.text, picked, nothing_ticked=nothing_ticked)
    else:
        answer = profile_answers.read_yes_no(turn.text)
        if answer is not None:
            since = profile_answers.after_first_word(turn.text) if answer == "yes" else ""
            return _answer_flag(turn, flow, step, answer == "yes", edit=False, since=since)  # type: ignore[arg-type]
        answered_nothing = True
        problem = render.yes_no_problem(turn.language, turn.text)
    # Only a question left long ago gives way: while the form is open (/cancel leaves it), a message the step cannot
    # read is refused with the reason and the question again. A blind trial's «تراشکاری CNC و قطعات خودرو» typed at
    # the province, and «۵۰۰ قطعه در ماه» at "idle?", were searched and the form ended silently: the later «اصفهان»
    # and «آره» were then logged as unmet demand.
    if answered_nothing and pending.stale(utcnow()):
        profiles.await_answer(turn.person.id, None, session=turn.session)
        return None
    return _ask(turn, step, flow, problem=problem, edit=False)


def register(application: App) -> None:
    """/profile and its buttons."""
    application.add_handler(CommandHandler("profile", profile_command))
    application.add_handler(on_press(ShowProfile, show_profile))
    application.add_handler(on_press(BuildProfile, build_profile))
    application.add_handler(on_press(BuildBelow, build_below))
    application.add_handler(on_press(EditField, edit_field))
    application.add_handler(on_press(SkipStep, skip_step))
    application.add_handler(on_press(ClearField, clear_field))
    application.add_handler(on_press(PickProvince, pick_province))
    application.add_handler(on_press(ToggleItem, toggle_item))
    application.add_handler(on_press(ListDone, list_done))
    application.add_handler(on_press(AnswerFlag, answer_flag))
    application.add_handler(on_press(ToggleConsent, toggle_consent))
    application.add_handler(on_press(AskDelete, ask_delete))
    application.add_handler(on_press(ConfirmDelete, confirm_delete))
