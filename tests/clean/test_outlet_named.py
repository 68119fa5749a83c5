"""The outlet's name from the page itself: copyright lines, footers, mastheads, page titles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotegraph import analyze
from quotegraph.clean import clean
from quotegraph.clean.outlet import outlet_named

BODY = (
    "The ferry timetable will change in March, the operator said on Tuesday.\n\n"
    "Passengers on the early crossing from Norrvik said they had not been told.\n"
)


@pytest.mark.parametrize(
    ("furniture", "outlet"),
    [
        ([("footer", "© Norrvik Courier 2021. All rights reserved.")], "Norrvik Courier"),
        ([("footer", "Copyright 2019 The Lantern Ltd")], "The Lantern"),
        ([("footer", "(c) 2018-2020 Harbourline Press")], "Harbourline Press"),
        (
            [("footer", "The Quay Post, part of Saltmarsh Media Ltd. Terms | Privacy")],
            "The Quay Post",
        ),
        ([("masthead", "COASTWATCH DAILY")], "Coastwatch Daily"),
        ([("masthead", "THE VOICE OF THE ISLES")], "The Voice of the Isles"),
        ([("headline", "Ferry fares rise again | Field & Furrow")], "Field & Furrow"),
        # The copyright line wins over a masthead that might be a tagline.
        (
            [("masthead", "Port Eskell Gazette"), ("footer", "© Gazette Media 2020")],
            "Gazette Media",
        ),
        # Shapes that are not names.
        ([("masthead", "The weekly for farming in the south-west")], None),
        ([("footer", "All rights reserved.")], None),
        ([("headline", "Ferry fares rise again")], None),
        ([("caption", "© Lena Brandt")], None),
    ],
)
def test_outlet_named(furniture: list[tuple[str, str]], outlet: str | None) -> None:
    assert outlet_named(furniture) == outlet


def test_a_plain_text_article_gets_its_outlet_from_its_copyright_line() -> None:
    text = BODY + "\n© Norrvik Courier 2021\n"
    assert clean(text).outlet == "Norrvik Courier"
    assert analyze(text).meta.outlet == "Norrvik Courier"
    assert analyze(text, outlet="Ferry News").meta.outlet == "Ferry News"


def test_an_article_without_furniture_has_no_outlet() -> None:
    assert clean(BODY).outlet is None


@given(st.lists(st.tuples(st.sampled_from(["footer", "masthead", "headline"]), st.text())))
def test_a_named_outlet_is_always_words_of_the_page(furniture: list[tuple[str, str]]) -> None:
    named = outlet_named(furniture)
    if named is not None:
        assert named == named.strip() and named
        assert any(named.casefold() in " ".join(text.split()).casefold() for _, text in furniture)
