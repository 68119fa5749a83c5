"""The furniture rules of ``data/furniture.toml``, compiled once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from quotegraph.clean.datafiles import alternation, read_toml


@dataclass(frozen=True, slots=True)
class LineRule:
    """Lines that match ``pattern`` whole, and are at most ``max_chars`` long,
    are furniture of ``kind``; ``opens_tail`` marks the start of a comment
    section that runs to the end of the page."""

    kind: str
    pattern: re.Pattern[str]
    max_chars: int
    opens_tail: bool = False

    def matches(self, line: str) -> bool:
        """True when the whole of ``line`` is this rule's furniture."""
        return len(line) <= self.max_chars and self.pattern.fullmatch(line) is not None


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
    head_lines: int

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


def _line_rule(entry: dict[str, Any], placeholders: dict[str, str]) -> LineRule:
    flags = 0 if entry.get("case_sensitive", False) else re.IGNORECASE
    return LineRule(
        kind=entry["kind"],
        pattern=_any_of(entry["patterns"], placeholders, flags),
        max_chars=entry["max_chars"],
        opens_tail=entry.get("opens_tail", False),
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
    }
    caption, headline, byline = data["caption"], data["headline"], data["byline"]
    return FurnitureRules(
        lines=tuple(_line_rule(entry, placeholders) for entry in data["rule"]),
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
        head_lines=data["head"]["lines"],
    )
