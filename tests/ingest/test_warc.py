"""WARC crawl archives: each archived HTML page is a document, everything else is skipped."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import tempfile
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotegraph.cli import main
from quotegraph.errors import (
    DecodingError,
    EmptyInputError,
    InputFileError,
    MalformedError,
    TooLargeError,
)
from quotegraph.ingest import READERS, SourceDocument, read_documents
from quotegraph.ingest.readers import read_jsonl, read_other, read_text, reader_for
from quotegraph.ingest.warc import read_warc

MAX_BYTES = 100_000
MAX_CHARS = 50_000

FERRY_URI = "https://gazette.example/2019/03/12/ferry-fares"
FERRY_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ferry fares to rise on the Wendle crossing | The Wendle Gazette</title>
<meta property="og:site_name" content="The Wendle Gazette">
<meta property="article:published_time" content="2019-03-12T08:41:00+00:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Ferry fares to rise on the Wendle crossing</h1>
<p>Ferry fares across the Wendle estuary will rise by a fifth in April, the operator
said on Tuesday, blaming the cost of fuel and a new pier at Tallow Point.</p>
<p>"We held prices for three winters, and we cannot hold them for a fourth," said
Ilsa Maren, the operator's finance director.</p>
<p>Passengers were unhappy, and a petition against the rise has gathered more than
300 signatures in a week.</p>
</article>
</body></html>
"""

LIBRARY_URI = "https://courier.example/news/library-hours"
LIBRARY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Library hours cut in Brackwater</title></head><body>
<article>
<h1>Library hours cut in Brackwater</h1>
<p>Brackwater's central library will close on Mondays from next month, the council
announced after a long meeting on the town's budget.</p>
<p>"It is the least bad choice we had," the council leader, Hana Quist, told reporters
outside the town hall.</p>
<p>She added that the reading room would stay open for exam students in the summer.</p>
</article></body></html>
"""

CAFE_URI = "https://herald.example/cafe"
# No <meta charset>: only the HTTP header says what the bytes are.
CAFE_PAGE = """<!DOCTYPE html>
<html><head><title>Café on the quay</title></head><body>
<article>
<h1>Café on the quay to reopen</h1>
<p>The café on Marrow Quay will reopen in May — after two years shut — under Odile
Brand, who ran a bakery in Kestle for a decade before the flood closed it.</p>
<p>“I wanted the quay to have a place to sit again,” Ms Brand said on Friday, standing
among the new tables.</p>
</article></body></html>
"""

SCRIPT_PAGE = """<!DOCTYPE html>
<html><head><title>Loading</title><script src="/app.js"></script></head>
<body><div id="root"></div><noscript>Please enable JavaScript.</noscript></body></html>
"""


def _response(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2024-05-02T10:00:00Z"},
    )
    writer.write_record(record)


def _crawl_records(writer: WARCWriter) -> None:
    """Two pages among the records a crawler writes around them."""
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    request = StatusAndHeaders(
        "GET /2019/03/12/ferry-fares HTTP/1.1",
        [("Host", "gazette.example")],
        is_http_request=True,
    )
    writer.write_record(
        writer.create_warc_record(
            FERRY_URI, "request", payload=io.BytesIO(b""), http_headers=request
        )
    )
    _response(writer, FERRY_URI, FERRY_PAGE.encode())
    writer.write_record(
        writer.create_warc_record(
            FERRY_URI,
            "metadata",
            payload=io.BytesIO(b"outlinks: https://gazette.example/\n"),
            warc_content_type="application/warc-fields",
        )
    )
    _response(
        writer, "https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"
    )
    _response(writer, "https://gazette.example/gone", FERRY_PAGE.encode(), status="404 Not Found")
    _response(writer, "https://gazette.example/old", b"", status="301 Moved Permanently")
    _response(
        writer,
        "https://gazette.example/feed.json",
        b'{"items": []}',
        content_type="application/json",
    )
    _response(writer, LIBRARY_URI, LIBRARY_PAGE.encode(), content_type="application/xhtml+xml")


def write_warc(path: Path, *pages: tuple[str, bytes], crawl: bool = False) -> Path:
    """A WARC file (gzipped when its name ends in .gz) of these pages, in order."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        if crawl:
            _crawl_records(writer)
        for uri, body in pages:
            _response(writer, uri, body)
    return path


