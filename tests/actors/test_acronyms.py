"""Acronyms and the names they stand for, shared by the linking inside and across articles."""

from __future__ import annotations

import pytest

from quotegraph.actors.acronyms import (
    acronym_of,
    acronyms_beside,
    defined_beside,
    initials,
    is_acronym,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CFA", True),
        ("the NFA", True),
        ("H&S", True),
        ("Coastal Farmers Alliance", False),
        ("A", False),
        ("Nfa", False),
    ],
)
def test_is_acronym(name: str, expected: bool) -> None:
    """One word of two to eight capitals, after an optional "the", is an acronym."""
    assert is_acronym(name) is expected


def test_acronym_of_leaves_out_the() -> None:
    """The acronym a name writes has no leading "the"."""
    assert acronym_of("the CFA") == "CFA"


def test_initials_skip_small_words() -> None:
    """Initials leave out the small words acronyms skip."""
    assert initials("Health and Care Workers' Union") == "HCWU"


DEFINITIONS = [
    pytest.param(
        "The Coastal Farmers Alliance (CFA) met.",
        "The Coastal Farmers Alliance",
        "CFA",
        id="defined",
    ),
    pytest.param(
        "The Coastal Farmers Alliance (CFA) met.",
        "The Coastal Farmers Alliance (CFA)",
        "CFA",
        id="defined inside the name's span",
    ),
    pytest.param(
        "The Organisation for Marsh Co-operation and Drainage (OMCD) met.",
        "The Organisation for Marsh Co-operation and Drainage",
        "OMCD",
        id="defined over skipped words",
    ),
    pytest.param(
        "The Harbour Trust (UK) said the pier would reopen.",
        "The Harbour Trust",
        None,
        id="a country in brackets is no acronym of the name",
    ),
    pytest.param(
        "The Harbour Trust, (HT) said", "The Harbour Trust", None, id="not right after the name"
    ),
]


@pytest.mark.parametrize(("text", "name", "acronym"), DEFINITIONS)
def test_defined_beside(text: str, name: str, acronym: str | None) -> None:
    """An acronym in brackets right after a name, beginning with its first initial, is defined."""
    start = text.index(name)
    expected = [] if acronym is None else [acronym]
    assert defined_beside(text, start, start + len(name)) == expected


def test_acronyms_beside_forms() -> None:
    """An acronym among an entity's forms is its own when the initials allow it."""
    assert acronyms_beside("Coastal Farmers Alliance", ("Coastal Farmers Alliance", "CFA")) == {
        "CFA"
    }
    assert acronyms_beside("Coastal Farmers Alliance", ("UK",)) == set()
