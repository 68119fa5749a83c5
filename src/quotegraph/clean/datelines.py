"""Datelines: lines that say only when an article was published or updated.

``12/03/2019 08:41 GMT | Updated 12/03/2019 10:02 GMT`` gives two
datetimes. A line is a dateline only if every token on it is part of a date,
a time, a zone, a keyword (Published, Updated...) or a connector; one other
word and it is prose.

Numeric dates are read day first or month first, for the whole line:

1. a number over 12 settles it (13/03/2019 can only be day first);
2. else the zone does: GMT, BST, CET... day first; EST, ET, PST... month first;
3. else the outlet does (see :func:`quotegraph.clean.outlet.writes_day_first`);
4. else month first.

A time without a zone gives a naive datetime; a date without a time gives
midnight. An updated time without a date ("Updated 10:02") takes the
published date.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from quotegraph.clean.datafiles import alternation, read_toml
from quotegraph.clean.outlet import writes_day_first


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dates a dateline gives; ``labelled`` when a keyword named them."""

    published: datetime | None
    updated: datetime | None
    labelled: bool


@dataclass(frozen=True, slots=True)
class Zone:
    """A time zone abbreviation: its zone and how dates are written where it is used."""

    tz: tzinfo
    order: str | None


@dataclass(frozen=True, slots=True)
class DateWords:
    """The vocabulary of datelines, from ``data/dates.toml``."""

    months: dict[str, int]
    zones: dict[str, Zone]
    tokens: tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(slots=True)
