"""Kept for the admin module until its port lands: the names ``admin.py`` imports from here.

Everyone's handlers now live in :mod:`bot.telegram.features`; the shared prelude and the sender in
:mod:`bot.telegram.turn`. The integrator deletes this module when the admin features are merged.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.services import users

from .turn import Person
from .turn import _edit as _edit
from .turn import _send as _send
from .turn import answer_query as answer_query
from .ui import with_digits as _digits

__all__ = ["_Who", "_digits", "_edit", "_send", "answer_query"]


class _Who(Person):
    """An update's user, remembered by the admin module's own handlers."""

    def remember(self, session: Session) -> str:
        """Record the user; return their bot language."""
        return users.remember(
            self.id, session=session, first_name=self.first_name, username=self.username, language_code=self.language_code
        ).language
