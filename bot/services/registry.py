"""Production units from a registry: importing them (CSV or XLSX, all rows or none), seeding the illustrative
ones, finding them for a claim, and exporting every profile in the same format.

A units file is declared once by :class:`~bot.services.records.UnitRecord`: its columns, their order and their
checks. A row becomes a :class:`~bot.store.models.ManufacturerProfile` with ``source=registry``; the unit id is
what a later file updates it by. Units nobody has claimed follow the file; a unit its owner claimed keeps the
owner's values (the report names it). Units a later file leaves out are kept: registries publish extracts.

An export writes the import columns first, then ``source,owner_user_id,consent,updated_at``: an import accepts
and ignores those, and skips the rows of profiles built in chat (they have no unit id and are their owners').
"""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process
from sqlmodel import Session

import seed_data
from bot.i18n import commas
from bot.store import registry as store
from bot.store.catalog import RowChange, UpsertCounts
from bot.store.models import ManufacturerProfile, ProfileSource, split_list, utcnow
from matching.normalize import normalize

from . import profiles
from .catalog import ImportReport, committed
from .catalog_csv import FILE_LIMITS, CsvFormatError, SeedFileError, Table, check_header, read_csv, unneutralise, write_csv
from .inputs import ascii_digits, clean_text
from .problems import Problem, RowError
from .records import UNKNOWN_STATUS, Known, UnitRecord, as_text, lookup_key
from .spreadsheets import read_upload

REQUIRED_COLUMNS = UnitRecord.required_columns()
OPTIONAL_COLUMNS = UnitRecord.optional_columns()
ALL_COLUMNS = UnitRecord.columns()
EXPORT_COLUMNS = ("source", "owner_user_id", "consent", "updated_at")
"""What an export adds after the import columns; an import accepts them and ignores them."""
MAX_CANDIDATES = 5
_FUZZY = 80  # rapidfuzz partial ratio a unit's name must reach to be offered for a query that is not in it


# ------------------------------------------------------------------------------ the reference lists


