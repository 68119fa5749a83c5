"""Size limits and reading a whole file within them."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from quotegraph.errors import EmptyInputError, TooLargeError, UnreadableError


@dataclass(frozen=True, slots=True)
class Limits:
    """How large an input may be: bytes on disk, characters of article text."""

    max_bytes: int
    max_chars: int

    def check_text(self, text: str, source: str) -> str:
        """``text`` if it is within the character limit and not blank."""
        if not text.strip():
            raise EmptyInputError(source, "empty file" if not text else "only whitespace, no text")
        if len(text) > self.max_chars:
            raise TooLargeError(
                source,
                f"{len(text):,} characters of text, over the limit of {self.max_chars:,}; "
                f"raise it with --max-chars",
            )
        return text


def read_limited(path: Path, limits: Limits) -> bytes:
    """The bytes of a regular file no larger than ``limits.max_bytes``.

    The size is checked before anything is read.
    """
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableError(str(path), "a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableError(str(path), "not a regular file")
    if info.st_size > limits.max_bytes:
        reason = f"{info.st_size:,} bytes, over the limit of {limits.max_bytes:,}"
        raise TooLargeError(str(path), f"{reason}; raise it with --max-bytes")
    raw = path.read_bytes()
    if not raw:
        raise EmptyInputError(str(path), "empty file")
    return raw
