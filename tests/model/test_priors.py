"""Statistics of the training data that the model card records for decoding and linking."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from tests.model.training_scripts import training_module

from quotegraph.evaluate import GoldAttribution, GoldDocument, read_gold
from quotegraph.model.labels import LABELS, label_id
from quotegraph.model.tagger import TOKENIZER_FILE, shipped_model
from quotegraph.model.windows import load_tokenizer

priors = training_module("priors")

FIXTURES = Path(__file__).parents[1] / "evaluate" / "fixtures"


def test_transitions_are_a_distribution_over_the_next_tag() -> None:
    """Every row of the transition table sums to one, over all the tags."""
    tokenizer = load_tokenizer(str(shipped_model() / TOKENIZER_FILE))
    table = np.exp(np.array(priors.tag_transitions(read_gold(FIXTURES), tokenizer)))
    assert table.shape == (len(LABELS), len(LABELS))
    assert np.allclose(table.sum(axis=1), 1.0, atol=1e-3)


def test_transitions_count_the_steps_of_the_gold_tags() -> None:
    """In a text whose one content runs many pieces, inside-content most often goes on."""
    text = "Mayor Ilse Voss said the quay would reopen before the herring season in May."
    content = (text.index("the quay"), len(text) - 1)
    document = GoldDocument(
        "fixture", text, (GoldAttribution(content=(content,), cue=((16, 20),), source=((0, 15),)),)
    )
    tokenizer = load_tokenizer(str(shipped_model() / TOKENIZER_FILE))
    table = np.array(priors.tag_transitions([document], tokenizer))
    inside = label_id("content", begins=False)
    assert table[inside].argmax() == inside
    assert table[label_id("source", begins=True)].argmax() == label_id("source", begins=False)
