"""The catalog's records as people write them: one schema per record, for files, chat and exports alike.

A listing (:class:`ProductRecord`) and a desk (:class:`DeskRecord`) are each declared once, field by field, in
CSV column order. Each field says how its text is read and checked (a validator that reports a
:class:`~bot.services.problems.Problem`), whether a file's header may leave it out, and whether the admins'
step-by-step form asks for it (in which place, with which question, and whether /skip may leave it empty).
From that one declaration come the CSV header and column order of imports and exports, the checks of every
CSV or XLSX row, ``field: value`` message and form answer, and the form's questions.

Fields are read from text: surrounding space and unsafe characters are removed first (see
:func:`~bot.services.inputs.clean_text`), and a field a file or message leaves out counts as empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import field
from dataclasses import dataclass as plain_dataclass
from datetime import date
from functools import cache
from typing import Annotated, Any, ClassVar, Self

from pydantic import PlainValidator, TypeAdapter, ValidationError, ValidationInfo
from pydantic.dataclasses import dataclass
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from bot.dates import DateProblem, parse_date
from bot.i18n import N_, MessageId
from bot.store.models import ProductStatus, join_list, split_list
from matching.normalize import compact, persian_letters

from .inputs import NumberError, ascii_digits, clean_text, parse_amount, parse_whole_number
from .problems import Problem, RowError

CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")
_HS_DIGITS = re.compile(r"[0-9]{4,10}")
_HS_SEPARATORS = re.compile(r"[\s.\-\u066b]")  # ٫ is the decimal point of Persian keyboards: ۸۴۱۳٫۷۰
# Far above any product's annual imports or a desk's budget (world trade is ~2.5e13 dollars a year), and
# far below the 64-bit columns' limit: a larger figure is a typo, named as such rather than failing the write.
MAX_AMOUNT = 10**15
MAX_YEAR = 9999
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = frozenset({"true", "yes", "1", "y", "active"})
_FALSE = frozenset({"false", "no", "0", "n", "inactive"})
# A registry's unit id: letters, digits and the punctuation registries number with (stored upper case).
_UNIT_ID = re.compile(r"[A-Z0-9][A-Z0-9_./-]{0,63}")
_ISIC = re.compile(r"[0-9]{2,8}")
_ISIC_SEPARATORS = re.compile(r"[\s.\-\u066b]")
MAX_COMPANY = 200  # the profile's company column
# How registries and people write a unit's state; the Persian words as compact() spells them (no spaces or ZWNJ).
_ACTIVE_WORDS = frozenset({"active", "فعال"})
_IDLE_WORDS = frozenset({"idle", "inactive", "راکد", "غیرفعال", "نیمهفعال", "تعطیل"})
# A profile whose owner never answered the idle question is exported as this, so that the file, read back,
# does not claim the unit is active (empty stays "active": registries' files leave it empty for that).
UNKNOWN_STATUS = "unknown"
_UNKNOWN_WORDS = frozenset({UNKNOWN_STATUS, "نامعلوم", "نامشخص"})
_YES = frozenset({"true", "yes", "y", "1", "بله", "بلی", "اری", "دارد", "هست"})
_NO = frozenset({"false", "no", "n", "0", "خیر", "نه", "ندارد", "نیست"})
# Words around a province's name that registries add ("Tehran Province", «استان تهران»).
_PROVINCE_WORDS = re.compile(r"\b(?:province|ostan|استان)\b")
# Lists are ";"-separated; the Persian keyboard's semicolon is taken too.
_LIST_SEPARATORS = re.compile(r"[;؛]")


@plain_dataclass(frozen=True, slots=True)
class Known:
    """What a record is checked against: the sector keys (and names), the desks (code → sector), and ``today`` when a deadline
    typed in chat must not be in the past. Files leave ``today`` None: they keep accepting past deadlines, so that
    re-importing an export (closed listings included) never fails.

    Production units are read against the reference lists instead: ``provinces``, ``processes`` and
    ``certifications`` map each spelling :func:`lookup_key` makes of a key or an English or Persian name to its key.
    """

    sectors: Collection[str]
    desks: Mapping[str, str] = field(default_factory=dict)
    today: date | None = None
    sector_names: Mapping[str, str] = field(default_factory=dict)
    """A sector's English or Persian name (as :func:`lookup_key` makes it) → its key: «خودرو», "Automotive"."""
    provinces: Mapping[str, str] = field(default_factory=dict)
    processes: Mapping[str, str] = field(default_factory=dict)
    certifications: Mapping[str, str] = field(default_factory=dict)


