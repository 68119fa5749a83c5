"""Presenting scores: the table for people, the JSON for programs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegraph.evaluate import (
    Scores,
    format_report,
    read_gold,
    read_predictions,
    score,
    scores_to_json,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def fixture_scores() -> Scores:
    return score(read_gold(FIXTURES), read_predictions(FIXTURES / "predictions.jsonl"))


def test_report_shows_every_row_and_figure(fixture_scores: Scores) -> None:
    """The table names each row and gives its figures as percentages to one decimal."""
    report = format_report(fixture_scores)
    assert report.splitlines()[0] == "4 documents scored, 1 without predictions"
    rows = {line.split()[0]: line.split()[1:] for line in report.splitlines()[4:] if line}
    assert (
        " ".join(rows["all"]) == "14 15 40.0 42.9 41.4 73.3 78.6 75.9 11 72.7 81.8 53.3 57.1 55.2"
    )
    assert rows["direct"][:2] == ["6", "6"]
    assert rows["non-direct"][:2] == ["8", "9"]
    assert " ".join(rows["source"]) == "12 8 50.0 33.3 40.0"
    assert set(rows) >= {"cue", "content", "role-exact"}


def test_json_has_the_reference_keys(fixture_scores: Scores) -> None:
    """The JSON uses the reference scorer's keys and survives a round trip through text."""
    data = scores_to_json(fixture_scores)
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"config", "pred", "metrics", "role_exact"}
    assert data["pred"] == {"docs_with_predictions": 3, "missing_docs": 1}
    assert set(data["metrics"]) == {"all", "direct", "non-direct"}
    assert set(data["metrics"]["all"]) == {
        "n_gold",
        "n_pred",
        "content_exact",
        "content_partial",
        "source_acc",
        "cue_acc",
        "matched",
        "matched_gold_without_source",
        "end_to_end",
        "kind_acc",
    }
    assert data["metrics"]["all"]["content_exact"]["tp"] == 6
    assert data["role_exact"]["cue"] == {
        "p": 0.9,
        "r": 9 / 14,
        "f1": pytest.approx(0.75),
        "tp": 9,
        "n_gold": 14,
        "n_pred": 10,
    }
