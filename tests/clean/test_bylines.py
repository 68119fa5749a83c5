"""Reading authors from bylines."""

from __future__ import annotations

from datetime import datetime

import pytest

from quotegraph.clean.bylines import parse_byline, split_names
from quotegraph.clean.rules import furniture_rules

BYLINES = [
    ("By Jane Roe", ("Jane Roe",), None),
    ("By Jane Roe, Political Correspondent", ("Jane Roe",), None),
    ("By Jane Roe and Tom Poe", ("Jane Roe", "Tom Poe"), None),
    ("By Jane Roe, Tom Poe and Ann de la Cruz", ("Jane Roe", "Tom Poe", "Ann de la Cruz"), None),
    ("BY JANE ROE", ("Jane Roe",), None),
    ("By Jane Roe and Tom Poe, The Harbourtown Lantern", ("Jane Roe", "Tom Poe"), None),
    ("Written by Ada Finch.", ("Ada Finch",), None),
    ("By Jane Roe | Harbourtown Lantern | 12 March 2019", ("Jane Roe",), datetime(2019, 3, 12)),
]


@pytest.mark.parametrize(("line", "authors", "published"), BYLINES)
def test_byline_gives_authors(
    line: str, authors: tuple[str, ...], published: datetime | None
) -> None:
    """Names are split at commas and "and"; a role or outlet after them is left out."""
    byline = parse_byline(line, furniture_rules().byline)
    assert byline is not None
    assert (byline.authors, byline.published) == (authors, published)


NOT_BYLINES = [
    "By Tuesday, the council had voted.",
    "By contrast, the neighbouring town kept its pier open.",
    "By March 2019 the pier had closed.",
    "By Jane Roe, the council said.",
    "Jane Roe, Political Correspondent",
    "By Harbourtown",
]


@pytest.mark.parametrize("line", NOT_BYLINES)
def test_prose_starting_with_by_is_not_a_byline(line: str) -> None:
    """Anything after "By" that is not names (and a role) makes it prose."""
    assert parse_byline(line, furniture_rules().byline) is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jane Roe", ("Jane Roe",)),
        ("Jane Roe and Tom Poe", ("Jane Roe", "Tom Poe")),
        ("Jane Roe, Tom Poe and Ann Lee", ("Jane Roe", "Tom Poe", "Ann Lee")),
        ("Jane Roe; Tom Poe", ("Jane Roe", "Tom Poe")),
        ("Jane Roe & Tom Poe", ("Jane Roe", "Tom Poe")),
        ("  ", ()),
    ],
)
def test_split_names(text: str, names: tuple[str, ...]) -> None:
    """A written-out list of names splits at commas, semicolons, "and" and "&"."""
    assert split_names(text) == names
