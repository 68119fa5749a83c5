"""Subjects of a cue that name no one: an impersonal "it", who was addressed."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from tests.spans import at

from quotegraph.analysis import analyze
from quotegraph.quotes.silent import silent_subject, without_silent_source
from quotegraph.records import Quote


@pytest.mark.parametrize(
    ("sentence", "cue", "silent"),
    [
        ("It seems the ferry will run again in May.", "seems", "It"),
        ("It was unclear whether the council would pay.", "unclear", "It"),
        ("Mayor Ines Varga seemed to doubt the figures.", "seemed", None),
        ("The harbour report came out on Monday. It says the pier is unsafe.", "says", None),
        ("Aides want to delay the vote on the quay.", "want", None),
        ("Mayor Ines Varga said the figures were wrong.", "said", None),
    ],
)
def test_a_subject_that_names_no_holder_is_silent(
    nlp: Language, sentence: str, cue: str, silent: str | None
) -> None:
    """ "It seems", "it was unclear": the "it" names no one; a report's "it", who seemed to
    doubt, who wants and who said are holders."""
    doc = nlp(sentence)
    start, _ = at(sentence, cue)
    subject = silent_subject(next(token for token in doc if token.idx == start))
    assert (subject.text if subject is not None else None) == silent


@pytest.mark.parametrize(
    ("text", "cue", "kept"),
    [
        ("It seems the ferry will run again in May.", "seems", False),
        ("It was unclear whether the council would pay.", "was unclear", False),
        ("The harbour report came out on Monday. It says the pier is unsafe.", "says", True),
    ],
)
def test_a_source_on_an_impersonal_it_is_dropped(
    nlp: Language, text: str, cue: str, kept: bool
) -> None:
    """A tagged attribution whose source is the "it" of "it seems" or "it was unclear" (a
    cue of two words) loses it; the "it" of a report keeps it."""
    doc = nlp(text)
    found = Quote(
        content=((at(text, cue)[1] + 1, len(text) - 1),),
        kind="indirect",
        cue=at(text, cue),
        source=at(text, "It"),
        speaker=0,
    )
    settled = without_silent_source(doc, found)
    assert settled == found if kept else (settled.source, settled.speaker) == (None, None)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It seems that the ferry will run again in May.", ("seems", None)),
        ("Councillor Reyes was asked whether the ward would close.", ("asked", None)),
        ("The harbour report came out on Monday. It says the pier is unsafe.", ("says", "It")),
    ],
)
def test_the_rules_give_a_silent_subject_no_source(
    text: str, found: tuple[str, str | None]
) -> None:
    """The whole rules-only pipeline: an impersonal "it" and who was asked name no source."""
    (quote,) = analyze(text, rules_only=True).quotes
    assert quote.cue is not None
    source = text[slice(*quote.source)] if quote.source else None
    assert (text[slice(*quote.cue)], source) == found


def test_the_default_pipeline_drops_who_a_tagged_cue_addressed() -> None:
    """With the shipped tagger, which tags "was told" and no source, the parse's subject of
    the cue (who was told) stands in as its source until the settling step drops it."""
    text = "Mayor Ines Varga was told on Monday that the quay would reopen in May."
    told = [q for q in analyze(text).quotes if q.cue and "told" in text[slice(*q.cue)]]
    assert told
    assert all(quote.source is None and quote.speaker is None for quote in told)


ASKED = ["Reyes", "was", "asked", "by", "Ames", "whether", "the", "ward", "would", "close", "."]
ASKED_DEPS = ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "mark", "det", "nsubj", "aux"]
ASKED_DEPS += ["ccomp", "punct"]


@pytest.mark.parametrize(
    ("verb", "lemma", "source", "kept"),
    [
        ("asked", "ask", "Reyes", False),
        ("urged", "urge", "Reyes", False),
        ("quoted", "quote", "Reyes", True),
        ("asked", "ask", "Ames", True),
    ],
)
def test_who_an_addressing_cue_addressed_is_no_source(
    nlp: Language, verb: str, lemma: str, source: str, kept: bool
) -> None:
    """ "Reyes was asked by Ames whether ...": Reyes is who was asked, not a source; the asker
    and the subject of a verb that does not address someone stay."""
    doc = Doc(
        nlp.vocab,
        words=[verb if word == "asked" else word for word in ASKED],
        spaces=[*[True] * 9, False, False],
        heads=[2, 2, 2, 2, 3, 9, 7, 9, 9, 2, 2],
        deps=ASKED_DEPS,
        lemmas=[lemma if word == "asked" else word.lower() for word in ASKED],
    )
    text = doc.text
    found = Quote(
        content=(at(text, "whether the ward would close"),),
        kind="indirect",
        cue=at(text, verb),
        source=at(text, source),
        speaker=2,
    )
    settled = without_silent_source(doc, found)
    assert settled == found if kept else (settled.source, settled.speaker) == (None, None)
