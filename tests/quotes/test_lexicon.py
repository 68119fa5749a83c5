"""The cue lexicon: what a cue's lemma says it reports."""

from __future__ import annotations

import pytest

from quotegraph.quotes.lexicon import cue_lexicon, cue_type_of, holder_types
from quotegraph.records import CUE_TYPES


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("say", "speech"),
        ("Tweet", "writing"),
        ("believe", "belief"),
        ("plan", "intention"),
        ("show", "evidence"),
        ("criticize", "stance"),
        ("statement", None),
        ("", None),
        (None, None),
    ],
)
def test_a_lemma_gives_its_cue_type(lemma: str | None, expected: str | None) -> None:
    assert cue_type_of(lemma) == expected


def test_every_cue_type_has_lemmas() -> None:
    """Each type a quote can carry is reachable from the lexicon."""
    assert set(cue_lexicon().values()) == set(CUE_TYPES)


@pytest.mark.parametrize(
    ("lemma", "holder", "expected"),
    [
        ("according to", "survey", "evidence"),
        ("According to", "Poll", "evidence"),
        ("according to", "report", "writing"),
        ("in", "eye", "belief"),
        ("according to", "Hale", None),
        ("in", None, None),
        ("say", "poll", "speech"),
    ],
)
def test_a_prepositional_cue_takes_its_type_from_its_noun(
    lemma: str, holder: str | None, expected: str | None
) -> None:
    """ "According to a survey" reports evidence; "according to Hale" does not tell."""
    assert cue_type_of(lemma, holder) == expected


def test_every_holder_type_is_a_cue_type() -> None:
    assert set(holder_types().values()) <= set(CUE_TYPES)
