"""Callback data round-trips, fits in 64 bytes, and anything foreign parses to None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram import callbacks
from bot.telegram.callbacks import Action, parse


def test_round_trips() -> None:
    assert parse(callbacks.results(12, 3)) == Action("s", search=12, page=3)
    assert parse(callbacks.product("AUT-002")) == Action("p", code="AUT-002")
    assert parse(callbacks.product("AUT-002", 7, 1)) == Action("p", code="AUT-002", search=7, page=1)
    assert parse(callbacks.interested("X_1")) == Action("i", code="X_1")
    assert parse(callbacks.desk("DESK-PET", 2)) == Action("d", code="DESK-PET", page=2)
    assert parse(callbacks.sector("home_appliances")) == Action("c", code="home_appliances")
    assert parse(callbacks.language("fa")) == Action("lang", code="fa")
    assert parse(callbacks.menu("skip")) == Action("menu", code="skip")


def test_longest_values_fit_in_64_bytes() -> None:
    data = callbacks.product("A" * 32, 10**12 - 1, 9999)
    assert len(data.encode()) <= 64


@pytest.mark.parametrize(
    "data",
    [None, "", "zzz", "p:", "p:nope lower", "s:abc:1", "lang:de", "d:X", "x" * 65, "p:" + "A" * 40, "i:AUT-002;drop",
     "imp:a:1", "ll:open:0", "lc:1:open:0", "ls:1:closed:open:0"],
)
def test_foreign_data_is_rejected(data: str | None) -> None:
    assert parse(data) is None


def test_builders_refuse_what_would_not_parse() -> None:
    with pytest.raises(ValueError):
        callbacks.product("not a code")


@given(st.text(max_size=80))
def test_parse_never_raises(data: str) -> None:
    action = parse(data)
    assert action is None or len(data.encode()) <= 64
