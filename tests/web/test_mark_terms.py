"""Search words marked in a quote: the text stays the text, escaped, whatever the search."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from quotegraph.web.app import mark_terms


def test_words_of_the_search_are_marked_whatever_their_case() -> None:
    marked = mark_terms("The Harbour wall, said the harbour master.", 'harbour "wall"')
    assert str(marked) == (
        "The <mark>Harbour</mark> <mark>wall</mark>, said the <mark>harbour</mark> master."
    )


def test_markup_in_the_text_or_the_search_stays_text() -> None:
    marked = mark_terms("<b>bold</b> & plain", "<b> bold")
    assert "<b>" not in str(marked)
    assert "<mark>bold</mark>" in str(marked)


@given(st.text(max_size=80), st.text(max_size=30))
def test_unmarking_gives_back_the_text(text: str, search: str) -> None:
    marked = str(mark_terms(text, search))
    assert html.unescape(marked.replace("<mark>", "").replace("</mark>", "")) == text
    assert "<" not in marked.replace("<mark>", "").replace("</mark>", "")
