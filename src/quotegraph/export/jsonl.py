"""The JSONL export: one article per line with its text and its quotes.

This is a stable interface, described field by field in docs/export-format.md:
fields may be added, never renamed or removed. Every offset is a Python string
index into ``text``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, TextIO

from quotegraph.records import Analysis
from quotegraph.store import QuoteRow, Store


def export_jsonl(store: Store, out: TextIO) -> int:
    """Write every stored article as one JSON object per line; return how many."""
    count = 0
    for article_id, analysis in store.iter_analyses():
        record = article_record(article_id, analysis, store.article_quotes(article_id))
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def article_record(article_id: str, analysis: Analysis, quotes: list[QuoteRow]) -> dict[str, Any]:
    """The exported object for one article."""
    meta = analysis.meta
    return {
        "id": article_id,
        "source": meta.source,
        "title": meta.title,
        "published": _iso(meta.published),
        "updated": _iso(meta.updated),
        "outlet": meta.outlet,
        "authors": list(meta.authors),
        "text": analysis.text,
        "removed": [
            {"start": item.start, "end": item.end, "kind": item.kind} for item in analysis.removed
        ],
        "quotes": [_quote_record(quote) for quote in quotes],
    }


def _quote_record(quote: QuoteRow) -> dict[str, Any]:
    speaker = None
    if quote.speaker_name is not None:
        speaker = {
            "id": quote.speaker_id,
            "name": quote.speaker_name,
            "type": quote.speaker_type,
            "role": quote.speaker_role,
        }
    return {
        "id": quote.id,
        "content": [list(span) for span in quote.content],
        "cue": list(quote.cue) if quote.cue else None,
        "source": list(quote.source_span) if quote.source_span else None,
        "kind": quote.kind,
        "cue_type": quote.cue_type,
        "speaker": speaker,
        "confidence": quote.confidence,
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()
