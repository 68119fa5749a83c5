"""Lines of the text as received, with their offsets and line breaks.

Furniture is removed a whole line at a time, line break included, so the
offsets of every line and of its break must be exact whatever the line
endings (``\\n``, ``\\r\\n`` or ``\\r``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# Characters that scraping leaves at the edges of lines without meaning:
# byte order marks, zero-width spaces and joiners, no-break spaces.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\xa0"


@dataclass(frozen=True, slots=True)
class Line:
    """One line: ``[start, end)`` with its break, ``text`` without it."""

    index: int
    start: int
    end: int
    text: str

    @property
    def content(self) -> str:
        """The line with surrounding whitespace and invisible characters taken off."""
        return self.text.strip().strip(_INVISIBLE).strip()

    @property
    def blank(self) -> bool:
        """True for a line with nothing visible on it."""
        return not self.content


def split_lines(text: str) -> tuple[Line, ...]:
    """The lines of ``text``, which together cover it exactly."""
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        if start == end:
            break
        lines.append(Line(len(lines), start, end, match.group().rstrip("\r\n")))
    return tuple(lines)
