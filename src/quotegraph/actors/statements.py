"""The same words in several articles: quotes that are one statement.

Syndicated copies and follow-up stories repeat a quote, sometimes cut short or
with a word changed. Quotes by the same actor whose words are equal once case
and punctuation are set aside, or that share most of their three-word
shingles, are occurrences of one statement; its id is the id of its earliest
occurrence. Candidates come from an inverted index of shingles within one
actor's quotes, bounded per shingle, so the step stays linear in the number of
quotes, and the comparison itself is exact (no hashing error).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["QuoteSighting", "group_statements"]

# Two quotes are one statement when the shingles they share are this large a
# part of all their shingles, or of the shorter one's (a quote cut short).
JACCARD_THRESHOLD = 0.6
CONTAINMENT_THRESHOLD = 0.85
SHINGLE = 3
# Quotes shorter than this many words only match exactly.
MIN_WORDS = 5
# Each shingle is compared with the most recent earlier quotes of the actor that
# have it, so a stock phrase an actor repeats a thousand times costs no more
# than a few comparisons per quote; a copy is met through its many shingles.
RECENT_HOLDERS = 8

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteSighting:
    """A quote as the statement step sees it; ``order`` sorts occurrences, earliest first."""

    quote_id: str
    actor_id: str | None
    text: str
    order: tuple[str, str, int]


def group_statements(sightings: Iterable[QuoteSighting]) -> dict[str, str]:
    """The statement id of every quote: the id of the earliest quote with the same words."""
    by_actor: dict[str | None, list[QuoteSighting]] = defaultdict(list)
    statement = {}
    for sighting in sightings:
        if sighting.actor_id is None:
            statement[sighting.quote_id] = sighting.quote_id
        else:
            by_actor[sighting.actor_id].append(sighting)
    for quotes in by_actor.values():
        quotes.sort(key=lambda q: q.order)
        statement.update(_group(quotes))
    return statement


def _group(quotes: list[QuoteSighting]) -> dict[str, str]:
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    exact: dict[str, int] = {}
    sizes: list[int] = []
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, quote in enumerate(quotes):
        said = _WORD.findall(quote.text.casefold())
        first = exact.setdefault(" ".join(said), i)
        if first != i:
            join(first, i)
            sizes.append(0)
            continue
        grams = (
            {tuple(said[k : k + SHINGLE]) for k in range(len(said) - SHINGLE + 1)}
            if len(said) >= MIN_WORDS
            else set()
        )
        sizes.append(len(grams))
        shared: dict[int, int] = defaultdict(int)
        for gram in grams:
            holders = postings[gram]
            for j in holders[-RECENT_HOLDERS:]:
                shared[j] += 1
            holders.append(i)
        for j, common in shared.items():
            smaller = min(sizes[i], sizes[j])
            union = sizes[i] + sizes[j] - common
            if common / union >= JACCARD_THRESHOLD or common / smaller >= CONTAINMENT_THRESHOLD:
                join(j, i)
    return {quote.quote_id: quotes[root(i)].quote_id for i, quote in enumerate(quotes)}
