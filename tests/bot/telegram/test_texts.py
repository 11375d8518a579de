"""The language catalogs agree with each other and are safe to fill in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.telegram import texts
from bot.telegram.texts import CATALOGS, Html, label, money, placeholders, t


def test_both_languages_have_the_same_keys() -> None:
    assert set(CATALOGS["en"]) == set(CATALOGS["fa"])


@pytest.mark.parametrize("key", sorted(CATALOGS["en"]))
def test_placeholders_agree(key: str) -> None:
    assert placeholders(CATALOGS["en"][key]) == placeholders(CATALOGS["fa"][key])


@pytest.mark.parametrize("language", ["en", "fa"])
def test_no_key_is_defined_twice(language: str) -> None:
    """A repeated key in a dict literal silently replaces the first one."""
    source = Path(texts.__file__).with_name(f"{language}.py").read_text(encoding="utf-8")
    (assignment,) = [node for node in ast.parse(source).body if isinstance(node, ast.AnnAssign)]
    assert isinstance(assignment.value, ast.Dict)
    keys = [k.value for k in assignment.value.keys if isinstance(k, ast.Constant)]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_persian_texts_use_persian_letters() -> None:
    for key, value in CATALOGS["fa"].items():
        assert not set("كي") & set(value), key


def test_values_are_escaped_unless_html() -> None:
    assert t("en", "product_not_found", code="<b>&") == "There is no listing with the code &lt;b&gt;&amp;."
    assert t("en", "product_not_found", code=Html("<b>x</b>")) == "There is no listing with the code <b>x</b>."


def test_button_labels_are_not_escaped() -> None:
    assert label("en", "btn_desk", name="Oil & gas") == "🏛 Oil & gas"


def test_unknown_language_falls_back_to_english() -> None:
    assert t("de", "cancelled") == "Cancelled."


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [("en", 27_800_000, "usd", "$27.8M"), ("en", 1_045_000_000, "eur", "€1.045B"), ("en", 950, "usd", "$950"),
     ("fa", 27_800_000, "usd", "۲۷٫۸ میلیون دلار"), ("fa", 60_000_000, "eur", "۶۰ میلیون یورو"), ("en", None, "usd", None)],
)
def test_money(language: str, amount: int | None, currency: str, expected: str | None) -> None:
    assert money(language, amount, currency) == expected
