"""The shipped attribution tagger at inference: loading, tagging, offsets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from quotegraph.errors import ModelError
from quotegraph.model import ROLES, AttributionTagger
from quotegraph.model.labels import LABELS
from quotegraph.model.spans import RoleSpan
from quotegraph.model.tagger import (
    MODEL_FILES,
    build_version,
    load_encoder,
    read_card,
    shipped_model,
)

TEXT = (
    "The harbour will close for repairs next spring.\n"
    '"We have no choice, the walls are failing," said Marta Jensen, who chairs the '
    "Harbour Trust. The council believes the work will take a year."
)


@pytest.fixture(scope="module")
def tagger() -> AttributionTagger:
    return AttributionTagger.load()


def test_tag_spans_slice_the_text(tagger: AttributionTagger) -> None:
    """Every tagged span is a non-empty stretch of the text with a known role."""
    spans = tagger.tag(TEXT)
    assert spans
    for span in spans:
        assert span.role in ROLES
        assert 0 <= span.start < span.end <= len(TEXT)
        assert TEXT[span.start : span.end].strip()
        assert 0.0 < span.confidence <= 1.0


def test_predict_finds_the_quotation_and_its_speaker(tagger: AttributionTagger) -> None:
    """The direct quotation comes out with its cue and source."""
    found = {
        (
            TEXT[slice(*attribution.content[0])],
            TEXT[slice(*attribution.cue)] if attribution.cue else None,
            TEXT[slice(*attribution.source)] if attribution.source else None,
        )
        for attribution in tagger.predict(TEXT)
    }
    assert any(
        "We have no choice" in content and cue == "said" and source and "Marta Jensen" in source
        for content, cue, source in found
    )


def test_the_card_s_outside_weight_reaches_decoding(tagger: AttributionTagger) -> None:
    """A card that weighs the outside tag down makes the tagger mark more of the text."""
    leaning = replace(tagger, card={**tagger.card, "decoding": {"outside_weight": 1e-4}})
    assert leaning.outside_weight == 1e-4

    def tagged(spans: tuple[RoleSpan, ...]) -> int:
        return sum(span.end - span.start for span in spans)

    assert tagged(leaning.tag(TEXT)) > tagged(tagger.tag(TEXT))


def test_the_card_s_transitions_reach_decoding_at_the_card_s_weight(
    tagger: AttributionTagger,
) -> None:
    """Transitions count only with a weight; weighed heavily, a prior that rules out
    every step into a tag other than O leaves nothing tagged past the first piece."""
    only_outside = np.full((len(LABELS), len(LABELS)), -1e3)
    only_outside[:, 0] = 0.0
    transitions = {"labels": list(LABELS), "log_probabilities": only_outside.tolist()}
    unweighed = replace(tagger, card={**tagger.card, "transitions": transitions, "decoding": {}})
    assert unweighed.transition_scores is None
    decoding = {"transition_weight": 1.0}
    weighed = replace(
        tagger, card={**tagger.card, "transitions": transitions, "decoding": decoding}
    )
    assert weighed.transition_scores is not None
    assert np.array_equal(weighed.transition_scores, only_outside)
    assert len(tagger.tag(TEXT)) > 1
    assert all(span.start == 0 for span in weighed.tag(TEXT))


def test_learned_transitions_decode_at_full_weight_unless_the_card_says_otherwise(
    tagger: AttributionTagger,
) -> None:
    """Scores learned with the tagger take the place of the counted ones, weighed 1 by
    default, since the tagger was trained to be decoded with them."""
    counted = np.zeros((len(LABELS), len(LABELS)))
    learned = np.arange(len(LABELS) ** 2, dtype=np.float64).reshape(len(LABELS), -1)
    transitions = {"log_probabilities": counted.tolist(), "learned": learned.tolist()}
    card = {**tagger.card, "transitions": transitions, "decoding": {}}
    scores = replace(tagger, card=card).transition_scores
    assert scores is not None
    assert np.array_equal(scores, learned)
    muted = replace(tagger, card={**card, "decoding": {"transition_weight": 0.0}})
    assert muted.transition_scores is None


def test_empty_text_has_no_attributions(tagger: AttributionTagger) -> None:
    """Text without words gives nothing rather than an error."""
    assert tagger.predict("") == ()
    assert tagger.tag(" \n ") == ()


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    """A folder without the model files fails with a ModelError that names the file."""
    with pytest.raises(ModelError, match=r"encoder\.onnx"):
        AttributionTagger.load(tmp_path)


def test_an_unreadable_card_is_a_model_error_naming_it(tmp_path: Path) -> None:
    """A model folder whose card is not JSON fails with the card's path, before any loading."""
    for name in MODEL_FILES:
        (tmp_path / name).write_text("{", encoding="utf-8")
    with pytest.raises(ModelError, match=r"model-card\.json: the model card cannot be read"):
        read_card(tmp_path)


def test_the_version_read_from_the_card_is_the_loaded_tagger_s(tagger: AttributionTagger) -> None:
    """A process can name the build it would load without loading its encoder."""
    assert build_version(read_card(shipped_model())) == tagger.version != "unknown"


def test_windows_overlap_at_inference_as_the_card_says_and_as_trained_for_training() -> None:
    """The card's inference stride applies at inference; training, and older cards, use the
    training stride."""
    card = {**read_card(shipped_model()), "inference": {"stride_pieces": 100}}
    trained = card["hyperparameters"]["stride_pieces"]
    assert trained != 100
    assert load_encoder(shipped_model(), card, 1).stride == 100
    assert load_encoder(shipped_model(), card, 1, training=True).stride == trained
    older = {key: value for key, value in card.items() if key != "inference"}
    assert load_encoder(shipped_model(), older, 1).stride == trained