@plain_dataclass(frozen=True, slots=True)
class Ask:
    """A field's question in the step-by-step form: its place, the message id asking it, and whether /skip may
    leave it empty."""

    order: int
    prompt: MessageId
    skippable: bool = False


@plain_dataclass(frozen=True, slots=True)
class Column:
    """A field as a CSV column: ``optional`` when a file's header may leave it out; ``ask`` when the form asks it."""

    optional: bool = False
    ask: Ask | None = None


@plain_dataclass(frozen=True, slots=True)
class Step:
    """One question of the step-by-step form: the field it asks for, whether it must be answered, its message id."""

    column: str
    required: bool
    prompt: MessageId


# ------------------------------------------------------------------ reading one field


def parse_hs_code(value: str) -> str | None:
    """Digits of an HS code given as 4–10 digits (Latin or Persian) with optional dots (. or ٫) or spaces, else ``None``."""
    digits = _HS_SEPARATORS.sub("", ascii_digits(value))
    return digits if _HS_DIGITS.fullmatch(digits) else None


def _problem(problem: Problem, /, **values: str) -> PydanticCustomError:
    # The message template is the code itself: the words are the presentation's (see bot.services.problems).
    return PydanticCustomError(problem.value, problem.value, values)


def _known(info: ValidationInfo) -> Known:
    known = info.context
    if not isinstance(known, Known):
        raise TypeError("records are validated with a Known context")
    return known


def _text(value: Any) -> str:
    return clean_text(value).strip() if isinstance(value, str) else ""


def _code(*, empty_apart: bool) -> Callable[[Any], str]:
    """A listing's or desk's code, upper case (a listing's empty code has its own problem)."""

    def read(value: Any) -> str:
        text = _text(value)
        code = text.upper()
        if empty_apart and not code:
            raise _problem(Problem.CODE_EMPTY)
        if not CODE.match(code):
            raise _problem(Problem.CODE_INVALID, value=text)
        return code

    return read


def _name(value: Any, info: ValidationInfo) -> str:
    text = _text(value)
    if not text:
        raise _problem(Problem.FIELD_EMPTY, column=str(info.field_name))
    return text


def _free_text(value: Any) -> str:
    return _text(value)


def _list(value: Any) -> str:
    return join_list(split_list(_text(value)))


def _aliases(value: Any) -> str:
    """Aliases in Persian letters: one typed on an Arabic keyboard («لاستيك ماشين», a demand wording an admin made an
    alias) is stored as the engine reads it, shown and exported as Persian."""
    return _list(persian_letters(_text(value)))


def _hs_code(value: Any) -> str:
    text = _text(value)
    hs_code = parse_hs_code(text)
    if hs_code is None:
        raise _problem(Problem.HS_INVALID, value=text)
    return hs_code


def _sector(value: Any, info: ValidationInfo) -> str:
    text = _text(value)
    sector, sectors = text.lower(), _known(info).sectors
    if sector not in sectors:
        sector = _known(info).sector_names.get(lookup_key(text), sector)
    if sector not in sectors:
        raise _problem(Problem.SECTOR_UNKNOWN, value=text, known=", ".join(sorted(sectors)))
    return sector


