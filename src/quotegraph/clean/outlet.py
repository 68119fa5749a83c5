"""What an outlet's name or address says about how it writes dates."""

from __future__ import annotations

import functools
import re
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
