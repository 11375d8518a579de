"""The language catalogs agree with each other and are safe to fill in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot import i18n
from bot.i18n import CATALOGS, Html, label, money, placeholders, t


def test_both_languages_have_the_same_keys() -> None:
    assert set(CATALOGS["en"]) == set(CATALOGS["fa"])


@pytest.mark.parametrize("key", sorted(CATALOGS["en"]))
def test_placeholders_agree(key: str) -> None:
    assert placeholders(CATALOGS["en"][key]) == placeholders(CATALOGS["fa"][key])


@pytest.mark.parametrize("language", ["en", "fa"])
def test_no_key_is_defined_twice(language: str) -> None:
    """A repeated key in a dict literal silently replaces the first one."""
    source = Path(i18n.__file__).with_name(f"{language}.py").read_text(encoding="utf-8")
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


# ------------------------------------------------------------------ message ids are literals

# The calls that take a message id, with the id's position; extraction tools see these ids only when they are
# literals, so a text chosen at run time is chosen among ids marked with N_ (gettext_noop).
_ID_CALLS = {"t": 1, "label": 1, "tn": 1, "plain": 1}
# Functions that hand their own parameter on as the id: their callers are held to the rule instead.
_FORWARDERS = {("bot/telegram/render.py", "plain"): "key"}
_BOT = Path(__file__).resolve().parents[2] / "bot"


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
            # The functions around the call, outermost first, say what their names hold (a closure sees them all).
            names: dict[str, list[ast.expr]] = {}
            for function in sorted(functions, key=lambda f: f.lineno):
                if function.lineno <= node.lineno <= (function.end_lineno or function.lineno):
                    names |= _local_ids(function, _FORWARDERS.get((where, function.name)))
            if not _is_marked(message_id, names, module, fields):
                problems.append(f"{where}:{node.lineno}: {name} needs a literal or N_-marked message id: {ast.unparse(message_id)}")
    return problems


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
        '    N_(other)\n',
        encoding="utf-8",
    )
    assert [problem.split(":")[1] for problem in _unmarked_ids(package)] == ["5", "6", "7", "8"]
