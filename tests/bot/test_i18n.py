"""The language catalogs agree with the code and with each other, and are safe to fill in."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords

from bot.i18n import LANGUAGES, LOCALES, Html, catalog, label, money, placeholders, t, tn, weekday_name, zone_name

_ROOT = Path(__file__).resolve().parents[2]
_BABEL = tomllib.loads((_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["babel"]


@cache
def _catalog(language: str) -> Catalog:
    return catalog(language)


def _messages(language: str) -> Iterator[Message]:
    return (message for message in _catalog(language) if message.id)


def _forms(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


@cache
def _used_ids() -> dict[str, bool]:
    """Every message id in bot/ as ``pybabel extract`` finds it with pyproject.toml's settings: id -> plural."""
    settings = _BABEL["extract_messages"]
    keywords = parse_keywords(settings["keywords"].split())
    methods = [(mapping["pattern"], mapping["method"]) for mapping in _BABEL["mappings"]]
    used: dict[str, bool] = {}
    for _, _, message, _, _ in extract_from_dir(str(_ROOT / settings["input_paths"]), methods, keywords=keywords):
        key = message[0] if isinstance(message, tuple) else message
        assert used.get(key, isinstance(message, tuple)) == isinstance(message, tuple), f"{key} is used with t and with tn"
        used[key] = isinstance(message, tuple)
    return used


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_id_in_the_code_is_translated(language: str) -> None:
    """Plural messages (tn) have every form the language's Plural-Forms header asks for."""
    messages = {message.id[0] if message.pluralizable else message.id: message for message in _messages(language)}
    forms = _catalog(language).num_plurals
    for key, plural in _used_ids().items():
        assert key in messages, f"{key} is missing from the {language} catalog"
        message = messages[key]
        assert message.pluralizable == plural, f"{key}: {'tn' if plural else 't'} needs {'a' if plural else 'no'} msgid_plural"
        assert len(_forms(message)) == (forms if plural else 1) and all(_forms(message)), f"{key} is untranslated in {language}"
        assert not message.fuzzy, f"{key} is fuzzy in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_id_is_used(language: str) -> None:
    """A text no code shows is stale: delete it (or pybabel update drops it)."""
    stale = {message.id[0] if message.pluralizable else message.id for message in _messages(language)} - set(_used_ids())
    assert not stale, sorted(stale)


