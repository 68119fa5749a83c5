"""Viewing a quote that runs over several paragraphs as one attribution.

The store keeps one quote per paragraph (each with its own offsets, the later
ones marked ``continues``); evaluation and the attribution export see the
whole statement, as annotators mark it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from quotegraph.records import Quote


def join_continuations(quotes: Iterable[Quote]) -> list[Quote]:
    """Quotes in text order with each continuation folded into the quote it continues."""
    joined: list[Quote] = []
    for quote in quotes:
        previous = joined[-1] if joined else None
        if (
            quote.continues
            and previous is not None
            and previous.speaker == quote.speaker
            and quote.source in (None, previous.source)
        ):
            joined[-1] = replace(previous, content=previous.content + quote.content)
        else:
            joined.append(quote)
    return joined