def _whole_number(text: str, maximum: int, invalid: Problem, too_large: Problem, **values: str) -> int | None:
    if not text:
        return None
    try:
        return parse_whole_number(text, maximum=maximum, grouping=True)
    except NumberError as error:
        if error.too_large:
            raise _problem(too_large, value=text, maximum=f"{maximum:,}", **values) from None
        raise _problem(invalid, value=text, **values) from None


def _amount(value: Any) -> int | None:
    text = _text(value)
    if not text:
        return None
    try:
        return parse_amount(text, maximum=MAX_AMOUNT)
    except NumberError as error:
        if error.too_large:
            raise _problem(Problem.AMOUNT_TOO_LARGE, value=text, maximum=f"{MAX_AMOUNT:,}") from None
        raise _problem(Problem.AMOUNT_INVALID, value=text) from None


def _number(maximum: int) -> Callable[[Any, ValidationInfo], int | None]:
    def read(value: Any, info: ValidationInfo) -> int | None:
        column = str(info.field_name)
        return _whole_number(_text(value), maximum, Problem.NUMBER_INVALID, Problem.NUMBER_TOO_LARGE, column=column)

    return read


def _status(value: Any) -> ProductStatus:
    text = _text(value)
    try:
        return ProductStatus(text.lower() or ProductStatus.OPEN.value)
    except ValueError:
        raise _problem(Problem.STATUS_UNKNOWN, value=text, known=", ".join(s.value for s in ProductStatus)) from None


def _desk(value: Any, info: ValidationInfo) -> str | None:
    """A listing's desk: a known one, of the listing's sector (when that sector is itself valid)."""
    desk = _text(value).upper() or None
    if desk is None:
        return None
    desks = _known(info).desks
    if desk not in desks:
        raise _problem(Problem.DESK_UNKNOWN, value=desk)
    sector = info.data.get("sector")  # absent when the sector failed its own check
    if sector is not None and desks[desk] != sector:
        raise _problem(Problem.DESK_SECTOR, desk=desk, desk_sector=desks[desk], sector=sector)
    return desk


def _deadline(value: Any, info: ValidationInfo) -> date | None:
    """A Jalali or Gregorian day (see :func:`bot.dates.parse_date`), not before ``today`` when the context has one.

    Without ``today`` (files, and stored deadlines an edit leaves alone) an ISO day of any year is read too, as
    exports write every stored day, so a stored year outside parse_date's ranges still goes round unchanged.
    """
    text = _text(value)
    if not text:
        return None
    today = _known(info).today
    try:
        return parse_date(text, today=today or date.min, must_be_future=today is not None)
    except DateProblem as problem:
        if problem.code == "in_the_past":
            raise _problem(Problem.DEADLINE_PAST, value=text) from None
        if problem.code == "no_such_day" and problem.month_days is not None:
            raise _problem(Problem.DEADLINE_NO_SUCH_DAY, value=text, days=str(problem.month_days)) from None
        if problem.code == "no_such_day":
            raise _problem(Problem.DEADLINE_NO_SUCH_MONTH, value=text) from None
        if today is None and _ISO_DAY.fullmatch(plain := ascii_digits(text)):
            try:
                return date.fromisoformat(plain)
            except ValueError:
                pass
        raise _problem(Problem.DEADLINE_INVALID, value=text) from None


def _active(value: Any) -> bool:
    text = _text(value)
    active = text.lower() or "true"
    if active not in _TRUE | _FALSE:
        raise _problem(Problem.ACTIVE_INVALID, value=text)
    return active in _TRUE


def lookup_key(text: str) -> str:
    """The form a province, process or certification is looked up by: case, Arabic or Persian letters, spaces,
    ZWNJ, underscores and the word "province" (استان) do not matter."""
    return compact(_PROVINCE_WORDS.sub(" ", text.replace("_", " ").casefold()))


