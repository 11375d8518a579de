"""A plain message reads what the bot waits for once: the sender's row as the update remembered it, and whether a
desk's message to a manufacturer is waited for; the profile answer, /claim, the lead note and the desk's message
each take it from there (they had each read the row again: four lookups a message)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from .conftest import Chat, buttons, texts


@contextmanager
def statements(chat: Chat) -> Iterator[list[str]]:
    """The SQL statements run while the block runs."""
    engine = chat.runtime().engine
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _reads(seen: list[str], table: str) -> int:
    return sum(statement.startswith("SELECT") and f"FROM {table} " in f"{statement} " for statement in seen)


async def test_a_plain_message_reads_the_pending_state_once(chat: Chat) -> None:
    await chat.send("/start")
    with statements(chat) as seen:
        calls = await chat.send("gate valve")
    assert texts(calls) and "1." in texts(calls)[0]  # still searched
    # One read of the sender's row (remembering them) and one of the desk's message waited for.
    assert (_reads(seen, '"user"') + _reads(seen, "user"), _reads(seen, "pendingcontact")) == (1, 1), seen


async def test_an_answer_the_bot_waits_for_is_still_taken(chat: Chat) -> None:
    calls = await chat.send("/profile")
    await chat.press(next(data for label, data in buttons(calls[-1]) if "Build my profile" in label))
    with statements(chat) as seen:
        calls = await chat.send("Pars Valve Co")  # the company, the first question of the build
    assert "Step 2 of 11" in "\n".join(texts(calls) + texts(calls, "editMessageText"))  # an answer, not a search
    assert not any(statement.startswith("INSERT INTO searchlog") for statement in seen)
