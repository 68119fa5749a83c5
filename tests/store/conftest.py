"""Fixtures for the store: an in-memory store per test and hand-built analyses."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta, timezone

import pytest

from quotegraph.records import Analysis, ArticleMeta, Entity, Quote, QuoteKind, Span
from quotegraph.store import Store, open_store

# (content, cue, speaker name or None, kind); the speaker's name in the text,
# when it is there, becomes the quote's source span.
QuoteSpec = tuple[str, str | None, str | None, QuoteKind]
Build = Callable[..., Analysis]


def span_of(text: str, phrase: str) -> Span:
    """The offsets of the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return start, start + len(phrase)


def build_article(
    text: str,
    *,
    source: str,
    people: Sequence[str] = (),
    organisations: Sequence[str] = (),
    quotes: Sequence[QuoteSpec] = (),
    roles: Mapping[str, tuple[str, ...]] | None = None,
    published: datetime | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Analysis:
    """An analysis written by hand: entities by name, quotes by the phrases they span."""
    names = [*people, *organisations]
    entities = tuple(
        Entity(
            id=n,
            name=name,
            type="person" if name in people else "organisation",
            roles=(roles or {}).get(name, ()),
        )
        for n, name in enumerate(names)
    )
    return Analysis(
        text=text,
        meta=ArticleMeta(source=source, title=title, outlet=outlet, published=published),
        entities=entities,
        quotes=tuple(
            Quote(
                content=(span_of(text, content),),
                kind=kind,
                cue=span_of(text, cue) if cue else None,
                cue_lemma=cue,
                source=span_of(text, speaker) if speaker and speaker in text else None,
                speaker=names.index(speaker) if speaker else None,
                confidence=0.75,
                method="hand",
            )
            for content, cue, speaker, kind in quotes
        ),
        pipeline="test-pipeline",
    )


BRIDGE = build_article(
    '"We will rebuild the Eastgate bridge by spring," said Maria Okafor, the mayor of '
    "Port Wendell. She added that the budget was secure. The Harbour Trust called the "
    "plan reckless.",
    source="news/harbour-gazette/2024-03-01-bridge.txt",
    title="Eastgate bridge to reopen",
    outlet="Harbour Gazette",
    published=datetime(2024, 3, 1, 9, 30),
    people=["Maria Okafor"],
    organisations=["Harbour Trust"],
    roles={"Maria Okafor": ("mayor of Port Wendell",)},
    quotes=[
        ("We will rebuild the Eastgate bridge by spring", "said", "Maria Okafor", "direct"),
        ("the budget was secure", "added", "Maria Okafor", "indirect"),
        ("the plan reckless", "called", "Harbour Trust", "indirect"),
    ],
)

TAXES = build_article(
    'Councillor Tom Reyes said taxes were "far too high" for families. '
    '"This is not a game, and we know it," he said.',
    source="https://valley-post.example/politics/taxes.html",
    title="Reyes on taxes",
    outlet="Valley Post",
    published=datetime(2024, 4, 15, 14, 0, tzinfo=timezone(timedelta(hours=2))),
    people=["Tom Reyes"],
    quotes=[
        ('taxes were "far too high" for families', "said", "Tom Reyes", "mixed"),
        ("This is not a game, and we know it", "he said", "Tom Reyes", "direct"),
    ],
)

WIRE = build_article(
    '"Nobody asked us," a resident said.',
    source="dumps/wire.jsonl:3",
    quotes=[("Nobody asked us", "said", None, "direct")],
)

SAMPLES = {"bridge": BRIDGE, "taxes": TAXES, "wire": WIRE}


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty in-memory store."""
    with open_store(":memory:") as opened:
        yield opened


@pytest.fixture
def build() -> Build:
    """The hand-built analysis maker, for tests that need their own articles."""
    return build_article


@pytest.fixture
def samples() -> dict[str, Analysis]:
    """Three articles: two outlets, two dates and one undated, every quote kind."""
    return SAMPLES


@pytest.fixture
def filled(store: Store) -> Store:
    """The in-memory store holding the three sample articles, actors resolved."""
    run_id = store.start_run(command="test", options={}, pipeline="test-pipeline")
    for article_id, analysis in SAMPLES.items():
        store.add_analysis(article_id, analysis, format="text", encoding="utf-8", run_id=run_id)
    store.rebuild_actors()
    store.finish_run(run_id, summary={"added": len(SAMPLES)})
    return store
