"""The record every reader yields: one article's text and what is known about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quotegraph.records import ArticleMeta

DocumentFormat = Literal["text", "html", "jsonl", "warc"]


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One article as read from its source, before any cleaning.

    ``source`` is the path as given (``path:LINE`` for a JSONL record, lines
    counted from 1; ``path#URI`` for a page in a WARC archive). ``text`` is
    the text every offset refers to: a text file's decoded contents exactly,
    without newline translation (a UTF-8 or UTF-16 byte order mark is not
    part of it), or the article text extracted from an HTML page.
    ``encoding_guessed`` is True when the bytes were not
    UTF-8 and the encoding had to be guessed, so a run can report it.
    """

    source: str
    text: str
    meta: ArticleMeta
    format: DocumentFormat
    encoding: str
    encoding_guessed: bool = False
