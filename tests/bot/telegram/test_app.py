"""The order app.py registers the features in: each kind of button has exactly one handler, and the
catch-alls (the "expired" fallback, plain text) come after everything they must not shadow."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.settings import Settings
from bot.telegram import buttons
from bot.telegram.app import build_application
from bot.telegram.features import search
from bot.telegram.offline import OfflineRequest
from bot.telegram.runtime import Context


def _handlers() -> list[BaseHandler[Any, Context, Any]]:
    settings = Settings(_env_file=None, database_url="sqlite://", telegram_bot_token=None)
    application = build_application(settings, request=OfflineRequest(), token="1:test")
    assert set(application.handlers) == {0}  # one group: the first handler that matches takes the update
    return list(application.handlers[0])


def _patterns(handlers: list[Any]) -> list[str]:
    return [h.pattern.pattern for h in handlers if isinstance(h, CallbackQueryHandler) and isinstance(h.pattern, re.Pattern)]


def test_every_button_class_has_one_handler_and_the_fallback_comes_after_them_all() -> None:
    handlers = _handlers()
    presses = [h for h in handlers if isinstance(h, CallbackQueryHandler)]
    assert [h.pattern for h in presses].count(None) == 1 and presses[-1].pattern is None
    # A conversation (the admins' forms) starts on its entry points; its states take buttons only while it runs.
    conversations = [h for h in handlers if isinstance(h, ConversationHandler)]
    taking = Counter(_patterns(presses) + [p for c in conversations for p in _patterns(c.entry_points)])
    within = {p for c in conversations for state in c.states.values() for p in _patterns(state)}
    for cls in buttons.classes().values():
        if cls.__module__.startswith("bot."):  # not the codec tests' own
            pattern = cls.pattern().pattern
            assert taking[pattern] == 1 or (taking[pattern] == 0 and pattern in within), cls.__name__


def test_plain_text_comes_after_every_command() -> None:
    handlers = _handlers()
    text = next(index for index, h in enumerate(handlers) if isinstance(h, MessageHandler) and h.callback is search.on_text)
    commands = [index for index, h in enumerate(handlers) if isinstance(h, CommandHandler)]
    assert commands and max(commands) < text


def test_unknown_commands_come_after_every_command_and_before_plain_text() -> None:
    handlers = _handlers()
    unknown = next(index for index, h in enumerate(handlers) if isinstance(h, MessageHandler) and h.callback is search.unknown_command)
    text = next(index for index, h in enumerate(handlers) if isinstance(h, MessageHandler) and h.callback is search.on_text)
    commands = [index for index, h in enumerate(handlers) if isinstance(h, CommandHandler)]
    assert max(commands) < unknown < text
