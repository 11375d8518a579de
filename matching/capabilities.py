"""Reverse matching: what a production unit can make, against the listings that ask for it.

Pure domain code, like :mod:`matching.index`. A :class:`Capability` is a manufacturer profile as the engine sees
it (free text of what the unit makes, processes from a curated list, materials, machines); a listing is the
same :class:`~matching.index.Document` the forward search indexes. :class:`CapabilityIndex` answers both
directions: the listings a unit could make (:meth:`CapabilityIndex.opportunities`) and the units that could
make a listing (:meth:`CapabilityIndex.suppliers`), each :class:`Fit` with the reasons people are shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .index import Document, Index
from .normalize import normalize, tokens

ReasonKind = Literal["makes", "process", "material", "machine"]

# A fit below this is not worth a manufacturer's or a desk's time.
MIN_FIT = 40.0
# How much each kind of evidence is worth, out of 100.
_MAKES_WEIGHT = 1.0
_PROCESS_POINTS = 25.0
_MATERIAL_POINTS = 10.0


@dataclass(frozen=True, slots=True)
class Process:
    """One entry of the curated process list (``seed_data/processes.csv``): its ``keywords`` are words a listing
    made by this process tends to carry, in either language."""

    key: str
    name_en: str
    name_fa: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Capability:
    """A manufacturer profile as the engine reads it; ``key`` identifies it to the caller (the profile id)."""

    key: str
    makes: str
    processes: tuple[str, ...] = ()
    materials: str = ""
    machines: str = ""


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a listing fits a capability, for people: ``kind`` says which part of the profile, ``profile_text`` the
    words or process key of the profile, ``listing_text`` what the listing says that agrees."""

    kind: ReasonKind
    profile_text: str
    listing_text: str


@dataclass(frozen=True, slots=True)
class Fit:
    """A listing that a capability could make (or the reverse): ``key`` is the other side's key, ``score`` 0–100."""

    key: str
    score: float
    reasons: tuple[Reason, ...]


class CapabilityIndex:
    """The listings and the capabilities, indexed both ways; immutable once built.

    Build it again when listings or profiles change (the bot's service layer does so when it sees a change).
    """

    def __init__(
        self,
        listings: Iterable[Document],
        processes: Sequence[Process],
        capabilities: Iterable[Capability] = (),
        *,
        synonyms: Sequence[Sequence[str]] = (),
    ) -> None:
        docs = [doc for doc in listings if doc.kind == "product"]
        self._index = Index(docs, synonyms=synonyms)
        self._processes = {process.key: process for process in processes}
        self._listing_words: dict[str, set[str]] = {}
        self._listing_text: dict[str, str] = {}
        self._weight: dict[str, float] = {}
        for doc in docs:
            text = " ".join(field.text for field in doc.fields if field.name != "sector")
            self._listing_text[doc.key] = text
            self._listing_words[doc.key] = set(tokens(normalize(text)))
            self._weight[doc.key] = doc.weight
        self._suppliers: dict[str, list[Fit]] = {}
        for capability in capabilities:
            for fit in self.opportunities(capability, limit=None):
                self._suppliers.setdefault(fit.key, []).append(Fit(capability.key, fit.score, fit.reasons))
        for fits in self._suppliers.values():
            fits.sort(key=lambda fit: (-fit.score, fit.key))

    def opportunities(self, capability: Capability, *, limit: int | None = 10) -> list[Fit]:
        """The listings ``capability`` could make, best fit first (import value breaks ties); at most ``limit``."""
        scores: dict[str, float] = {}
        reasons: dict[str, list[Reason]] = {}
        text = " ".join(part for part in (capability.makes, capability.machines) if part)
        if text:
            found = self._index.lookup(text, limit=50)
            for match in found.confident:
                scores[match.key] = max(scores.get(match.key, 0.0), match.score * _MAKES_WEIGHT)
                reasons.setdefault(match.key, []).append(Reason("makes", text, match.matched))
            for match in found.related:
                scores[match.key] = max(scores.get(match.key, 0.0), 0.6 * match.score * _MAKES_WEIGHT)
                reasons.setdefault(match.key, []).append(Reason("makes", text, match.matched))
        for key in capability.processes:
            process = self._processes.get(key)
            if process is None:
                continue
            for keyword in process.keywords:
                words = tokens(normalize(keyword))
                if not words:
                    continue
                for code, listing_words in self._listing_words.items():
                    if all(word in listing_words for word in words):
                        scores[code] = scores.get(code, 0.0) + _PROCESS_POINTS
                        reasons.setdefault(code, []).append(Reason("process", key, keyword))
        for material in set(tokens(normalize(capability.materials))):
            for code, listing_words in self._listing_words.items():
                if material in listing_words:
                    scores[code] = scores.get(code, 0.0) + _MATERIAL_POINTS
                    reasons.setdefault(code, []).append(Reason("material", material, material))
        fits = [
            Fit(code, min(score, 100.0), _distinct(reasons[code]))
            for code, score in scores.items()
            if score >= MIN_FIT
        ]
        fits.sort(key=lambda fit: (-fit.score, -self._weight.get(fit.key, 0.0), fit.key))
        return fits if limit is None else fits[:limit]

    def suppliers(self, listing_key: str, *, limit: int | None = None) -> list[Fit]:
        """The capabilities given at build time that could make ``listing_key``, best fit first."""
        fits = self._suppliers.get(listing_key, [])
        return list(fits if limit is None else fits[:limit])


def _distinct(reasons: Iterable[Reason]) -> tuple[Reason, ...]:
    seen: dict[tuple[str, str], Reason] = {}
    for reason in reasons:
        seen.setdefault((reason.kind, normalize(reason.profile_text)), reason)
    return tuple(seen.values())
