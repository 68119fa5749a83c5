"""Corrections, the alias file and repeated quotes, through the Corpus API over a store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from quotegraph.actors.across import EntityObservation, resolve_actors
from quotegraph.actors.aliases import parse_aliases
from quotegraph.actors.statements import QuoteSighting, group_statements
from quotegraph.corpus import Corpus
from quotegraph.errors import UsageError
from quotegraph.records import Analysis
from quotegraph.store import QuoteQuery, Store

Build = Callable[..., Analysis]

FARM = (
    "Ruth Penhallow said the grant cut would empty the levels. "
    "Owen Penhallow said the council had no choice. "
    "Penhallow added that the marsh would flood."
)
HARBOUR = "Maria Okonjo-Vale said the harbour plan would bring jobs to the town."
FOLLOW_UP = "Okonjo-Vale said the harbour plan would bring jobs to the town, again."
LATER = "Greta Lind said the ferry would run all winter."


def add(store: Store, build: Build, article_id: str, text: str, **kwargs: object) -> None:
    store.add_analysis(
        article_id,
        build(text, source=f"{article_id}.txt", **kwargs),
        format="text",
        encoding=None,
        run_id=None,
    )


@pytest.fixture
def corpus(database: str | Path, build: Build) -> Iterator[Corpus]:
    """A corpus of three hand-built articles, actors resolved."""
    opened = Corpus(database)
    add(
        opened.store,
        build,
        "farm",
        FARM,
        people=["Ruth Penhallow", "Owen Penhallow", "Penhallow"],
        published=datetime(2020, 5, 20),
        quotes=[
            ("the grant cut would empty the levels", "said", "Ruth Penhallow", "indirect"),
            ("the council had no choice", "said", "Owen Penhallow", "indirect"),
            ("the marsh would flood", "added", "Penhallow", "indirect"),
        ],
    )
    add(
        opened.store,
        build,
        "harbour",
        HARBOUR,
        people=["Maria Okonjo-Vale"],
        published=datetime(2019, 3, 12),
        quotes=[
            (
                "the harbour plan would bring jobs to the town",
                "said",
                "Maria Okonjo-Vale",
                "indirect",
            )
        ],
    )
    add(
        opened.store,
        build,
        "follow-up",
        FOLLOW_UP,
        people=["Okonjo-Vale"],
        published=datetime(2019, 3, 14),
        quotes=[
            (
                "the harbour plan would bring jobs to the town, again",
                "said",
                "Okonjo-Vale",
                "indirect",
            )
        ],
    )
    opened.rebuild_actors()
    yield opened
    opened.close()


def quote_id(corpus: Corpus, words: str) -> str:
    (row,) = [row for row in corpus.quotes() if row.content_text == words]
    return row.id


def speaker_of(corpus: Corpus, words: str) -> str | None:
    (row,) = [
        row for row in corpus.quotes(QuoteQuery(include_rejected=True)) if row.content_text == words
    ]
    return row.speaker_name


def grow(corpus: Corpus, build: Build) -> None:
    """A later run adds an article: the actor step reruns, as `quotegraph run` does."""
    add(
        corpus.store,
        build,
        "later",
        LATER,
        people=["Greta Lind"],
        quotes=[("the ferry would run all winter", "said", "Greta Lind", "indirect")],
    )
    corpus.rebuild_actors()


def test_ambiguous_surname_stays_apart_and_a_correction_sets_it(
    corpus: Corpus, build: Build
) -> None:
    """A bare surname shared by two people is nobody's until a person says whose it is."""
    assert speaker_of(corpus, "the marsh would flood") == "Penhallow"
    correction = corpus.correct_speaker(quote_id(corpus, "the marsh would flood"), "Owen Penhallow")
    assert correction.kind == "speaker" and not correction.undone
    assert speaker_of(corpus, "the marsh would flood") == "Owen Penhallow"
    grow(corpus, build)
    assert speaker_of(corpus, "the marsh would flood") == "Owen Penhallow"
    corpus.undo(correction.id)
    assert speaker_of(corpus, "the marsh would flood") == "Penhallow"
    assert corpus.corrections() == []
    assert [c.id for c in corpus.corrections(include_undone=True)] == [correction.id]


def test_rejected_quote_leaves_queries_but_stays_stored(corpus: Corpus, build: Build) -> None:
    """A rejected quote is found by no query, survives reruns and comes back on undo."""
    target = quote_id(corpus, "the council had no choice")
    searched = QuoteQuery(search="council choice")
    assert corpus.store.count_quotes(searched) == 1
    correction = corpus.reject_quote(target)
    assert target not in {row.id for row in corpus.quotes()}
    assert corpus.store.count_quotes(searched) == 0
    assert corpus.store.count_quotes(replace(searched, include_rejected=True)) == 1
    assert corpus.quotes(searched) == []
    assert target in {row.id for row in corpus.quotes(QuoteQuery(include_rejected=True))}
    assert corpus.actor("Owen Penhallow").quote_count == 0  # type: ignore[union-attr]
    grow(corpus, build)
    assert target not in {row.id for row in corpus.quotes()}
    corpus.undo(correction.id)
    assert target in {row.id for row in corpus.quotes()}


def test_merge_split_rename_survive_a_rerun(corpus: Corpus, build: Build) -> None:
    """Merges, splits and renames are replayed after every automatic step."""
    ruth = corpus.actor("Ruth Penhallow")
    assert ruth is not None
    corpus.merge_actors("Ruth Penhallow", ["Penhallow"])
    assert speaker_of(corpus, "the marsh would flood") == "Ruth Penhallow"
    corpus.split_actor(
        "Ruth Penhallow", quote_ids=[quote_id(corpus, "the marsh would flood")], name="R. P. junior"
    )
    assert speaker_of(corpus, "the marsh would flood") == "R. P. junior"
    corpus.rename_actor("Owen Penhallow", "Cllr Owen Penhallow")
    grow(corpus, build)
    assert speaker_of(corpus, "the marsh would flood") == "R. P. junior"
    assert speaker_of(corpus, "the council had no choice") == "Cllr Owen Penhallow"
    assert [c.kind for c in corpus.corrections()] == ["merge", "split", "rename"]


