"""Readers by file extension, and the one entry point that picks among them.

To read a new format, write a function ``(path, limits) -> iterator of
SourceDocument or InputFileError`` and add it to :data:`READERS`. An
extension may be double (``.warc.gz``): the longest one listed wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from quotegraph.errors import InputFileError, UnreadableError
from quotegraph.ingest.decode import decode
from quotegraph.ingest.document import SourceDocument
from quotegraph.ingest.html import looks_like_html, page_document
from quotegraph.ingest.jsonl import read_jsonl
from quotegraph.ingest.limits import Limits, read_limited
from quotegraph.ingest.warc import read_warc
from quotegraph.records import ArticleMeta

Reader = Callable[[Path, Limits], Iterator[SourceDocument | InputFileError]]


def _text_document(path: Path, raw: bytes, limits: Limits) -> SourceDocument:
    source = str(path)
    decoded = decode(raw, source)
    return SourceDocument(
        source=source,
        text=limits.check_text(decoded.text, source),
        meta=ArticleMeta(source=source),
        format="text",
        encoding=decoded.encoding,
        encoding_guessed=decoded.guessed,
    )


def _html_document(path: Path, raw: bytes, limits: Limits) -> SourceDocument:
    return page_document(raw, str(path), limits)


def read_text(path: Path, limits: Limits) -> Iterator[SourceDocument | InputFileError]:
    """A plain-text article: the file's text exactly as decoded."""
    yield _text_document(path, read_limited(path, limits), limits)


def read_html(path: Path, limits: Limits) -> Iterator[SourceDocument | InputFileError]:
    """A saved web page: its main text and metadata."""
    yield _html_document(path, read_limited(path, limits), limits)


def read_other(path: Path, limits: Limits) -> Iterator[SourceDocument | InputFileError]:
    """A file of unknown kind: a web page if it starts like one, else plain text
    (binary files are refused as not text)."""
    raw = read_limited(path, limits)
    head = raw[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")
    reader = _html_document if looks_like_html(head) else _text_document
    yield reader(path, raw, limits)


# Files without an extension, or with one not listed, are read by read_other.
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".arc": read_warc,
    ".arc.gz": read_warc,
}


def reader_for(path: Path) -> Reader:
    """The reader for a file's extension, the longest listed one first
    (``crawl.warc.gz`` is a WARC archive, ``notes.2019.txt`` a text file)."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    for start in range(len(suffixes)):
        reader = READERS.get("".join(suffixes[start:]))
        if reader is not None:
            return reader
    return read_other


def _os_reason(error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        return "a folder, not a file"
    if isinstance(error, PermissionError):
        return "permission denied; check the file's permissions"
    if isinstance(error, FileNotFoundError):
        return "no longer exists (moved or deleted during the run?)"
    return f"cannot be read ({error.strerror or error})"


def read_documents(
    path: Path, *, max_bytes: int, max_chars: int
) -> Iterator[SourceDocument | InputFileError]:
    """The documents in one file, or the reasons they cannot be used.

    A text or HTML file gives one document, a JSONL file one per line, a
    WARC archive one per HTML page. Bad
    input is yielded as an :class:`InputFileError` that names the file (and
    line) and says why; this never raises for bad input.
    """
    reader = reader_for(path)
    try:
        yield from reader(path, Limits(max_bytes=max_bytes, max_chars=max_chars))
    except InputFileError as error:
        yield error
    except OSError as error:
        yield UnreadableError(str(path), _os_reason(error))