class _Moment:
    """The parts of one date as they are read, token by token."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    numeric: tuple[int, int] | None = None
    time: tuple[int, int, int] | None = None
    tz: tzinfo | None = None
    complete: datetime | None = None


@dataclass(slots=True)
class _Reading:
    moments: dict[str, _Moment] = field(
        default_factory=lambda: {"published": _Moment(), "updated": _Moment()}
    )
    current: str = "published"
    labelled: bool = False
    number_orders: set[str] = field(default_factory=set)
    zone_orders: set[str] = field(default_factory=set)

    @property
    def moment(self) -> _Moment:
        return self.moments[self.current]


def _zone(entry: dict[str, str]) -> Zone:
    if "zone" in entry:
        tz: tzinfo = ZoneInfo(entry["zone"])
    else:
        sign = -1 if entry["offset"].startswith("-") else 1
        hours, minutes = entry["offset"][1:].split(":")
        tz = timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    return Zone(tz, entry.get("order"))


_ORDINAL = r"(?:st|nd|rd|th)?"
_HALF_DAY = r"[ap]\.?\s?m\b\.?"
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
_NUMERIC = r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4}|\d{2})(?!\d)"
_TIME = (
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    rf"\s*(?P<half>{_HALF_DAY})?|\s*(?P<half2>{_HALF_DAY}))"
)
_OFFSET = r"(?:GMT|UTC)?(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?(?!\d)"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_DATE_TOKENS = frozenset({"iso", "numeric", "day_month", "month_day"})


@functools.cache
def _date_words() -> DateWords:
    data = read_toml("dates.toml")
    month = rf"(?P<month>{alternation(data['months'])})\.?"
    tokens = {
        "iso": _ISO,
        "numeric": _NUMERIC,
        "day_month": rf"(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{month},?\s+{_YEAR}",
        "month_day": rf"{month}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+{_YEAR}",
        "time": _TIME,
        "offset": _OFFSET,
        "zone": rf"(?-i:(?P<zone>{alternation(data['zones'])}))(?![A-Za-z])",
        "weekday": rf"(?:{alternation(data['weekdays'])})\b\.?,?",
        "updated": rf"(?:{alternation(data['updated_words'])})\b\s*:?",
        "published": rf"(?:{alternation(data['published_words'])})\b\s*:?",
        "connector": rf"(?:{alternation(data['connectors'])})",
    }
    return DateWords(
        months=data["months"],
        zones={name: _zone(entry) for name, entry in data["zones"].items()},
        tokens=tuple(
            (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in tokens.items()
        ),
    )


def _year(text: str) -> int:
    year = int(text)
    return year if len(text) == 4 else 2000 + year if year < 70 else 1900 + year


def _read_iso(reading: _Reading, match: re.Match[str], words: DateWords) -> None:
    reading.moment.complete = datetime.fromisoformat(match.group().replace(" ", "T"))


def _read_numeric(reading: _Reading, match: re.Match[str], words: DateWords) -> None:
    a, b = int(match["a"]), int(match["b"])
    reading.moment.numeric = (a, b)
    reading.moment.year = _year(match["year"])
    if a > 12:
        reading.number_orders.add("dmy")
    elif b > 12:
        reading.number_orders.add("mdy")


def _read_named(reading: _Reading, match: re.Match[str], words: DateWords) -> None:
    reading.moment.day = int(match["day"])
    reading.moment.month = words.months[match["month"].lower()]
    reading.moment.year = int(match["year"])


def _read_time(reading: _Reading, match: re.Match[str], words: DateWords) -> None:
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or match["half2"] or "").lower()[:1]
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    reading.moment.time = (hour, minute, int(match["second"] or 0))


def _read_offset(reading: _Reading, match: re.Match[str], words: DateWords) -> None:
    sign = -1 if match["sign"] == "-" else 1
    delta = timedelta(hours=int(match["hours"]), minutes=int(match["minutes"] or 0))
    reading.moment.tz = timezone(sign * delta)


def _read_zone(reading: _Reading, match: re.Match[str], words: DateWords) -> None:
    zone = words.zones[match["zone"]]
    reading.moment.tz = zone.tz
    if zone.order:
        reading.zone_orders.add(zone.order)


def _read_keyword(field_name: str) -> Callable[[_Reading, re.Match[str], DateWords], None]:
    def read(reading: _Reading, match: re.Match[str], words: DateWords) -> None:
        reading.current = field_name
        reading.labelled = True

    return read


def _skip(reading: _Reading, match: re.Match[str], words: DateWords) -> None:
    """Weekdays and connectors carry no date."""


_READERS: dict[str, Callable[[_Reading, re.Match[str], DateWords], None]] = {
    "iso": _read_iso,
    "numeric": _read_numeric,
    "day_month": _read_named,
    "month_day": _read_named,
    "time": _read_time,
    "offset": _read_offset,
    "zone": _read_zone,
    "weekday": _skip,
    "updated": _read_keyword("updated"),
    "published": _read_keyword("published"),
    "connector": _skip,
}


def _tokens(line: str, words: DateWords) -> list[tuple[str, re.Match[str]]] | None:
    """The line as dateline tokens, or None if anything else is on it."""
    found = []
    position = 0
    while position < len(line):
        if line[position].isspace():
            position += 1
            continue
        for kind, pattern in words.tokens:
            match = pattern.match(line, position)
            if match and match.end() > position:
                found.append((kind, match))
                position = match.end()
                break
        else:
            return None
    return found


def _moment(moment: _Moment, day_first: bool, fallback: _Moment | None) -> datetime | None:
    if moment.complete is not None:
        return moment.complete
    if moment.numeric is not None:
        first, second = moment.numeric
        moment.day, moment.month = (first, second) if day_first else (second, first)
    if moment.year is None and fallback is not None and moment.time is not None:
        moment.day, moment.month, moment.year = fallback.day, fallback.month, fallback.year
    if moment.year is None or moment.month is None or moment.day is None:
        return None
    hour, minute, second = moment.time or (0, 0, 0)
    return datetime(moment.year, moment.month, moment.day, hour, minute, second, tzinfo=moment.tz)


def parse_dateline(line: str, *, outlet: str | None = None) -> Dateline | None:
    """The dates on ``line`` if the line is a dateline and nothing else."""
    words = _date_words()
    tokens = _tokens(line, words)
    if not tokens or _DATE_TOKENS.isdisjoint(kind for kind, _ in tokens):
        return None
    reading = _Reading()
    for kind, match in tokens:
        _READERS[kind](reading, match, words)
    orders = reading.number_orders or reading.zone_orders
    if len(orders) > 1:
        return None
    day_first = "dmy" in orders if orders else writes_day_first(outlet)
    try:
        published = _moment(reading.moments["published"], day_first, None)
        updated = _moment(reading.moments["updated"], day_first, reading.moments["published"])
    except ValueError:
        return None
    if published is None and updated is None:
        return None
    return Dateline(published, updated, reading.labelled)