def test_review_queue_and_accept(corpus: Corpus) -> None:
    """Accepted and rejected quotes leave the review queue; the least sure come first."""
    queue = corpus.review_queue(max_confidence=1.0)
    assert len(queue) == 5
    confidences = [row.confidence for row in queue]
    assert confidences == sorted(confidences)
    corpus.accept_quote(queue[0].id)
    corpus.reject_quote(queue[1].id)
    assert {row.id for row in corpus.review_queue(max_confidence=1.0)} == {
        row.id for row in queue[2:]
    }


def test_unknown_quotes_and_actors_are_usage_errors(corpus: Corpus) -> None:
    """Unknown ids and names say how to find the right one."""
    with pytest.raises(UsageError, match="quotegraph quotes"):
        corpus.reject_quote("nope")
    with pytest.raises(UsageError, match="actors --search"):
        corpus.merge_actors("Nobody Here", ["Ruth Penhallow"])
    with pytest.raises(UsageError, match="correct list"):
        corpus.undo(99)
    assert corpus.actor("Nobody Here") is None


def test_new_name_creates_an_actor(corpus: Corpus) -> None:
    """Correcting a speaker to a name nobody has creates that actor."""
    corpus.correct_speaker(quote_id(corpus, "the marsh would flood"), "Elsie Penhallow")
    profile = corpus.actor("elsie penhallow")
    assert profile is not None and profile.quote_count == 1


def test_profile_and_speaker_query_match_any_alias(corpus: Corpus) -> None:
    """An actor is found by id or by any of its names; its roles carry their article's date."""
    profile = corpus.actor("okonjo-vale")
    assert profile is not None and profile.name == "Maria Okonjo-Vale"
    assert corpus.actor(profile.id) == profile
    assert profile.aliases == ("Maria Okonjo-Vale", "Okonjo-Vale")
    assert profile.quote_count == 2
    assert profile.first_seen == datetime(2019, 3, 12)
    by_alias = corpus.quotes(QuoteQuery(speaker="Okonjo-Vale"))
    assert {row.speaker_id for row in by_alias} == {profile.id}
    assert {row.name for row in corpus.actors(search="penhallow")} == {
        "Ruth Penhallow",
        "Owen Penhallow",
        "Penhallow",
    }


def test_near_duplicate_quotes_are_one_statement(corpus: Corpus) -> None:
    """A follow-up repeating a quote makes one statement, earliest occurrence first."""
    first = quote_id(corpus, "the harbour plan would bring jobs to the town")
    occurrences = corpus.statement(first)
    assert [row.article_id for row in occurrences] == ["harbour", "follow-up"]
    assert {row.statement_id for row in occurrences} == {first}


ALIASES_TOML = """
[[actor]]
name = "Ruth Penhallow"
aliases = ["Penhallow"]
type = "person"
id = "Q000001"

[[actor]]
name = "Owen Penhallow"
not = ["Owen"]
"""


def test_alias_file_forces_merges_and_is_kept(corpus: Corpus, tmp_path: Path, build: Build) -> None:
    """An alias file merges what the rules keep apart, and later runs reuse it from the store."""
    path = tmp_path / "aliases.toml"
    path.write_text(ALIASES_TOML, encoding="utf-8")
    corpus.set_aliases(path)
    assert speaker_of(corpus, "the marsh would flood") == "Ruth Penhallow"
    assert corpus.actor("Ruth Penhallow").external_id == "Q000001"  # type: ignore[union-attr]
    grow(corpus, build)
    assert speaker_of(corpus, "the marsh would flood") == "Ruth Penhallow"
    corpus.set_aliases(None)
    assert speaker_of(corpus, "the marsh would flood") == "Penhallow"


def test_alias_csv_and_keeping_apart() -> None:
    """A CSV alias file reads like the TOML one; a name under `not` never joins the actor."""
    book = parse_aliases(
        "name,aliases,type,id,not\nTom Ferrier,Skipper Ferrier,person,,Tom\n", "csv"
    )
    (entry,) = book.entries
    assert entry.aliases == ("Skipper Ferrier",) and entry.not_aliases == ("Tom",)
    observations = [
        EntityObservation(article_id="a", entity_id=0, name="Tom Ferrier", type="person"),
        EntityObservation(article_id="a", entity_id=1, name="Tom", type="person"),
    ]
    full, alone = resolve_actors(observations, book)
    assert full.actor_id != alone.actor_id
    assert "alias file" in alone.reason


def test_statements_group_exact_and_near_copies_per_actor() -> None:
    """Same words by the same actor are one statement; by another actor they are not."""
    said = "we will not let the harbour be sold to the highest bidder"
    sightings = [
        QuoteSighting(quote_id="a", actor_id="x", text=said, order=("2020", "1", 0)),
        QuoteSighting(quote_id="b", actor_id="x", text=said.upper() + "!", order=("2021", "2", 0)),
        QuoteSighting(
            quote_id="c", actor_id="x", text=said + " or anyone else", order=("2019", "3", 0)
        ),
        QuoteSighting(quote_id="d", actor_id="y", text=said, order=("2018", "4", 0)),
        QuoteSighting(quote_id="e", actor_id="x", text="no comment", order=("2017", "5", 0)),
    ]
    assert group_statements(sightings) == {"a": "c", "b": "c", "c": "c", "d": "d", "e": "e"}
