"""The characters that count as double quotation marks, and the context around them.

Data only: :mod:`quotegraph.quotes.kind` reads these to decide which
way a mark faces.
"""

from __future__ import annotations

OPENING_MARKS = "\u201c\u201e\u201f\u00ab"
"""Curly and guillemet marks shaped to open a quotation: “ „ ‟ «."""

CLOSING_MARKS = "\u201d\u00bb"
"""Marks shaped to close one: ” »."""

SINGLE_CHARACTER_MARKS = OPENING_MARKS + CLOSING_MARKS + '"'
"""Every one-character double quotation mark, the straight one included."""

DOUBLED_MARKS = "'`"
"""Characters that make a double quotation mark when written twice ('' and ``)."""

ALWAYS_OPENING = "``"
"""A doubled mark that opens whatever surrounds it."""

EDGE_PUNCTUATION = ",.;:!?"
"""Punctuation that may sit between a quotation and its closing mark."""

BEFORE_OPENING = "([{\u2014\u2013-/" + OPENING_MARKS
"""Characters after which a mark opens (besides whitespace)."""

AFTER_CLOSING = EDGE_PUNCTUATION + ")]}\u2014\u2013" + CLOSING_MARKS
"""Characters before which a mark closes (besides whitespace)."""

ENCLOSING_REACH = 3
"""How many characters may separate a content span from the marks around it."""
