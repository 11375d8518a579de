"""Persistence: the sqlmodel tables, engines and the queries the services use.

Nothing here knows about Telegram. Query functions take a keyword-only ``session=`` and leave
committing to their caller, so one service call is one transaction.
"""
