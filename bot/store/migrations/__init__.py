"""Alembic migrations of matchbot's schema (run through ``matchbot migrate``, see :mod:`bot.store.schema`)."""
