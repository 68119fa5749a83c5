"""Outlets: what a name or address says about how it writes dates, and a page's own name for it."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from quotegraph.clean.datafiles import read_toml


@dataclass(frozen=True, slots=True)
class DayFirstOutlets:
    """Outlets that write 12/03/2019 for 12 March: by address suffix or name word."""

    suffixes: tuple[str, ...]
    words: frozenset[str]


@functools.cache
def _day_first_outlets() -> DayFirstOutlets:
    outlets = read_toml("dates.toml")["outlets"]
    return DayFirstOutlets(
        suffixes=tuple(outlets["day_first_suffixes"]),
        words=frozenset(outlets["day_first_words"]),
    )


def writes_day_first(outlet: str | None) -> bool:
    """True when ``outlet`` (a name or web address) writes numeric dates day first.

    Unknown outlets are taken to write month first, as most English-language
    news on the web is American.
    """
    if not outlet:
        return False
    known = _day_first_outlets()
    name = outlet.strip().lower().rstrip("/")
    host = re.sub(r"^[a-z]+://", "", name).split("/", 1)[0]
    return host.endswith(known.suffixes) or not known.words.isdisjoint(re.findall(r"[a-z]+", name))


# "© Harbourline Press 2021. All rights reserved." / "Copyright 2019 The Courier Ltd"
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright\b)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\b\s*)?"
    r"(?P<name>.+?)(?:\s*\b\d{4}\b)?(?:\s*[.,;]?\s*all rights reserved\b.*)?[\s.,;]*",
    re.I,
)
# "The Carrowmere Courier, part of Saltmarsh Media Ltd."
_PART_OF = re.compile(r"(?P<name>[^,|]+?),?\s+(?:is\s+)?(?:part of|published by)\b.*", re.I)
# "Farmers warn of cuts | Field & Furrow": a page title with the outlet after a bar or dash.
_TITLE_SUFFIX = re.compile(r".+\s[|–—]\s(?P<name>[^|–—]+)")
_COMPANY = re.compile(r"[\s,]+(?:ltd|limited|plc|inc|llc|gmbh)\.?$", re.I)
_LINKING_WORDS = frozenset({"&", "and", "of", "the", "for", "on", "de", "la"})
MAX_NAME_WORDS = 6


def outlet_named(furniture: Sequence[tuple[str, str]]) -> str | None:
    """The outlet's name as the page's furniture gives it, or None.

    ``furniture`` holds (kind, text) for every furniture line in page order.
    A copyright line names it most surely, then a "NAME, part of ..." footer,
    then a masthead, then a page title's "... | NAME".
    """
    tries = (
        ("footer", _COPYRIGHT),
        ("footer", _PART_OF),
        ("masthead", None),
        ("headline", _TITLE_SUFFIX),
    )
    for wanted, pattern in tries:
        for kind, text in furniture:
            if kind != wanted:
                continue
            if pattern is None:
                candidate = text
            else:
                match = pattern.fullmatch(text.strip())
                candidate = match.group("name") if match else ""
            name = _as_name(candidate)
            if name:
                return name
    return None


def _as_name(text: str) -> str | None:
    """``text`` as an outlet's name when it has the shape of one (capitalised, a few words)."""
    words = _COMPANY.sub("", text.strip(" \t.,;:|")).split()
    name = " ".join(words)
    if not 1 <= len(words) <= MAX_NAME_WORDS or not words[0][0].isupper():
        return None
    if any(not (w[0].isupper() or w[0].isdigit() or w.lower() in _LINKING_WORDS) for w in words):
        return None
    if name.isupper() and len(name) > 4:
        name = " ".join(
            w.lower() if n and w.lower() in _LINKING_WORDS else w.capitalize()
            for n, w in enumerate(words)
        )
    return name
