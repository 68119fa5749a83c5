"""The command line as a user meets it: runs, bad input, exit codes, queries, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quotegraph.analysis import load_tagger
from quotegraph.cli import main

GOOD_ARTICLE = """\
Ferry fares to rise on the Wendle crossing

Ferry fares across the Wendle estuary will rise by a fifth in April, the operator said on Tuesday.

"We held prices for three winters, and we cannot hold them for a fourth," said Ilsa Maren, the operator's finance director.

Passengers were unhappy. Corin Abbot, a 52-year-old fisherman from Tallow Point, said the rise would "empty the morning boat".
"""

SECOND_ARTICLE = """\
Library hours cut in Brackwater

Brackwater's central library will close on Mondays from next month.

"It is the least bad choice we had," the council leader, Hana Quist, told reporters.

She added that the reading room would stay open for exam students.
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ferry.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    nested = folder / "more"
    nested.mkdir()
    (nested / "library.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    return folder


def stored_quotes(db: Path) -> list[dict[str, object]]:
    result = invoke("quotes", "--db", str(db), "--json", "--limit", "0")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_run_stores_quotes_and_exits_zero(articles: Path, tmp_path: Path) -> None:
    """A clean run over a folder finds quotes in nested files and exits 0."""
    db = tmp_path / "q.db"
    result = invoke("run", str(articles), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["added"] == 2
    assert summary["failures"] == []
    assert summary["pipeline"].endswith(f"+rules+tagger-{load_tagger().version}")
    speakers = {q["speaker_name"] for q in stored_quotes(db)}
    assert {"Ilsa Maren", "Hana Quist"} <= speakers


def test_rerun_adds_nothing(articles: Path, tmp_path: Path) -> None:
    """Running twice over the same input neither adds nor duplicates anything."""
    db = tmp_path / "q.db"
    invoke("run", str(articles), "--db", str(db))
    before = stored_quotes(db)
    result = invoke("run", str(articles), "--db", str(db), "--json")
    assert json.loads(result.stdout)["added"] == 0
    assert json.loads(result.stdout)["duplicates"] == 2
    assert stored_quotes(db) == before


BAD_INPUTS = [
    ("binary.txt", b"\x00\x01\x02\x03PK\x00\x00" * 200, "binary"),
    ("empty.txt", b"", "empty"),
    ("huge.txt", b"The tide came in. " * 40_000, "limit"),
    (
        "scripts.html",
        b"<html><head><script>var a=1;</script></head><body><script>track()</script>"
        b"<nav>Home | News</nav></body></html>",
        "no article",
    ),
]


def test_bad_inputs_fail_one_by_one_and_keep_the_store(articles: Path, tmp_path: Path) -> None:
    """Each bad file gets a one-line reason naming it; the run completes and exits 1."""
    db = tmp_path / "q.db"
    invoke("run", str(articles), "--db", str(db))
    before = stored_quotes(db)
    bad = tmp_path / "bad"
    bad.mkdir()
    for name, data, _ in BAD_INPUTS:
        (bad / name).write_bytes(data)
    (bad / "feed.jsonl").write_text(
        json.dumps({"text": SECOND_ARTICLE.replace("Mondays", "Tuesdays"), "title": "Library"})
        + "\n{not json\n",
        encoding="utf-8",
    )
    (bad / "cp1252.txt").write_bytes(
        GOOD_ARTICLE.replace("fifth", "fifth\u2014again").encode("cp1252")
    )
    result = invoke("run", str(bad), str(articles), "--db", str(db), "--max-bytes", "500000")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    for name, _, reason in BAD_INPUTS:
        assert any(name in line and reason in line.lower() for line in lines), (name, lines)
    assert any("feed.jsonl:2" in line for line in lines)
    assert any("cp1252.txt" in line and "encoding" in line for line in lines)
    after = stored_quotes(db)
    assert {q["id"] for q in before} <= {q["id"] for q in after}
    assert len({q["id"] for q in after}) == len(after)
    sources = {q["source"] for q in after}
    assert any(s.endswith("feed.jsonl:1") for s in sources)


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    """A path that does not exist exits 2 and names it."""
    missing = tmp_path / "nowhere"
    result = invoke("run", str(missing), "--db", str(tmp_path / "q.db"))
    assert result.exit_code == 2
    assert str(missing) in result.stderr


def test_quote_filters_and_formats(articles: Path, tmp_path: Path) -> None:
    """--speaker, --search, --kind and --cue-type narrow the list; --csv writes a header
    and rows."""
    db = tmp_path / "q.db"
    invoke("run", str(articles), "--db", str(db))
    by_speaker = json.loads(
        invoke("quotes", "--db", str(db), "--speaker", "Quist", "--json").stdout
    )
    assert by_speaker and all(q["speaker_name"] == "Hana Quist" for q in by_speaker)
    found = json.loads(invoke("quotes", "--db", str(db), "--search", "fourth", "--json").stdout)
    assert [q["speaker_name"] for q in found] == ["Ilsa Maren"]
    nothing = json.loads(invoke("quotes", "--db", str(db), "--search", "zeppelin", "--json").stdout)
    assert nothing == []
    direct = json.loads(invoke("quotes", "--db", str(db), "--kind", "direct", "--json").stdout)
    assert direct and all(q["kind"] == "direct" for q in direct)
    said = json.loads(invoke("quotes", "--db", str(db), "--cue-type", "speech", "--json").stdout)
    assert said and all(q["cue_type"] == "speech" for q in said)
    planned = invoke("quotes", "--db", str(db), "--cue-type", "intention", "--json").stdout
    assert json.loads(planned) == []
    as_csv = invoke("quotes", "--db", str(db), "--csv").stdout.splitlines()
    assert as_csv[0].startswith("id,") and len(as_csv) > 2


def test_export_jsonl_offsets_slice_the_source_text(articles: Path, tmp_path: Path) -> None:
    """Every exported offset indexes the article text as read from its file."""
    db = tmp_path / "q.db"
    invoke("run", str(articles), "--db", str(db))
    lines = invoke("export", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        article = json.loads(line)
        text = Path(article["source"]).read_text(encoding="utf-8")
        assert article["text"] == text
        for quote in article["quotes"]:
            for start, end in quote["content"]:
                assert text[start:end].strip()
            if quote["source"]:
                start, end = quote["source"]
                assert text[start:end].strip()


def test_actors_lists_speakers(articles: Path, tmp_path: Path) -> None:
    """`actors` lists each speaker with a quote count."""
    db = tmp_path / "q.db"
    invoke("run", str(articles), "--db", str(db))
    rows = json.loads(invoke("actors", "--db", str(db), "--json").stdout)
    counts = {row["name"]: row["quote_count"] for row in rows}
    assert counts.get("Hana Quist", 0) >= 1
    assert counts.get("Ilsa Maren", 0) >= 1


def test_help_teaches_every_command() -> None:
    """Every command has help text with a description."""
    for command in ("run", "quotes", "actors", "export", "eval", "failures"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert len(result.stdout.splitlines()) > 5


def test_run_with_an_alias_file_names_the_actor(articles: Path, tmp_path: Path) -> None:
    """An alias file given to `run` decides the actor's canonical name and its aliases."""
    aliases = tmp_path / "aliases.toml"
    aliases.write_text(
        '[[actor]]\nname = "Hana M. Quist"\naliases = ["Hana Quist", "Quist"]\ntype = "person"\n',
        encoding="utf-8",
    )
    db = tmp_path / "q.db"
    result = invoke("run", str(articles), "--db", str(db), "--aliases", str(aliases), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(invoke("actors", "--db", str(db), "--json").stdout)
    names = {row["name"] for row in rows}
    assert "Hana M. Quist" in names
    assert "Hana Quist" not in names
