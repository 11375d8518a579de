"""The bot's words, one gettext catalog per language, and :func:`t` to fill them in safely.

The catalogs are ``locales/<language>/LC_MESSAGES/matchbot.po``, keyed by symbolic message ids
(``"cancelled"``, ``"import_rejected"``); the English catalog holds the English texts. They are compiled
in memory when this module is imported, so no compiled ``.mo`` file is kept in git or in the package.

Templates may contain HTML; values are escaped unless they are :class:`Html` (already-rendered markup),
so data such as ``Valve <DN50> & fittings`` can never break a message.

Message ids are string literals at every call (``t(language, "cancelled")``) so ``pybabel extract`` finds
them; where code picks a text at run time it picks from ids marked with :func:`N_`. tests/bot/test_i18n.py
checks both, and that every id is translated in every language with the same placeholders.
"""

from __future__ import annotations

import html
import string
from collections.abc import Iterable, Sequence
from functools import cache
from gettext import GNUTranslations, NullTranslations
from io import BytesIO
from pathlib import Path
from typing import NewType

from babel import Locale
from babel.dates import get_timezone_location
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = [
    "DEFAULT_LANGUAGE", "DOMAIN", "LANGUAGES", "LOCALES", "N_", "Html", "MessageId", "catalog", "digits", "label", "money",
    "placeholders", "t", "tn", "weekday_name", "zone_name",
]

DOMAIN = "matchbot"
# Beside this module in the source tree, the wheel and the image (pyproject's package-data ships them).
LOCALES = Path(__file__).with_name("locales")
LANGUAGES = ("en", "fa")
DEFAULT_LANGUAGE = "en"
_PERSIAN_DIGITS = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")

MessageId = NewType("MessageId", str)
"""A message id marked with :func:`N_`: what a variable may hold when code chooses a text at run time."""


def N_(key: str) -> MessageId:
    """Mark ``key`` as a message id without translating it (gettext_noop): for ids chosen at run time.

    Named as gettext tools expect, so extraction finds the ids in tables such as ``{status: N_("status_open")}``.
    """
    return MessageId(key)


class Html(str):
    """A string that is already HTML: :func:`t` inserts it unescaped."""