@dataclass(frozen=True, slots=True)
class Names:
    """A reference list (provinces, processes, certifications): each key's English and Persian names."""

    names: Mapping[str, tuple[str, str]]
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Other words for one key (a process's keywords that name no other process: «ماشین‌کاری», «ریخته‌گری»)."""

    def lookup(self) -> dict[str, str]:
        """Every spelling the list is found by (key, names, a name without its bracketed detail, the words of a
        name the other way round: "Khorasan Razavi") → key."""
        found: dict[str, str] = {}
        for key, (english, persian) in self.names.items():
            for spelling in (key, english, persian, english.split(" (")[0], persian.split(" (")[0]):
                found.setdefault(lookup_key(spelling), key)
                found.setdefault(lookup_key(" ".join(reversed(spelling.replace("_", " ").split()))), key)
        for alias, key in self.aliases.items():
            found.setdefault(lookup_key(alias), key)
        return found

    def name(self, key: str, language: str) -> str:
        english, persian = self.names.get(key, (key, key))
        return persian if language == "fa" else english


def _names(choices: Sequence[profiles.Choice], aliases: Mapping[str, str] | None = None) -> Names:
    return Names({choice.key: (choice.name_en, choice.name_fa) for choice in choices}, aliases or {})


def _process_aliases() -> dict[str, str]:
    """A keyword of one process only (``seed_data/processes.csv``) is a name people write for it; one that two
    processes share names neither."""
    text = seed_data.files().joinpath("processes.csv").read_text(encoding="utf-8")
    owners: dict[str, set[str]] = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        for word in split_list(row["keywords"]):
            owners.setdefault(lookup_key(word), set()).add(row["key"])
    typed = {lookup_key(word): key for key, words in profiles.process_words().items() for word in words}
    return {word: next(iter(keys)) for word, keys in owners.items() if len(keys) == 1} | typed


@cache
def provinces() -> Names:
    """The provinces, found also by the cities of ``seed_data/cities.csv`` (``Karaj`` is ``alborz``)."""
    cities = {name: city.province for city in profiles.cities() for name in (city.name_en, city.name_fa, *city.aliases)}
    return _names(profiles.provinces(), cities)


@cache
def processes() -> Names:
    return _names(profiles.processes(), _process_aliases())


@cache
def certifications() -> Names:
    return _names(profiles.certifications())


@cache
def known() -> Known:
    """What unit rows are checked against (the shipped lists do not change while the bot runs)."""
    return Known((), provinces=provinces().lookup(), processes=processes().lookup(), certifications=certifications().lookup())


# ------------------------------------------------------------------------------------- reading a file


def is_units_header(header: Sequence[str]) -> bool:
    """Whether a file's header is a units file's (it names ``unit_id``), not a products file's."""
    return "unit_id" in (clean_text(name).strip().lower() for name in header)


@dataclass(slots=True)
class ParsedUnits:
    """What a units file holds: valid rows, or every reason it cannot be imported."""

    rows: list[UnitRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    skipped: int = 0
    """Rows of profiles built in chat (an export's), which an import leaves to their owners."""

    @property
    def ok(self) -> bool:
        return not self.errors


def check_units_header(header: Sequence[str]) -> list[str]:
    """The header's column names, or :class:`CsvFormatError` naming what is missing, unknown or repeated."""
    return check_header(header, REQUIRED_COLUMNS, OPTIONAL_COLUMNS + EXPORT_COLUMNS)


def latest_today() -> date:
    """The latest day it is anywhere now (UTC+14): an idle date on or before it is not in the future for anyone."""
    return (utcnow() + timedelta(hours=14)).date()


def _idle_problem(row: UnitRecord, raw: Mapping[str, str], row_number: int, today: date) -> RowError | None:
    """What the chat's profile steps refuse of an idle date: one in the future, or one for an active unit."""
    if row.idle_since is None:
        return None
    value = clean_text(raw.get("idle_since", ""))
    if row.idle_since > today:
        return RowError.of(row_number, "idle_since", Problem.IDLE_SINCE_FUTURE, value=value)
    if row.status == "active":
        return RowError.of(row_number, "idle_since", Problem.IDLE_SINCE_ACTIVE, value=value)
    return None


def parse_unit_table(table: Table, *, today: date | None = None) -> ParsedUnits:
    """Validate a units table however it was read (CSV, XLSX): every problem, with its row and column.

    An ``idle_since`` after ``today`` (by default the latest day it is anywhere) or on a unit whose ``status`` is
    ``active`` is a problem, as in the chat's profile steps."""
    today = today or latest_today()
    header, records = table
    columns = check_units_header(header)
    result = ParsedUnits(columns=tuple(name for name in columns if name not in EXPORT_COLUMNS))
    first_seen: dict[str, int] = {}
    for offset, record in enumerate(records):
        row_number = offset + 2
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(columns):
            result.errors.append(RowError.of(row_number, None, Problem.ROW_WIDTH, count=str(len(record)), columns=str(len(columns))))
            continue
        raw = {name: unneutralise(cell) for name, cell in zip(columns, record)}
        if raw.get("source", "").strip().lower() == ProfileSource.CHAT.value:
            result.skipped += 1
            continue
        row, errors = UnitRecord.read({name: value for name, value in raw.items() if name not in EXPORT_COLUMNS}, row_number, known())
        if row is not None and (idle := _idle_problem(row, raw, row_number, today)) is not None:
            errors.append(idle)
        if row is not None and row.unit_id in first_seen:
            errors.append(RowError.of(row_number, "unit_id", Problem.CODE_DUPLICATE, code=row.unit_id, first=str(first_seen[row.unit_id])))
        result.errors.extend(errors)
        if row is not None and not errors:
            first_seen[row.unit_id] = row_number
            result.rows.append(row)
    if not result.rows and not result.errors and not result.skipped:
        result.errors.append(RowError.of(2, None, Problem.NO_ROWS))
    return result


# ------------------------------------------------------------------------------------------ writing


@dataclass(slots=True)
class UnitImportReport(ImportReport):
    """An import of units: the counts, and the claimed units whose owners' values were kept."""

    kept: tuple[str, ...] = ()
    """Unit ids of the file's rows that name a unit its owner claimed: left as the owner has it."""
    skipped: int = 0


# A record's column → the profile's attribute (the others have the same name).
_ATTRIBUTE = {"name": "company", "products": "makes"}


def profile_values(record: UnitRecord, columns: Sequence[str]) -> dict[str, Any]:
    """The profile attributes ``columns`` of a record set (``status`` sets ``idle``, None when ``unknown``; an
    active unit has no idle date)."""
    values: dict[str, Any] = {}
    for column in columns:
        value = getattr(record, column)
        if column == "status":
            values["idle"] = None if value == UNKNOWN_STATUS else value == "idle"
        else:
            values[_ATTRIBUTE.get(column, column)] = value
    if values.get("idle") is False and "idle_since" in values:
        values["idle_since"] = None
    return values


_COLUMN = {attribute: column for column, attribute in _ATTRIBUTE.items()}


def _status_text(idle: bool | None) -> str:
    """The ``status`` column of a profile's idle answer: an unanswered one is ``unknown``, never ``active``."""
    return UNKNOWN_STATUS if idle is None else "idle" if idle else "active"


def _as_columns(values: Mapping[str, Any]) -> dict[str, str]:
    """Profile attributes as the file's columns and texts (``idle`` as ``status``), for previews and the audit log."""
    texts: dict[str, str] = {}
    for key, value in values.items():
        if key == "idle":
            texts["status"] = _status_text(value)
        elif key == "knowledge_based" and value is None:
            texts[key] = UNKNOWN_STATUS  # not answered: never the empty cell, which reads back as "no"
        elif key != "illustrative":
            texts[_COLUMN.get(key, key)] = as_text(value)
    return texts


def _write(records: Sequence[UnitRecord], columns: Sequence[str], *, session: Session, dry_run: bool,
           illustrative: bool | None) -> tuple[UpsertCounts, tuple[str, ...]]:
    """Add or update ``records`` by unit id (``columns``: those the file has); claimed units are left alone.

    ``illustrative`` marks (seeding) or unmarks the units written; None leaves the mark of existing ones as it is.
    """
    existing = store.units_by_id([record.unit_id for record in records], session=session)
    changes: list[RowChange] = []
    kept: list[str] = []
    new = changed = unchanged = 0
    now = utcnow()
    for record in records:
        values = profile_values(record, columns)
        if illustrative is not None:
            values["illustrative"] = illustrative
        profile = existing.get(record.unit_id)
        if profile is None:
            new += 1
            changes.append(RowChange(record.unit_id, None, _as_columns(values)))
            if not dry_run:
                # The registry says no when its file says nothing (as before answers could be missing).
                unsaid = {"idle": False, "knowledge_based": False}
                session.add(ManufacturerProfile(source=ProfileSource.REGISTRY, created_at=now, updated_at=now, **(unsaid | values)))
            continue
        if profile.user_id is not None:
            kept.append(record.unit_id)
            continue
        differ = {key: value for key, value in values.items() if getattr(profile, key) != value}
        if not differ:
            unchanged += 1
            continue
        changed += 1
        changes.append(RowChange(record.unit_id, _as_columns({key: getattr(profile, key) for key in differ}), _as_columns(differ)))
        if not dry_run:
            for key, value in differ.items():
                setattr(profile, key, value)
            profile.updated_at = now
            session.add(profile)
    if not dry_run:
        session.flush()
    return UpsertCounts(new, changed, unchanged, tuple(changes)), tuple(kept)


def import_table(table: Table, *, session: Session, dry_run: bool = False) -> UnitImportReport:
    """Validate a units table and write it by unit id, or with ``dry_run`` only count what would change.

    Writes nothing unless every row is valid, and never commits: the caller owns the transaction. Optional
    columns the file leaves out keep their stored values.
    """
    parsed = parse_unit_table(table)
    if not parsed.ok:
        return UnitImportReport(rows=len(parsed.rows), errors=parsed.errors, skipped=parsed.skipped)
    counts, kept = _write(parsed.rows, parsed.columns, session=session, dry_run=dry_run, illustrative=None)
    return UnitImportReport(rows=len(parsed.rows), counts=counts, applied=not dry_run, kept=kept, skipped=parsed.skipped)


def import_units(data: bytes | str, *, session: Session, dry_run: bool = False, file_name: str = "units.csv") -> UnitImportReport:
    """Validate a units file (CSV, or XLSX by its content or name) and write it in one transaction, or nothing.

    Raises :class:`CsvFormatError` when the file cannot be read at all (encoding, header).
    """
    def run() -> UnitImportReport:
        table = read_csv(data) if isinstance(data, str) else read_upload(file_name, data, FILE_LIMITS)
        return import_table(table, session=session, dry_run=dry_run)

    return committed(run, session=session)


def seed_units(*, session: Session) -> UpsertCounts:
    """Load ``seed_data/units.csv``, marked illustrative; running it again changes nothing (claimed units are kept).

    Raises :class:`SeedFileError` if the shipped file is broken, before anything is written.
    """
    try:
        parsed = parse_unit_table(read_csv(seed_data.files().joinpath("units.csv").read_text(encoding="utf-8")))
    except CsvFormatError as exc:
        raise SeedFileError(f"seed_data/units.csv: {exc}") from None
    if not parsed.ok:
        raise SeedFileError("seed_data/units.csv: " + "; ".join(map(str, parsed.errors[:5])))
    counts, _ = _write(parsed.rows, parsed.columns, session=session, dry_run=False, illustrative=True)
    return counts


# ------------------------------------------------------------------------------------------- reading


def record_of(profile: ManufacturerProfile) -> UnitRecord:
    """A stored profile in the units file's terms (stored values were checked when written: not read again)."""
    values = {column: getattr(profile, _ATTRIBUTE.get(column, column)) for column in ALL_COLUMNS if column != "status"}
    values["status"] = _status_text(profile.idle)
    values["unit_id"] = profile.unit_id or ""
    return UnitRecord.stored(SimpleNamespace(**values))


def export_table(*, session: Session) -> tuple[tuple[str, ...], list[list[str]]]:
    """Every profile as the import's columns, then who owns it, whether it consented and when it last changed."""
    rows = []
    for profile in store.profiles(session=session):
        extra = [profile.source.value, "" if profile.user_id is None else str(profile.user_id), as_text(profile.consent),
                 profile.updated_at.isoformat(timespec="seconds")]
        texts = record_of(profile).texts()
        if profile.knowledge_based is None:  # skipped by its owner: read back, it stays unanswered (empty is "no")
            texts["knowledge_based"] = UNKNOWN_STATUS
        rows.append([*texts.values(), *extra])
    return ALL_COLUMNS + EXPORT_COLUMNS, rows


def export_profiles(*, session: Session, spreadsheet: bool = False) -> tuple[str, int]:
    """Every profile as CSV text in the import format (see :func:`export_table`) and the number of rows."""
    header, rows = export_table(session=session)
    return write_csv(header, rows, spreadsheet=spreadsheet), len(rows)


def find_units(query: str, *, session: Session, limit: int = MAX_CANDIDATES) -> list[ManufacturerProfile]:
    """Registry units a claimant may mean by ``query``: the unit with that id (claimed or not), else up to
    ``limit`` unclaimed units whose id or name holds it, then those whose name is close to it."""
    text = clean_text(query).strip()
    if not text:
        return []
    exact = store.units_by_id([ascii_digits(text).upper()], session=session)
    if exact:
        return list(exact.values())
    words = normalize(text)
    wanted = words.replace(" ", "")
    if not wanted:
        return []
    units = store.unclaimed_names(session=session)
    names = [normalize(company) for _, _, company in units]
    holding = [index for index, ((_, unit_id, _), name) in enumerate(zip(units, names))
               if wanted in name.replace(" ", "") or wanted in unit_id.lower()]
    if len(holding) < limit and len(wanted) >= 3:
        close = process.extract(words, names, scorer=fuzz.partial_ratio, score_cutoff=_FUZZY, limit=limit + len(holding))
        holding += [index for _, _, index in close if index not in holding]
    return store.get_profiles([units[index][0] for index in holding[:limit]], session=session)


def describe_lists(keys: str, names: Names, language: str) -> str:
    """``;``-separated keys as their names in ``language``, joined with the language's comma."""
    return commas(language, (names.name(key, language) for key in split_list(keys)))