def _unit_id(value: Any) -> str:
    text = _text(value)
    if not text:
        raise _problem(Problem.FIELD_EMPTY, column="unit_id")
    unit_id = ascii_digits(text).upper()
    if not _UNIT_ID.fullmatch(unit_id):
        raise _problem(Problem.UNIT_ID_INVALID, value=text)
    return unit_id


def _company(value: Any, info: ValidationInfo) -> str:
    text = _name(value, info)
    if len(text) > MAX_COMPANY:
        raise _problem(Problem.TEXT_TOO_LONG, column=str(info.field_name), limit=str(MAX_COMPANY))
    return text


def _province(value: Any, info: ValidationInfo) -> str:
    text = _text(value)
    if not text:
        return ""
    key = _known(info).provinces.get(lookup_key(text))
    if key is None:
        raise _problem(Problem.PROVINCE_UNKNOWN, value=text)
    return key


def _isic(value: Any) -> str:
    text = _text(value)
    digits = _ISIC_SEPARATORS.sub("", ascii_digits(text))
    if digits and not _ISIC.fullmatch(digits):
        raise _problem(Problem.ISIC_INVALID, value=text)
    return digits


def _keys(kind: str, unknown: Problem) -> Callable[[Any, ValidationInfo], str]:
    """A ``;``-separated list of a reference list's keys or names, as keys (each once, in the order given)."""

    def read(value: Any, info: ValidationInfo) -> str:
        known: Mapping[str, str] = getattr(_known(info), kind)
        keys, missing = [], []
        for item in (part.strip() for part in _LIST_SEPARATORS.split(_text(value))):
            if not item:
                continue
            key = known.get(lookup_key(item))
            if key is None:
                missing.append(item)
            elif key not in keys:
                keys.append(key)
        if missing:
            raise _problem(unknown, value="; ".join(missing))
        return join_list(keys)

    return read


def _unit_status(value: Any) -> str:
    text = _text(value)
    word = compact(text) or "active"
    if word in _ACTIVE_WORDS:
        return "active"
    if word in _IDLE_WORDS:
        return "idle"
    if word in _UNKNOWN_WORDS:
        return UNKNOWN_STATUS
    raise _problem(Problem.UNIT_STATUS_UNKNOWN, value=text)


def _yes_no(value: Any, info: ValidationInfo) -> bool:
    text = _text(value)
    word = compact(text) or "false"
    if word not in _YES | _NO:
        raise _problem(Problem.YES_NO_INVALID, column=str(info.field_name), value=text)
    return word in _YES


def _yes_no_or_unknown(value: Any, info: ValidationInfo) -> bool | None:
    """A yes or no, or None for ``unknown`` (نامعلوم): what an export writes for a question its owner skipped, so
    that the file, read back, does not turn "not answered" into "no" (empty stays "no", as registries write it)."""
    if compact(_text(value)) in _UNKNOWN_WORDS:
        return None
    return _yes_no(value, info)


