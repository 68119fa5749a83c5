"""Naming and loading spaCy pipelines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from quotegraph.errors import ModelError
from quotegraph.nlp import installed_pipeline_label, pipeline_label
from quotegraph.settings import DEFAULT_PIPELINE


def test_the_label_read_without_loading_is_the_loaded_pipeline_s(nlp: Language) -> None:
    """A run's main process names the pipeline its workers load, from the package's meta.json."""
    assert installed_pipeline_label(DEFAULT_PIPELINE) == pipeline_label(nlp)


def test_a_pipeline_that_is_not_installed_is_a_model_error_naming_it() -> None:
    """The error names the missing pipeline and what is installed instead."""
    with pytest.raises(ModelError, match=r"'xx_no_such_pipeline' is not installed \(installed: "):
        installed_pipeline_label("xx_no_such_pipeline")


def test_a_horizontal_bar_reads_as_a_dash(nlp: Language) -> None:
    """The bar some outlets set around an aside is punctuation, not a noun the verb after
    it hangs on; the text keeps its bar."""
    text = (
        "When the mayor noted that the port had lost money for years \u2015 as was true for "
        "the years its accounts were made public \u2015 Ada Croy boasted, "
        "\u201cThat makes us careful.\u201d"
    )
    doc = nlp(text)
    bars = [token for token in doc if token.text == "\u2015"]
    assert doc.text == text
    assert [(bar.pos_, bar.dep_) for bar in bars] == [("PUNCT", "punct")] * 2
    boasted = next(token for token in doc if token.text == "boasted")
    assert [child.text for child in boasted.children if child.dep_ == "nsubj"] == ["Croy"]


def test_a_line_break_starts_a_sentence_the_parser_keeps(nlp: Language) -> None:
    """A time stamp on its own line is not taken for the subject of the line below."""
    doc = nlp("12:15 p.m.\n\nMayor Ilse Voss says the quay will reopen.\nHarbour news")
    starts = [sentence.text.strip() for sentence in doc.sents]
    assert starts == ["12:15 p.m.", "Mayor Ilse Voss says the quay will reopen.", "Harbour news"]
    says = next(token for token in doc if token.text == "says")
    assert [child.text for child in says.children if child.dep_ == "nsubj"] == ["Voss"]


def test_a_line_that_opens_in_lower_case_continues_the_sentence(nlp: Language) -> None:
    """Hard-wrapped text keeps its sentences whole."""
    doc = nlp("The harbour master said the quay\nwould reopen on Monday.")
    assert len(list(doc.sents)) == 1


WORDS = st.sampled_from(["the", "quay", "Voss", "said", "12:15", "p.m.", '"', "reopen", ",", "."])
LINES = st.lists(st.lists(WORDS, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None)
@given(LINES, st.sampled_from(["\n", "\n\n", " \n"]))
def test_every_line_that_does_not_open_in_lower_case_starts_a_sentence(
    nlp: Language, lines: list[str], separator: str
) -> None:
    """Whatever the words, the parser keeps each such line's first token a sentence start."""
    text = separator.join(lines)
    doc = nlp(text)
    offset = 0
    for line in lines:
        if not line[:1].islower():
            token = doc.char_span(offset, offset + 1, alignment_mode="expand")
            assert token is not None and token[0].is_sent_start
        offset += len(line) + len(separator)
