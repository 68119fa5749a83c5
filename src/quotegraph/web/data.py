"""What the pages and the API show, read from a :class:`~quotegraph.corpus.Corpus`.

The web face only calls the Corpus and its store; this module shapes their
answers for the pages (pages of search results, a speaker's profile, the
overview) and remembers the costlier ones until the store changes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar, cast

from quotegraph.corpus import Corpus
from quotegraph.errors import UsageError
from quotegraph.store import ActorProfile, QuoteQuery, QuoteRow, SpeakerRow
from quotegraph.web.charts import months

T = TypeVar("T")

PER_PAGE = 20
SPEAKER_PAGE = 50
# Searches count their matches up to here and show "1,000+" beyond.
COUNT_LIMIT = 1000
REVIEW_MAX_CONFIDENCE = 0.6


class Memo:
    """Answers kept until the store changes, or for ``ttl`` seconds when that cannot be told.

    ``version`` returns a number that changes with every commit to the store
    (by this server or anyone else), or None when the store cannot tell; then
    answers are forgotten after ``ttl`` seconds, and after every write through
    this server. When full, the oldest answer makes room for the new one.
    Requests that ask for the same answer at once wait for one computation of
    it instead of each making their own.
    """

    def __init__(
        self,
        ttl: float = 30.0,
        size: int = 2048,
        version: Callable[[], int | None] = lambda: None,
    ) -> None:
        self._ttl = ttl
        self._size = size
        self._version = version
        self._seen: int | None = None
        self._values: dict[tuple[object, ...], tuple[float, object]] = {}
        self._pending: dict[tuple[object, ...], threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        hit = self._fresh(key, self._version())
        if hit is not None:
            return cast(T, hit[1])
        with self._lock:
            computing = self._pending.setdefault(key, threading.Lock())
        with computing:
            # Another request may have computed it while this one waited.
            before = self._version()
            hit = self._fresh(key, before)
            if hit is not None:
                return cast(T, hit[1])
            try:
                value = compute()
                if self._version() == before:
                    self._keep(key, value, before)
            finally:
                with self._lock:
                    self._pending.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def _keep(self, key: tuple[object, ...], value: object, version: int | None) -> None:
        with self._lock:
            if version != self._seen:
                return
            if len(self._values) >= self._size:
                del self._values[next(iter(self._values))]
            self._values[key] = (time.monotonic(), value)

    def _fresh(self, key: tuple[object, ...], version: int | None) -> tuple[float, object] | None:
        """The answer kept for ``key`` if still good at ``version``; forgets all when it moved."""
        with self._lock:
            if version != self._seen:
                self._values.clear()
                self._seen = version
            hit = self._values.get(key)
        if hit is not None and (version is not None or time.monotonic() - hit[0] < self._ttl):
            return hit
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """A search as the form and the API give it; empty fields mean no filter."""

    q: str = ""
    speaker: str = ""
    outlet: str = ""
    kind: str = ""
    cue_type: str = ""
    since: str = ""
    until: str = ""
    page: int = 1

    def query(self, *, limit: int | None = PER_PAGE) -> QuoteQuery:
        """The store query for this search and page (raises UsageError on a bad field)."""
        return QuoteQuery(
            search=self.q.strip() or None,
            speaker=self.speaker.strip() or None,
            outlet=self.outlet.strip() or None,
            kind=self.kind or None,
            cue_type=self.cue_type or None,
            since=_day(self.since, "from"),
            until=_day(self.until, "to"),
            limit=limit,
            offset=(max(self.page, 1) - 1) * (limit or 0),
        )

    def params(self, **changes: object) -> dict[str, str]:
        """The non-empty fields as URL parameters, with some changed (for page links)."""
        values = {
            "q": self.q,
            "speaker": self.speaker,
            "outlet": self.outlet,
            "kind": self.kind,
            "cue_type": self.cue_type,
            "since": self.since,
            "until": self.until,
            "page": str(self.page) if self.page > 1 else "",
        }
        values.update({key: str(value) for key, value in changes.items()})
        return {key: value for key, value in values.items() if value and value != "1"}

    @property
    def empty(self) -> bool:
        return not any(
            (self.q, self.speaker, self.outlet, self.kind, self.cue_type, self.since, self.until)
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Results:
    """One page of quotes and how many match in all (at least, when ``more`` is true)."""

    rows: list[QuoteRow]
    total: int
    page: int
    per_page: int
    more: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def search(
    corpus: Corpus, filters: Filters, *, per_page: int = PER_PAGE, memo: Memo | None = None
) -> Results:
    """A page of the quotes matching ``filters``, newest first (remembered in ``memo``)."""
    query = filters.query(limit=per_page)

    def compute() -> Results:
        total = corpus.store.count_quotes(query, at_most=COUNT_LIMIT + 1)
        return Results(
            rows=corpus.quotes(query),
            total=min(total, COUNT_LIMIT),
            page=max(filters.page, 1),
            per_page=per_page,
            more=total > COUNT_LIMIT,
        )

    return compute() if memo is None else memo.get(("search", filters, per_page), compute)


@dataclass(frozen=True, slots=True, kw_only=True)
class Dated:
    """A role or affiliation with where and when it was seen (either may be unknown)."""

    value: str
    article_id: str | None = None
    when: datetime | date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """One actor as the speaker page shows it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[Dated, ...]
    affiliations: tuple[Dated, ...]
    quote_count: int
    first_seen: datetime | None
    last_seen: datetime | None
    external_id: str | None = None
    months: list[tuple[str, int]] = field(default_factory=list)


