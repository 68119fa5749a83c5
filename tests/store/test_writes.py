"""Writing to the store: idempotent articles, whole transactions, runs and failures."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from quotegraph.errors import StoreError
from quotegraph.records import Analysis, Entity
from quotegraph.store import Store, open_store


def test_adding_an_article_twice_writes_it_once(store: Store, samples: dict[str, Analysis]) -> None:
    """The second add of the same article id returns False and changes nothing."""
    first = store.add_analysis("a1", samples["bridge"], format="text", encoding=None, run_id=None)
    again = store.add_analysis("a1", samples["taxes"], format="html", encoding=None, run_id=None)
    assert (first, again) == (True, False)
    assert store.stats().articles == 1
    assert store.stats().quotes == len(samples["bridge"].quotes)
    assert store.load_analysis("a1") == samples["bridge"]


def test_has_article_knows_stored_ids(store: Store, samples: dict[str, Analysis]) -> None:
    """has_article is true exactly for stored article ids."""
    store.add_analysis("a1", samples["wire"], format="jsonl", encoding="utf-8", run_id=None)
    assert store.has_article("a1")
    assert not store.has_article("a2")


def test_a_failed_article_leaves_nothing_behind(store: Store, samples: dict[str, Analysis]) -> None:
    """An article whose rows cannot all be written is not stored at all."""
    broken = replace(
        samples["bridge"],
        entities=(*samples["bridge"].entities, Entity(id=0, name="Twin", type="person")),
    )
    with pytest.raises(StoreError, match="cannot store article"):
        store.add_analysis("a1", broken, format="text", encoding=None, run_id=None)
    assert not store.has_article("a1")
    assert store.stats().quotes == 0
    assert store.add_analysis("a1", samples["bridge"], format="text", encoding=None, run_id=None)


def test_articles_list_what_was_stored(store: Store, samples: dict[str, Analysis]) -> None:
    """articles() gives each article's metadata, format, run and quote count, by source."""
    run_id = store.start_run(command="run", options={"workers": 1}, pipeline="p")
    store.add_analysis("b", samples["bridge"], format="text", encoding="cp1252", run_id=run_id)
    store.add_analysis("t", samples["taxes"], format="html", encoding=None, run_id=None)
    rows = store.articles()
    assert [row.id for row in rows] == ["t", "b"]
    taxes, bridge = rows
    assert (bridge.format, bridge.encoding, bridge.run_id) == ("text", "cp1252", run_id)
    assert (taxes.quote_count, bridge.quote_count) == (2, 3)
    assert taxes.published == samples["taxes"].meta.published
    assert bridge.outlet == "Harbour Gazette"
    assert bridge.pipeline == "test-pipeline"


def test_runs_record_options_and_summary(store: Store) -> None:
    """A run keeps its command, options, pipeline, times and summary."""
    run_id = store.start_run(command="run", options={"paths": ["news/"]}, pipeline="en_core_web_sm")
    store.finish_run(run_id, summary={"added": 3, "seconds": 1.5})
    (run,) = store.runs()
    assert (run.id, run.command, run.pipeline) == (run_id, "run", "en_core_web_sm")
    assert run.options == {"paths": ["news/"]}
    assert run.summary == {"added": 3, "seconds": 1.5}
    assert run.finished is not None and run.finished >= run.started


def test_failures_are_kept_per_run(store: Store) -> None:
    """Failures belong to their run; without a run id the latest run's are listed."""
    assert store.failures() == []
    first = store.start_run(command="run", options={}, pipeline="p")
    store.record_failure(first, source="a.txt", kind="encoding", reason="binary data")
    store.record_failure(first, source="b.html", kind="empty", reason="no text")
    second = store.start_run(command="run", options={}, pipeline="p")
    store.record_failure(second, source="c.jsonl:4", kind="malformed", reason="bad JSON")
    assert [row.source for row in store.failures(first)] == ["a.txt", "b.html"]
    assert [(row.run_id, row.kind, row.reason) for row in store.failures()] == [
        (second, "malformed", "bad JSON")
    ]
    assert [run.failure_count for run in store.runs()] == [2, 1]
    assert store.stats().failures == 1


def test_failures_survive_reopening(database: str | Path) -> None:
    """Failures recorded in a stored database are still there when it is opened again."""
    with open_store(database) as store:
        run_id = store.start_run(command="run", options={}, pipeline="p")
        store.record_failure(run_id, source="a.txt", kind="unreadable", reason="permission denied")
    with open_store(database) as store:
        assert [row.reason for row in store.failures(run_id)] == ["permission denied"]


def test_two_writers_adding_one_article_store_it_once(
    postgres_url: str, samples: dict[str, Analysis]
) -> None:
    """Two runs on one PostgreSQL database adding the same article at once store it once."""
    with open_store(postgres_url) as first, open_store(postgres_url) as second:

        def add(store: Store) -> bool:
            return store.add_analysis(
                "a", samples["bridge"], format="text", encoding=None, run_id=None
            )

        with ThreadPoolExecutor(2) as pool:
            added = list(pool.map(add, [first, second]))
        assert sorted(added) == [False, True]
        assert second.stats().quotes == len(samples["bridge"].quotes)


def test_nul_characters_keep_every_offset(
    store: Store, backend: str, build: Callable[..., Analysis]
) -> None:
    """A NUL in an article is kept on SQLite and stored as U+FFFD on PostgreSQL, whose text
    cannot hold it; either way the quote's text is still at its offsets."""
    analysis = build(
        'Garbled\x00 line. "The pier\x00 opens," said Ann Lee.',
        source="feed.jsonl:7",
        people=["Ann Lee"],
        quotes=[("The pier\x00 opens", "said", "Ann Lee", "direct")],
    )
    assert store.add_analysis("a", analysis, format="jsonl", encoding=None, run_id=None)
    stand_in = "\x00" if backend == "sqlite" else "\ufffd"
    loaded = store.load_analysis("a")
    assert loaded.text == analysis.text.replace("\x00", stand_in)
    (row,) = store.article_quotes("a")
    assert row.content_text == loaded.span_text(row.content) == f"The pier{stand_in} opens"
