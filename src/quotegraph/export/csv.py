"""The CSV export: one row per quote, for spreadsheets, pandas and R."""

from __future__ import annotations

import csv
from typing import TextIO

from quotegraph.store import QuoteQuery, Store

COLUMNS = (
    "article_id",
    "source",
    "title",
    "outlet",
    "published",
    "speaker",
    "speaker_type",
    "role",
    "kind",
    "content",
    "cue",
    "cue_type",
    "confidence",
    "start",
    "end",
)


def export_csv(store: Store, out: TextIO) -> int:
    """Write a header and one row per stored quote, newest first; return how many quotes.

    ``start`` and ``end`` are the outer offsets of the content in the article
    text; ``content`` is its text, fragments joined by " … ".
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for quote in store.iter_quotes(QuoteQuery()):
        writer.writerow(
            (
                quote.article_id,
                quote.source,
                quote.title or "",
                quote.outlet or "",
                quote.published.isoformat() if quote.published else "",
                quote.speaker_name or "",
                quote.speaker_type or "",
                quote.speaker_role or "",
                quote.kind,
                quote.content_text,
                quote.cue_text or "",
                quote.cue_type or "",
                quote.confidence,
                quote.start,
                quote.end,
            )
        )
        count += 1
    return count
