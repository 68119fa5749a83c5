"""Whose subject a cue takes, passing over the story's dateline; which words stand in for a
subject that names no one; where a source that stops inside a name ends."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from tests.spans import at

from quotegraph.quotes.sources import stand_ins, subject_of, whole_name

# "PORT ESKELL, Ore. - Lena Obi promised to open the ward." as the parser may read the first
# sentence of a story: the dateline's place as a second subject of the verb.
SENTENCE = "PORT ESKELL , Ore. - Lena Obi promised to open the ward ."
SPACES = [True, False, True, True, True, True, True, True, True, True, True, False, False]
HEADS = [1, 7, 1, 1, 1, 6, 7, 7, 9, 7, 11, 9, 7]
DEPS = "compound nsubj punct npadvmod punct compound nsubj ROOT aux xcomp det dobj punct"
LINE_BEFORE = (["Ward", "4", ".", "\n"], [True, False, False, False])
SAME_LINE = (["In", "the", "ward", ","], [True, True, False, True])


def parsed(nlp: Language, lead: tuple[list[str], list[bool]], dash: str = "-") -> Doc:
    """The sentence after the ``lead`` words and their spaces, with ``dash`` after the
    place."""
    words, spaces = lead
    shift = len(words)
    return Doc(
        nlp.vocab,
        words=[*words, *(dash if word == "-" else word for word in SENTENCE.split())],
        spaces=[*spaces, *SPACES],
        heads=[*range(shift), *(head + shift for head in HEADS)],
        deps=[*["dep"] * shift, *DEPS.split()],
    )


@pytest.mark.parametrize("lead", [([], []), LINE_BEFORE])
def test_a_subject_in_the_dateline_is_passed_over(
    nlp: Language, lead: tuple[list[str], list[bool]]
) -> None:
    doc = parsed(nlp, lead)
    subject = subject_of(doc[len(lead[0]) + 7])
    assert subject is not None and subject.text == "Obi"


@pytest.mark.parametrize(("lead", "dash"), [(LINE_BEFORE, ","), (SAME_LINE, "-")])
def test_a_place_that_opens_no_line_with_a_dash_stays_a_subject(
    nlp: Language, lead: tuple[list[str], list[bool]], dash: str
) -> None:
    """Without the dash, or where the place does not open its line, it is no dateline."""
    doc = parsed(nlp, lead, dash)
    subject = subject_of(doc[len(lead[0]) + 7])
    assert subject is not None and subject.text == "ESKELL"


def test_a_dateline_with_the_subject_hung_on_it_stays(nlp: Language) -> None:
    """The parser may hang the real subject on the dateline as its apposition; the phrase
    reaches past the dateline, so it stays the subject (its source then loses the
    dateline, ``quotes.edges``)."""
    doc = Doc(
        nlp.vocab,
        words=["CARROWMERE", "--", "Mayor", "Ames", "said", "the", "ward", "was", "full", "."],
        spaces=[True, True, True, True, True, True, True, True, False, False],
        heads=[4, 0, 3, 0, 4, 6, 7, 4, 7, 4],
        deps=[
            "nsubj",
            "punct",
            "compound",
            "appos",
            "ROOT",
            "det",
            "nsubj",
            "ccomp",
            "acomp",
            "punct",
        ],
    )
    subject = subject_of(doc[4])
    assert subject is not None and subject.text == "CARROWMERE"


# "Save Velden Pier, the campaign group opposed to the plan, said it would appeal." as the
# parser may read it: the group's name and the phrase after it two subjects of "said".
TWO_SUBJECTS = "Save Velden Pier , the campaign group opposed to the plan , said it would appeal ."
TWO_SUBJECTS_HEADS = [2, 2, 12, 12, 6, 6, 12, 6, 7, 10, 8, 6, 12, 15, 15, 12, 12]
TWO_SUBJECTS_DEPS = (
    "compound compound nsubj punct det compound nsubj acl prep det pobj punct ROOT nsubj aux "
    "ccomp punct"
)


@pytest.mark.parametrize(("relation", "kept"), [("nsubj", True), ("conj", False)])
def test_a_name_the_parser_made_a_second_subject_stands_in_for_the_phrase_after_it(
    nlp: Language, relation: str, kept: bool
) -> None:
    """ "the campaign group" names no one; the name before it and a comma, made a second
    subject of the same verb, stands in for it. Two items of a list do not."""
    words = TWO_SUBJECTS.split()
    deps = TWO_SUBJECTS_DEPS.split()
    for index in (words.index("Pier"), words.index("group")):
        deps[index] = relation
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[following not in {",", "."} for following in [*words[1:], ""]],
        heads=TWO_SUBJECTS_HEADS,
        deps=deps,
        ents=["O", "B-ORG", "I-ORG", *["O"] * (len(words) - 3)],
    )
    group = doc[words.index("group")]
    assert (doc[words.index("Pier")] in stand_ins(group)) == kept


@pytest.mark.parametrize(
    ("text", "phrase", "name"),
    [
        (
            "Velden Pier Trust, the campaign group opposed to the plan, said it would appeal.",
            "group",
            "Trust",
        ),
        ("In Velden, the harbour master said the pier would close.", "master", None),
    ],
    ids=["in apposition", "a place before the comma"],
)
def test_the_name_a_phrase_stands_in_apposition_to_stands_in_for_it(
    nlp: Language, text: str, phrase: str, name: str | None
) -> None:
    """The parser's apposition works both ways; a place set before the subject does not."""
    doc = nlp(text)
    (token,) = [token for token in doc if token.text == phrase]
    assert [found.text for found in stand_ins(token)] == ([name] if name else [])


@pytest.mark.parametrize("initial", ["PROPN", "NOUN"])
def test_a_span_that_stops_inside_a_name_ends_with_the_name(nlp: Language, initial: str) -> None:
    """ "Wenna" of "\u2015 Wenna A. Tregear" ends on the proper noun the parser hangs it on,
    also where the parser took the initial for a common noun."""
    doc = Doc(
        nlp.vocab,
        words=["\u2015", "Wenna", "A.", "Tregear", "."],
        spaces=[True, True, True, False, False],
        heads=[3, 3, 3, 3, 3],
        deps=["punct", "compound", "compound", "ROOT", "punct"],
        pos=["PUNCT", "PROPN", initial, "PROPN", "PUNCT"],
    )
    text = doc.text
    assert whole_name(doc, at(text, "Wenna")) == at(text, "Wenna A. Tregear")


@pytest.mark.parametrize(
    ("text", "span", "cue"),
    [
        ("Mayor Tam Ferris said the quay would reopen.", "Mayor Tam Ferris", "said"),
        ("Harbour staff said the quay would reopen.", "Harbour", "said"),
        ("Ferris Vows Fight Over Harbour Plan", "Ferris", "Vows"),
        ("Ana Obi of Tampa, Fla., said the quay would reopen.", "Ana Obi of Tampa, Fla", "said"),
    ],
    ids=["the whole name", "a common noun after it", "the cue after it", "inside a word"],
)
def test_a_span_is_not_carried_past_a_name_or_into_the_cue(
    nlp: Language, text: str, span: str, cue: str
) -> None:
    """A span that holds the whole name, a word before a common noun, a headline's name
    before its cue (which the parser reads as one name with it) and a span that ends
    inside a word stay as they are."""
    doc = nlp(text)
    assert whole_name(doc, at(text, span), at(text, cue)) == at(text, span)
