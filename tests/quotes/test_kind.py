"""Direct, mixed or indirect: the kind of a content measured from its quotation marks."""

from __future__ import annotations

import pytest

from quotegraph.quotes.kind import Coverage, QuoteMarks, quote_kind
from quotegraph.records import Fragments


def fragments_of(text: str, *phrases: str) -> Fragments:
    """The fragments covering each phrase's first occurrence, in order."""
    starts = [text.index(phrase) for phrase in phrases]
    return tuple(
        (start, start + len(phrase)) for start, phrase in zip(starts, phrases, strict=True)
    )


KIND_CASES = [
    # (text, content phrases, kind)
    ("“We will build it,” she said.", ["“We will build it,”"], "direct"),
    ("“We will build it,” she said.", ["We will build it"], "direct"),
    ("``We will build it,'' she said.", ["``We will build it,''"], "direct"),
    ("``We will build it,'' she said.", ["We will build it"], "direct"),
    ("She said the bridge is safe.", ["the bridge is safe"], "indirect"),
    ("He said the rise was “a tax” on them.", ["the rise was “a tax”"], "mixed"),
    ("He said the rise was ''a tax'' on them.", ["the rise was ''a tax''"], "mixed"),
    ("Mbeki said:”The numbers no longer add up.”", ["”The numbers no longer add up.”"], "direct"),
    ("“We waited and nothing changed,” she said.", ["nothing changed,”"], "direct"),
    (
        "“We have tried.\n“We asked for help,” he said.",
        ["“We have tried.\n“We asked for help,”"],
        "direct",
    ),
    ("“We waited.\nThe council must act now.", ["“We waited.\nThe council must act now"], "mixed"),
    (
        "“We will not pay,” said Fenn, “for a harbour we never use.”",
        ["“We will not pay,”", "“for a harbour we never use.”"],
        "direct",
    ),
    ('a"bcd"e', ['a"bcd"e'], "direct"),
    ("x“yz”w", ["x“yz”w"], "mixed"),
    ("Tolls, fares and taxes", ["Tolls, fares and taxes"], "indirect"),
    ("“…”", ["“…”"], "indirect"),
]


@pytest.mark.parametrize(("text", "phrases", "kind"), KIND_CASES)
def test_kind_of_content(text: str, phrases: list[str], kind: str) -> None:
    """A content's kind follows the share of its letters and digits between double quotes."""
    content = fragments_of(text, *phrases)
    assert QuoteMarks(text).coverage(content).kind(0.5) == kind


def test_closing_mark_opening_a_segment_counts_as_opening() -> None:
    """A closing-shaped mark first in a segment, with no text before it, opens the quotation."""
    text = "Mbeki said:”The numbers no longer add up.”"
    marks = QuoteMarks(text)
    assert marks.facing(text.index("”")) == "close"
    assert marks.coverage(fragments_of(text, "”The numbers no longer add up.”")) == Coverage(23, 23)


def test_text_before_a_first_closing_mark_is_quoted() -> None:
    """A content that starts mid-quotation counts its words before the closing mark as quoted."""
    text = "“We waited and nothing changed,” she said today."
    coverage = QuoteMarks(text).coverage(fragments_of(text, "nothing changed,” she said"))
    assert coverage == Coverage(14, 21)


def test_every_paragraph_starts_outside_a_quotation() -> None:
    """A newline ends a quotation that was left open, so the next paragraph counts as unquoted."""
    text = "“We waited.\nThe council must act."
    assert QuoteMarks(text).coverage(((0, len(text)),)) == Coverage(8, 25)


@pytest.mark.parametrize(
    ("text", "facing"),
    [
        (" “x", "open"),
        ("x” ", "close"),
        (' "x', "open"),
        ('x" ', "close"),
        ('a"b', "either"),
        ("a“b", "open"),
        ("a”b", "close"),
        (" ''x", "open"),
        ("x'' ", "close"),
        ("x``.", "open"),
        ("(“x", "open"),
        ("x”)", "close"),
    ],
)
def test_facing_of_a_mark(text: str, facing: str) -> None:
    """Context decides which way a mark faces; its shape only breaks a tie; `` always opens."""
    index = next(i for i, char in enumerate(text) if char in "“”\"'`")
    assert QuoteMarks(text).facing(index) == facing


@pytest.mark.parametrize(
    ("coverage", "threshold", "kind"),
    [
        (Coverage(3, 5), 0.5, "direct"),
        (Coverage(3, 5), 0.6, "mixed"),
        (Coverage(1, 2), 0.5, "mixed"),
        (Coverage(0, 5), 0.5, "indirect"),
        (Coverage(0, 0), 0.5, "indirect"),
    ],
)
def test_direct_means_more_than_the_threshold(
    coverage: Coverage, threshold: float, kind: str
) -> None:
    """Direct needs strictly more than the threshold quoted; any quoted letter makes it mixed."""
    assert coverage.kind(threshold) == kind


@pytest.mark.parametrize(
    ("text", "phrases", "kind"),
    [
        (
            "“We will not pay,” said Fenn, “for a harbour we never use.”",
            ["“We will not pay,”", "“for a harbour we never use.”"],
            "direct",
        ),
        ("“We will build it,” she said.", ["We will build it"], "direct"),
        (
            "Ada Croy promised that the school would stay open “as long as there are children.”",
            ["that the school would stay open “as long as there are children.”"],
            "mixed",
        ),
        ("She said the bridge is safe.", ["the bridge is safe"], "indirect"),
    ],
)
def test_kind_of_a_quote(text: str, phrases: list[str], kind: str) -> None:
    """A quote is direct only when all of it is quoted, over however many fragments; a
    reported clause with quoted words in it is mixed, however long the quoted part."""
    assert quote_kind(text, fragments_of(text, *phrases)) == kind
