"""Stand-ins for the matcher's results (bot.matching.index.Match): a key and labelled terms."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    label: str


@dataclass(frozen=True)
class FakeMatch:
    key: int
    terms: tuple[Term, ...]
