"""Turning a file's bytes into text, or saying why they are not text.

UTF-8 is tried first and strictly. A byte order mark settles the encoding
and is dropped, so offsets count from the first character after it. A page
that declares its charset is decoded with it. Anything else is guessed among
the single-byte encodings that English-language news is found in, and the
guess is reported.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from quotegraph.errors import DecodingError

# Encodings a guess may settle on, most likely first: charset-normalizer
# groups encodings that decode the bytes alike, and the first of this list
# in the group is the one reported.
GUESS_CANDIDATES = ("cp1252", "iso8859_15", "latin_1", "cp1250", "cp1251", "mac_roman")
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that do not occur in text (tab, line feed, vertical tab,
# form feed, carriage return and escape do).
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 11, 12, 13, 27})
# How much of a file is looked at to tell text from binary.
BINARY_SAMPLE = 65_536
_MAX_CONTROL_SHARE = 0.02
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and whether it was guessed."""

    text: str
    encoding: str
    guessed: bool


def looks_binary(raw: bytes) -> bool:
    """True when the bytes hold a NUL or more control bytes than any text has."""
    sample = raw[:BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if Python knows it."""
    match = _DECLARED_CHARSET.search(raw[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _guess(raw: bytes) -> Decoded | None:
    """The least chaotic candidate decoding; ties go to the earlier candidate.

    English news that is not UTF-8 is nearly always cp1252, which several
    single-byte encodings imitate equally well on short texts.
    """
    matches = list(charset_normalizer.from_bytes(raw, cp_isolation=list(GUESS_CANDIDATES)))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    fitting = {
        name
        for match in matches
        if match.chaos <= least_chaos
        for name in (match.encoding, *match.could_be_from_charset)
    }
    for encoding in (*(name for name in GUESS_CANDIDATES if name in fitting), *fitting):
        try:
            return Decoded(raw.decode(encoding), encoding, True)
        except UnicodeDecodeError:
            continue
    return None


def decode(raw: bytes, source: str, *, declared: str | None = None) -> Decoded:
    """Decode ``raw``; raise :class:`DecodingError` for bytes that are not text."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return Decoded(raw.decode(encoding), encoding, False)
            except UnicodeDecodeError as error:
                reason = f"has a {encoding} byte order mark but is not {encoding}"
                raise DecodingError(source, reason) from error
    if looks_binary(raw):
        raise DecodingError(source, "binary file, not text")
    for candidate in filter(None, ("utf-8", declared)):
        try:
            return Decoded(raw.decode(candidate), candidate, False)
        except UnicodeDecodeError:
            continue
    guess = _guess(raw)
    if guess is None:
        raise DecodingError(
            source,
            "not UTF-8 and not in any encoding we can guess; convert it to UTF-8 and try again",
        )
    return guess
