"""Integrity of the bundled demo corpus and its gold annotations (demo/gold.jsonl).

These tests do not run quotegraph: they pin the gold itself, so that every quote,
speaker, cue and removed line it lists can be found in the article it points to, in
the form the article is stored in (UTF-8, UTF-8 with a BOM, cp1252, HTML, JSONL).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

DEMO = Path(__file__).resolve().parent.parent / "demo"
GOLD = DEMO / "gold.jsonl"

QUOTE_KINDS = {"direct", "indirect", "mixed"}
SPEAKER_TYPES = {"person", "organisation"}
REMOVED_KINDS = {
    "caption",
    "credit",
    "controls",
    "prompt",
    "comments",
    "tags",
    "advert",
    "headline",
    "dateline",
    "byline",
}
ENCODINGS = {"utf-8", "utf-8-sig", "cp1252"}


def _load_gold() -> list[dict[str, Any]]:
    with GOLD.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


GOLD_ARTICLES = _load_gold()


def _article_id(article: dict[str, Any]) -> str:
    name = article["file"].removeprefix("corpus/")
    return f"{name}#{article['line']}" if "line" in article else name


def _jsonl_rows(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@cache
def _text(file: str, line: int | None, encoding: str) -> str:
    """The article text that gold offsets and substrings refer to.

    .txt: the file decoded with its declared encoding. .html: the raw page with HTML
    entities unescaped. .jsonl: the `text` field of the given (1-based) line.
    """
    path = DEMO / file
    if path.suffix == ".jsonl":
        assert line is not None, f"{file}: a JSONL article needs a line number"
        return str(_jsonl_rows(path)[line - 1]["text"])
    text = path.read_bytes().decode(encoding)
    if path.suffix == ".html":
        text = html.unescape(text)
    return text


def _article_text(article: dict[str, Any]) -> str:
    return _text(article["file"], article.get("line"), article["encoding"])


def _pieces(content: str | list[str]) -> list[str]:
    return [content] if isinstance(content, str) else list(content)


ARTICLE_PARAMS = [pytest.param(a, id=_article_id(a)) for a in GOLD_ARTICLES]


def test_gold_has_at_least_14_articles() -> None:
    assert len(GOLD_ARTICLES) >= 14


def test_article_names_and_titles_are_unique() -> None:
    ids = Counter(_article_id(a) for a in GOLD_ARTICLES)
    titles = Counter(a["title"] for a in GOLD_ARTICLES)
    assert [i for i, n in ids.items() if n > 1] == []
    assert [t for t, n in titles.items() if n > 1] == []


def test_every_corpus_file_is_annotated() -> None:
    annotated = {a["file"] for a in GOLD_ARTICLES}
    on_disk = {f"corpus/{p.name}" for p in (DEMO / "corpus").iterdir() if p.is_file()}
    assert on_disk == annotated


def test_corpus_mixes_the_formats_and_encodings_it_promises() -> None:
    suffixes = Counter(Path(a["file"]).suffix for a in GOLD_ARTICLES)
    encodings = Counter(a["encoding"] for a in GOLD_ARTICLES if a["file"].endswith(".txt"))
    assert suffixes[".html"] >= 2
    assert suffixes[".jsonl"] >= 2
    assert suffixes[".txt"] >= 10
    assert encodings["cp1252"] >= 1
    assert encodings["utf-8-sig"] >= 1


@pytest.mark.parametrize("article", ARTICLE_PARAMS)
def test_file_exists_and_decodes_as_declared(article: dict[str, Any]) -> None:
    path = DEMO / article["file"]
    assert path.is_file(), f"missing {path}"
    assert article["encoding"] in ENCODINGS
    raw = path.read_bytes()
    if article["encoding"] == "utf-8-sig":
        assert raw.startswith(b"\xef\xbb\xbf"), "declared utf-8-sig but has no BOM"
    elif article["encoding"] == "utf-8":
        assert not raw.startswith(b"\xef\xbb\xbf"), "has a BOM but is declared plain utf-8"
    elif article["encoding"] == "cp1252":
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    assert _article_text(article).strip()


@pytest.mark.parametrize("article", ARTICLE_PARAMS)
def test_dates_are_iso_with_a_timezone(article: dict[str, Any]) -> None:
    for key in ("published", "updated"):
        value = article[key]
        if value is None:
            continue
        parsed = datetime.fromisoformat(value)
        assert parsed.tzinfo is not None, f"{key} {value!r} has no UTC offset"
    if article["updated"] is not None:
        published = datetime.fromisoformat(article["published"])
        assert datetime.fromisoformat(article["updated"]) >= published


def test_most_demo_articles_carry_page_furniture() -> None:
    """The demo exercises cleaning: all but the crawl's already extracted texts carry
    furniture."""
    bare = [article["file"] for article in GOLD_ARTICLES if not article["removed"]]
    assert len(bare) <= 1, bare


@pytest.mark.parametrize("article", ARTICLE_PARAMS)
def test_removed_furniture_is_in_the_article(article: dict[str, Any]) -> None:
    text = _article_text(article)
    for item in article["removed"]:
        assert item["kind"] in REMOVED_KINDS, item
        assert item["text"] in text, f"removed text not found: {item['text']!r}"


@pytest.mark.parametrize("article", ARTICLE_PARAMS)
def test_quotes_are_found_in_the_article(article: dict[str, Any]) -> None:
    text = _article_text(article)
    assert article["quotes"], "every demo article has quotes"
    for quote in article["quotes"]:
        assert quote["kind"] in QUOTE_KINDS, quote
        assert quote["speaker_type"] in SPEAKER_TYPES, quote
        position = 0
        for piece in _pieces(quote["content"]):
            assert piece, quote
            found = text.find(piece, position)
            assert found >= 0, f"content not found (in order): {piece!r}"
            position = found + len(piece)
        for key in ("source", "cue"):
            if quote[key] is not None:
                assert quote[key] in text, f"{key} not found: {quote[key]!r}"
        if quote.get("continues"):
            assert quote["source"] is None and quote["cue"] is None, quote
        else:
            assert quote["cue"] is not None, f"an attributed quote needs a cue: {quote}"


@pytest.mark.parametrize("article", ARTICLE_PARAMS)
def test_speakers_are_actors_of_the_article(article: dict[str, Any]) -> None:
    text = _article_text(article)
    actors = {actor["name"]: actor for actor in article["actors"]}
    assert len(actors) == len(article["actors"]), "an actor is listed twice"
    for actor in article["actors"]:
        assert actor["type"] in SPEAKER_TYPES, actor
        for form in actor["forms"]:
            assert form in text, f"form {form!r} of {actor['name']} not found"
    for quote in article["quotes"]:
        speaker = quote["speaker"]
        if speaker is None:
            continue
        assert speaker in actors, f"speaker {speaker!r} is not among the actors"
        assert actors[speaker]["type"] == quote["speaker_type"], quote


def test_actor_types_agree_across_the_corpus() -> None:
    types: dict[str, set[str]] = {}
    for article in GOLD_ARTICLES:
        for actor in article["actors"]:
            types.setdefault(actor["name"], set()).add(actor["type"])
    assert {name: t for name, t in types.items() if len(t) > 1} == {}


def test_jsonl_rows_have_the_crawl_fields_and_match_the_gold() -> None:
    by_line = {(a["file"], a["line"]): a for a in GOLD_ARTICLES if "line" in a}
    files = {file for file, _ in by_line}
    assert files
    for file in files:
        rows = _jsonl_rows(DEMO / file)
        assert len(rows) >= 2
        for number, row in enumerate(rows, start=1):
            for field in ("text", "title", "url", "published", "outlet", "authors"):
                assert field in row, f"{file}:{number} lacks {field}"
            assert isinstance(row["authors"], list) and row["authors"]
            assert row["url"].startswith("https://")
            gold = by_line[(file, number)]
            assert row["title"] == gold["title"]
            assert datetime.fromisoformat(row["published"]) == datetime.fromisoformat(
                gold["published"]
            )


@pytest.mark.parametrize(
    "article",
    [pytest.param(a, id=_article_id(a)) for a in GOLD_ARTICLES if a["file"].endswith(".html")],
)
def test_html_metadata_matches_the_gold(article: dict[str, Any]) -> None:
    page = _article_text(article)

    def meta(attribute: str, name: str) -> str:
        match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page)
        assert match, f"no <meta {attribute}={name!r}>"
        return match.group(1)

    assert meta("property", "og:title") == article["title"]
    assert datetime.fromisoformat(meta("property", "article:published_time")) == (
        datetime.fromisoformat(article["published"])
    )
    assert meta("name", "author")
    assert "<article" in page and "</article>" in page
    body = page[page.index("<article") : page.index("</article>")]
    for quote in article["quotes"]:
        for piece in _pieces(quote["content"]):
            assert piece in body, f"quote outside the <article> body: {piece!r}"
