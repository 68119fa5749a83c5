"""A small invented corpus for the web face, with hostile text where scraped text can reach."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.spans import at

from quotegraph.corpus import Corpus
from quotegraph.records import Analysis, ArticleMeta, Entity, Mention, Quote, Removed
from quotegraph.web import Access, create_app

BASE = "http://127.0.0.1"
SCRIPT = "<script>window.__pwned = 1</script>"
HANDLER = '<img src=x onerror="window.__pwned = 1">'
EVIL_NAME = 'Dr Ada <b onmouseover="window.__pwned=1">Vex</b>'


HARBOUR_TEXT = (
    "Photo: L. Brandt\n"
    "“The harbour wall will be ready in May,” said Dr Ines Varga, the port engineer.\n"
    "Varga said the cranes had arrived. Share this article\n"
    "Critics called the date optimistic.\n"
)
HARBOUR = Analysis(
    text=HARBOUR_TEXT,
    meta=ArticleMeta(
        source="corpus/harbour-ready.txt",
        title="Harbour ready by May",
        outlet="Norrvik Courier",
        published=datetime(2024, 5, 2, 8, 15),
        authors=("Lena Brandt",),
        url="https://courier.example/harbour",
    ),
    removed=(
        Removed(*at(HARBOUR_TEXT, "Photo: L. Brandt\n"), "credit"),
        Removed(*at(HARBOUR_TEXT, " Share this article"), "controls"),
    ),
    entities=(Entity(id=0, name="Dr Ines Varga", type="person", roles=("the port engineer",)),),
    mentions=(
        Mention(*at(HARBOUR_TEXT, "Dr Ines Varga"), "Dr Ines Varga", "name", 0),
        Mention(*at(HARBOUR_TEXT, "Varga", nth=1), "Varga", "name", 0),
    ),
    quotes=(
        Quote(
            content=(at(HARBOUR_TEXT, "The harbour wall will be ready in May,"),),
            kind="direct",
            cue=at(HARBOUR_TEXT, "said"),
            cue_type="speech",
            source=at(HARBOUR_TEXT, "Dr Ines Varga"),
            speaker=0,
            confidence=0.9,
            method="quotation-marks",
        ),
        Quote(
            content=(at(HARBOUR_TEXT, "the cranes had arrived"),),
            kind="indirect",
            cue=at(HARBOUR_TEXT, "said", nth=1),
            source=at(HARBOUR_TEXT, "Varga", nth=1),
            speaker=0,
            confidence=0.55,
            method="reported-speech",
        ),
        Quote(
            content=(at(HARBOUR_TEXT, "the date optimistic"),),
            kind="indirect",
            cue=at(HARBOUR_TEXT, "called"),
            cue_type="stance",
            source=at(HARBOUR_TEXT, "Critics"),
            confidence=0.3,
            method="reported-speech",
        ),
    ),
)

HOSTILE_TEXT = (
    f"{SCRIPT}\n"
    f"“The marina {HANDLER} must close,” said {EVIL_NAME}.\n"
    "Ines Varga said the harbour plan was sound.\n"
)
HOSTILE = Analysis(
    text=HOSTILE_TEXT,
    meta=ArticleMeta(
        source="corpus/<script>hostile.txt",
        title=f"Marina row {SCRIPT}",
        outlet=f"Evil {HANDLER} Times",
        published=datetime(2024, 6, 9),
        url="javascript:window.__pwned=1",
    ),
    removed=(Removed(*at(HOSTILE_TEXT, SCRIPT), "advert"),),
    entities=(
        Entity(id=0, name=EVIL_NAME, type="person"),
        Entity(id=1, name="Ines Varga", type="person"),
    ),
    quotes=(
        Quote(
            content=(at(HOSTILE_TEXT, f"The marina {HANDLER} must close,"),),
            kind="direct",
            cue=at(HOSTILE_TEXT, "said"),
            source=at(HOSTILE_TEXT, EVIL_NAME),
            speaker=0,
            confidence=0.8,
        ),
        Quote(
            content=(at(HOSTILE_TEXT, "the harbour plan was sound"),),
            kind="indirect",
            cue=at(HOSTILE_TEXT, "said", nth=1),
            source=at(HOSTILE_TEXT, "Ines Varga"),
            speaker=1,
            confidence=0.4,
        ),
    ),
)

ARTICLES = {"harbour-ready": HARBOUR, "marina-row": HOSTILE}


def fill(corpus: Corpus) -> None:
    """Store the invented articles and resolve their actors."""
    for article_id, analysis in ARTICLES.items():
        corpus.store.add_analysis(
            article_id, analysis, format="text", encoding="utf-8", run_id=None
        )
    corpus.store.rebuild_actors()


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    """A corpus in a temporary SQLite file holding the invented articles."""
    with Corpus(tmp_path / "web.db") as opened:
        fill(opened)
        yield opened


@pytest.fixture
def client(corpus: Corpus) -> Iterator[TestClient]:
    """The app over ``corpus``, as reached on this machine."""
    with TestClient(create_app(corpus), base_url=BASE) as test_client:
        yield test_client


@pytest.fixture
def guarded(corpus: Corpus) -> Iterator[TestClient]:
    """The app as bound to every interface: writes need the token ``sesame``."""
    access = Access.for_bind("0.0.0.0", "sesame")
    with TestClient(create_app(corpus, access=access), base_url="http://quotes.lan") as test_client:
        yield test_client


def actor_id(corpus: Corpus, name: str) -> str:
    """The corpus actor id of the speaker called ``name``."""
    return next(row.id for row in corpus.speakers() if row.name == name)


needs_corrections = pytest.mark.skipif(
    not hasattr(Corpus, "correct_speaker"),
    reason="Corpus.correct_speaker and the other correction methods are not in this version yet",
)


class RecordingCorpus(Corpus):
    """A corpus whose correction methods only note how they were called."""

    calls: list[tuple[str, tuple[Any, ...]]]

    def correct_speaker(self, quote_id: str, actor: str) -> None:
        self.calls.append(("correct_speaker", (quote_id, actor)))

    def accept_quote(self, quote_id: str) -> None:
        self.calls.append(("accept_quote", (quote_id,)))

    def reject_quote(self, quote_id: str) -> None:
        self.calls.append(("reject_quote", (quote_id,)))

    def merge_actors(self, keep: str, others: Sequence[str]) -> None:
        self.calls.append(("merge_actors", (keep, list(others))))

    def split_actor(self, actor: str, *, quote_ids: Sequence[str], name: str) -> None:
        self.calls.append(("split_actor", (actor, list(quote_ids), name)))

    def rename_actor(self, actor: str, name: str) -> None:
        self.calls.append(("rename_actor", (actor, name)))

    def corrections(self, *, include_undone: bool = False) -> list[Any]:
        return []

    def undo(self, correction_id: int) -> None:
        self.calls.append(("undo", (correction_id,)))


@pytest.fixture
def recording(tmp_path: Path) -> Iterator[tuple[RecordingCorpus, TestClient]]:
    with RecordingCorpus(tmp_path / "recording.db") as corpus:
        corpus.calls = []
        fill(corpus)
        with TestClient(create_app(corpus), base_url=BASE) as client:
            client.get("/")
            yield corpus, client


def csrf_of(client: TestClient, page: str = "/review") -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', client.get(page).text)
    assert match, "the page has no CSRF field"
    return match.group(1)
