"""Content hashes: the id that makes writing an article twice a no-op."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_LINE_END = re.compile(r"\r\n|\r")
_TRAILING_SPACE = re.compile(r"[ \t\f\v]+$", re.MULTILINE)
HASH_LENGTH = 16


def content_hash(text: str) -> str:
    """A stable id of an article: the first 16 hex digits of a SHA-256.

    The text is normalised first so that the same article saved another way
    gets the same id: Unicode NFC, line endings made ``\\n``, trailing spaces
    and tabs of each line and blank lines at either end removed. Everything
    else (case, inner spacing, punctuation) counts.
    """
    normal = unicodedata.normalize("NFC", text)
    normal = _TRAILING_SPACE.sub("", _LINE_END.sub("\n", normal)).strip("\n")
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]
