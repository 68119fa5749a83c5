"""A user's search read into terms, the same way for every database's index.

Every word and every "quoted phrase" is a phrase to find, all of them
required, and a trailing ``*`` makes the last word of a word a prefix.
Punctuation and words such as AND, OR, NEAR are searched for, never parsed,
so no search can fail or do anything but find.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A "quoted phrase" or a run of non-space characters.
_QUERY_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w")


class SearchTerm(NamedTuple):
    """One required part of a search: a phrase, its last word a prefix or not."""

    phrase: str
    prefix: bool


def search_terms(search: str) -> list[SearchTerm]:
    """The terms of a user's search, leaving out those with no word in them."""
    terms = []
    for phrase, word in _QUERY_TERM.findall(search):
        term = phrase or word
        prefix = bool(word) and word.endswith("*")
        term = term.rstrip("*") if prefix else term
        if has_word(term):
            terms.append(SearchTerm(term, prefix))
    return terms


def has_word(text: str) -> bool:
    """Whether ``text`` has anything an index could find: a letter, a digit or ``_``."""
    return _WORD.search(text) is not None