class _Missing(NullTranslations):
    """The end of every fallback chain: an id that no catalog has is a bug, so it fails loudly, naming the id."""

    def gettext(self, message: str) -> str:
        raise KeyError(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise KeyError(msgid1)


def catalog(language: str) -> Catalog:
    """The catalog of ``language`` as its ``.po`` file holds it (for checks and tools; the bot reads :func:`t`)."""
    with (LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def _compiled(language: str, fallback: NullTranslations) -> GNUTranslations:
    """``language``'s catalog compiled in memory; an untranslated message falls back to ``fallback``."""
    mo = BytesIO()
    write_mo(mo, catalog(language))
    mo.seek(0)
    translations = GNUTranslations(mo)
    translations.add_fallback(fallback)
    return translations


# A Persian text missing from its catalog shows in English rather than not at all (the tests keep it complete).
_ENGLISH = _compiled("en", _Missing())
_TRANSLATIONS = {"en": _ENGLISH, "fa": _compiled("fa", _ENGLISH)}


def _translations(language: str) -> NullTranslations:
    return _TRANSLATIONS.get(language, _TRANSLATIONS[DEFAULT_LANGUAGE])


def _filled(template: str, values: dict[str, object]) -> str:
    safe = {name: value if isinstance(value, Html) else html.escape(str(value), quote=False) for name, value in values.items()}
    return template.format(**safe)


def t(language: str, key: str, /, **values: object) -> str:
    """The text ``key`` in ``language`` with ``values`` filled in, escaped unless :class:`Html`."""
    return _filled(_translations(language).gettext(key), values)


def tn(language: str, key: str, n: int, /, **values: object) -> str:
    """The text ``key`` in the plural form ``language`` uses for ``n`` things, filled in like :func:`t`.

    ``n`` only chooses the form (``1 row``, ``2 rows``); pass the number to show among ``values``, in the
    reader's digits. The catalog entry has ``msgid_plural`` equal to its id.
    """
    return _filled(_translations(language).ngettext(key, key, n), values)


def label(language: str, key: str, /, **values: object) -> str:
    """The text ``key`` for a button label: plain text, so nothing is escaped."""
    return _translations(language).gettext(key).format(**values)


def placeholders(template: str) -> set[str]:
    """The names a template expects, for checking that the catalogs agree."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def is_persian(text: str) -> bool:
    """Whether ``text`` holds a letter of the Persian (Arabic) script: how the bot tells which language a text is in."""
    return any("\u0600" <= letter <= "\u06ff" for letter in text)


def cut(text: str, limit: int) -> str:
    """``text`` shortened to ``limit`` characters with an ellipsis (one line unless it has line breaks)."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def digits(language: str, text: str) -> str:
    """Numbers written with Persian digits for Persian readers.

    Babel's CLDR data has Persian's decimal sign but formats with Latin digits, so the digits stay here.
    """
    return text.translate(_PERSIAN_DIGITS) if language == "fa" else text


def comma(language: str) -> str:
    """The list separator of the reader's language: «، » in Persian (also between Latin names), ", " otherwise."""
    return "، " if language == "fa" else ", "


def commas(language: str, items: Iterable[str]) -> str:
    """``items`` separated by the reader's comma (see :func:`comma`); :func:`join_items` when an "and" reads better."""
    return comma(language).join(items)


def name_list(language: str, items: Iterable[str]) -> str:
    """Names that may hold commas of their own («آبکاری، رنگ‌آمیزی و پوشش‌دهی», "Plating, painting and surface
    coating"), kept apart: «؛ » between them in Persian, "; " in English when one holds a comma."""
    names = list(items)
    if language == "fa":
        return "؛ ".join(names)
    return ("; " if any("," in name for name in names) else ", ").join(names)


def join_items(language: str, items: Sequence[str]) -> str:
    """``a, b and c`` or «الف، ب و ج»: a list in the reader's language (CLDR's patterns, through Babel)."""
    return format_list(list(items), locale=_locale(language)) if items else ""


def _locale(language: str) -> Locale:
    return Locale.parse(language if language in _TRANSLATIONS else DEFAULT_LANGUAGE)


# CLDR's names below are the very words the catalogs held (and name any other time zone's city in the
# reader's language too); reading a locale's data takes some ms, so each answer is kept.
@cache
def _day_names(language: str) -> dict[int, str]:
    return dict(_locale(language).days["format"]["wide"].items())


def weekday_name(language: str, weekday: int) -> str:
    """``weekday`` (Monday = 0, as ``datetime.weekday()`` counts) by name: ``Saturday``, ``شنبه``."""
    return _day_names(language)[weekday]


@cache
def zone_name(language: str, zone: str) -> str:
    """The city a time zone is named after, in ``language``: ``Asia/Tehran`` → ``Tehran``, ``تهران``."""
    return str(get_timezone_location(zone, locale=_locale(language), return_city=True))


_MONEY = {
    ("usd", "billion"): N_("money_usd_billion"), ("usd", "million"): N_("money_usd_million"),
    ("usd", "thousand"): N_("money_usd_thousand"), ("usd", "one"): N_("money_usd_one"),
    ("eur", "billion"): N_("money_eur_billion"), ("eur", "million"): N_("money_eur_million"),
    ("eur", "thousand"): N_("money_eur_thousand"), ("eur", "one"): N_("money_eur_one"),
}


def money(language: str, amount: int | None, currency: str) -> str | None:
    """``12400000, "usd"`` → ``$12.4M`` or ``۱۲٫۴ میلیون دلار``; None when unknown.

    Not Babel's compact currency format: for Persian it gives ``‎$ 12.4 میلیون``, Latin digits and a sign
    instead of the currency's name.
    """
    if amount is None:
        return None
    for size, unit in ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")):
        if amount >= size:
            value = f"{amount / size:.3f}".rstrip("0").rstrip(".")
            break
    else:
        value, unit = str(amount), "one"
    return t(language, _MONEY[currency, unit], value=digits(language, value))
