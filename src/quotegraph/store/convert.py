"""An Analysis as table rows and back again, with nothing lost on the way.

Stored then loaded, an analysis compares equal to the one given; the quotes
also keep their text, cue text and outer offsets in columns, so the database
can be read without quotegraph.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, Table

from quotegraph.records import (
    Analysis,
    ArticleMeta,
    Entity,
    Fragments,
    Mention,
    Quote,
    Removed,
    Span,
)
from quotegraph.store import schema

Row = dict[str, Any]


def quote_ids(article_id: str, quotes: Sequence[Quote]) -> list[str]:
    """Stable ids for the quotes of an article: a hash of the article and the content offsets.

    The same content found twice in one article (by two methods, say) gets a
    running number in its hash, so ids stay unique and still stable.
    """
    seen: Counter[Fragments] = Counter()
    ids = []
    for quote in quotes:
        repeat = seen[quote.content]
        seen[quote.content] += 1
        key: list[object] = [article_id, [list(span) for span in quote.content]]
        if repeat:
            key.append(repeat)
        ids.append(hashlib.sha256(json.dumps(key).encode("utf-8")).hexdigest()[:20])
    return ids


def rows_of(
    article_id: str,
    analysis: Analysis,
    *,
    format: str,
    encoding: str | None,
    run_id: int | None,
    added_at: datetime,
) -> list[tuple[Table, list[Row]]]:
    """The rows of one analysis, table by table in the order they must be inserted."""
    meta = analysis.meta
    article = {
        "id": article_id,
        "source": meta.source,
        "format": format,
        "encoding": encoding,
        "title": meta.title,
        "url": meta.url,
        "outlet": meta.outlet,
        "published": meta.published,
        "updated": meta.updated,
        "authors": list(meta.authors),
        "language": meta.language,
        "text": analysis.text,
        "notes": list(analysis.notes),
        "pipeline": analysis.pipeline,
        "added_at": added_at,
        "run_id": run_id,
    }
    owned = {"article_id": article_id}
    removed = [
        {**owned, "position": n, "start": item.start, "end": item.end, "kind": item.kind}
        for n, item in enumerate(analysis.removed)
    ]
    entities = [
        {
            **owned,
            "entity_id": entity.id,
            "position": n,
            "name": entity.name,
            "type": entity.type,
            "roles": list(entity.roles),
            "affiliations": list(entity.affiliations),
        }
        for n, entity in enumerate(analysis.entities)
    ]
    mentions = [
        {
            **owned,
            "position": n,
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "kind": mention.kind,
            "entity_id": mention.entity,
        }
        for n, mention in enumerate(analysis.mentions)
    ]
    quotes = [
        {**_quote_row(analysis, quote, quote_id, n, owned), "published": analysis.meta.published}
        for n, (quote, quote_id) in enumerate(
            zip(analysis.quotes, quote_ids(article_id, analysis.quotes), strict=True)
        )
    ]
    return [
        (schema.articles, [article]),
        (schema.removed, removed),
        (schema.entities, entities),
        (schema.mentions, mentions),
        (schema.quotes, quotes),
    ]


def analysis_from(
    article: RowMapping,
    removed: Sequence[RowMapping],
    entities: Sequence[RowMapping],
    mentions: Sequence[RowMapping],
    quotes: Sequence[RowMapping],
) -> Analysis:
    """The analysis stored in these rows, each sequence in position order."""
    return Analysis(
        text=article["text"],
        meta=ArticleMeta(
            source=article["source"],
            title=article["title"],
            url=article["url"],
            outlet=article["outlet"],
            published=article["published"],
            updated=article["updated"],
            authors=tuple(article["authors"]),
            language=article["language"],
        ),
        removed=tuple(Removed(row["start"], row["end"], row["kind"]) for row in removed),
        entities=tuple(
            Entity(
                id=row["entity_id"],
                name=row["name"],
                type=row["type"],
                roles=tuple(row["roles"]),
                affiliations=tuple(row["affiliations"]),
            )
            for row in entities
        ),
        mentions=tuple(
            Mention(row["start"], row["end"], row["text"], row["kind"], row["entity_id"])
            for row in mentions
        ),
        quotes=tuple(
            Quote(
                content=fragments(row["content"]),
                kind=row["kind"],
                cue=span(row["cue_start"], row["cue_end"]),
                cue_lemma=row["cue_lemma"],
                cue_type=row["cue_type"],
                source=span(row["source_start"], row["source_end"]),
                speaker=row["entity_id"],
                confidence=row["confidence"],
                continues=row["continues"],
                method=row["method"],
            )
            for row in quotes
        ),
        pipeline=article["pipeline"],
        notes=tuple(article["notes"]),
    )


def fragments(stored: Sequence[Sequence[int]]) -> Fragments:
    """Stored ``[[start, end], ...]`` as the fragments of a record."""
    return tuple((start, end) for start, end in stored)


def span(start: int | None, end: int | None) -> Span | None:
    """A span from two nullable columns."""
    return None if start is None or end is None else (start, end)


def _quote_row(analysis: Analysis, quote: Quote, quote_id: str, position: int, owned: Row) -> Row:
    cue = quote.cue
    source = quote.source
    return {
        **owned,
        "id": quote_id,
        "position": position,
        "content": [list(item) for item in quote.content],
        "content_text": analysis.span_text(quote.content),
        "start": quote.start,
        "end": quote.end,
        "cue_start": cue[0] if cue else None,
        "cue_end": cue[1] if cue else None,
        "cue_text": analysis.text[cue[0] : cue[1]] if cue else None,
        "cue_lemma": quote.cue_lemma,
        "cue_type": quote.cue_type,
        "source_start": source[0] if source else None,
        "source_end": source[1] if source else None,
        "kind": quote.kind,
        "confidence": quote.confidence,
        "continues": quote.continues,
        "method": quote.method,
        "entity_id": quote.speaker,
    }