def _read(path: Path, **limits: int) -> list[SourceDocument | InputFileError]:
    return list(
        read_documents(
            path,
            max_bytes=limits.get("max_bytes", MAX_BYTES),
            max_chars=limits.get("max_chars", MAX_CHARS),
        )
    )


def _documents(items: list[SourceDocument | InputFileError]) -> list[SourceDocument]:
    assert all(isinstance(item, SourceDocument) for item in items), items
    return [item for item in items if isinstance(item, SourceDocument)]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc", "CRAWL.WARC.GZ"])
def test_html_pages_become_documents_and_other_records_are_skipped(
    tmp_path: Path, name: str
) -> None:
    """Only the 200 HTML responses give documents, named and addressed by their URI."""
    path = write_warc(tmp_path / name, crawl=True)
    ferry, library = _documents(_read(path))
    assert ferry.source == f"{path}#{FERRY_URI}"
    assert library.source == f"{path}#{LIBRARY_URI}"
    assert ferry.format == "warc"
    assert ferry.meta.source == ferry.source
    assert ferry.meta.url == FERRY_URI
    assert ferry.meta.outlet == "The Wendle Gazette"
    assert ferry.meta.published == datetime(2019, 3, 12, 8, 41, tzinfo=UTC)
    assert "cannot hold them for a fourth" in ferry.text
    assert "Home | News" not in ferry.text
    assert library.meta.url == LIBRARY_URI
    assert library.meta.outlet == "courier.example"
    assert "least bad choice" in library.text


def test_page_without_a_date_is_not_dated_by_the_crawl(tmp_path: Path) -> None:
    """WARC-Date is when the page was fetched, not when it was published."""
    path = write_warc(tmp_path / "crawl.warc.gz", (LIBRARY_URI, LIBRARY_PAGE.encode()))
    [library] = _documents(_read(path))
    assert library.meta.published is None


def test_resource_record_of_html_is_a_page(tmp_path: Path) -> None:
    """A page archived as a resource (no HTTP headers) is read like a response."""
    path = tmp_path / "saved.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(
            writer.create_warc_record(
                LIBRARY_URI,
                "resource",
                payload=io.BytesIO(LIBRARY_PAGE.encode()),
                warc_content_type="text/html",
            )
        )
    [library] = _documents(_read(path))
    assert library.source == f"{path}#{LIBRARY_URI}"
    assert "least bad choice" in library.text


@pytest.mark.parametrize("charset", ["windows-1252", "cp1252"])
def test_charset_from_the_http_header_decodes_the_page(tmp_path: Path, charset: str) -> None:
    """A cp1252 page without a <meta charset> is decoded by its Content-Type, not guessed."""
    path = tmp_path / "cafe.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        _response(
            writer,
            CAFE_URI,
            CAFE_PAGE.encode("cp1252"),
            content_type=f'text/html; charset="{charset}"',
        )
    [cafe] = _documents(_read(path))
    assert "The café on Marrow Quay will reopen in May — after two years shut" in cafe.text
    assert "“I wanted the quay to have a place to sit again,”" in cafe.text
    assert cafe.encoding == "cp1252"
    assert not cafe.encoding_guessed


def test_charset_from_the_page_when_the_header_has_none(tmp_path: Path) -> None:
    """Without a charset in the header, the page's own <meta charset> decides."""
    page = CAFE_PAGE.replace("<head>", '<head><meta charset="windows-1252">')
    path = tmp_path / "cafe.warc"
    with path.open("wb") as out:
        _response(
            WARCWriter(out, gzip=False), CAFE_URI, page.encode("cp1252"), content_type="text/html"
        )
    [cafe] = _documents(_read(path))
    assert "The café on Marrow Quay" in cafe.text
    assert not cafe.encoding_guessed


