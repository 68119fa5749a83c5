"""Recognising the headline that scraped text repeats as its first line."""

from __future__ import annotations

import re
import unicodedata

from quotegraph.clean.rules import HeadlineRule

_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—-]|::)\s+")
_OPENING_QUOTES = "\"'“‘«"
_CLOSING_QUOTES = "\"'”’»"
_CLOSING = _CLOSING_QUOTES + ")]"
_MIN_WORDS = 3


def _normalised(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def same_title(line: str, title: str) -> bool:
    """True when ``line`` is ``title``, perhaps without the outlet's name that
    page titles often carry ("Council closes pier | The Lantern")."""
    wanted = _normalised(line)
    if not wanted:
        return False
    parts = _TITLE_SEPARATOR.split(title)
    candidates = {_normalised(title), _normalised(max(parts, key=len))}
    return wanted in candidates


def _title_case(words: list[str], rule: HeadlineRule) -> bool:
    significant = [
        word
        for position, word in enumerate(words)
        if word[0].isalpha() and (position == 0 or word.lower() not in rule.small_words)
    ]
    if len(significant) < rule.min_title_case_words:
        return False
    capitalised = sum(word[0].isupper() for word in significant)
    return capitalised >= rule.title_case_share * len(significant)


def looks_like_headline(line: str, rule: HeadlineRule) -> bool:
    """True for a short line that has no closing punctuation or is in Title Case.

    A one-sentence paragraph in sentence case ("He declined to comment.") and
    a line that is all quotation never qualify.
    """
    words = line.split()
    if not _MIN_WORDS <= len(words) <= rule.max_words or len(line) > rule.max_chars:
        return False
    if line.startswith(tuple(_OPENING_QUOTES)) and line.rstrip(".!?,").endswith(
        tuple(_CLOSING_QUOTES)
    ):
        return False
    last = line.rstrip(_CLOSING)[-1:]
    if last in (":", ",", ";"):
        return False
    return last not in (".", "!", "?") or _title_case(words, rule)
