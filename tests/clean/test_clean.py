"""clean(): whole lines out, paragraphs rejoined, offsets exact, the head read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.clean import Cleaned, clean

from .test_furniture import FURNITURE, MUST_KEEP

JOINS = [
    pytest.param(
        "para one\n\nTom Poe/Reuters\n\npara two",
        "para one\n\npara two",
        id="credit between paragraphs",
    ),
    pytest.param(
        "“We had no choice,\n\nTom Poe/Reuters\n\nbut we will rebuild,” she said.",
        "“We had no choice,\n\nbut we will rebuild,” she said.",
        id="quote running across a credit",
    ),
    pytest.param(
        "para one\r\n\r\nAdvertisement\r\n\r\npara two\r\n",
        "para one\r\n\r\npara two\r\n",
        id="CRLF line endings",
    ),
    pytest.param(
        "para one\rAdvertisement\rpara two",
        "para one\rpara two",
        id="CR line endings",
    ),
    pytest.param(
        "para one\nAdvertisement\npara two\n",
        "para one\npara two\n",
        id="single line breaks",
    ),
    pytest.param(
        "para one\nTom Poe/Reuters\n\npara two",
        "para one\n\npara two",
        id="credit closing a paragraph",
    ),
    pytest.param(
        "Advertisement\n\n\npara one\n\npara two",
        "para one\n\npara two",
        id="furniture at the start",
    ),
    pytest.param(
        "para one\n\npara two\n\nTags: pier\nShare\n",
        "para one\n\npara two\n",
        id="furniture at the end",
    ),
    pytest.param(
        "para one\n\nShare\n\nAdvertisement\n\n\npara two",
        "para one\n\npara two",
        id="several furniture lines",
    ),
    pytest.param(
        "para one\n\n\n\npara two\n\n",
        "para one\n\n\n\npara two\n\n",
        id="blank lines without furniture are kept",
    ),
    pytest.param("", "", id="empty text"),
]


@pytest.mark.parametrize(("text", "expected"), JOINS)
def test_removed_lines_take_their_breaks_and_paragraphs_rejoin(text: str, expected: str) -> None:
    """Paragraphs around removed lines join with one of the separators they had."""
    assert clean(text).text == expected


def test_removed_spans_name_their_kind_and_original_offsets() -> None:
    """Removed spans are offsets into the original, with blank separators as 'blank'."""
    text = "para one\n\nTom Poe/Reuters\n\npara two"
    cleaned = clean(text)
    assert [(text[r.start : r.end], r.kind) for r in cleaned.removed] == [
        ("Tom Poe/Reuters\n", "credit"),
        ("\n", "blank"),
    ]
    start = cleaned.text.index("para two")
    assert cleaned.offsets.to_original(start) == text.index("para two")


PAGE = """Harbour Council Votes To Close Old Pier

By Jane Roe and Tom Poe, Local Affairs Correspondents
12/03/2019 08:41 GMT | Updated 12/03/2019 10:02 GMT

The council voted on Tuesday to close the old pier.

