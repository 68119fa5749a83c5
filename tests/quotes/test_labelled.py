"""Labelled statements: a speaker's label and a colon open a paragraph."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from tests.spans import as_text

from quotegraph.actors import find_actors
from quotegraph.quotes import find_quotes
from quotegraph.quotes.labelled import LABELLED, find_labelled, speaker_label
from quotegraph.quotes.write import SpeakerIndex

BLANK = spacy.blank("en")
TRANSCRIPT = (
    "Mayor Ilse Voss spoke to the Harbour Hour on Sunday.\n\n"
    "A partial transcript follows:\n\n"
    '"KELL DARROW: Will the quay reopen before the winter storms?\n\n'
    '"VOSS: It will. The engineers have signed off on the repairs.\n\n'
    '"And the ferry will run from the first of March.\n\n'
    '"(CROSSTALK.)\n\n'
    '"DARROW: Thank you, Mayor.'
)


def statements(nlp: Language, text: str) -> list[tuple[str, str, list[str]]]:
    """Each labelled statement's source, cue and content fragments, as text."""
    doc = nlp(text)
    return [as_text(text, found) for found in find_labelled(doc, find_actors(doc).mentions)]


def test_every_turn_of_a_transcript_is_its_speakers_statement(nlp: Language) -> None:
    """Each turn's label is its source, its colon the cue, and the turn goes on
    in the reopened paragraphs after it, asides left out."""
    assert statements(nlp, TRANSCRIPT) == [
        ("KELL DARROW", ":", ["Will the quay reopen before the winter storms?"]),
        (
            "VOSS",
            ":",
            [
                "It will. The engineers have signed off on the repairs.",
                "And the ferry will run from the first of March.",
            ],
        ),
        ("DARROW", ":", ["Thank you, Mayor."]),
    ]


def test_a_headline_that_leads_with_its_speaker_is_a_statement(nlp: Language) -> None:
    """``Name: claim`` as a headline attributes the claim to the name the article gives."""
    text = (
        "Voss: Tollmere quay will reopen by spring\n\n"
        "Mayor Ilse Voss said on Monday that the repairs were done."
    )
    assert statements(nlp, text) == [("Voss", ":", ["Tollmere quay will reopen by spring"])]


@pytest.mark.parametrize(
    "text",
    [
        "Update: the council met again on Tuesday.",
        "Photo: the Tollmere quay at dawn.",
        "BREAKING NEWS: The Tollmere quay has reopened.",
        "RELATED CONTENT: Ten years of the Tollmere ferry.",
        "Bottom line: the quay will stay shut until May.",
        "The mayor had one message for the council: reopen the quay.",
        "Osk Penhallow: 1,204.",
        "Q: Will the quay reopen?\n\nA: It will.",
        "The Quay Reopens: a history of the harbour in ten objects.",
        "Ilse Voss: a life on the harbour\n\nMayor Ilse Voss said on Monday that she would retire.",
        "A partial transcript follows:\n\nVOSS",
        # a heading ending in a small word of a name the text gives ("Office on ...")
        "Ilse Voss met the Office on Harbour Affairs in Tollmere.\n\n"
        "The Tide Comes On: It was a long week for the harbour.",
        "Ilse Voss spoke to the Friends of the Harbour in Tollmere.\n\n"
        "The Best Of: It was a long week for the harbour.",
    ],
)
def test_labels_that_name_no_speaker_open_no_statement(nlp: Language, text: str) -> None:
    assert statements(nlp, text) == []


@pytest.mark.parametrize(
    ("label", "names"),
    [
        ("MAYOR VOSS", True),
        ("Ilse Voss", True),
        ("Friends of the Harbour", True),
        ("Update", False),
        ("Editor's Note", False),
        ("the mayor", False),
        ("Q", False),
        ("One Two Three Four Five Six", False),
        ("Voss, 2019", False),
    ],
)
def test_speaker_label(label: str, names: bool) -> None:
    """A few capitalised words name a speaker; page labels, lower case, a letter do not."""
    assert speaker_label(label) is names


def test_a_label_that_repeats_a_name_speaks_for_that_actor(nlp: Language) -> None:
    """``VOSS`` in a transcript is the Mayor Ilse Voss the article introduced."""
    doc = nlp(TRANSCRIPT)
    actors = find_actors(doc)
    quotes = {TRANSCRIPT[slice(*q.source)]: q for q in find_quotes(doc, actors) if q.source}
    voss = SpeakerIndex(actors).entity_at(TRANSCRIPT.index("Ilse Voss"))
    assert voss is not None
    assert quotes["VOSS"].speaker == voss
    assert quotes["KELL DARROW"].speaker != voss


def test_a_turn_wins_over_the_quotations_and_verbs_inside_it(nlp: Language) -> None:
    """The rules keep the turn, not the quotation or reported clause it holds."""
    doc = nlp(TRANSCRIPT)
    quotes = find_quotes(doc, find_actors(doc))
    turns = [quote for quote in quotes if quote.method == LABELLED]
    assert len(turns) == 3
    inside = [
        quote
        for quote in quotes
        if quote.method != LABELLED
        and any(quote.start < t.end and t.start < quote.end for t in turns)
    ]
    assert inside == []


LABELS = st.sampled_from(["VOSS", "KELL DARROW", "MAYOR ILSE VOSS", "Q", "Update", "NOTE"])
SPEECH = st.text(alphabet="abc .,?\u201c\u201d\"'(CROSSTALK)", min_size=0, max_size=30)


@given(
    st.lists(
        st.tuples(st.booleans(), st.one_of(LABELS, st.just("")), SPEECH), min_size=1, max_size=6
    )
)
def test_statements_slice_the_text_in_order(paragraphs: list[tuple[bool, str, str]]) -> None:
    """Source, cue and content lie in the text in that order, content within its paragraphs."""
    text = "\n\n".join(
        ('"' if reopened else "") + (f"{label}: " if label else "") + speech
        for reopened, label, speech in paragraphs
    )
    for found in find_labelled(BLANK(text)):
        assert found.source is not None and found.cue is not None
        assert text[slice(*found.cue)] == ":"
        assert found.source[1] <= found.cue[0] < found.content[0][0]
        for start, end in found.content:
            assert 0 <= start < end <= len(text)
            assert "\n" not in text[start:end]
            assert text[start:end].strip() == text[start:end]
        starts = [start for start, _ in found.content]
        assert starts == sorted(starts)
