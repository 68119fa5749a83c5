"""Store then load gives back the same analysis, whatever its text and spans."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.store.conftest import BACKENDS
from tests.store.postgres import PostgresServer

from quotegraph.records import (
    CUE_TYPES,
    QUOTE_KINDS,
    Analysis,
    ArticleMeta,
    Entity,
    Fragments,
    Mention,
    Quote,
    Removed,
    Span,
)
from quotegraph.store import Store, open_store

ARTICLE_NUMBERS = itertools.count()


def texts(*, nul: bool, min_size: int = 0, max_size: int) -> st.SearchStrategy[str]:
    """Any text (surrogates aside), or any without NUL for a database that refuses it."""
    alphabet = st.characters(exclude_categories=("Cs",), exclude_characters="" if nul else "\x00")
    return st.text(alphabet, min_size=min_size, max_size=max_size)


zones = st.one_of(
    st.none(),
    st.just(UTC),
    st.integers(-14 * 4, 14 * 4).map(lambda quarters: timezone(timedelta(minutes=15 * quarters))),
)
moments = st.one_of(st.none(), st.datetimes(timezones=zones))


@st.composite
def analyses(draw: st.DrawFn, *, nul: bool = True) -> Analysis:
    """Random text with random, in-bounds spans for every kind of record."""
    words = texts(nul=nul, max_size=12)
    text = draw(texts(nul=nul, min_size=1, max_size=120))
    offsets = st.integers(0, len(text))

    def spans() -> st.SearchStrategy[Span]:
        return st.tuples(offsets, offsets).map(lambda pair: (min(pair), max(pair)))

    def broken_spans() -> st.SearchStrategy[Fragments]:
        return st.lists(spans(), min_size=1, max_size=3).map(lambda items: tuple(sorted(items)))

    entities = draw(
        st.lists(
            st.builds(
                Entity,
                id=st.integers(0, 50),
                name=words,
                type=st.sampled_from(["person", "organisation", "unknown"]),
                roles=st.lists(words, max_size=2).map(tuple),
                affiliations=st.lists(words, max_size=2).map(tuple),
            ),
            max_size=4,
            unique_by=lambda entity: entity.id,
        )
    )
    entity_ids = st.sampled_from([entity.id for entity in entities]) if entities else st.none()
    speakers = st.one_of(st.none(), entity_ids)
    mentions = st.builds(
        lambda span, kind, entity: Mention(span[0], span[1], text[span[0] : span[1]], kind, entity),
        spans(),
        st.sampled_from(["name", "pronoun", "descriptor"]),
        st.integers(0, 50),
    )
    quotes = st.builds(
        Quote,
        content=broken_spans(),
        kind=st.sampled_from(QUOTE_KINDS),
        cue=st.one_of(st.none(), spans()),
        cue_lemma=st.one_of(st.none(), words),
        cue_type=st.one_of(st.none(), st.sampled_from(CUE_TYPES)),
        source=st.one_of(st.none(), spans()),
        speaker=speakers,
        confidence=st.floats(0, 1),
        continues=st.booleans(),
        method=words,
    )
    return Analysis(
        text=text,
        meta=ArticleMeta(
            source=draw(words),
            title=draw(st.one_of(st.none(), words)),
            url=draw(st.one_of(st.none(), words)),
            outlet=draw(st.one_of(st.none(), words)),
            published=draw(moments),
            updated=draw(moments),
            authors=tuple(draw(st.lists(words, max_size=3))),
            language=draw(st.sampled_from(["en", "de"])),
        ),
        removed=tuple(
            Removed(start, end, kind)
            for (start, end), kind in draw(st.lists(st.tuples(spans(), words), max_size=3))
        ),
        entities=tuple(entities),
        mentions=tuple(draw(st.lists(mentions, max_size=4))),
        quotes=tuple(draw(st.lists(quotes, max_size=4))),
        pipeline=draw(words),
        notes=tuple(draw(st.lists(words, max_size=2))),
    )


@pytest.fixture(scope="module", params=BACKENDS)
def one_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def one_store(one_backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """One store for every example: opening a store costs more than a round trip."""
    if one_backend == "sqlite":
        with open_store(":memory:") as store:
            yield store
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    with open_store(server.url(name)) as store:
        yield store
    server.drop_database(name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_store_then_load_gives_back_the_same_analysis(
    one_backend: str, one_store: Store, data: st.DataObject
) -> None:
    """Any analysis loads back equal to the one stored, its quote texts at their offsets.

    PostgreSQL text cannot hold the NUL character, so there the text has none.
    """
    analysis = data.draw(analyses(nul=one_backend == "sqlite"))
    article_id = f"doc-{next(ARTICLE_NUMBERS)}"
    assert one_store.add_analysis(article_id, analysis, format="text", encoding=None, run_id=None)
    assert one_store.load_analysis(article_id) == analysis
    for row in one_store.article_quotes(article_id):
        assert row.content_text == analysis.span_text(row.content)
        cue = row.cue
        assert row.cue_text == (analysis.text[cue[0] : cue[1]] if cue else None)
