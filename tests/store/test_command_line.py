"""The command line on a PostgreSQL store: the demo corpus in, searches, actors, exports and
corrections out, and the same answers as a SQLite store gives for the same analyses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from tests.store.postgres import PostgresServer

from quotegraph.cli import main
from quotegraph.store import QuoteQuery, open_store

DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def as_json(*args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def demo_url(postgres_server: PostgresServer) -> str:
    """A PostgreSQL database holding the demo corpus, put there by `quotegraph run`."""
    url = postgres_server.url(postgres_server.create_database())
    summary = as_json("run", str(DEMO), "--db", url)
    assert summary["added"] > 10 and summary["quotes"] > 100
    assert summary["failures"] == []
    return url


def test_run_search_and_a_rerun_that_adds_nothing(demo_url: str) -> None:
    """`run` fills the database, `quotes --search` finds by word, a second `run` adds nothing."""
    everything = as_json("quotes", "--db", demo_url, "--limit", "0")
    found = as_json("quotes", "--db", demo_url, "--search", "harbour", "--limit", "0")
    assert 0 < len(found) < len(everything)
    assert all(
        "harbour" in (row["content_text"] + " " + (row["speaker_name"] or "")).lower()
        for row in found
    )
    again = as_json("run", str(DEMO), "--db", demo_url)
    assert (again["added"], again["duplicates"]) == (0, again["documents"])
    assert as_json("quotes", "--db", demo_url, "--limit", "0") == everything


def test_actors_export_and_failures_read_the_database(demo_url: str) -> None:
    """`actors`, `actor`, `export` and `failures` work on a PostgreSQL URL as on a file."""
    actors = as_json("actors", "--db", demo_url)
    assert actors and actors[0]["quote_count"] >= actors[-1]["quote_count"]
    profile = as_json("actor", actors[0]["id"], "--db", demo_url)
    assert profile["name"] == actors[0]["name"]
    exported = invoke("export", "--db", demo_url, "--format", "jsonl")
    assert exported.exit_code == 0, exported.output
    articles = [json.loads(line) for line in exported.stdout.splitlines()]
    assert sum(len(article["quotes"]) for article in articles) == len(
        as_json("quotes", "--db", demo_url, "--limit", "0")
    )
    assert as_json("failures", "--db", demo_url) == []


SAME_ANSWERS = [
    QuoteQuery(),
    QuoteQuery(search="harbour"),
    QuoteQuery(search='"harbour wall"'),
    QuoteQuery(search="harb* council"),
    QuoteQuery(search="okonjo-vale"),
    QuoteQuery(search="NOT OR AND"),
    QuoteQuery(search="_ harbour"),
    QuoteQuery(search="'); DROP TABLE quotes; --"),
    QuoteQuery(speaker="Okonjo-Vale"),
    QuoteQuery(speaker="penhallow"),
    QuoteQuery(outlet="gazette", kind="direct"),
    QuoteQuery(order="confidence", limit=25, offset=10),
]


def test_sqlite_and_postgresql_answer_alike(demo_url: str) -> None:
    """The demo corpus copied into SQLite gives the same quotes, actors and months as PostgreSQL."""
    with open_store(demo_url) as postgres, open_store(":memory:") as sqlite:
        stored = {row.id: row for row in postgres.articles()}
        for article_id, analysis in postgres.iter_analyses():
            row = stored[article_id]
            sqlite.add_analysis(
                article_id, analysis, format=row.format, encoding=row.encoding, run_id=None
            )
        sqlite.rebuild_actors()
        assert sqlite.speakers() == postgres.speakers()
        for query in SAME_ANSWERS:
            assert sqlite.find_quotes(query) == postgres.find_quotes(query), query
            assert sqlite.count_quotes(query) == postgres.count_quotes(query), query
            assert sqlite.quote_months(query) == postgres.quote_months(query), query


def test_corrections_are_recorded_and_undone(demo_url: str) -> None:
    """`correct reject` hides a quote, `correct list` shows it, `correct undo` brings it back."""
    before = as_json("quotes", "--db", demo_url, "--limit", "0")
    rejected = before[0]["id"]
    assert invoke("correct", "reject", rejected, "--db", demo_url).exit_code == 0
    after = as_json("quotes", "--db", demo_url, "--limit", "0")
    assert [row["id"] for row in after] == [row["id"] for row in before[1:]]
    (correction,) = as_json("correct", "list", "--db", demo_url)
    assert (correction["kind"], correction["target"]) == ("reject", rejected)
    assert invoke("correct", "undo", str(correction["id"]), "--db", demo_url).exit_code == 0
    assert as_json("quotes", "--db", demo_url, "--limit", "0") == before
