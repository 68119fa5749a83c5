"""Where an attribution's spans end: closed parentheses, a source's apposition comma, datelines."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.spans import at

from quotegraph.quotes.edges import dateline_end, settle_edges
from quotegraph.records import Quote


def quote(text: str, content: str, cue: str, source: str) -> Quote:
    """An indirect quote with its spans found in ``text``."""
    return Quote(
        content=(at(text, content),), kind="indirect", cue=at(text, cue), source=at(text, source)
    )


@pytest.mark.parametrize(
    ("text", "source", "settled"),
    [
        (
            "Lena Obi, a nurse at the clinic, said the ward was full.",
            "Lena Obi, a nurse at the clinic",
            "Lena Obi, a nurse at the clinic,",
        ),
        (
            "Rep. Jo Ames (D-Ore.) said the ward was full.",
            "Rep. Jo Ames (D-Ore.",
            "Rep. Jo Ames (D-Ore.)",
        ),
        (
            "Rep. Jo Ames (D-Ore.), the chair, said the ward was full.",
            "Rep. Jo Ames (D-Ore.), the chair",
            "Rep. Jo Ames (D-Ore.), the chair,",
        ),
        ("Lena Obi said the ward was full.", "Lena Obi", "Lena Obi"),
        ("Obi, however, said the ward was full.", "Obi", "Obi"),
        ("Lena Obi, a nurse, said the ward was full.", "Lena Obi, a nurse,", "Lena Obi, a nurse,"),
        ("Ames (of (Hale)) said the ward was full.", "Ames (of (Hale", "Ames (of (Hale))"),
        ("9:40 a.m.\n\nLena Obi said the ward was full.", "9:40 a.m.\n\nLena Obi", "Lena Obi"),
        ("CARROWMERE -- Lena Obi said the ward was full.", "CARROWMERE -- Lena Obi", "Lena Obi"),
        (
            "PORT ESKELL (AP) \u2014 Lena Obi said the ward was full.",
            "PORT ESKELL (AP) \u2014 Lena Obi",
            "Lena Obi",
        ),
        (
            "FORT HALE, N.D. (AP) \u2014 Lena Obi said the ward was full.",
            "FORT HALE, N.D. (AP) \u2014 Lena Obi",
            "Lena Obi",
        ),
        (
            "Ward 4.\nPORT ESKELL, Ore. - Lena Obi said the ward was full.",
            "PORT ESKELL, Ore. - Lena Obi",
            "Lena Obi",
        ),
        ("The NHS - and Obi - said the ward was full.", "The NHS - and Obi", "The NHS - and Obi"),
        ("Obi met OSLO - and Ames said the ward was full.", "OSLO - and Ames", "OSLO - and Ames"),
    ],
)
def test_source_edges(text: str, source: str, settled: str) -> None:
    """A source closes the parenthesis it opens, keeps the comma ending its apposition, and
    loses a dateline and any line but its last."""
    found = settle_edges(text, quote(text, "the ward was full", "said", source))
    assert found.source == at(text, settled)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("PORT ESKELL, Ore. - Lena Obi said the ward was full.", "PORT ESKELL, Ore."),
        ("Ward 4.\nCARROWMERE (AP) \u2014 Obi said the ward was full.", "CARROWMERE"),
    ],
)
def test_a_source_within_the_dateline_is_no_source(text: str, source: str) -> None:
    """A source that is only (part of) the story's dateline is dropped with its speaker."""
    given_quote = quote(text, "the ward was full", "said", source)
    found = settle_edges(text, dataclasses.replace(given_quote, speaker=3))
    assert (found.source, found.speaker) == (None, None)


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("WASHINGTON -- Ames said", "WASHINGTON -- "),
        ("MYRTLE BEACH, S.C. (AP) \u2014 Ames said", "MYRTLE BEACH, S.C. (AP) \u2014 "),
        ("PORTLAND, Maine - Ames said", "PORTLAND, Maine - "),
        ("ST. LOUIS \u2013 Ames said", "ST. LOUIS \u2013 "),
        ("LONDON (Reuters) - Ames said", "LONDON (Reuters) - "),
        ("A - Ames said", None),
        ("Washington - Ames said", None),
        ("VOTERS CARE MORE ABOUT CANDIDATES - Ames said", None),
        ("WASHINGTON Ames said", None),
    ],
)
def test_datelines(line: str, dateline: str | None) -> None:
    """A dateline is one to three upper-case words of place, perhaps a state or country and
    an agency, and a dash."""
    assert dateline_end(line, 0) == (None if dateline is None else len(dateline))


