"""Parse ids of word pieces: the token each piece begins in, and the flags the tagger reads."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from quotegraph.errors import ModelError
from quotegraph.model import AttributionTagger
from quotegraph.model.parse_features import FLAG_IDS, ParseVocabulary, piece_parse_ids

TEXT = "Councillor Ana Morrow said the quay “will reopen in May.” The fishermen cheered."
QUOTED, REPORTING, SENTENCE_START = 1, 2, 4


@pytest.fixture(scope="module")
def vocabulary(nlp: Language) -> ParseVocabulary:
    return ParseVocabulary.of_pipeline(nlp)


def ids_at(nlp: Language, vocabulary: ParseVocabulary, words: list[str]) -> dict[str, list[int]]:
    """The parse ids of a one-piece-per-word cut of TEXT, by word."""
    doc = nlp(TEXT)
    offsets = tuple((TEXT.index(word), TEXT.index(word) + len(word)) for word in words)
    rows = piece_parse_ids(doc, offsets, vocabulary)
    return dict(zip(words, rows.tolist(), strict=True))


def test_flags_mark_quotation_reporting_verb_and_sentence_start(
    nlp: Language, vocabulary: ParseVocabulary
) -> None:
    flags = {
        word: row[3]
        for word, row in ids_at(
            nlp, vocabulary, ["Councillor", "said", "quay", "“", "reopen", "May", "The", "cheered"]
        ).items()
    }
    assert flags == {
        "Councillor": SENTENCE_START,
        "said": REPORTING,
        "quay": 0,
        "“": QUOTED,
        "reopen": QUOTED,
        "May": QUOTED,
        "The": SENTENCE_START,
        "cheered": 0,
    }


def test_the_reporting_flag_reads_the_lemmas_the_model_was_built_with(
    nlp: Language, vocabulary: ParseVocabulary
) -> None:
    """A card's reporting lemmas decide the flag, whatever the rules' lexicon holds
    now; a card without them reads the lexicon."""
    built = dataclasses.replace(vocabulary, reporting=("cheer",))
    flags = {word: row[3] for word, row in ids_at(nlp, built, ["said", "cheered"]).items()}
    assert flags == {"said": 0, "cheered": REPORTING}
    assert ParseVocabulary.from_card(built.as_card()).reporting == ("cheer",)
    older = {key: value for key, value in vocabulary.as_card().items() if key != "reporting"}
    assert "say" in ParseVocabulary.from_card(older).reporting_lemmas


def test_the_shipped_card_records_its_reporting_lemmas() -> None:
    """The shipped tagger flags the lemmas its card lists, which it was trained with."""
    card = AttributionTagger.load().card["parse"]
    assert "say" in card["reporting"] and card["reporting"] == sorted(card["reporting"])
    assert ParseVocabulary.from_card(card).reporting_lemmas == frozenset(card["reporting"])


def test_labels_follow_the_vocabulary_and_unknown_ones_are_zero(
    nlp: Language, vocabulary: ParseVocabulary
) -> None:
    doc = nlp(TEXT)
    said = next(token for token in doc if token.text == "said")
    row = ids_at(nlp, vocabulary, ["said"])["said"]
    assert vocabulary.dependencies[row[0] - 1] == said.dep_ == "ROOT"
    assert vocabulary.tags[row[1] - 1] == said.tag_
    bare = ParseVocabulary(dependencies=(), tags=())
    rows = piece_parse_ids(doc, ((0, 4),), bare)
    assert rows[0, :3].tolist() == [0, 0, 0]
    assert bare.sizes() == (1, 1, 1, FLAG_IDS)


def test_entity_features_add_a_column_of_entity_labels(
    nlp: Language, vocabulary: ParseVocabulary
) -> None:
    """A vocabulary with entity labels gives a fifth id, the token's entity label
    (0 outside an entity), and the card keeps the labels; one without has four."""
    with_entities = ParseVocabulary.of_pipeline(nlp, entities=True)
    assert "PERSON" in with_entities.entities and vocabulary.entities == ()
    assert len(with_entities.sizes()) == 5 and "entities" not in vocabulary.as_card()
    assert ParseVocabulary.from_card(with_entities.as_card()) == with_entities
    doc = nlp(TEXT)
    labels = {token.text: token.ent_type_ for token in doc}
    rows = ids_at(nlp, with_entities, ["Morrow", "quay"])
    assert with_entities.entities[rows["Morrow"][4] - 1] == labels["Morrow"] == "PERSON"
    assert rows["quay"][4] == 0


@given(st.lists(st.integers(min_value=0, max_value=len(TEXT) - 1), max_size=30))
def test_a_piece_takes_the_ids_of_the_token_it_begins_in(
    nlp: Language, vocabulary: ParseVocabulary, starts: list[int]
) -> None:
    doc = nlp(TEXT)
    offsets = tuple((start, start + 1) for start in starts)
    rows = piece_parse_ids(doc, offsets, vocabulary)
    assert rows.shape == (len(starts), 4)
    for start, row in zip(starts, rows.tolist(), strict=True):
        token = next(token for token in reversed(doc) if token.idx <= start)
        assert row[0] == vocabulary.dependencies.index(token.dep_) + 1
        assert row[1] == vocabulary.tags.index(token.tag_) + 1
        assert 0 <= row[3] < FLAG_IDS


def test_an_empty_text_gives_zero_rows(nlp: Language, vocabulary: ParseVocabulary) -> None:
    assert piece_parse_ids(nlp(""), (), vocabulary).shape == (0, 4)
    assert np.array_equal(piece_parse_ids(nlp(""), ((0, 0),), vocabulary), np.zeros((1, 4)))


def test_a_model_with_parse_features_reads_the_parse_of_its_text(nlp: Language) -> None:
    """Given no Doc, the tagger parses the text with its card's pipeline; a Doc of
    another text is refused rather than read out of place."""
    tagger = AttributionTagger.load()
    assert tagger.parse_vocabulary is not None
    assert tagger.tag(TEXT) == tagger.tag(TEXT, nlp(TEXT))
    with pytest.raises(ModelError, match="parse"):
        tagger.tag(TEXT, nlp("Another text."))


def test_a_missing_pipeline_of_the_card_is_a_model_error(vocabulary: ParseVocabulary) -> None:
    """Without a Doc and without the card's pipeline installed, the error names the pipeline."""
    shipped = AttributionTagger.load()
    card = {**shipped.card, "parse": {"pipeline": "xx_missing_pipeline", **vocabulary.as_card()}}
    tagger = dataclasses.replace(shipped, card=card)
    assert tagger.parse_vocabulary == vocabulary
    with pytest.raises(ModelError, match="xx_missing_pipeline"):
        tagger.tag(TEXT)