def as_text(value: object) -> str:
    """A field's value as the text files and ``field: value`` messages hold (reading it back gives the value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, ProductStatus):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# ------------------------------------------------------------------ records


class Record:
    """A catalog record read from text; subclasses are frozen, slotted pydantic dataclasses declaring its fields in
    CSV column order (slotted: an import holds every row of a file at once, and pydantic models weigh ~1 KB more
    per row)."""

    __slots__ = ()
    __pydantic_fields__: ClassVar[dict[str, FieldInfo]]
    kind: ClassVar[str]

    @classmethod
    @cache
    def _columns(cls) -> dict[str, Column]:
        columns: dict[str, Column] = {}
        for name, info in cls.__pydantic_fields__.items():
            found = [item for item in info.metadata if isinstance(item, Column)]
            columns[name] = found[0] if found else Column()
        return columns

    @classmethod
    @cache
    def _blank(cls) -> dict[str, str]:
        return dict.fromkeys(cls._columns(), "")

    @classmethod
    @cache
    def _adapter(cls) -> TypeAdapter[Any]:
        return TypeAdapter(cls)

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """Every column, in the order files are written (and read, whatever their order)."""
        return tuple(cls._columns())

    @classmethod
    def required_columns(cls) -> tuple[str, ...]:
        """The columns every file's header must have."""
        return tuple(name for name, column in cls._columns().items() if not column.optional)

    @classmethod
    def optional_columns(cls) -> tuple[str, ...]:
        """The columns a file's header may leave out (imports then keep their stored values)."""
        return tuple(name for name, column in cls._columns().items() if column.optional)

    @classmethod
    @cache
    def steps(cls) -> tuple[Step, ...]:
        """The step-by-step form's questions, in the order they are asked."""
        asked = sorted(
            ((column.ask, name) for name, column in cls._columns().items() if column.ask is not None), key=lambda item: item[0].order
        )
        return tuple(Step(name, not ask.skippable, ask.prompt) for ask, name in asked)

    @classmethod
    def read(cls, raw: Mapping[str, str], row: int, known: Known) -> tuple[Self | None, list[RowError]]:
        """The record ``raw`` spells (columns it leaves out count as empty), or every problem with it."""
        try:
            record: Self = cls._adapter().validate_python({**cls._blank(), **raw}, context=known)
        except ValidationError as invalid:
            return None, [
                RowError.of(row, str(error["loc"][0]), Problem(error["type"]), **error.get("ctx", {}))
                for error in invalid.errors(include_url=False, include_input=False)
            ]
        return record, []

    @classmethod
    def field_problem(cls, column: str, raw: Mapping[str, str], row: int, known: Known) -> RowError | None:
        """The problem with one field of ``raw``, read with the fields before it (a desk with its sector)."""
        if column not in cls._columns():
            raise ValueError(f"unknown {cls.kind} column {column!r}")
        _, errors = cls.read(raw, row, known)
        return next((error for error in errors if error.column == column), None)

    @classmethod
    def stored(cls, source: object) -> Self:
        """The record of a stored row (``source`` has an attribute per column): its values were checked when
        they were written, and are not read again."""
        record = object.__new__(cls)
        for name in cls._columns():
            object.__setattr__(record, name, getattr(source, name))
        return record

    def values(self, without: Collection[str] = ()) -> dict[str, Any]:
        """The record as column → value, for storing (``without`` some columns)."""
        return {name: getattr(self, name) for name in self._columns() if name not in without}

    def texts(self) -> dict[str, str]:
        """The record as column → text, as files and ``field: value`` messages write it."""
        return {name: as_text(getattr(self, name)) for name in self._columns()}


def _ask(order: int, prompt: MessageId, *, skippable: bool = False, optional: bool = False) -> Column:
    return Column(optional=optional, ask=Ask(order, prompt, skippable))


@dataclass(frozen=True, slots=True)
class ProductRecord(Record):
    """A listing: ``code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description`` and the
    optional ``description_fa,desk,deadline,companies,source``. Aliases and companies are ``;``-separated."""

    kind: ClassVar[str] = "product"

    code: Annotated[str, PlainValidator(_code(empty_apart=True)), _ask(1, N_("ask_product_code"))]
    name_en: Annotated[str, PlainValidator(_name), _ask(2, N_("ask_product_name_en"))]
    name_fa: Annotated[str, PlainValidator(_name), _ask(3, N_("ask_product_name_fa"))]
    aliases: Annotated[str, PlainValidator(_aliases), _ask(7, N_("ask_product_aliases"), skippable=True)]
    hs_code: Annotated[str, PlainValidator(_hs_code), _ask(4, N_("ask_product_hs_code"))]
    sector: Annotated[str, PlainValidator(_sector), _ask(5, N_("ask_product_sector"))]
    annual_import_usd: Annotated[int | None, PlainValidator(_amount), _ask(6, N_("ask_product_annual_import_usd"), skippable=True)]
    status: Annotated[ProductStatus, PlainValidator(_status)]
    description: Annotated[str, PlainValidator(_free_text), _ask(8, N_("ask_product_description"), skippable=True)]
    description_fa: Annotated[
        str, PlainValidator(_free_text), _ask(9, N_("ask_product_description_fa"), skippable=True, optional=True)
    ] = ""
    desk: Annotated[str | None, PlainValidator(_desk), Column(optional=True)] = None
    deadline: Annotated[
        date | None, PlainValidator(_deadline), _ask(10, N_("ask_product_deadline"), skippable=True, optional=True)
    ] = None
    companies: Annotated[str, PlainValidator(_list), Column(optional=True)] = ""
    source: Annotated[str, PlainValidator(_free_text), Column(optional=True)] = ""


