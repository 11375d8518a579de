"""with_retries: replies sent again after a network error, 0.5, 1 and 2 s apart; Telegram's refusals are final."""

from __future__ import annotations

import logging
import time

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.telegram.sending import with_retries


class Flaky:
    """Fails with the given errors first, then answers."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "sent"


async def test_network_errors_are_retried_after_growing_pauses_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    call = Flaky(NetworkError("Connection reset"), TimedOut())
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="bot.telegram.sending"):
        assert await with_retries(call, what="admin notice") == "sent"
    assert call.calls == 3 and 1.4 < time.monotonic() - started < 3.0  # 0.5 s, then 1 s
    assert [record.getMessage() for record in caplog.records] == [
        "admin notice failed on the network (Connection reset); retrying in 0.5 s",
        "admin notice failed on the network (Timed out); retrying in 1.0 s",
    ]


@pytest.mark.parametrize("refusal", [BadRequest("Bad Request: message is not modified"), Forbidden("Forbidden: bot was blocked")])
async def test_telegrams_refusals_are_final(refusal: Exception) -> None:
    call = Flaky(refusal)
    with pytest.raises(type(refusal)):
        await with_retries(call)
    assert call.calls == 1


async def test_it_gives_up_after_three_retries_with_the_last_error() -> None:
    call = Flaky(*[NetworkError(f"down {n}") for n in range(4)])
    started = time.monotonic()
    with pytest.raises(NetworkError, match="down 3"):
        await with_retries(call)
    assert call.calls == 4 and 3.4 < time.monotonic() - started < 5.5  # 0.5 + 1 + 2 s