def test_page_without_article_fails_alone(tmp_path: Path) -> None:
    """A page with no article text is one error naming the file and URI; the next page loads."""
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        (FERRY_URI, FERRY_PAGE.encode()),
        ("https://gazette.example/app", SCRIPT_PAGE.encode()),
        ("https://gazette.example/blank", b"  \n"),
        ("https://gazette.example/binary", b"\x00\x01\x02PK\x03\x04" * 50),
        (LIBRARY_URI, LIBRARY_PAGE.encode()),
    )
    ferry, app, blank, binary, library = _read(path)
    assert isinstance(ferry, SourceDocument)
    assert isinstance(library, SourceDocument)
    assert isinstance(app, EmptyInputError)
    assert str(app) == f"{path}#https://gazette.example/app: no article text found in the HTML page"
    assert isinstance(blank, EmptyInputError)
    assert blank.source == f"{path}#https://gazette.example/blank"
    assert isinstance(binary, DecodingError)


def test_limits_apply_to_each_page(tmp_path: Path) -> None:
    """A page over the byte or character limit fails alone, naming its URI and the option."""
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        (FERRY_URI, FERRY_PAGE.encode() + b"<!-- padding -->" * 200),
        (LIBRARY_URI, LIBRARY_PAGE.encode()),
    )
    too_many_bytes, library = _read(path, max_bytes=2_000)
    assert isinstance(too_many_bytes, TooLargeError)
    assert too_many_bytes.source == f"{path}#{FERRY_URI}"
    assert "--max-bytes" in too_many_bytes.reason
    assert isinstance(library, SourceDocument)
    too_many_chars, _ = _read(path, max_chars=200)
    assert isinstance(too_many_chars, TooLargeError)
    assert "--max-chars" in too_many_chars.reason


def _one_line(error: SourceDocument | InputFileError, path: Path) -> InputFileError:
    assert isinstance(error, InputFileError), error
    assert error.source == str(path)
    assert "\n" not in str(error)
    return error


def _gzip_members(path: Path) -> list[int]:
    """Where each gzip member of a file starts."""
    data = path.read_bytes()
    starts, at = [], 0
    while at < len(data):
        starts.append(at)
        inflater = zlib.decompressobj(wbits=31)
        inflater.decompress(data[at:])
        at = len(data) - len(inflater.unused_data)
    return starts


def _three_pages(path: Path) -> bytes:
    write_warc(
        path,
        (FERRY_URI, FERRY_PAGE.encode()),
        (LIBRARY_URI, LIBRARY_PAGE.encode()),
        (CAFE_URI, CAFE_PAGE.encode()),
    )
    return path.read_bytes()


@cache
def _three_pages_once(name: str) -> bytes:
    """The same archive for every example of a property test (record ids are random)."""
    folder = Path(tempfile.mkdtemp())
    try:
        return _three_pages(folder / name)
    finally:
        shutil.rmtree(folder)


DAMAGE = [
    pytest.param(
        lambda data, last: data[: last + (len(data) - last) // 2],
        "truncated",
        id="cut in the last record",
    ),
    pytest.param(lambda data, last: data[: last + 5], "truncated", id="cut in a gzip header"),
    pytest.param(
        lambda data, last: data[:last] + b"\x1f\x8b\x08\x00garbage" * 20 + data[last:],
        "corrupt compressed data",
        id="garbage member",
    ),
    pytest.param(
        lambda data, last: data[:last] + b"<html>garbage</html>" + data[last:],
        "not gzip data",
        id="garbage between members",
    ),
    pytest.param(
        lambda data, last: (
            data[: last + 40]
            + bytes(b ^ 0x5A for b in data[last + 40 : last + 200])
            + data[last + 200 :]
        ),
        "corrupt compressed data",
        id="flipped bytes",
    ),
]


@pytest.mark.parametrize(("damage", "reason"), DAMAGE)
def test_damaged_gzip_keeps_the_pages_before_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[bytes, int], bytes],
    reason: str,
) -> None:
    """A corrupt or truncated .warc.gz gives its earlier pages, then one line naming the file."""
    path = tmp_path / "crawl.warc.gz"
    data = _three_pages(path)
    last = _gzip_members(path)[-1]
    path.write_bytes(damage(data, last))
    *pages, error = _read(path)
    assert [page.meta.url for page in _documents(pages)] == [FERRY_URI, LIBRARY_URI]
    error = _one_line(error, path)
    assert isinstance(error, MalformedError)
    assert reason in error.reason
    assert "after record 2; the pages before it were read" in error.reason
    assert capsys.readouterr().err == ""


