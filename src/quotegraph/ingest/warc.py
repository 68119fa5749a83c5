"""WARC (and ARC) crawl archives: one document per archived HTML page.

warcio parses the records. A ``response`` record of an HTML page fetched
with HTTP status 200, or a ``resource`` record of an HTML page, becomes one
document named ``path#URI`` after its WARC-Target-URI (``path#N``, the
record's number counted from 1, when it has none); every other record
(requests, metadata, images, redirects, errors, revisits) is skipped. A page
without article text is reported on its own and the other pages still load.

A gzipped archive is decompressed here, member by member, rather than by
warcio, which takes corrupt data for the end of the file: a truncated or
corrupt archive yields the pages before the damage and then one error for
the file. As for JSONL dumps, the byte limit applies to each record, not to
the whole file.
"""

from __future__ import annotations

import codecs
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from quotegraph.errors import (
    EmptyInputError,
    InputFileError,
    MalformedError,
    TooLargeError,
)
from quotegraph.ingest.document import SourceDocument
from quotegraph.ingest.html import looks_like_html, page_document
from quotegraph.ingest.limits import Limits

logger = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# How many compressed bytes are inflated at a time: what is lost of a member
# that turns out to be corrupt is at most this much.
_INFLATE_BLOCK = 16_384
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


class _DamagedArchive(Exception):
    """The archive's data stops making sense; never leaves this module."""


class _Inflating:
    """The decompressed bytes of a gzip file of one or more members.

    Reads return the data as far as it is sound, then raise
    :class:`_DamagedArchive`: for a file that ends inside a member, for
    corrupt compressed data, and for anything but zero padding between or
    after members. (:mod:`gzip` raises ``EOFError``, which warcio takes for
    the end of the archive, and loses the data of the read that fails.)
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._inflater = zlib.decompressobj(wbits=31)
        self._unread = b""
        self._in_member = False

    def read(self, size: int = -1) -> bytes:
        """Some decompressed bytes (at most ``size``), or ``b""`` at the end."""
        while True:
            if self._inflater.eof:
                self._unread = self._inflater.unused_data + self._unread
                self._inflater = zlib.decompressobj(wbits=31)
                self._in_member = False
            data = self._unread or self._raw.read(_INFLATE_BLOCK)
            self._unread = b""
            if not data:
                if self._in_member:
                    raise _DamagedArchive("truncated: the file ends inside a compressed record")
                return b""
            if not self._in_member:
                data = data.lstrip(b"\x00")
                if not data:
                    continue
                if not data.startswith(GZIP_MAGIC[: len(data)]):
                    raise _DamagedArchive("bytes that are not gzip data between records")
                self._in_member = True
            try:
                out = self._inflater.decompress(data, size if size > 0 else 0)
            except zlib.error as error:
                raise _DamagedArchive(f"corrupt compressed data ({error})") from error
            self._unread = self._inflater.unconsumed_tail
            if out:
                return out


class _Archive(ArchiveIterator):
    """warcio's record iterator, counting a record whose length is wrong
    (``err_count``) without printing a warning to standard error."""

    INC_RECORD = ""


@dataclass(frozen=True, slots=True)
class _Page:
    uri: str
    payload: bytes | None  # None: over the byte limit
    charset: str | None


def _header(headers: Any, name: str) -> str:
    return (headers.get_header(name) or "") if headers is not None else ""


def _media_type(content_type: str) -> str:
    return content_type.partition(";")[0].strip().lower()


def _charset(content_type: str) -> str | None:
    """The charset of a Content-Type header, if Python knows it."""
    match = _CHARSET.search(content_type)
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def _page(record: Any, max_bytes: int) -> _Page | None:
    """The HTML page a record archives, or None for a record that is not one."""
    http = record.http_headers
    if record.rec_type == "response" and http is not None:
        if http.get_statuscode() != "200":
            return None
        content_type = _header(http, "Content-Type")
    elif record.rec_type in ("response", "resource"):
        content_type = record.content_type or ""
    else:
        return None
    media_type = _media_type(content_type)
    if media_type and media_type not in HTML_TYPES:
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if not media_type and not looks_like_html(payload[:4096].decode("utf-8", errors="replace")):
        return None
    uri = _header(record.rec_headers, "WARC-Target-URI")
    return _Page(uri, payload if len(payload) <= max_bytes else None, _charset(content_type))


def _read_through(record: Any) -> None:
    """Read what is left of a record; raise if the archive ends before the record does."""
    stream = record.raw_stream
    while stream.read(_INFLATE_BLOCK):
        pass
    if getattr(stream, "limit", 0) > 0:
        raise _DamagedArchive("truncated: the file ends inside a record")


def _document(page: _Page, source: str, limits: Limits) -> SourceDocument:
    if page.payload is None:
        reason = f"page over the limit of {limits.max_bytes:,} bytes; raise it with --max-bytes"
        raise TooLargeError(source, reason)
    if not page.payload.strip():
        raise EmptyInputError(source, "empty page")
    return page_document(
        page.payload, source, limits, charset=page.charset, url=page.uri or None, format="warc"
    )


def _damage(error: Exception, records: int) -> str:
    """A one-line reason for an archive that cannot be read on."""
    detail = " ".join(str(error).split())[:160]
    if isinstance(error, _DamagedArchive):
        reason = detail
    else:
        if not isinstance(error, ArchiveLoadFailed | StatusAndHeadersParserException):
            detail = f"{type(error).__name__}: {detail}".removesuffix(": ")
        reason = f"not a WARC or ARC {'record' if records else 'file'} ({detail})"
    if not records:
        return reason
    return f"{reason}, after record {records:,}; the pages before it were read"


def read_warc(path: Path, limits: Limits) -> Iterator[SourceDocument | InputFileError]:
    """One document per archived HTML page, or the reason a page cannot be used.

    An archive that is damaged part way through gives the pages before the
    damage and one error for the file; one without any HTML page is one
    error for the file.
    """
    with path.open("rb") as handle:
        gzipped = handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        handle.seek(0)
        archive = _Archive(_Inflating(handle) if gzipped else handle, arc2warc=True)
        records = pages = 0
        while True:
            try:
                record = next(archive, None)
                if record is None:
                    break
                page = _page(record, limits.max_bytes)
                _read_through(record)
            except OSError:
                raise
            # warcio raises many kinds of exception on bytes that are not a
            # record (AttributeError for a response without a target URI
            # among them): none of them may stop the run.
            except Exception as error:
                yield MalformedError(str(path), _damage(error, records))
                return
            records += 1
            if page is None:
                continue
            pages += 1
            source = f"{path}#{page.uri or records}"
            try:
                yield _document(page, source, limits)
            except InputFileError as error:
                yield error
        if archive.err_count:
            logger.warning(
                "%s: %d records not followed by a blank line; their Content-Length may be wrong",
                path,
                archive.err_count,
            )
    if not records:
        raise EmptyInputError(str(path), "empty file, no records")
    if not pages:
        counted = f"{records:,} record{'s' if records > 1 else ''}"
        raise EmptyInputError(str(path), f"no HTML pages among its {counted}")
