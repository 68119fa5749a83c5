"""JSONL (one JSON object per line): crawl dumps and exports.

Each line is one article: ``{"text": ...}`` or ``{"html": ...}``, with any of
``title``, ``url``, ``outlet``, ``published``, ``updated`` (ISO 8601) and
``authors`` (a list, or a string such as "Jane Roe and Tom Poe"). A line that
cannot be used is reported as ``path:LINE`` and the other lines still load.

A dump holds many articles, so the byte limit applies to each line, not to
the whole file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from quotegraph.errors import (
    DecodingError,
    EmptyInputError,
    InputFileError,
    MalformedError,
    TooLargeError,
)
from quotegraph.ingest.decode import BINARY_SAMPLE, decode, looks_binary
from quotegraph.ingest.document import SourceDocument
from quotegraph.ingest.fields import authors_field, datetime_field, text_field
from quotegraph.ingest.html import extract_article
from quotegraph.ingest.limits import Limits
from quotegraph.records import ArticleMeta


def _lines(handle: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Each line of ``handle``, or None for a line over ``max_bytes`` (skipped unread)."""
    while line := handle.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(max_bytes + 1)
        yield None


def _meta(record: dict[str, Any], source: str, extracted: ArticleMeta | None) -> ArticleMeta:
    """The record's own fields, and what its HTML says where the record is silent."""
    page = extracted or ArticleMeta(source=source)
    return ArticleMeta(
        source=source,
        title=text_field(record.get("title")) or page.title,
        url=text_field(record.get("url")) or page.url,
        outlet=text_field(record.get("outlet")) or page.outlet,
        published=datetime_field(record.get("published"), source) or page.published,
        updated=datetime_field(record.get("updated"), source) or page.updated,
        authors=authors_field(record.get("authors")) or page.authors,
    )


def _document(raw: bytes, source: str, limits: Limits) -> SourceDocument:
    decoded = decode(raw, source)
    try:
        record = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        reason = f"not valid JSON: {error.msg} (column {error.colno})"
        raise MalformedError(source, reason) from error
    if not isinstance(record, dict):
        raise MalformedError(source, "not a JSON object")
    text, html = record.get("text"), record.get("html")
    if text is None and html is None:
        raise MalformedError(source, 'no "text" or "html" field')
    if not all(isinstance(value, str | None) for value in (text, html)):
        raise MalformedError(source, '"text" and "html" must be strings')
    extracted = None
    if not (text and text.strip()) and html:
        text, extracted = extract_article(html, source)
    if not text:
        raise EmptyInputError(source, 'empty "text"')
    return SourceDocument(
        source=source,
        text=limits.check_text(text, source),
        meta=_meta(record, source, extracted),
        format="jsonl",
        encoding=decoded.encoding,
        encoding_guessed=decoded.guessed,
    )


def read_jsonl(path: Path, limits: Limits) -> Iterator[SourceDocument | InputFileError]:
    """One document per non-blank line, or the reason a line cannot be used.

    A file that is binary, or has no records at all, is one error for the file.
    """
    with path.open("rb") as handle:
        if looks_binary(handle.read(BINARY_SAMPLE)):
            raise DecodingError(str(path), "binary file, not text")
        handle.seek(0)
        records = 0
        for number, raw in enumerate(_lines(handle, limits.max_bytes), start=1):
            source = f"{path}:{number}"
            if raw is None:
                reason = (
                    f"line over the limit of {limits.max_bytes:,} bytes; raise it with --max-bytes"
                )
                yield TooLargeError(source, reason)
            elif raw.strip():
                records += 1
                try:
                    yield _document(raw, source, limits)
                except InputFileError as error:
                    yield error
    if not records:
        raise EmptyInputError(str(path), "no records, only blank lines")