def test_both_languages_have_the_same_keys() -> None:
    assert {message.id for message in _messages("en")} == {message.id for message in _messages("fa")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_are_babels(language: str) -> None:
    """The Plural-Forms header is CLDR's rule as Babel writes it (English 2 forms; Persian 2 as well, n > 1)."""
    assert _catalog(language).plural_forms == Catalog(locale=language).plural_forms


def test_placeholders_agree() -> None:
    persian = {message.id: message for message in _messages("fa")}
    for message in _messages("en"):
        expected = placeholders(_forms(message)[-1])
        for form in _forms(message) + _forms(persian[message.id]):
            assert placeholders(form) == expected, message.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_key_is_defined_twice(language: str) -> None:
    """Reading a .po file merges a repeated msgid silently, so the file itself is checked."""
    text = (LOCALES / language / "LC_MESSAGES" / "matchbot.po").read_text(encoding="utf-8")
    keys = re.findall(r'^msgid "(.+)"$', text, flags=re.MULTILINE)
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_persian_texts_use_persian_letters() -> None:
    for message in _messages("fa"):
        assert not set("كي") & set("".join(_forms(message))), message.id


def test_the_tools_know_every_call_that_takes_an_id() -> None:
    keywords = parse_keywords(_BABEL["extract_messages"]["keywords"].split())
    assert set(_ID_CALLS) | {"N_"} == set(keywords)


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


def test_an_unknown_id_fails_loudly() -> None:
    with pytest.raises(KeyError, match="no_such_text"):
        t("fa", "no_such_text")


def test_counts_choose_the_plural_form() -> None:
    assert tn("en", "import_nothing", 1, file="a.csv", rows=1).startswith("📄 <b>a.csv</b>: its 1 row matches")
    assert tn("en", "import_nothing", 3, file="a.csv", rows=3).startswith("📄 <b>a.csv</b>: all 3 rows match")
    assert tn("fa", "import_nothing", 1, file="a", rows="۱") == tn("fa", "import_nothing", 3, file="a", rows="۱")
    assert tn("en", "import_rejected", 2, file="<x>", count=2, problems=Html("<i>p</i>")).startswith(
        "❌ <b>&lt;x&gt;</b> has 2 problems, so nothing was imported. Fix them")


def test_weekday_names_come_from_cldr() -> None:
    assert [weekday_name("en", day) for day in (0, 5)] == ["Monday", "Saturday"]
    assert [weekday_name("fa", day) for day in (1, 5)] == ["سه‌شنبه", "شنبه"]
    assert weekday_name("de", 6) == "Sunday"


def test_time_zones_are_named_by_their_city_in_the_readers_language() -> None:
    assert [zone_name("en", "Asia/Tehran"), zone_name("fa", "Asia/Tehran")] == ["Tehran", "تهران"]
    assert [zone_name("en", "America/New_York"), zone_name("fa", "Europe/Berlin")] == ["New York", "برلین"]


# ------------------------------------------------------------------ message ids are literals

# The calls that take a message id, with the id's position; extraction tools see these ids only when they are
# literals, so a text chosen at run time is chosen among ids marked with N_ (gettext_noop).
_ID_CALLS = {"t": 1, "label": 1, "tn": 1, "plain": 1}
# Functions that hand their own parameter on as the id: their callers are held to the rule instead.
_FORWARDERS = {("bot/telegram/render.py", "plain"): "key"}
_BOT = _ROOT / "bot"


def _is_marked(node: ast.expr, names: dict[str, list[ast.expr]], module: dict[str, ast.expr], fields: set[str]) -> bool:
    """``node`` can only hold ids marked with ``N_``: a marked literal, a choice or a table of them, or a name of one."""
    match node:
        case ast.Call(func=ast.Name(id="N_"), args=[ast.Constant(value=str())]):
            return True
        case ast.IfExp(body=body, orelse=orelse):
            return _is_marked(body, names, module, fields) and _is_marked(orelse, names, module, fields)
        case ast.Subscript(value=ast.Dict() | ast.Tuple() as display):
            return all(_is_marked(value, names, module, fields) for value in _table_values(display) or [])
        case (ast.Subscript(value=ast.Name(id=table) | ast.Attribute(attr=table))
              | ast.Call(func=ast.Attribute(value=ast.Name(id=table) | ast.Attribute(attr=table), attr="get"))):
            values = _table_values(module.get(table))
            return values is not None and all(_is_marked(value, names, module, fields) for value in values)
        case ast.Name(id=name) if name in names:
            return all(_is_marked(value, {}, module, fields) for value in names[name])
        case ast.Attribute(attr=attribute):
            return attribute in fields
    return False


def _table_values(node: ast.expr | None) -> list[ast.expr] | None:
    if isinstance(node, ast.Dict):
        return list(node.values)
    if isinstance(node, ast.Tuple | ast.List):
        return list(node.elts)
    return None


def _module_tables(tree: ast.Module) -> dict[str, ast.expr]:
    tables: dict[str, ast.expr] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            tables[statement.targets[0].id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
            tables[statement.target.id] = statement.value
    return tables


def _is_message_id(annotation: ast.expr | None) -> bool:
    return isinstance(annotation, ast.Name) and annotation.id == "MessageId"


def _message_id_fields(trees: list[ast.Module]) -> set[str]:
    """Attributes declared ``MessageId`` (``self.key: MessageId = key``, or a dataclass field ``prompt: MessageId``):
    mypy keeps anything else out of them."""
    fields = {node.target.attr for tree in trees for node in ast.walk(tree)
              if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Attribute) and _is_message_id(node.annotation)}
    return fields | {
        node.target.id for tree in trees for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef) for node in cls.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and _is_message_id(node.annotation)
    }


def _local_ids(function: ast.FunctionDef | ast.AsyncFunctionDef, forwarded: str | None) -> dict[str, list[ast.expr]]:
    """The names in ``function`` that may carry an id: its MessageId parameters, and locals assigned only marked ids."""
    marker = ast.Call(func=ast.Name(id="N_"), args=[ast.Constant(value="")], keywords=[])
    names: dict[str, list[ast.expr]] = {}
    for argument in function.args.posonlyargs + function.args.args + function.args.kwonlyargs:
        if _is_message_id(argument.annotation) or argument.arg == forwarded:
            names[argument.arg] = [marker]
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            names.setdefault(node.targets[0].id, []).append(node.value)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple):
            for index, target in enumerate(node.targets[0].elts):
                if isinstance(target, ast.Name):
                    names.setdefault(target.id, []).append(_element(node.value, index))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names.setdefault(node.target.id, []).append(node.value)
    return names


