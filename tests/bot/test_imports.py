"""Every module of the bot imports on its own: features link to each other, and a cycle would break
whichever module a process happens to import first."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import bot


def test_each_module_imports_first_in_a_fresh_set_of_bot_modules() -> None:
    root = Path(bot.__file__).parent
    names = sorted(
        ".".join(("bot", *path.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and path.name != "__main__.py"  # __main__ runs the bot
    )
    assert "bot.telegram.features.leads.handlers" in names
    script = textwrap.dedent(
        f"""
        import importlib, sys
        from sqlmodel import SQLModel
        from sqlmodel.main import default_registry
        failed = []
        for name in {names!r}:
            for loaded in [m for m in sys.modules if m == "bot" or m.startswith("bot.")]:
                del sys.modules[loaded]
            SQLModel.metadata.clear()  # the tables are declared anew with their module
            default_registry.dispose()
            try:
                importlib.import_module(name)
            except Exception as exc:
                failed.append(f"{{name}}: {{exc!r}}")
        print("\\n".join(failed))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    assert result.stdout.strip() == ""
