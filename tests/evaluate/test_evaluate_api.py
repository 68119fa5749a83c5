"""The public surface of quotegraph.evaluate."""

from __future__ import annotations

import quotegraph.evaluate as evaluate


def test_exported_names_are_pinned() -> None:
    """The package exports exactly the documented names, each of them defined."""
    assert sorted(evaluate.__all__) == [
        "GoldAttribution",
        "GoldDocument",
        "Prediction",
        "Rates",
        "RoleScores",
        "Scores",
        "SubsetScores",
        "format_report",
        "read_gold",
        "read_predictions",
        "score",
        "scores_to_json",
    ]
    assert all(hasattr(evaluate, name) for name in evaluate.__all__)
