"""The bot's Matcher over the shipped seed catalog, built once for every matching test that needs it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.services import catalog
from bot.services.search import Matcher
from bot.store import schema
from bot.store.db import make_engine


@pytest.fixture(scope="session")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matcher]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'seed.db'}")
    schema.upgrade(engine)
    with Session(engine) as session:
        catalog.seed(session=session)
        yield Matcher.load(session=session)
    engine.dispose()