def test_truncated_warc_keeps_the_pages_before_it(tmp_path: Path) -> None:
    """An uncompressed archive that ends inside a record says it is truncated."""
    path = tmp_path / "crawl.warc"
    data = _three_pages(path)
    path.write_bytes(data[: data.rindex(b"Marrow Quay")])
    *pages, error = _read(path)
    assert len(_documents(pages)) == 2
    error = _one_line(error, path)
    assert error.reason.startswith("truncated")


def test_garbage_in_a_warc_keeps_the_pages_before_it(tmp_path: Path) -> None:
    """Bytes that are not a record stop the reading with one line naming the file."""
    path = tmp_path / "crawl.warc"
    data = _three_pages(path)
    cut = data.index(b"WARC/1.", data.index(LIBRARY_URI.encode()))
    path.write_bytes(data[:cut] + b"<html>a page pasted in by hand</html>\r\n" + data[cut:])
    *pages, error = _read(path)
    assert [page.meta.url for page in _documents(pages)] == [FERRY_URI, LIBRARY_URI]
    error = _one_line(error, path)
    assert error.reason.startswith("not a WARC or ARC record (")


def test_whole_file_gzip_is_read(tmp_path: Path) -> None:
    """A WARC gzipped as one member (not record by record) still gives its pages."""
    plain = tmp_path / "crawl.warc"
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(_three_pages(plain)))
    assert len(_documents(_read(path))) == 3


def test_zero_padding_after_the_last_member_is_not_damage(tmp_path: Path) -> None:
    """Some tools pad a .warc.gz with zero bytes; the archive still reads cleanly."""
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_three_pages(path) + b"\x00" * 1024)
    assert len(_documents(_read(path))) == 3


BAD_ARCHIVES = [
    pytest.param(
        "notes.warc",
        b"Ferry fares will rise.\n",
        MalformedError,
        "not a WARC or ARC file",
        id="text",
    ),
    pytest.param(
        "crawl.warc.gz",
        gzip.compress(b"Ferry fares will rise.\n"),
        MalformedError,
        "not a WARC or ARC file",
        id="gzipped text",
    ),
    pytest.param(
        "crawl.warc.gz", b"\x1f\x8b\x08", MalformedError, "truncated", id="gzip header only"
    ),
    pytest.param("crawl.warc", b"", EmptyInputError, "no records", id="empty"),
    pytest.param(
        "crawl.warc.gz", b"\x00" * 64, MalformedError, "not a WARC or ARC file", id="zeros"
    ),
]


@pytest.mark.parametrize(("name", "data", "error_type", "reason"), BAD_ARCHIVES)
def test_file_that_is_not_an_archive_is_one_error(
    tmp_path: Path, name: str, data: bytes, error_type: type[InputFileError], reason: str
) -> None:
    """A file named .warc that holds no records gives one line naming it."""
    path = tmp_path / name
    path.write_bytes(data)
    [error] = _read(path)
    error = _one_line(error, path)
    assert isinstance(error, error_type)
    assert reason in error.reason


def test_archive_without_html_pages_is_one_error(tmp_path: Path) -> None:
    """An archive of images and requests says it has no HTML pages."""
    path = tmp_path / "images.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        _response(
            writer, "https://gazette.example/logo.png", b"\x89PNG\r\n", content_type="image/png"
        )
    [error] = _read(path)
    assert isinstance(_one_line(error, path), EmptyInputError)
    assert error.reason == "no HTML pages among its 1 record"


