"""Reading articles from files and folders: text, HTML pages, JSONL dumps and WARC archives.

:func:`discover` turns the paths a user gives into input files;
:func:`read_documents` yields the documents in one file, or the reason each
cannot be used (an :class:`~quotegraph.errors.InputFileError`), and never
raises for bad input; :func:`content_hash` gives an article its stable id.
"""

from quotegraph.ingest.discover import discover
from quotegraph.ingest.document import DocumentFormat, SourceDocument
from quotegraph.ingest.hashing import content_hash
from quotegraph.ingest.readers import READERS, Reader, read_documents

__all__ = [
    "READERS",
    "DocumentFormat",
    "Reader",
    "SourceDocument",
    "content_hash",
    "discover",
    "read_documents",
]