He declined to comment.
"""


def test_head_of_a_page_gives_headline_authors_and_dates() -> None:
    """Byline and dateline are removed and, with the headline, returned as metadata;
    the headline stays to open the text."""
    cleaned = clean(PAGE)
    assert cleaned.text == (
        "Harbour Council Votes To Close Old Pier\n\n"
        "The council voted on Tuesday to close the old pier.\n\nHe declined to comment.\n"
    )
    assert cleaned.headline == "Harbour Council Votes To Close Old Pier"
    assert cleaned.authors == ("Jane Roe", "Tom Poe")
    assert cleaned.published == datetime(2019, 3, 12, 8, 41, tzinfo=UTC)
    assert cleaned.updated == datetime(2019, 3, 12, 10, 2, tzinfo=UTC)
    kinds = [r.kind for r in cleaned.removed if r.kind != "blank"]
    assert kinds == ["byline", "dateline"]
    assert cleaned.headline_span is not None
    assert cleaned.text[slice(*cleaned.headline_span)] == cleaned.headline


HEADLINES = [
    pytest.param(
        "Council votes to close old pier\n\nThe council voted on Tuesday.\n",
        "Council votes to close old pier",
        "Council votes to close old pier",
        id="equal to the title",
    ),
    pytest.param(
        "Council votes to close old pier.\n\nThe council voted on Tuesday.\n",
        "Council votes to close old pier | The Harbourtown Lantern",
        "Council votes to close old pier.",
        id="title with the outlet's name",
    ),
    pytest.param(
        "Council votes to close pier; \nRepairs too costly, engineers say.\n\nThe council voted.\n",
        "Council votes to close pier; Repairs too costly, engineers say",
        "Council votes to close pier; Repairs too costly, engineers say.",
        id="title over two lines",
    ),
    pytest.param(
        "Council Votes To Close Old Pier.\n\nThe council voted on Tuesday.\n",
        None,
        "Council Votes To Close Old Pier.",
        id="title case without a title",
    ),
    pytest.param(
        "Council votes to close old pier\n\nThe council voted on Tuesday.\n",
        None,
        "Council votes to close old pier",
        id="no closing punctuation without a title",
    ),
]


@pytest.mark.parametrize(("text", "title", "headline"), HEADLINES)
def test_first_line_repeating_the_title_is_the_headline(
    text: str, title: str | None, headline: str
) -> None:
    """The headline is returned and stays in the text, which it opens."""
    cleaned = clean(text, title=title)
    assert cleaned.headline == headline
    assert cleaned.text == text
    assert cleaned.headline_span is not None
    assert cleaned.text[slice(*cleaned.headline_span)] == text[: text.index("\n\n")].rstrip()


NOT_HEADLINES = [
    pytest.param(
        "Council votes to close old pier.\n\nThe council voted.\n", None, id="sentence case"
    ),
    pytest.param(
        "Council Votes To Close Old Pier\nThe council voted.\n", None, id="not standing alone"
    ),
    pytest.param(
        "Council Votes To Close Old Pier\n\nThe council voted.\n", "Budget set", id="other title"
    ),
    pytest.param("He declined to comment.\n\nThe council voted.\n", None, id="short prose"),
    pytest.param("Council Votes To Close Old Pier\n", None, id="the only line"),
]


@pytest.mark.parametrize(("text", "title"), NOT_HEADLINES)
def test_first_line_that_may_be_prose_is_kept(text: str, title: str | None) -> None:
    """Without certainty the first line stays in the article."""
    cleaned = clean(text, title=title)
    assert cleaned.headline is None
    assert cleaned.text == text


def test_outlet_decides_the_order_of_an_ambiguous_date() -> None:
    """An outlet that writes day first turns 04/05 into 4 May."""
    text = "04/05/2019\n\nThe council voted on Tuesday.\n"
    assert clean(text).published == datetime(2019, 4, 5)
    assert clean(text, outlet="harbourtownlantern.co.uk").published == datetime(2019, 5, 4)


def test_bare_date_deep_in_the_body_is_not_the_publication_date() -> None:
    """Only the head of the page, or a labelled dateline, dates the article."""
    body = "".join(f"Paragraph {n} of the report on the pier.\n\n" for n in range(15))
    cleaned = clean(body + "Friday, December 4, 2015.\n")
    assert cleaned.published is None
    assert cleaned.text == body.rstrip("\n") + "\n"


# Property tests: documents built from prose that must stay and furniture that must go.

PROSE = st.sampled_from(MUST_KEEP) | st.lists(
    st.sampled_from(
        ["pier", "council", "voted", "storm", "the", "repair", "of", "residents", "on"]
    ),
    min_size=4,
    max_size=10,
).map(lambda words: " ".join(words).capitalize() + ".")
FURNITURE_LINES = st.sampled_from([line for line, kind in FURNITURE if kind != "byline"])
BREAKS = st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n\n\n", "\n \n"])


@st.composite
def documents(draw: st.DrawFn, furniture: bool = True) -> str:
    """A page of prose lines, perhaps with furniture lines among them."""
    lines = draw(st.lists(PROSE | FURNITURE_LINES if furniture else PROSE, min_size=1, max_size=8))
    breaks = draw(st.lists(BREAKS, min_size=len(lines), max_size=len(lines)))
    return "".join(line + brk for line, brk in zip(lines, breaks, strict=True))


def _check_partition(text: str, cleaned: Cleaned) -> None:
    position = 0
    kept = []
    for item in cleaned.removed:
        assert position <= item.start < item.end <= len(text)
        kept.append(text[position : item.start])
        position = item.end
    kept.append(text[position:])
    assert "".join(kept) == cleaned.text


@settings(max_examples=80, deadline=None)
@given(documents(furniture=False))
def test_furniture_free_text_is_left_alone(text: str) -> None:
    """Prose alone comes back unchanged, with nothing removed."""
    cleaned = clean(text)
    assert cleaned.text == text
    assert cleaned.removed == ()


@settings(max_examples=80, deadline=None)
@given(documents(), st.none() | st.sampled_from(["Council votes to close old pier"]))
def test_removed_and_kept_spans_partition_the_original(text: str, title: str | None) -> None:
    """Removed spans are ordered and disjoint, and the rest of the text is the cleaned text."""
    _check_partition(text, clean(text, title=title))


@settings(max_examples=80, deadline=None)
@given(documents())
def test_cleaned_characters_map_to_identical_original_characters(text: str) -> None:
    """Every cleaned character, and every cleaned span, maps back to the same text."""
    cleaned = clean(text)
    for position, char in enumerate(cleaned.text):
        assert text[cleaned.offsets.to_original(position)] == char
    fragments = cleaned.offsets.span_to_original(0, len(cleaned.text))
    assert "".join(text[start:end] for start, end in fragments) == cleaned.text


@settings(max_examples=80, deadline=None)
@given(documents())
def test_cleaning_twice_changes_nothing_more(text: str) -> None:
    """Cleaned text has no furniture left to find."""
    once = clean(text).text
    assert clean(once).text == once
