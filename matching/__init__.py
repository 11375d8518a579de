"""Bilingual (Persian/English) fuzzy matching of investor needs against import-substitution listings.

Pure domain code: no Telegram, no database. Build an :class:`Index` from :class:`Document` objects and
call :meth:`Index.search`.
"""

from .index import Document, Field, Index, Lookup, Match, parse_hs_query, parse_listing_code
from .normalize import compact, normalize

__all__ = ["Document", "Field", "Index", "Lookup", "Match", "compact", "normalize", "parse_hs_query", "parse_listing_code"]
