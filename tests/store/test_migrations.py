"""Opening databases: new ones, old schema versions, and files that are not ours.

``database`` is a new SQLite file or a new PostgreSQL database (see conftest).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Select, insert, select, text

from quotegraph.errors import StoreError
from quotegraph.records import Analysis
from quotegraph.store import QuoteQuery, fts5, open_store, query, tsvector
from quotegraph.store.connect import create_store_engine
from quotegraph.store.convert import rows_of
from quotegraph.store.migrations import MIGRATIONS, migrate
from quotegraph.store.schema import schema_migrations


def write_old_database(database: str | Path, article: Analysis, *, steps: int = 1) -> None:
    """A database as its first ``steps`` schema steps left it, holding one article."""
    engine = create_store_engine(database)
    with engine.connect() as connection:
        migrate(connection, MIGRATIONS[:steps])
        with connection.begin():
            tables = rows_of(
                "old",
                article,
                format="text",
                encoding=None,
                run_id=None,
                added_at=datetime.now(UTC),
            )
            for table, rows in tables:
                if rows:
                    connection.execute(insert(table), rows)
            if steps >= 3 and connection.dialect.name == "sqlite":
                fts5.reindex_quotes(connection)
            elif steps >= 3:
                tsvector.index_article(connection, "old")
    engine.dispose()


def applied_steps(database: str | Path) -> list[str]:
    engine = create_store_engine(database)
    with engine.connect() as connection:
        names = list(connection.scalars(select(schema_migrations.c.name).order_by("name")))
    engine.dispose()
    return names


def test_a_new_database_gets_every_step(database: str | Path) -> None:
    """A new database records every schema step it was built with."""
    open_store(database).close()
    assert applied_steps(database) == [step.name for step in MIGRATIONS]


def test_an_old_database_is_migrated_forward(
    database: str | Path, samples: dict[str, Analysis]
) -> None:
    """A first-version database opens, gains the later steps and keeps its articles searchable."""
    write_old_database(database, samples["bridge"])
    assert applied_steps(database) == ["0001_documents"]
    with open_store(database) as store:
        assert store.load_analysis("old") == samples["bridge"]
        assert store.count_quotes(QuoteQuery(search="bridge")) == 1
        assert store.rebuild_actors() == 2
    assert applied_steps(database) == [step.name for step in MIGRATIONS]


def test_quotes_stored_before_the_newest_first_step_are_keyed_and_found(
    database: str | Path, samples: dict[str, Analysis]
) -> None:
    """A database from before quotes had their order key gets keys; its searches still work."""
    write_old_database(database, samples["taxes"], steps=5)
    with open_store(database) as store:
        store.add_analysis("new", samples["bridge"], format="text", encoding=None, run_id=None)
        everything = [row.content_text for row in store.find_quotes(QuoteQuery())]
        assert len(everything) == 5
        found = [row.content_text for row in store.find_quotes(QuoteQuery(search="the"))]
        assert len(found) >= 2
        assert found == [text for text in everything if "the" in text.lower().split()]
        assert store.count_quotes(QuoteQuery(search="taxes")) == 1
    assert applied_steps(database) == [step.name for step in MIGRATIONS]


def test_opening_twice_applies_nothing_new(
    database: str | Path, samples: dict[str, Analysis]
) -> None:
    """Reopening a current database keeps its data and its step records as they were."""
    with open_store(database) as store:
        store.add_analysis("a", samples["taxes"], format="html", encoding=None, run_id=None)
    with open_store(database) as store:
        assert store.stats().articles == 1
    assert applied_steps(database) == [step.name for step in MIGRATIONS]


def test_two_stores_opening_a_new_postgres_database_at_once_apply_each_step_once(
    postgres_url: str,
) -> None:
    """Two runs opening one new PostgreSQL database together both get a whole schema, built once."""
    with ThreadPoolExecutor(2) as pool:
        stores = list(pool.map(open_store, [postgres_url, postgres_url]))
    for store in stores:
        store.close()
    assert applied_steps(postgres_url) == [step.name for step in MIGRATIONS]


def test_a_database_from_a_newer_version_is_refused(database: str | Path) -> None:
    """A database with steps this version does not know is not touched."""
    open_store(database).close()
    engine = create_store_engine(database)
    with engine.begin() as connection:
        connection.execute(
            insert(schema_migrations), {"name": "9999_future", "applied_at": datetime.now(UTC)}
        )
    engine.dispose()
    with pytest.raises(StoreError, match="upgrade quotegraph"):
        open_store(database)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    """Opening a text file as a store says so instead of crashing."""
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open as a quotegraph database"):
        open_store(path)


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    """A path in a folder that does not exist is a clear error."""
    with pytest.raises(StoreError, match="no such folder"):
        open_store(tmp_path / "missing" / "news.db")


def test_file_stores_use_write_ahead_logging(tmp_path: Path) -> None:
    """File databases are in WAL mode, so readers do not block the writer."""
    path = tmp_path / "news.db"
    open_store(path).close()
    engine = create_store_engine(path)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_readers_see_committed_work_while_the_writer_is_open(
    database: str | Path, samples: dict[str, Analysis]
) -> None:
    """A second store opened for reading sees what the first has committed."""
    with open_store(database) as writer, open_store(database) as reader:
        writer.add_analysis("a", samples["wire"], format="jsonl", encoding=None, run_id=None)
        assert reader.has_article("a")


def page_plan(db: Connection, statement: Select[Any]) -> list[str]:
    """SQLite's plan for choosing the page of ``statement``, before the page is joined."""
    compiled = statement.compile(db, compile_kwargs={"literal_binds": True})
    plan = [str(row[-1]) for row in db.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    return plan[: plan.index("SCAN page")]


def test_pages_of_quotes_are_read_from_an_index(tmp_path: Path) -> None:
    """Newest-first pages, whole or by speaker, walk an index of that order, never every quote."""
    with open_store(tmp_path / "plans.db") as store, store._reading() as db:
        newest = query.select_quotes(QuoteQuery(limit=20), "sqlite")
        by_actor = query.select_quotes(QuoteQuery(speaker="x", limit=20), "sqlite", ("x",))
        for statement, index in (
            (newest, "quotes_newest_first"),
            (by_actor, "quotes_newest_first_by_actor"),
        ):
            page = page_plan(db, statement)
            assert any(f"INDEX {index} " in step for step in page), page
            assert not any("TEMP B-TREE" in step for step in page), page


def test_a_page_of_a_search_is_read_from_the_index_in_its_order(tmp_path: Path) -> None:
    """A search's newest-first page takes the index's first hits, sorting nothing."""
    with open_store(tmp_path / "plans.db") as store, store._reading() as db:
        search = QuoteQuery(search="harbour", limit=20, offset=40)
        statement = query.select_quotes(search, "sqlite", from_hits=query.reads_hits(db, search))
        page = page_plan(db, statement)
        assert page[1].startswith("SCAN quotes_fts VIRTUAL TABLE"), page
        assert "USING INDEX quotes_by_sort_key" in page[2], page
        assert not any("TEMP B-TREE" in step for step in page), page


def test_the_fast_reads_step_dates_the_quotes_of_an_old_database(
    database: str | Path, samples: dict[str, Analysis]
) -> None:
    """Quotes stored before the step get their article's date, so they keep their place."""
    write_old_database(database, samples["bridge"])
    engine = create_store_engine(database)
    with engine.connect() as connection, connection.begin():
        connection.execute(text("UPDATE quotes SET published = NULL"))
    engine.dispose()
    with open_store(database) as store:
        store.rebuild_actors()
        assert {row.published for row in store.find_quotes(QuoteQuery())} == {
            samples["bridge"].meta.published
        }
        assert store.quote_months(QuoteQuery()) == [("2024-03", 3)]
        assert store.count_quotes(QuoteQuery(speaker="Okafor")) == 2


def test_the_cue_type_step_reads_old_quotes_cue_types_off_their_lemmas(
    database: str | Path, samples: dict[str, Analysis]
) -> None:
    """Quotes stored before cue types get the type of their cue's lemma, where it has one."""
    article = samples["bridge"]
    lemmas = ("say", "believe", "frobnicate")
    old = replace(
        article,
        quotes=tuple(
            replace(quote, cue_lemma=lemma, cue_type=None)
            for quote, lemma in zip(article.quotes, lemmas, strict=True)
        ),
    )
    write_old_database(database, old, steps=6)
    with open_store(database) as store:
        found = {row.content_text: row.cue_type for row in store.find_quotes(QuoteQuery())}
        assert found == {
            "We will rebuild the Eastgate bridge by spring": "speech",
            "the budget was secure": "belief",
            "the plan reckless": None,
        }
        assert store.count_quotes(QuoteQuery(cue_type="belief")) == 1
    assert applied_steps(database) == [step.name for step in MIGRATIONS]


def test_pages_of_quotes_are_read_from_an_index_on_postgres(postgres_url: str) -> None:
    """On PostgreSQL too, newest-first pages walk the index of that order, NULLs last included."""
    with open_store(postgres_url) as store, store._reading() as db:
        # An empty table is cheaper to scan; forbid that, so the plan shows what the index can do.
        db.exec_driver_sql("SET LOCAL enable_seqscan = off")
        db.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        newest = query.select_quotes(QuoteQuery(limit=20), "postgresql")
        by_actor = query.select_quotes(QuoteQuery(speaker="x", limit=20), "postgresql", ("x",))
        for statement, index in (
            (newest, "quotes_newest_first"),
            (by_actor, "quotes_newest_first_by_actor"),
        ):
            compiled = statement.compile(db, compile_kwargs={"literal_binds": True})
            plan = [row[0] for row in db.exec_driver_sql(f"EXPLAIN {compiled}")]
            limit = next(n for n, step in enumerate(plan) if "Limit" in step)
            assert "Index Scan" in plan[limit + 1], plan
            assert f"using {index} " in plan[limit + 1], plan


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    """A PostgreSQL URL that cannot be reached says what to check, and never shows a password."""
    url = "postgresql://reader:hunter2@/news?host=/nonexistent-socket-folder"
    with pytest.raises(StoreError, match="check that the server is running") as raised:
        open_store(url)
    assert "hunter2" not in str(raised.value)
    assert "reader:***@" in str(raised.value)