def test_content_keeps_commas_but_closes_parentheses() -> None:
    """A content with a comma before the next comma does not take it; its parenthesis closes."""
    text = "She said the ward, and the hall, were full (both wings), and left."
    found = settle_edges(text, quote(text, "the ward, and the hall", "said", "She"))
    assert found.content == (at(text, "the ward, and the hall"),)
    found = settle_edges(
        text, quote(text, "the ward, and the hall, were full (both wings", "said", "She")
    )
    assert found.content == (at(text, "the ward, and the hall, were full (both wings)"),)


@pytest.mark.parametrize(
    ("text", "content", "settled"),
    [
        ('"The ward is full," she said.', "The ward is full,", '"The ward is full,"'),
        (
            "\u201cThe ward is full,\u201d she said.",
            "The ward is full,",
            "\u201cThe ward is full,\u201d",
        ),
        ("''The ward is full,'' she said.", "The ward is full,", "''The ward is full,''"),
        (
            "She said the ward was \u201cfull\u201d today.",
            "the ward was \u201cfull",
            "the ward was \u201cfull\u201d",
        ),
        ("Obi's ward is full, she said.", "s ward is full", "s ward is full"),
        ("She said the ward's doors were shut.", "the ward", "the ward"),
    ],
)
def test_content_takes_its_quotation_marks(text: str, content: str, settled: str) -> None:
    """A content takes the quotation marks that touch it, but not an apostrophe inside a word."""
    found = settle_edges(text, quote(text, content, "said", "she" if "she" in text else "She"))
    assert found.content == (at(text, settled),)


@pytest.mark.parametrize(
    ("text", "cue", "settled"),
    [
        ("Obi said: the ward is full.", "said", "said:"),
        ("Obi said the ward is full.", "said", "said"),
        ("Obi, in a note\nsaid the ward is full.", "note\nsaid", "said"),
    ],
)
def test_cue_takes_its_colon(text: str, cue: str, settled: str) -> None:
    """A cue followed by a colon takes it; one across a line break keeps its last line."""
    found = settle_edges(text, quote(text, "the ward is full", cue, "Obi"))
    assert found.cue == at(text, settled)


@given(st.text(alphabet="aA,.():'\"\u201c\u201d -\n", min_size=1, max_size=30), st.data())
def test_settled_spans_stay_in_text_and_settle_once(text: str, data: st.DataObject) -> None:
    """Settled spans that began and ended on visible characters are non-empty and within the
    text, a content only grows by punctuation, and settling again changes nothing."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assume(not text[start].isspace() and not text[end - 1].isspace())
    given_quote = Quote(
        content=((start, end),), kind="indirect", cue=(start, end), source=(start, end)
    )
    settled = settle_edges(text, given_quote)
    if settled.source is None:  # only where its last line opens with a dateline
        assert dateline_end(text, text.rfind("\n", 0, end - 1) + 1) is not None
    spans = [settled.content[0], settled.cue, *([settled.source] if settled.source else [])]
    for span in spans:
        assert span is not None
        assert 0 <= span[0] < span[1] <= len(text)
    content_start, content_end = settled.content[0]
    assert content_start <= start and end <= content_end
    assert not (text[content_start:start] + text[end:content_end]).strip("),:'\"\u201c\u201d")
    assert settle_edges(text, settled) == settled
