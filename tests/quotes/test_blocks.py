"""Block quotes: a paragraph that a reporting clause ending in a colon sets off."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc
from tests.spans import as_text

from quotegraph.actors import find_actors
from quotegraph.quotes import find_quotes
from quotegraph.quotes.blocks import BLOCK, find_blocks
from quotegraph.quotes.candidates import Candidate
from quotegraph.quotes.frames import TokenIndex


def _blocks_of(doc: Doc) -> list[Candidate]:
    return find_blocks(doc, TokenIndex(doc))


LETTER = (
    "The harbour board met on Tuesday to discuss the quay.\n\n"
    "In a letter to members, harbour master Orla Penhallow wrote:\n\n"
    "The quay has carried more boats this year than in any year before. "
    "Its timbers will not carry them through another winter.\n"
    "I ask the board to close it until the repairs are done.\n\n"
    "The board will vote next month."
)


def blocks(nlp: Language, text: str) -> list[tuple[str, str, list[str]]]:
    """Each block quote's source, cue and content lines, as text."""
    return [as_text(text, found) for found in _blocks_of(nlp(text))]


def test_a_block_after_a_reporting_clause_is_its_subjects_words(nlp: Language) -> None:
    """The verb before the colon is the cue, its subject the source, and the
    lines of the block up to the next blank line its content."""
    assert blocks(nlp, LETTER) == [
        (
            "harbour master Orla Penhallow",
            "wrote",
            [
                "The quay has carried more boats this year than in any year before. "
                "Its timbers will not carry them through another winter.",
                "I ask the board to close it until the repairs are done.",
            ],
        )
    ]


def test_where_lines_are_paragraphs_a_block_is_one_line(nlp: Language) -> None:
    """A text that parts its paragraphs with single line breaks gives a block its
    first line only: the next is the article again."""
    text = (
        "Councillor Bram Eskell added:\n"
        "We cannot wait for another storm to make the case for us.\n"
        "The council meets again in May."
    )
    assert blocks(nlp, text) == [
        (
            "Councillor Bram Eskell",
            "added",
            ["We cannot wait for another storm to make the case for us."],
        )
    ]


@pytest.mark.parametrize(
    "lead, block",
    [
        pytest.param(
            "Here are the board's three options:",
            "Repair the quay, rebuild it, or close it for good.",
            id="no-reporting-verb",
        ),
        pytest.param(
            "Penhallow argued that:",
            "The quay cannot be saved at any reasonable cost.",
            id="verb-not-last",
        ),
        pytest.param(
            "Penhallow wrote:",
            "\u201cThe quay cannot be saved,\u201d she said in a second letter.",
            id="opens-with-a-quotation-mark",
        ),
        pytest.param(
            "One fisherman posted:",
            '<tweet author="@quayside">Save the quay</tweet>',
            id="embedded-post",
        ),
        pytest.param(
            "Asked about the quay, wrote:",
            "The quay cannot be saved at any reasonable cost.",
            id="no-subject",
        ),
    ],
)
def test_what_is_not_a_block_quote(nlp: Language, lead: str, block: str) -> None:
    """No block without a reporting verb closing its lead and a subject to it, and
    none where the paragraph is a quotation or an embedded post."""
    assert blocks(nlp, f"{lead}\n\n{block}\n\nThe board will vote next month.") == []


def test_a_block_quote_is_written_with_its_speaker(nlp: Language) -> None:
    """In the pipeline's quotes, the block is a direct quote of the harbour master,
    and the quotation marks inside it make no quote of their own."""
    text = LETTER.replace("close it", 'close it, "the only safe course",')
    doc = nlp(text)
    quotes = [
        quote for quote in find_quotes(doc, find_actors(doc)) if quote.end > text.index("The quay")
    ]
    assert [(quote.method, quote.kind, quote.cue_type) for quote in quotes] == [
        (BLOCK, "direct", "writing")
    ]
    assert quotes[0].speaker is not None


LINES = st.sampled_from(
    [
        "Harbour master Orla Penhallow wrote:",
        "The mayor added:",
        "Here are the options:",
        "The quay will close in March.",
        "\u201cWe will not wait,\u201d she said.",
        "Repairs start in May.",
        "",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(LINES, st.sampled_from(["\n", "\n\n"])), min_size=2, max_size=8))
def test_a_block_is_whole_lines_after_its_lead(nlp: Language, lines: list[tuple[str, str]]) -> None:
    """A block's fragments are whole lines in text order, joined by single line
    breaks, after a lead that ends with a colon, and its cue lies in that lead."""
    text = "".join(line + separator for line, separator in lines)
    for found in _blocks_of(nlp(text)):
        assert found.cue is not None and found.source is not None
        lead_end = text.rindex(":", 0, found.start) + 1
        assert found.cue[1] <= lead_end and text[lead_end : found.start].strip() == ""
        assert "\n" in text[lead_end : found.start]
        for n, (start, end) in enumerate(found.content):
            assert text[start:end] == text[start:end].strip() != ""
            assert "\n" not in text[start:end]
            assert start == 0 or text[start - 1] == "\n"
            assert end == len(text) or text[end] == "\n"
            if n:
                assert text[found.content[n - 1][1] : start] == "\n"
