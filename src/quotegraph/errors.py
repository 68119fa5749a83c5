"""The exceptions quotegraph raises, all under :class:`QuotegraphError`.

::

    QuotegraphError
    ├── UsageError            the user asked for something impossible (exit 2)
    │   └── MissingPathError  a path given on the command line does not exist
    ├── ModelError            the spaCy pipeline cannot be loaded
    ├── InputFileError        one input file or record cannot be used (run goes on)
    │   ├── UnreadableError   cannot be opened or read
    │   ├── DecodingError     not text in any encoding we accept (binary)
    │   ├── EmptyInputError   nothing left to analyse
    │   ├── TooLargeError     over the size limit
    │   └── MalformedError    malformed JSONL/HTML/WARC record
    ├── StoreError            the database cannot be opened, migrated or written
    └── GoldError             an evaluation folder is not brat standoff as expected
"""

from __future__ import annotations


class QuotegraphError(Exception):
    """Base of every error quotegraph raises on purpose."""


class UsageError(QuotegraphError):
    """The user asked for something that cannot be done; the CLI exits 2."""


class MissingPathError(UsageError):
    """A path given by the user does not exist."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: no such file or folder; check the path and try again")
        self.path = path


class ModelError(QuotegraphError):
    """The spaCy pipeline cannot be loaded."""


class InputFileError(QuotegraphError):
    """One input (a file, or a record inside one) cannot be used.

    ``source`` names the file (and the line or record, where there is one);
    ``reason`` is a short phrase fit for a one-line report.
    """

    kind = "input"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableError(InputFileError):
    """The file cannot be opened or read."""

    kind = "unreadable"


class DecodingError(InputFileError):
    """The bytes are not text in any encoding we accept."""

    kind = "encoding"


class EmptyInputError(InputFileError):
    """The input has no article text."""

    kind = "empty"


class TooLargeError(InputFileError):
    """The input is over the configured size limit."""

    kind = "too-large"


class MalformedError(InputFileError):
    """A JSONL line, HTML page or WARC record that cannot be parsed."""

    kind = "malformed"


class StoreError(QuotegraphError):
    """The store cannot be opened, migrated or written."""


class GoldError(QuotegraphError):
    """An evaluation folder is not the brat standoff we expect."""
