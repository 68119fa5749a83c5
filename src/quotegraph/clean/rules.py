"""The furniture rules of ``data/furniture.toml``, compiled once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from quotegraph.clean.datafiles import alternation, read_toml


@dataclass(frozen=True, slots=True)
class Reporting:
    """What makes a line read as reporting: a quotation mark or a reporting word."""

    quote_marks: frozenset[str]
    words: frozenset[str]

    def shows_in(self, line: str) -> bool:
        """True when ``line`` quotes someone or reports what someone said."""
        return any(mark in line for mark in self.quote_marks) or self.uses_a_reporting_word(line)

    def uses_a_reporting_word(self, line: str) -> bool:
        """True when ``line`` has a reporting word ("said", "according")."""
        return not self.words.isdisjoint(re.findall(r"\w+", line.lower()))


@dataclass(frozen=True, slots=True)
class LineRule:
    """Lines that match ``pattern`` whole, and are at most ``max_chars`` long,
    are furniture of ``kind``; ``opens_tail`` marks the start of a comment
    section that runs to the end of the page. With ``unless`` set, a line that
    reads as reporting is never this rule's furniture."""

    kind: str
    pattern: re.Pattern[str]
    max_chars: int
    opens_tail: bool = False
    unless: Reporting | None = None

    def matches(self, line: str) -> bool:
        """True when the whole of ``line`` is this rule's furniture."""
        if len(line) > self.max_chars or self.pattern.fullmatch(line) is None:
            return False
        return self.unless is None or not self.unless.shows_in(line)


@dataclass(frozen=True, slots=True)
class MarketingRule:
    """What an advertisement says: calls to action, prices and offers."""

    max_chars: int
    min_calls: int
    calls: tuple[re.Pattern[str], ...]
    prices: tuple[re.Pattern[str], ...]
    offers: tuple[re.Pattern[str], ...]
    reporting: Reporting

    def _count(self, patterns: tuple[re.Pattern[str], ...], line: str) -> int:
        return sum(pattern.search(line) is not None for pattern in patterns)

    def sells(self, line: str) -> bool:
        """True for a line that is an advert on its own: enough calls to
        action, or one and a price, and no reporting."""
        if len(line) > self.max_chars or self.reporting.shows_in(line):
            return False
        calls = self._count(self.calls, line)
        return calls >= self.min_calls or (calls >= 1 and self._count(self.prices, line) >= 1)

    def calls_or_prices(self, line: str) -> bool:
        """True for a line with a call to action or a price in it."""
        return any(pattern.search(line) is not None for pattern in (*self.calls, *self.prices))

    def offers_something(self, line: str) -> bool:
        """True for a line with a word of an offer in it ("sale", "tickets")."""
        return any(pattern.search(line) is not None for pattern in self.offers)


@dataclass(frozen=True, slots=True)
class BlockRule:
    """A label (``pattern``) that heads up to ``max_lines`` lines of furniture
    of ``kind`` in its own paragraph; ``needs`` says what those lines must
    look like ("advert" or "teaser")."""

    kind: str
    needs: str
    max_lines: int
    max_chars: int
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class PageHeadRule:
    """The shapes of the furniture that only the head of a page holds."""

    lines: int
    prose_words: int
    long_words: int
    masthead: re.Pattern[str]
    navigation: re.Pattern[str]
    spaced_navigation: re.Pattern[str]
    min_section_words: int
    section_words: re.Pattern[str]
    label: re.Pattern[str]
    tagline_words: int


@dataclass(frozen=True, slots=True)
class CaptionRule:
    """What a line next to a credit must look like to be taken as its caption."""

    max_chars: int
    quote_marks: frozenset[str]
    reporting_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class HeadlineRule:
    """What a first line must look like to be taken as a headline without a title."""

    max_chars: int
    max_words: int
    min_title_case_words: int
    title_case_share: float
    small_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class BylineRule:
    """How bylines and the credit lines at the foot of wire copy are written."""

    prefix: re.Pattern[str]
    role_words: frozenset[str]
    name_particles: frozenset[str]
    trailer: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class FurnitureRules:
    """Everything cleaning knows about page furniture."""

    lines: tuple[LineRule, ...]
    caption: CaptionRule
    headline: HeadlineRule
    byline: BylineRule
    head: PageHeadRule
    marketing: MarketingRule
    blocks: tuple[BlockRule, ...]
    reporting: Reporting

    def kind_of(self, line: str) -> LineRule | None:
        """The first rule whose furniture ``line`` is, if any."""
        return next((rule for rule in self.lines if rule.matches(line)), None)


