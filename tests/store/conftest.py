"""Fixtures for the store: a new store per test on each backend, and hand-built analyses.

Every test that takes ``store``, ``filled`` or ``database`` runs twice: on
SQLite (in memory, or a file in the test's folder) and on PostgreSQL, on a
server of the session's own (see :mod:`tests.store.postgres`): ``store`` is a
database whose rows are deleted after each test, ``database`` a new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from tests.spans import at
from tests.store.postgres import PostgresServer, ServerUnavailable, start_server

from quotegraph.records import Analysis, ArticleMeta, CueType, Entity, Quote, QuoteKind
from quotegraph.store import Store, open_store

BACKENDS = ("sqlite", "postgresql")

# (content, cue, speaker name or None, kind); the speaker's name in the text,
# when it is there, becomes the quote's source span.
QuoteSpec = tuple[str, str | None, str | None, QuoteKind]
# What the fixtures' cues report.
CUE_TYPES: dict[str, CueType] = {"said": "speech", "added": "speech", "he said": "speech"}
Build = Callable[..., Analysis]


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
                content=(at(text, content),),
                kind=kind,
                cue=at(text, cue) if cue else None,
                cue_lemma=cue,
                cue_type=CUE_TYPES.get(cue) if cue else None,
                source=at(text, speaker) if speaker and speaker in text else None,
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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of the session's own; skips when none can be started here."""
    try:
        server = start_server()
    except ServerUnavailable as exc:
        pytest.skip(f"no PostgreSQL test server: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture(scope="session")
def postgres_store_database(postgres_server: PostgresServer) -> str:
    """One PostgreSQL database with the store's tables, emptied after each test that uses it."""
    name = postgres_server.create_database()
    open_store(postgres_server.url(name)).close()
    return name


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database a store test runs on."""
    return str(request.param)


@pytest.fixture
def database(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a new store can be opened, again and again: a SQLite file or a PostgreSQL URL."""
    if backend == "sqlite":
        return tmp_path / "store.db"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store: in memory on SQLite, emptied tables on PostgreSQL."""
    if backend == "sqlite":
        with open_store(":memory:") as opened:
            yield opened
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = request.getfixturevalue("postgres_store_database")
    try:
        with open_store(server.url(name)) as opened:
            yield opened
    finally:
        server.empty_tables(name)


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
    """A store holding the three sample articles, actors resolved."""
    run_id = store.start_run(command="test", options={}, pipeline="test-pipeline")
    for article_id, analysis in SAMPLES.items():
        store.add_analysis(article_id, analysis, format="text", encoding="utf-8", run_id=run_id)
    store.rebuild_actors()
    store.finish_run(run_id, summary={"added": len(SAMPLES)})
    return store
