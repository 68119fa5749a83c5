"""What the store's queries return: one frozen record per row.

These are the shapes the command line, the web face and the exports read, so
they carry plain values (datetimes, tuples of offsets), never database objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quotegraph.records import Extent, Fragments, Span


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteRow(Extent):
    """One stored quote with its article and speaker, ready to show or export.

    ``source`` is the article's path or URL; ``source_span`` the offsets of the
    words that name the speaker at this quote. ``speaker_id`` is the corpus
    actor, None until the actor step has run or when the speaker is unknown;
    ``speaker_role`` is what this article says the speaker is.
    """

    id: str
    article_id: str
    source: str
    title: str | None
    outlet: str | None
    published: datetime | None
    content_text: str
    content: Fragments
    cue_text: str | None
    cue: Span | None
    cue_type: str | None
    source_span: Span | None
    kind: str
    confidence: float
    speaker_id: str | None
    speaker_name: str | None
    speaker_type: str | None
    speaker_role: str | None
    continues: bool
    method: str
    statement_id: str | None = None
    reviewed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeakerRow:
    """A corpus actor with how often and over which dates it appears."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    quote_count: int
    article_count: int
    first_seen: datetime | None
    last_seen: datetime | None
    affiliations: tuple[str, ...] = ()
    external_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRole:
    """What one article says an actor is, dated by the article."""

    role: str
    article_id: str
    date: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorProfile:
    """One corpus actor in full: its names, what the articles say it is, when it spoke.

    ``roles`` are (role, article id, article date), oldest first; ``reasons``
    count why its entities were put together, by rule.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[ActorRole, ...]
    affiliations: tuple[str, ...]
    quote_count: int
    article_count: int
    first_seen: datetime | None
    last_seen: datetime | None
    external_id: str | None
    reasons: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    """A change a person made, kept apart and replayed after every automatic step.

    ``kind`` is speaker, reject, accept, merge, split or rename; ``target`` the
    quote or actor id it is about; ``value`` what it set, with what it needs to
    find its actor again after a rerun.
    """

    id: int
    kind: str
    target: str
    value: Mapping[str, Any]
    created: datetime
    undone: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleRow:
    """A stored article without its text."""

    id: str
    source: str
    format: str
    encoding: str | None
    title: str | None
    url: str | None
    outlet: str | None
    published: datetime | None
    updated: datetime | None
    authors: tuple[str, ...]
    pipeline: str
    added_at: datetime
    run_id: int | None
    quote_count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RunRow:
    """One run of a command over the store: what it was asked and what it did."""

    id: int
    command: str
    options: Mapping[str, object]
    pipeline: str
    started: datetime
    finished: datetime | None
    summary: Mapping[str, int | float] | None
    failure_count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class FailureRow:
    """An input a run could not use, and why."""

    run_id: int
    source: str
    kind: str
    reason: str
    at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreStats:
    """The size of the store at a glance; ``failures`` counts the latest run's."""

    articles: int
    quotes: int
    speakers: int
    failures: int
    last_run: int | None