def _any_of(patterns: list[str], placeholders: dict[str, str], flags: int) -> re.Pattern[str]:
    expanded = []
    for pattern in patterns:
        for name, value in placeholders.items():
            pattern = pattern.replace("{" + name + "}", value)
        expanded.append(f"(?:{pattern})")
    return re.compile("|".join(expanded), flags)


def _line_rule(
    entry: dict[str, Any], placeholders: dict[str, str], reporting: Reporting
) -> LineRule:
    flags = 0 if entry.get("case_sensitive", False) else re.IGNORECASE
    return LineRule(
        kind=entry["kind"],
        pattern=_any_of(entry["patterns"], placeholders, flags),
        max_chars=entry["max_chars"],
        opens_tail=entry.get("opens_tail", False),
        unless=reporting if entry.get("unless_reporting", False) else None,
    )


def _each(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)


def _marketing(entry: dict[str, Any], reporting: Reporting) -> MarketingRule:
    return MarketingRule(
        max_chars=entry["max_chars"],
        min_calls=entry["min_calls"],
        calls=_each(entry["calls"]),
        prices=_each(entry["prices"]),
        offers=_each(entry["offers"]),
        reporting=reporting,
    )


def _block_rule(entry: dict[str, Any]) -> BlockRule:
    if entry["needs"] not in ("advert", "teaser"):
        raise ValueError(f"furniture.toml: a block needs 'advert' or 'teaser': {entry['needs']!r}")
    return BlockRule(
        kind=entry["kind"],
        needs=entry["needs"],
        max_lines=entry["max_lines"],
        max_chars=entry["max_chars"],
        pattern=_any_of(entry["patterns"], {}, re.IGNORECASE),
    )


def _page_head(head: dict[str, Any]) -> PageHeadRule:
    word = r"[A-Z][\w&'’.-]*"
    publication = alternation(head["publication_words"])
    item = head["nav_item"]
    separator = "[" + re.escape(head["nav_separators"]) + "]"
    return PageHeadRule(
        lines=head["lines"],
        prose_words=head["prose_words"],
        long_words=head["long_words"],
        masthead=re.compile(
            rf"(?:The\s+)?(?:{word}\s+|&\s+){{0,{head['masthead_words'] - 1}}}(?i:{publication})"
        ),
        navigation=re.compile(rf"{separator}?\s*{item}(?:\s*{separator}\s*{item})+\s*{separator}?"),
        spaced_navigation=re.compile(rf"{word}(?:\s+(?:{word}|&))+"),
        min_section_words=head["min_section_words"],
        section_words=re.compile(rf"\b(?:{alternation(head['section_words'])})\b", re.IGNORECASE),
        label=re.compile(rf"[A-Z][A-Z&'’-]*(?:\s+[A-Z&][A-Z&'’-]*){{0,{head['label_words'] - 1}}}"),
        tagline_words=head["tagline_words"],
    )


@functools.cache
def furniture_rules() -> FurnitureRules:
    """The compiled rules of ``data/furniture.toml``."""
    data = read_toml("furniture.toml")
    placeholders = {
        "agency": f"{alternation(data['agencies'])}|{data['agency_shape']}",
        "control": alternation(data["controls"]),
        "glued_control": alternation(
            label for label in data["controls"] if len(label) >= 4 and " " not in label
        ),
        "css": alternation(data["css_properties"]),
        "legal": alternation(data["legal_links"]),
    }
    caption, headline, byline = data["caption"], data["headline"], data["byline"]
    reporting = Reporting(
        quote_marks=frozenset(caption["quote_marks"]),
        words=frozenset(caption["reporting_words"]),
    )
    return FurnitureRules(
        lines=tuple(_line_rule(entry, placeholders, reporting) for entry in data["rule"]),
        caption=CaptionRule(
            max_chars=caption["max_chars"],
            quote_marks=frozenset(caption["quote_marks"]),
            reporting_words=frozenset(caption["reporting_words"]),
        ),
        headline=HeadlineRule(
            max_chars=headline["max_chars"],
            max_words=headline["max_words"],
            min_title_case_words=headline["min_title_case_words"],
            title_case_share=headline["title_case_share"],
            small_words=frozenset(headline["small_words"]),
        ),
        byline=BylineRule(
            prefix=re.compile(rf"(?:{alternation(byline['prefixes'])})\s+", re.IGNORECASE),
            role_words=frozenset(byline["role_words"]),
            name_particles=frozenset(byline["name_particles"]),
            trailer=_any_of(byline["trailers"], {}, re.IGNORECASE),
        ),
        head=_page_head(data["head"]),
        marketing=_marketing(data["marketing"], reporting),
        blocks=tuple(_block_rule(entry) for entry in data["block"]),
        reporting=reporting,
    )
