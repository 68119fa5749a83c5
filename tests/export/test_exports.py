"""The export formats parse, and every exported offset slices the text to its quote."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import pytest

from quotegraph.export import export_attribution_jsonl, export_csv, export_jsonl
from quotegraph.export.attribution import document_name
from quotegraph.export.csv import COLUMNS
from quotegraph.records import Analysis
from quotegraph.store import Store

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export-format.md"


def exported(export: Callable[[Store, TextIO], int], store: Store) -> str:
    out = io.StringIO()
    export(store, out)
    return out.getvalue()


def jsonl_lines(store: Store) -> list[dict[str, Any]]:
    return [json.loads(line) for line in exported(export_jsonl, store).splitlines()]


def test_jsonl_has_one_article_per_line(store: Store, articles: dict[str, Analysis]) -> None:
    """Every stored article is one JSON line, with its metadata and text as stored."""
    lines = {line["id"]: line for line in jsonl_lines(store)}
    assert set(lines) == set(articles)
    harbour = lines["harbour"]
    assert harbour["source"] == "corpus/2024/harbour-ready.txt"
    assert harbour["title"] == "Harbour ready by May"
    assert harbour["outlet"] == "Norrvik Courier"
    assert harbour["published"] == "2024-05-02T08:15:00+01:00"
    assert harbour["updated"] is None
    assert harbour["authors"] == ["Lena Brandt", "Ole Sand"]
    assert harbour["text"] == articles["harbour"].text
    assert lines["web"]["quotes"] == []


def test_jsonl_offsets_slice_the_text(store: Store, articles: dict[str, Analysis]) -> None:
    """Content fragments, cue, source and removed spans are string indexes into ``text``."""
    harbour = {line["id"]: line for line in jsonl_lines(store)}["harbour"]
    text = harbour["text"]
    assert isinstance(text, str)
    first, reported, critics = harbour["quotes"]
    assert [text[s:e] for s, e in first["content"]] == ["The harbour,", "will be ready in May."]
    assert text[slice(*first["cue"])] == "said"
    assert text[slice(*first["source"])] == "Dr Ines Varga"
    assert text[slice(*reported["cue"])] == "said"
    assert [text[item["start"] : item["end"]] for item in harbour["removed"]] == [
        "Photo: L. Brandt\n",
        " Share this article",
    ]
    assert [item["kind"] for item in harbour["removed"]] == ["credit", "controls"]
    assert critics["speaker"] is None


def test_jsonl_quotes_name_their_speaker(store: Store) -> None:
    """A quote's speaker has the corpus actor id, name, type and the role the article gives."""
    harbour = {line["id"]: line for line in jsonl_lines(store)}["harbour"]
    first = harbour["quotes"][0]
    speaker = first["speaker"]
    assert speaker["name"] == "Ines Varga"
    assert speaker["type"] == "person"
    assert speaker["role"] == "the port engineer"
    assert re.fullmatch(r"[0-9a-f]{16}", speaker["id"])
    assert (first["kind"], first["confidence"]) == ("direct", 0.9)
    assert re.fullmatch(r"[0-9a-f]{20}", first["id"])


def test_jsonl_fields_are_documented(store: Store) -> None:
    """Every field the JSONL export writes is described in docs/export-format.md."""
    section = DOCS.read_text(encoding="utf-8").split("## `jsonl`")[1].split("\n## ")[0]
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", section, re.M))
    written: set[str] = set()
    for line in jsonl_lines(store):
        written |= set(line)
        for quote in line["quotes"]:
            written |= {f"quotes.{key}" for key in quote}
            if quote["speaker"]:
                written |= {f"quotes.speaker.{key}" for key in quote["speaker"]}
        for item in line["removed"]:
            written |= {f"removed.{key}" for key in item}
    assert written <= documented
    assert documented <= written


