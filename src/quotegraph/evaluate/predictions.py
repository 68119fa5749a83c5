"""Predictions to score, and the JSONL file format they are exchanged in.

One line per document::

    {"doc": "<text file stem>",
     "quotes": [{"content": [start, end] or [[start, end], ...],
                 "cue": [start, end] or [[start, end], ...] or null,
                 "source": [start, end] or [[start, end], ...] or null,
                 "kind": "direct" | "indirect" | "mixed" | null}, ...]}

Offsets are end-exclusive character offsets into the text file read as UTF-8
without newline translation. ``doc`` may carry folders or ``.txt``, which are
stripped; several lines for one document are joined; other keys are ignored.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotegraph.errors import DecodingError, MalformedError, UnreadableError
from quotegraph.records import QUOTE_KINDS, Fragments, Span, merge_fragments

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Prediction:
    """One predicted attribution.

    ``cue`` and ``source`` are usually one span; a broken one may be given as
    fragments. ``kind`` is not used for matching, only to report how often a
    labelled kind agrees with the gold one.
    """

    content: Fragments
    cue: Span | Fragments | None = None
    source: Span | Fragments | None = None
    kind: str | None = None


def read_predictions(path: Path) -> dict[str, list[Prediction]]:
    """The predictions of a JSONL file, by document stem.

    Raises :class:`~quotegraph.errors.MalformedError` naming the line of the
    first record that does not follow the format.
    """
    predictions: dict[str, list[Prediction]] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                stem, quotes = _document_line(line, f"{path}:{number}")
                if stem in predictions:
                    logger.warning(
                        "%s:%d: second line for %s; its quotes are added", path, number, stem
                    )
                predictions.setdefault(stem, []).extend(quotes)
    except UnicodeDecodeError as error:
        raise DecodingError(
            str(path), f"not UTF-8 ({error.reason} at byte {error.start})"
        ) from None
    except OSError as error:
        raise UnreadableError(str(path), error.strerror or "cannot be read") from None
    return predictions


def _document_line(line: str, where: str) -> tuple[str, list[Prediction]]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedError(
            where, f"invalid JSON ({error.msg}); expected one object per line"
        ) from None
    if not isinstance(record, dict) or not isinstance(record.get("doc"), str):
        raise MalformedError(where, 'expected an object with a string "doc" (the text file stem)')
    quotes = record.get("quotes", [])
    if not isinstance(quotes, list):
        raise MalformedError(where, '"quotes" must be a list of quote objects')
    stem = os.path.basename(record["doc"]).removesuffix(".txt")
    return stem, [
        _prediction(quote, f"{where} quote {index}") for index, quote in enumerate(quotes)
    ]


def _prediction(quote: Any, where: str) -> Prediction:
    if not isinstance(quote, dict):
        raise MalformedError(where, "a quote must be an object")
    if quote.get("content") is None:
        raise MalformedError(where, '"content" is required')
    kind = quote.get("kind")
    if kind is not None and kind not in QUOTE_KINDS:
        logger.warning("%s: unknown kind %r treated as null", where, kind)
        kind = None
    return Prediction(
        content=_fragments(quote["content"], f"{where} content"),
        cue=_optional_span(quote.get("cue"), f"{where} cue"),
        source=_optional_span(quote.get("source"), f"{where} source"),
        kind=kind,
    )


def _optional_span(value: Any, where: str) -> Span | Fragments | None:
    if value is None:
        return None
    fragments = _fragments(value, where)
    return fragments[0] if len(fragments) == 1 else fragments


def _fragments(value: Any, where: str) -> Fragments:
    pairs = [value] if _is_pair(value) else value
    if not isinstance(pairs, list) or not pairs:
        raise MalformedError(where, f"a span is [start, end] or a list of them, not {value!r}")
    for pair in pairs:
        if not _is_pair(pair) or not 0 <= pair[0] < pair[1]:
            raise MalformedError(
                where, f"bad fragment {pair!r}; expected [start, end] with 0 <= start < end"
            )
    return merge_fragments((start, end) for start, end in pairs)


def _is_pair(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(number, int) and not isinstance(number, bool) for number in value)
    )
