"""Bringing a database's schema to the version the code expects, with Alembic.

``matchbot migrate`` upgrades. ``matchbot run`` refuses an out-of-date schema unless ``AUTO_MIGRATE=1``;
the offline tools (seed, import, match, chat…) upgrade on their own, as a person running them expects.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaOutdated(RuntimeError):
    """The database's schema is behind the code's; the message says what to run."""


def _config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def head_revision(engine: Engine) -> str | None:
    """The newest migration the code ships."""
    return ScriptDirectory.from_config(_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    """Whether the database's schema is the code's."""
    return current_revision(engine) == head_revision(engine)


def upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Upgrade to the newest schema in one transaction; return (from, to) revisions."""
    before = current_revision(engine)
    config = _config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, head_revision(engine)


def ensure_current(engine: Engine, *, auto_migrate: bool) -> None:
    """Upgrade if allowed, else raise :class:`SchemaOutdated` naming the command to run."""
    if is_current(engine):
        return
    if auto_migrate:
        upgrade(engine)
        return
    current, head = current_revision(engine), head_revision(engine)
    raise SchemaOutdated(
        f"the database schema is {'empty' if current is None else f'at revision {current}'}, the code needs {head}: "
        "run `matchbot migrate` (or set AUTO_MIGRATE=1)"
    )