def _element(value: ast.expr, index: int) -> ast.expr:
    """What ``index`` of a tuple assignment takes from ``value``: ``a, b = (x, y) if c else (z, w)`` gives x or z to a."""
    if isinstance(value, ast.Tuple) and index < len(value.elts):
        return value.elts[index]
    if isinstance(value, ast.IfExp):
        return ast.IfExp(test=value.test, body=_element(value.body, index), orelse=_element(value.orelse, index))
    return value


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def _unmarked_ids(root: Path) -> list[str]:
    """``file:line: call`` for each message id that is neither a literal nor marked with N_."""
    sources = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(root.rglob("*.py"))}
    fields = _message_id_fields(list(sources.values()))
    # A table read from another module (``render.STATUS_TEXT``) is found by its name.
    everywhere = {name: value for tree in sources.values() for name, value in _module_tables(tree).items()}
    problems: list[str] = []
    for path, tree in sources.items():
        where = path.relative_to(root.parent).as_posix()
        module = everywhere | _module_tables(tree)
        functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name == "N_" and not (len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                                     and isinstance(node.args[0].value, str)):
                problems.append(f"{where}:{node.lineno}: N_ takes one string literal: {ast.unparse(node)}")
            position = _ID_CALLS.get(name or "")
            if position is None or len(node.args) <= position:
                continue
            message_id = node.args[position]
            if isinstance(message_id, ast.Constant) and isinstance(message_id.value, str):
                continue
            if name == "tn":  # N_ marks a singular id; only a literal in the tn call tells the tools it is plural
                problems.append(f"{where}:{node.lineno}: tn needs a literal message id: {ast.unparse(message_id)}")
                continue
            # The functions around the call, outermost first, say what their names hold (a closure sees them all).
            names: dict[str, list[ast.expr]] = {}
            for function in sorted(functions, key=lambda f: f.lineno):
                if function.lineno <= node.lineno <= (function.end_lineno or function.lineno):
                    names |= _local_ids(function, _FORWARDERS.get((where, function.name)))
            if not _is_marked(message_id, names, module, fields):
                problems.append(f"{where}:{node.lineno}: {name} needs a literal or N_-marked message id: {ast.unparse(message_id)}")
    return problems


def _literal_ids(root: Path) -> set[str]:
    """The literal ids of the calls in :data:`_ID_CALLS` and of ``N_``, as the ast walk sees them."""
    ids: set[str] = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (name := _call_name(node)) in (*_ID_CALLS, "N_"):
                position = 0 if name == "N_" else _ID_CALLS[name]
                if len(node.args) > position and isinstance(node.args[position], ast.Constant):
                    ids.add(node.args[position].value)
    return ids


def test_babel_extraction_sees_what_the_code_uses() -> None:
    """pybabel extract reads tokens, not the syntax tree: a call it cannot follow would leave its id out."""
    assert _literal_ids(_BOT) == set(_used_ids())


def test_message_ids_are_literals_or_marked() -> None:
    assert _unmarked_ids(_BOT) == []


def test_the_id_check_finds_computed_ids(tmp_path: Path) -> None:
    package = tmp_path / "bot"
    package.mkdir()
    (package / "sample.py").write_text(
        'STATUS = {"open": N_("status_open")}\n'
        'def f(language, status, key: MessageId, other: str):\n'
        '    chosen = N_("a") if status else N_("b")\n'
        '    t(language, "fine"); t(language, STATUS[status]); t(language, chosen); t(language, key)\n'
        '    t(language, f"status_{status}")\n'
        '    label(language, "a" if status else "b")\n'
        '    t(language, other)\n'
        '    N_(other)\n'
        '    tn(language, STATUS[status], 2)\n',
        encoding="utf-8",
    )
    assert [problem.split(":")[1] for problem in _unmarked_ids(package)] == ["5", "6", "7", "8", "9"]