def test_arc_files_are_read(tmp_path: Path) -> None:
    """The older ARC format gives its pages too."""
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + LIBRARY_PAGE.encode()
    about = b"1 0 Brackwater\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://crawl.arc 0.0.0.0 20190312084100 text/plain %d\n%s\n" % (
        len(about),
        about,
    ) + b"%s 192.0.2.1 20190312084100 text/html %d\n%s\n" % (LIBRARY_URI.encode(), len(http), http)
    path = tmp_path / "crawl.arc.gz"
    path.write_bytes(gzip.compress(arc))
    [library] = _documents(_read(path))
    assert library.source == f"{path}#{LIBRARY_URI}"
    assert "least bad choice" in library.text


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("crawl.warc.gz", read_warc),
        ("crawl.WARC.GZ", read_warc),
        ("crawl.warc", read_warc),
        ("2019.03.crawl.arc.gz", read_warc),
        ("feed.jsonl", read_jsonl),
        ("notes.2019.txt", read_text),
        ("Mr. Quist.txt", read_text),
        ("backup.tar.gz", read_other),
        ("story.gz", read_other),
        ("README", read_other),
    ],
)
def test_reader_is_picked_by_the_longest_known_extension(name: str, reader: object) -> None:
    """Double extensions such as .warc.gz choose their reader; other .gz files do not."""
    assert reader_for(Path(name)) is reader
    assert ".warc.gz" in READERS


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tail=st.binary(max_size=300), gzipped=st.booleans())
def test_bytes_appended_to_an_archive_never_raise(
    tmp_path: Path, tail: bytes, gzipped: bool
) -> None:
    """Whatever follows the last record, the pages come first and the rest are errors."""
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_warc(path, (LIBRARY_URI, LIBRARY_PAGE.encode()))
    path.write_bytes(path.read_bytes() + tail)
    first, *rest = _read(path)
    assert isinstance(first, SourceDocument)
    assert first.meta.url == LIBRARY_URI
    assert all(isinstance(item, InputFileError) and "\n" not in str(item) for item in rest)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), gzipped=st.booleans())
def test_a_cut_or_a_changed_byte_anywhere_never_raises(
    tmp_path: Path, data: st.DataObject, gzipped: bool
) -> None:
    """A damaged archive yields some of its pages and one-line errors; it never raises."""
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    archive = bytearray(_three_pages_once(path.name))
    at = data.draw(st.integers(0, len(archive) - 1), label="at")
    cut = data.draw(st.booleans(), label="cut")
    if cut:
        del archive[at:]
    else:
        archive[at] = data.draw(
            st.integers(0, 255).filter(lambda b: b != archive[at]), label="byte"
        )
    path.write_bytes(bytes(archive))
    items = _read(path)
    urls = [item.meta.url for item in items if isinstance(item, SourceDocument)]
    assert len(urls) <= 3
    if cut:
        assert urls == [FERRY_URI, LIBRARY_URI, CAFE_URI][: len(urls)]
    assert all("\n" not in str(item) for item in items if isinstance(item, InputFileError))


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_run_over_a_warc_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    """`quotegraph run crawl.warc.gz` stores the pages' quotes; a second run over the folder adds nothing."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    path = write_warc(crawl / "crawl.warc.gz", crawl=True)
    db = tmp_path / "x.db"
    first = _invoke("run", str(path), "--db", str(db), "--json", "--top", "0")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["added"] == 2
    second = _invoke("run", str(crawl), "--db", str(db), "--json", "--top", "0")
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["added"] == 0
    assert json.loads(second.stdout)["duplicates"] == 2
    found = _invoke("quotes", "--db", str(db), "--search", "fourth", "--json")
    assert found.exit_code == 0, found.output
    [quote] = json.loads(found.stdout)
    assert quote["speaker_name"] == "Ilsa Maren"
    assert quote["source"] == f"{path}#{FERRY_URI}"