def profile(corpus: Corpus, key: str, memo: Memo) -> Profile | None:
    """The actor with this id or name, with its quotes counted by month; None if unknown."""
    found: ActorProfile | None = memo.get(("actor", key), lambda: corpus.actor(key))
    if found is None:
        return None
    counts = memo.get(("months", found.id), lambda: _months_of(corpus, found.id))
    return Profile(
        id=found.id,
        name=found.name,
        type=found.type,
        aliases=tuple(alias for alias in found.aliases if alias != found.name),
        roles=tuple(
            Dated(value=role.role, article_id=role.article_id, when=role.date)
            for role in found.roles
        ),
        affiliations=tuple(Dated(value=value) for value in found.affiliations),
        quote_count=found.quote_count,
        first_seen=found.first_seen,
        last_seen=found.last_seen,
        external_id=found.external_id,
        months=counts,
    )


def speaker_quotes(corpus: Corpus, actor_id: str, page: int, memo: Memo | None = None) -> Results:
    """A page of an actor's quotes in time order, oldest first (remembered in ``memo``)."""
    if memo is not None:
        return memo.get(("speaker", actor_id, page), lambda: speaker_quotes(corpus, actor_id, page))
    query = QuoteQuery(speaker=actor_id)
    total = corpus.store.count_quotes(query)
    pages = max(1, -(-total // SPEAKER_PAGE))
    page = min(max(page, 1), pages)
    # The store lists newest first: read the matching slice from the end and turn it round.
    end = total - (page - 1) * SPEAKER_PAGE
    start = max(0, end - SPEAKER_PAGE)
    rows = corpus.quotes(QuoteQuery(speaker=actor_id, offset=start, limit=end - start))
    rows.sort(key=lambda row: (_stamp(row.published), row.article_id, row.start))
    return Results(rows=rows, total=total, page=page, per_page=SPEAKER_PAGE)


def speakers(corpus: Corpus, search_for: str = "", *, limit: int = 200) -> list[SpeakerRow]:
    """Actors, most quoted first, those with a name containing ``search_for`` when given."""
    return corpus.actors(limit=limit, search=search_for.strip() or None)


def review_queue(corpus: Corpus, *, limit: int = 50) -> list[QuoteRow]:
    """Attributions nobody has checked yet, the least confident first."""
    return corpus.review_queue(limit=limit, max_confidence=REVIEW_MAX_CONFIDENCE)


def timeline(corpus: Corpus, memo: Memo) -> list[tuple[str, int]]:
    """Quotes per month over the whole corpus (by the article's publication)."""

    def compute() -> list[tuple[str, int]]:
        articles = corpus.store.articles()
        return months((a.published for a in articles), (a.quote_count for a in articles))

    return memo.get(("timeline",), compute)


def _months_of(corpus: Corpus, actor_id: str) -> list[tuple[str, int]]:
    counted = corpus.store.quote_months(QuoteQuery(speaker=actor_id))
    return months(
        (date(int(month[:4]), int(month[5:7]), 1) for month, _ in counted),
        (count for _, count in counted),
    )


def _day(value: str, which: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"the {which} date {value!r} is not a date like 2021-04-30") from None


def _stamp(value: datetime | None) -> str:
    return value.isoformat() if value is not None else "9999"
