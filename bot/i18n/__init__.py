"""The bot's words, one catalog per language, and :func:`t` to fill them in safely.

Templates may contain HTML; values are escaped unless they are :class:`Html` (already-rendered markup),
so data such as ``Valve <DN50> & fittings`` can never break a message.

Message ids are string literals at every call (``t(language, "cancelled")``) so tools can extract them;
where code picks a text at run time it picks from ids marked with :func:`N_` (see tests/bot/test_i18n.py).
"""

from __future__ import annotations

import html
import string
from typing import NewType

from . import en, fa

__all__ = ["CATALOGS", "DEFAULT_LANGUAGE", "N_", "Html", "MessageId", "digits", "label", "money", "placeholders", "t"]

CATALOGS: dict[str, dict[str, str]] = {"en": en.TEXTS, "fa": fa.TEXTS}
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


def t(language: str, key: str, /, **values: object) -> str:
    """The text ``key`` in ``language`` with ``values`` filled in, escaped unless :class:`Html`."""
    template = CATALOGS.get(language, CATALOGS[DEFAULT_LANGUAGE])[key]
    safe = {name: value if isinstance(value, Html) else html.escape(str(value), quote=False) for name, value in values.items()}
    return template.format(**safe)


def label(language: str, key: str, /, **values: object) -> str:
    """The text ``key`` for a button label: plain text, so nothing is escaped."""
    return CATALOGS.get(language, CATALOGS[DEFAULT_LANGUAGE])[key].format(**values)


def placeholders(template: str) -> set[str]:
    """The names a template expects, for checking that the catalogs agree."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def digits(language: str, text: str) -> str:
    """Numbers written with Persian digits for Persian readers."""
    return text.translate(_PERSIAN_DIGITS) if language == "fa" else text


_MONEY = {
    ("usd", "billion"): N_("money_usd_billion"), ("usd", "million"): N_("money_usd_million"),
    ("usd", "thousand"): N_("money_usd_thousand"), ("usd", "one"): N_("money_usd_one"),
    ("eur", "billion"): N_("money_eur_billion"), ("eur", "million"): N_("money_eur_million"),
    ("eur", "thousand"): N_("money_eur_thousand"), ("eur", "one"): N_("money_eur_one"),
}


def money(language: str, amount: int | None, currency: str) -> str | None:
    """``12400000, "usd"`` → ``$12.4M`` or ``۱۲٫۴ میلیون دلار``; None when unknown."""
    if amount is None:
        return None
    for size, unit in ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")):
        if amount >= size:
            value = f"{amount / size:.3f}".rstrip("0").rstrip(".")
            break
    else:
        value, unit = str(amount), "one"
    return t(language, _MONEY[currency, unit], value=digits(language, value))