def test_csv_has_one_row_per_quote(store: Store, articles: dict[str, Analysis]) -> None:
    """The CSV has the documented header and one row per quote, start and end slicing the text."""
    rows = list(csv.DictReader(io.StringIO(exported(export_csv, store))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 4
    for row in rows:
        text = articles[row["article_id"]].text
        start, end = int(row["start"]), int(row["end"])
        assert text[start:end].startswith(row["content"].split(" … ")[0])
        assert text[start:end].endswith(row["content"].split(" … ")[-1])
    varga = rows[0]
    assert (varga["speaker"], varga["speaker_type"], varga["role"]) == (
        "Ines Varga",
        "person",
        "the port engineer",
    )
    assert varga["content"] == "The harbour, … will be ready in May."
    assert (varga["cue"], varga["cue_type"], varga["published"], varga["kind"]) == (
        "said",
        "speech",
        "2024-05-02T08:15:00+01:00",
        "direct",
    )


def test_attribution_lines_follow_the_scorer_format(
    store: Store, articles: dict[str, Analysis]
) -> None:
    """One line per article, named by file stem, with spans that slice the text."""
    lines = [json.loads(line) for line in exported(export_attribution_jsonl, store).splitlines()]
    by_doc = {line["doc"]: line["quotes"] for line in lines}
    assert set(by_doc) == {"harbour-ready", "wire-2024:17", "ferry-timetable"}
    text = articles["harbour"].text
    first = by_doc["harbour-ready"][0]
    assert set(first) == {"content", "cue", "source", "kind"}
    assert [text[s:e] for s, e in first["content"]] == ["The harbour,", "will be ready in May."]
    assert text[slice(*first["source"])] == "Dr Ines Varga"
    assert by_doc["harbour-ready"][2]["source"] == [
        text.index("Critics"),
        text.index("Critics") + len("Critics"),
    ]
    assert by_doc["ferry-timetable"] == []


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("polnear/dev/text/nyt_2016-09-08_obama-on-trade.txt", "nyt_2016-09-08_obama-on-trade"),
        ("story.v2.txt", "story.v2"),
        ("dumps/crawl.jsonl:12", "crawl:12"),
        (r"C:\news\day-one.html", "day-one"),
        ("https://courier.example/a/b/story.html?x=1", "story"),
        ("https://courier.example:8080/news/", "news"),
        ("plain", "plain"),
    ],
)
def test_documents_are_named_by_file_stem(source: str, name: str) -> None:
    """The scorer's doc name is the file stem, with the line for records of a JSONL file."""
    assert document_name(source) == name


SCORER = Path(__file__).resolve().parents[3] / "shared" / "bench" / "score_attribution.py"


def write_gold(folder: Path, stem: str, analysis: Analysis) -> None:
    """A brat-standoff gold folder whose attributions are exactly the article's quotes."""
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / f"{stem}.txt").write_text(analysis.text, encoding="utf-8", newline="")
    lines = []
    numbers = itertools.count(1)
    for event, quote in enumerate(analysis.quotes, start=1):
        assert quote.cue is not None, "every gold attribution here has a cue"
        roles = [("Attribution", (quote.cue,)), ("Content", quote.content), ("Cue", (quote.cue,))]
        if quote.source is not None:
            roles.append(("Source", (quote.source,)))
        arguments = []
        for role, fragments in roles:
            ident = f"T{next(numbers)}"
            offsets = ";".join(f"{start} {end}" for start, end in fragments)
            lines.append(f"{ident}\t{role} {offsets}\t{analysis.span_text(fragments)}")
            arguments.append(f"{role}:{ident}")
        lines.append(f"E{event}\t" + " ".join(arguments))
    ann = folder / "attributions" / f"{stem}_ann1.ann"
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_reference_scorer_reads_the_attribution_export(
    tmp_path: Path, store: Store, articles: dict[str, Analysis]
) -> None:
    """The reference scorer accepts the export and finds every quote of a gold copy of it."""
    if not SCORER.is_file():
        pytest.skip(f"no reference scorer at {SCORER} (evaluation tools live outside the repo)")
    write_gold(tmp_path / "gold", "harbour-ready", articles["harbour"])
    predictions = tmp_path / "predictions.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        export_attribution_jsonl(store, out)
    result = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            *("--gold", str(tmp_path / "gold"), "--pred", str(predictions)),
            *("--docs", "harbour-ready", "--json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)["metrics"]["all"]
    assert scores["content_exact"]["f1"] == scores["end_to_end"]["f1"] == 1.0


def test_rejected_quotes_leave_the_attribution_export(store: Store) -> None:
    """A quote a person rejected is no prediction any more."""
    before = [json.loads(line) for line in exported(export_attribution_jsonl, store).splitlines()]
    quote = store.article_quotes("harbour")[0]
    store.mark_quote(quote.id, "reject")
    after = [json.loads(line) for line in exported(export_attribution_jsonl, store).splitlines()]
    count = {line["doc"]: len(line["quotes"]) for line in before}
    assert {line["doc"]: len(line["quotes"]) for line in after} == count | {
        "harbour-ready": count["harbour-ready"] - 1
    }
