"""Fixtures for the exports: a small store with a broken quote, page furniture and odd sources."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from tests.spans import at

from quotegraph.records import Analysis, ArticleMeta, Entity, Quote, Removed
from quotegraph.store import Store, open_store

HARBOUR_TEXT = (
    "Photo: L. Brandt\n"
    "“The harbour,” said Dr Ines Varga, the port engineer, “will be ready in May.”\n"
    "Varga said the cranes had arrived. Share this article\n"
    "Critics called the date optimistic.\n"
)

HARBOUR = Analysis(
    text=HARBOUR_TEXT,
    meta=ArticleMeta(
        source="corpus/2024/harbour-ready.txt",
        title="Harbour ready by May",
        outlet="Norrvik Courier",
        published=datetime(2024, 5, 2, 8, 15, tzinfo=timezone(timedelta(hours=1))),
        authors=("Lena Brandt", "Ole Sand"),
    ),
    removed=(
        Removed(*at(HARBOUR_TEXT, "Photo: L. Brandt\n"), "credit"),
        Removed(*at(HARBOUR_TEXT, " Share this article"), "controls"),
    ),
    entities=(Entity(id=0, name="Dr Ines Varga", type="person", roles=("the port engineer",)),),
    quotes=(
        Quote(
            content=(at(HARBOUR_TEXT, "The harbour,"), at(HARBOUR_TEXT, "will be ready in May.")),
            kind="direct",
            cue=at(HARBOUR_TEXT, "said"),
            cue_lemma="say",
            cue_type="speech",
            source=at(HARBOUR_TEXT, "Dr Ines Varga"),
            speaker=0,
            confidence=0.9,
            method="quotation-marks",
        ),
        Quote(
            content=(at(HARBOUR_TEXT, "the cranes had arrived"),),
            kind="indirect",
            cue=at(HARBOUR_TEXT, "said", within="Varga said"),
            source=at(HARBOUR_TEXT, "Varga"),
            speaker=0,
            confidence=0.6,
            method="reported-speech",
        ),
        Quote(
            content=(at(HARBOUR_TEXT, "the date optimistic"),),
            kind="indirect",
            cue=at(HARBOUR_TEXT, "called"),
            source=at(HARBOUR_TEXT, "Critics"),
            confidence=0.4,
            method="reported-speech",
        ),
    ),
    pipeline="test-pipeline",
)

WIRE_TEXT = 'Fishers in Lake Amber said: "We were never asked."'

WIRE = Analysis(
    text=WIRE_TEXT,
    meta=ArticleMeta(source="dumps/wire-2024.jsonl:17"),
    quotes=(
        Quote(
            content=(at(WIRE_TEXT, "We were never asked."),),
            kind="direct",
            cue=at(WIRE_TEXT, "said"),
            source=at(WIRE_TEXT, "Fishers in Lake Amber"),
        ),
    ),
)

WEB_TEXT = "There were no quotes on this page."

WEB = Analysis(
    text=WEB_TEXT,
    meta=ArticleMeta(source="https://courier.example/news/ferry-timetable.html?page=2"),
)

ARTICLES = {"harbour": HARBOUR, "wire": WIRE, "web": WEB}


@pytest.fixture
def store() -> Iterator[Store]:
    """An in-memory store with three articles stored and actors resolved."""
    with open_store(":memory:") as opened:
        for article_id, analysis in ARTICLES.items():
            opened.add_analysis(article_id, analysis, format="text", encoding="utf-8", run_id=None)
        opened.rebuild_actors()
        yield opened


@pytest.fixture
def articles() -> dict[str, Analysis]:
    """The stored analyses by article id."""
    return ARTICLES