@dataclass(frozen=True, slots=True)
class DeskRecord(Record):
    """A desk: ``code,sector,name_en,name_fa,program_year,budget_eur,contact,description`` and the optional
    ``description_fa,active,source``."""

    kind: ClassVar[str] = "desk"

    code: Annotated[str, PlainValidator(_code(empty_apart=False)), _ask(1, N_("ask_desk_code"))]
    sector: Annotated[str, PlainValidator(_sector), _ask(2, N_("ask_desk_sector"))]
    name_en: Annotated[str, PlainValidator(_name), _ask(3, N_("ask_desk_name_en"))]
    name_fa: Annotated[str, PlainValidator(_name), _ask(4, N_("ask_desk_name_fa"))]
    program_year: Annotated[int | None, PlainValidator(_number(MAX_YEAR)), _ask(5, N_("ask_desk_program_year"), skippable=True)]
    budget_eur: Annotated[int | None, PlainValidator(_number(MAX_AMOUNT)), _ask(6, N_("ask_desk_budget_eur"), skippable=True)]
    contact: Annotated[str, PlainValidator(_free_text), _ask(7, N_("ask_desk_contact"), skippable=True)]
    description: Annotated[str, PlainValidator(_free_text), _ask(8, N_("ask_desk_description"), skippable=True)]
    description_fa: Annotated[
        str, PlainValidator(_free_text), _ask(9, N_("ask_desk_description_fa"), skippable=True, optional=True)
    ] = ""
    active: Annotated[bool, PlainValidator(_active), Column(optional=True)] = True
    source: Annotated[str, PlainValidator(_free_text), Column(optional=True)] = ""



@dataclass(frozen=True, slots=True)
class UnitRecord(Record):
    """A production unit of a registry: ``unit_id,name,province,isic_code,products,processes,status,capacity,contact``
    and the optional ``idle_since,knowledge_based,certifications,materials``. Processes and certifications are
    ``;``-separated keys or names; ``status`` is ``active`` or ``idle`` (فعال، راکد، غیرفعال), or ``unknown`` (نامعلوم) when nobody said,
    as ``knowledge_based`` may be (None)."""

    kind: ClassVar[str] = "unit"

    unit_id: Annotated[str, PlainValidator(_unit_id)]
    name: Annotated[str, PlainValidator(_company)]
    province: Annotated[str, PlainValidator(_province)]
    isic_code: Annotated[str, PlainValidator(_isic)]
    products: Annotated[str, PlainValidator(_name)]
    processes: Annotated[str, PlainValidator(_keys("processes", Problem.PROCESS_UNKNOWN))]
    status: Annotated[str, PlainValidator(_unit_status)]
    capacity: Annotated[str, PlainValidator(_free_text)]
    contact: Annotated[str, PlainValidator(_free_text)]
    idle_since: Annotated[date | None, PlainValidator(_deadline), Column(optional=True)] = None
    knowledge_based: Annotated[bool | None, PlainValidator(_yes_no_or_unknown), Column(optional=True)] = False
    certifications: Annotated[
        str, PlainValidator(_keys("certifications", Problem.CERTIFICATION_UNKNOWN)), Column(optional=True)
    ] = ""
    materials: Annotated[str, PlainValidator(_free_text), Column(optional=True)] = ""
