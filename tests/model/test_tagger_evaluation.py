"""The shipped tagger on PolNeAR dev, against the floors of its model card."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotegraph.evaluate import Prediction, read_gold, score
from quotegraph.model import AttributionTagger

pytestmark = [pytest.mark.evaluation, pytest.mark.slow]

SLACK = 0.5
"""Percentage points the measured figures may fall below the model card's."""


def test_dev_figures_match_the_model_card(polnear_dev: Path) -> None:
    """Role-exact and end-to-end F1 on dev are those recorded when the model was built."""
    tagger = AttributionTagger.load()
    documents = read_gold(polnear_dev)
    predictions = {
        document.stem: [
            Prediction(found.content, found.cue, found.source)
            for found in tagger.predict(document.text)
        ]
        for document in documents
    }
    scores = score(documents, predictions)
    recorded = tagger.card["dev"]
    for role, floor in recorded["role_exact_f1"].items():
        assert 100 * scores.role(role).rates.f1 >= floor - SLACK, role
    assert 100 * scores.subset("all").end_to_end.f1 >= recorded["end_to_end_f1"] - SLACK
