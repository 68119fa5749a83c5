"""Bylines: "By Jane Roe and Tom Poe, Political Correspondent" gives two authors.

A byline may carry a date after a separator ("By Jane Roe | 12 March 2019").
Anything that is neither a name, a role or outlet, nor a date makes the line
prose, so "By Tuesday, the council had voted." stays in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from quotegraph.clean.datelines import parse_dateline
from quotegraph.clean.rules import BylineRule

_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
_SEGMENT_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_MAX_ROLE_WORDS = 8


@dataclass(frozen=True, slots=True)
class Byline:
    """The authors a byline names and the dates it carries."""

    authors: tuple[str, ...]
    published: datetime | None = None
    updated: datetime | None = None


def split_names(text: str) -> tuple[str, ...]:
    """The names in a list written out as "Jane Roe, Tom Poe and Ann Lee"."""
    return tuple(name for name in _NAME_SEPARATOR.split(text.strip()) if name)


def _is_name(part: str, rule: BylineRule) -> bool:
    words = part.split()
    if not 2 <= len(words) <= 5 or not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    for word in words:
        bare = word.strip(".,").lower()
        if bare in rule.role_words or bare.removesuffix("s") in rule.role_words:
            return False
        if not (word[0].isupper() or bare in rule.name_particles):
            return False
        if any(char.isdigit() for char in word):
            return False
    return True


def _is_role(part: str) -> bool:
    """A short capitalised phrase: a job title or an outlet."""
    words = part.split()
    return 0 < len(words) <= _MAX_ROLE_WORDS and part[0].isupper() and part[-1] not in "?!"


def _display_name(name: str) -> str:
    return name.title() if name.isupper() else name


def _authors(text: str, rule: BylineRule) -> tuple[str, ...]:
    authors: list[str] = []
    for part in split_names(text.rstrip(" .")):
        if _is_name(part, rule):
            authors.append(_display_name(part))
        elif authors and _is_role(part):
            break
        else:
            return ()
    return tuple(authors)


def parse_byline(line: str, rule: BylineRule, *, outlet: str | None = None) -> Byline | None:
    """The byline on ``line``, if the whole line is one."""
    first, *rest = _SEGMENT_SEPARATOR.split(line)
    prefix = rule.prefix.match(first)
    if prefix is None:
        return None
    authors = _authors(first[prefix.end() :], rule)
    if not authors:
        return None
    published = updated = None
    for segment in rest:
        dateline = parse_dateline(segment, outlet=outlet)
        if dateline is not None:
            published = published or dateline.published
            updated = updated or dateline.updated
        elif not _is_role(segment):
            return None
    return Byline(authors, published, updated)
