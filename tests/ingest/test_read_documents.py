"""Reading files: good documents, and a reason for every bad input."""

from __future__ import annotations

import codecs
import json
import logging
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quotegraph.errors import (
    DecodingError,
    EmptyInputError,
    InputFileError,
    MalformedError,
    TooLargeError,
    UnreadableError,
)
from quotegraph.ingest import SourceDocument, read_documents

MAX_BYTES = 100_000
MAX_CHARS = 50_000
ARTICLE = "The Harbourtown council voted on Tuesday to close the old pier.\n"

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Council votes to close old pier | The Harbourtown Lantern</title>
<meta property="og:title" content="Council votes to close old pier">
<meta property="og:site_name" content="The Harbourtown Lantern">
<meta property="article:published_time" content="2019-03-12T08:41:00+00:00">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://lantern.example/news/pier-vote">
<script>window.dataLayer = [];</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Council votes to close old pier</h1>
<p>The Harbourtown council voted on Tuesday to close the old pier, citing safety
concerns after a winter of storms damaged its supports.</p>
<p>"We had no choice," said councillor Ada Finch, who chairs the works committee.
"The engineers told us it could fail at any time."</p>
<p>Residents who fish from the pier said they were disappointed, and a petition
calling for repairs has gathered more than 400 signatures.</p>
</article>
<footer>Copyright The Harbourtown Lantern</footer>
</body></html>
"""

SCRIPT_PAGE = """<!DOCTYPE html>
<html><head><title>Loading</title>
<script src="/app.js"></script>
<script>document.addEventListener("load", function () { render(); });</script>
</head><body><div id="root"></div><noscript>Please enable JavaScript.</noscript></body></html>
"""


def _read(path: Path, **limits: int) -> list[SourceDocument | InputFileError]:
    return list(
        read_documents(
            path,
            max_bytes=limits.get("max_bytes", MAX_BYTES),
            max_chars=limits.get("max_chars", MAX_CHARS),
        )
    )


def _one_document(path: Path) -> SourceDocument:
    [document] = _read(path)
    assert isinstance(document, SourceDocument), document
    return document


def _one_error(path: Path, **limits: int) -> InputFileError:
    [error] = _read(path, **limits)
    assert isinstance(error, InputFileError), error
    assert error.source.startswith(str(path))
    return error


BAD_FILES = [
    pytest.param(
        "photo.jpg",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
        DecodingError,
        "binary file",
        id="binary",
    ),
    pytest.param(
        "scan.txt", b"Pier\x00\x00\x01\x02", DecodingError, "binary file", id="binary as text"
    ),
    pytest.param(
        "control.txt",
        b"\x01\x02\x03\x04\x05 a \x06\x07\x08",
        DecodingError,
        "binary",
        id="controls",
    ),
    pytest.param("empty.txt", b"", EmptyInputError, "empty file", id="empty"),
    pytest.param("blank.txt", b"  \n\t\r\n", EmptyInputError, "only whitespace", id="whitespace"),
    pytest.param("blank.html", b"   ", EmptyInputError, "no article text", id="blank page"),
    pytest.param(
        "app.html", SCRIPT_PAGE.encode(), EmptyInputError, "no article text found", id="scripts"
    ),
    pytest.param(
        "bad-bom.txt", codecs.BOM_UTF8 + b"caf\xe9", DecodingError, "byte order mark", id="bad BOM"
    ),
    pytest.param(
        "dump.jsonl", b"PK\x03\x04\x00\x00", DecodingError, "binary file", id="binary dump"
    ),
    pytest.param("dump.ndjson", b"\n\n  \n", EmptyInputError, "no records", id="blank dump"),
]


@pytest.mark.parametrize(("name", "data", "error_type", "reason"), BAD_FILES)
def test_bad_file_gives_a_named_error_with_a_reason(
    tmp_path: Path, name: str, data: bytes, error_type: type[InputFileError], reason: str
) -> None:
    """A file that cannot be used yields one error naming it; nothing is raised."""
    path = tmp_path / name
    path.write_bytes(data)
    error = _one_error(path)
    assert type(error) is error_type
    assert reason in error.reason


def test_file_over_max_bytes_is_refused_before_reading(tmp_path: Path) -> None:
    """The size, the limit and the option that raises it are in the reason."""
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE * 100)
    error = _one_error(path, max_bytes=1000)
    assert isinstance(error, TooLargeError)
    assert "6,400 bytes" in error.reason
    assert "1,000" in error.reason
    assert "--max-bytes" in error.reason


def test_text_over_max_chars_is_refused(tmp_path: Path) -> None:
    """Documents longer than the character limit are refused with the option to raise it."""
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE * 10)
    error = _one_error(path, max_chars=100)
    assert isinstance(error, TooLargeError)
    assert "--max-chars" in error.reason


def test_folder_is_unreadable(tmp_path: Path) -> None:
    """A folder handed to the reader is reported, not raised."""
    error = _one_error(tmp_path)
    assert isinstance(error, UnreadableError)
    assert "folder" in error.reason


def test_vanished_file_is_unreadable(tmp_path: Path) -> None:
    """A file deleted between discovery and reading is reported."""
    error = _one_error(tmp_path / "gone.txt")
    assert isinstance(error, UnreadableError)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs a user that permissions apply to"
)
def test_file_without_read_permission_is_unreadable(tmp_path: Path) -> None:
    """Permission problems are reported with what to check."""
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    error = _one_error(path)
    assert isinstance(error, UnreadableError)
    assert "permission" in error.reason


ENCODINGS = [
    pytest.param(ARTICLE.encode("utf-8"), "utf-8", False, ARTICLE, id="utf-8"),
    pytest.param(
        codecs.BOM_UTF8 + "Café.\n".encode(), "utf-8-sig", False, "Café.\n", id="utf-8 BOM"
    ),
    pytest.param(
        "Café “pier”.\n".encode("utf-16"), "utf-16", False, "Café “pier”.\n", id="utf-16 BOM"
    ),
    pytest.param(
        "The café’s owner said the “pier” must stay – for good.\n".encode("cp1252"),
        "cp1252",
        True,
        "The café’s owner said the “pier” must stay – for good.\n",
        id="cp1252 guessed",
    ),
    pytest.param(
        b"line one\r\nline two\r\n", "utf-8", False, "line one\r\nline two\r\n", id="CRLF kept"
    ),
]


@pytest.mark.parametrize(("data", "encoding", "guessed", "text"), ENCODINGS)
def test_text_file_is_decoded_exactly(
    tmp_path: Path, data: bytes, encoding: str, guessed: bool, text: str
) -> None:
    """The text is the decoded bytes, newlines untouched; guessed encodings say so."""
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    document = _one_document(path)
    assert (document.text, document.encoding, document.encoding_guessed) == (
        text,
        encoding,
        guessed,
    )
    assert (document.format, document.source, document.meta.source) == (
        "text",
        str(path),
        str(path),
    )


def test_html_article_gives_main_text_and_metadata(tmp_path: Path) -> None:
    """The article is found among scripts and menus, with its title, date and author."""
    path = tmp_path / "pier.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    document = _one_document(path)
    assert document.format == "html"
    assert "voted on Tuesday to close the old pier" in document.text
    assert '"We had no choice," said councillor Ada Finch' in document.text
    assert "Home" not in document.text
    assert "dataLayer" not in document.text
    meta = document.meta
    assert meta.title == "Council votes to close old pier"
    assert meta.published == datetime(2019, 3, 12, 8, 41, tzinfo=UTC)
    assert meta.authors == ("Jane Roe",)
    assert meta.outlet == "The Harbourtown Lantern"
    assert meta.url == "https://lantern.example/news/pier-vote"


def test_html_page_in_its_declared_charset_is_not_a_guess(tmp_path: Path) -> None:
    """A page that declares windows-1252 is decoded with it."""
    page = ARTICLE_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Finch", "Fínch"
    )
    path = tmp_path / "pier.htm"
    path.write_bytes(page.encode("cp1252"))
    document = _one_document(path)
    assert (document.encoding, document.encoding_guessed) == ("cp1252", False)
    assert "Ada Fínch" in document.text


@pytest.mark.parametrize(
    ("name", "data", "document_format"),
    [
        pytest.param("notes.md", ARTICLE.encode(), "text", id="unknown text"),
        pytest.param("saved-page", ARTICLE_PAGE.encode(), "html", id="page without extension"),
        pytest.param("page.php", ARTICLE_PAGE.encode(), "html", id="page with another extension"),
    ],
)
def test_unknown_extension_is_read_by_its_content(
    tmp_path: Path, name: str, data: bytes, document_format: str
) -> None:
    """A file of unknown kind is a web page if it starts like one, else text."""
    path = tmp_path / name
    path.write_bytes(data)
    assert _one_document(path).format == document_format


def _jsonl(tmp_path: Path, *lines: str | bytes) -> Path:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(
        b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines) + b"\n"
    )
    return path


def test_malformed_jsonl_line_is_reported_and_the_others_load(tmp_path: Path) -> None:
    """A broken line is named as path:LINE with the JSON error; the rest still load."""
    path = _jsonl(
        tmp_path,
        json.dumps({"text": "First article.", "title": "One"}),
        '{"text": "Second article.",',
        "",
        json.dumps({"text": "Third article."}),
    )
    first, broken, third = _read(path)
    assert isinstance(first, SourceDocument) and isinstance(third, SourceDocument)
    assert (first.source, first.text, first.meta.title) == (f"{path}:1", "First article.", "One")
    assert third.source == f"{path}:4"
    assert isinstance(broken, MalformedError)
    assert broken.source == f"{path}:2"
    assert "not valid JSON" in broken.reason


BAD_RECORDS = [
    pytest.param('{"title": "No body"}', MalformedError, 'no "text" or "html"', id="no text"),
    pytest.param('["text", "in a list"]', MalformedError, "not a JSON object", id="not an object"),
    pytest.param('{"text": 42}', MalformedError, "must be strings", id="text not a string"),
    pytest.param('{"text": "   "}', EmptyInputError, "whitespace", id="blank text"),
    pytest.param('{"text": ""}', EmptyInputError, "empty", id="empty text"),
    pytest.param(
        json.dumps({"html": SCRIPT_PAGE}),
        EmptyInputError,
        "no article text",
        id="html only scripts",
    ),
]


@pytest.mark.parametrize(("line", "error_type", "reason"), BAD_RECORDS)
def test_bad_jsonl_record_is_reported_by_line(
    tmp_path: Path, line: str | bytes, error_type: type[InputFileError], reason: str
) -> None:
    """Each unusable record gives an error naming its line."""
    path = _jsonl(tmp_path, json.dumps({"text": "Fine."}), line)
    fine, error = _read(path)
    assert isinstance(fine, SourceDocument)
    assert type(error) is error_type
    assert error.source == f"{path}:2"
    assert reason in error.reason


def test_jsonl_line_not_in_utf8_is_guessed(tmp_path: Path) -> None:
    """A record in another encoding loads, flagged as guessed."""
    line = json.dumps({"text": "The café’s owner said the “pier” must stay."}, ensure_ascii=False)
    document = _one_document(_jsonl(tmp_path, line.encode("cp1252")))
    assert document.text == "The café’s owner said the “pier” must stay."
    assert (document.encoding, document.encoding_guessed) == ("cp1252", True)


def test_jsonl_line_over_max_bytes_is_skipped(tmp_path: Path) -> None:
    """The byte limit applies per line in a dump; the next line still loads."""
    path = _jsonl(tmp_path, json.dumps({"text": "x" * 500}), json.dumps({"text": "Short."}))
    long, short = _read(path, max_bytes=100)
    assert isinstance(long, TooLargeError) and long.source == f"{path}:1"
    assert isinstance(short, SourceDocument) and short.text == "Short."


def test_jsonl_fields_become_metadata(tmp_path: Path) -> None:
    """Dates are ISO 8601 (with their zone), authors a list or a written-out string."""
    record = {
        "text": "The council voted.",
        "title": "Pier vote",
        "url": "https://lantern.example/pier",
        "outlet": "The Harbourtown Lantern",
        "published": "2019-03-12T08:41:00+01:00",
        "updated": "2019-03-13",
        "authors": "Jane Roe, Tom Poe and Ann Lee",
    }
    document = _one_document(_jsonl(tmp_path, json.dumps(record)))
    meta = document.meta
    assert document.format == "jsonl"
    assert (meta.title, meta.url, meta.outlet) == (record["title"], record["url"], record["outlet"])
    assert meta.published == datetime(2019, 3, 12, 8, 41, tzinfo=timezone(timedelta(hours=1)))
    assert meta.updated == datetime(2019, 3, 13)
    assert meta.authors == ("Jane Roe", "Tom Poe", "Ann Lee")


def test_jsonl_bad_date_is_logged_and_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A date that is not ISO 8601 does not cost the article."""
    path = _jsonl(
        tmp_path, json.dumps({"text": "Fine.", "published": "last Tuesday", "authors": ["Ann Lee"]})
    )
    with caplog.at_level(logging.WARNING):
        document = _one_document(path)
    assert document.meta.published is None
    assert document.meta.authors == ("Ann Lee",)
    assert "last Tuesday" in caplog.text


def test_jsonl_html_record_is_extracted_and_its_fields_win(tmp_path: Path) -> None:
    """A record with HTML gives the page's text; the record's own fields override the page's."""
    path = _jsonl(tmp_path, json.dumps({"html": ARTICLE_PAGE, "title": "Pier vote (corrected)"}))
    document = _one_document(path)
    assert "voted on Tuesday to close the old pier" in document.text
    assert document.meta.title == "Pier vote (corrected)"
    assert document.meta.authors == ("Jane Roe",)
    assert document.meta.source == f"{path}:1"
