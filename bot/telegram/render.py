"""Kept for the admin module until its port lands: the names ``admin.py`` and ``admin_render.py`` import from here.

Everyone's renderers now live with their features in :mod:`bot.telegram.features`, the shared pieces in
:mod:`bot.telegram.ui`. The integrator deletes this module when the admin features are merged.
"""

from __future__ import annotations

from .features.browse.render import desk_card as desk_card
from .features.browse.render import product_card as product_card
from .features.leads import user_link as _link
from .texts import Html, t
from .turn import Person
from .ui import Reply as Reply
from .ui import cut as cut

__all__ = ["Reply", "cut", "desk_card", "plain", "product_card", "user_link"]


def plain(language: str, key: str, **values: object) -> Reply:
    """A one-line message from the catalog, without buttons."""
    return Reply(t(language, key, **values))


def user_link(user_id: int, first_name: str, username: str | None) -> Html:
    """A mention that opens the user's profile, for admins."""
    return _link(Person(user_id, first_name, username, None))
