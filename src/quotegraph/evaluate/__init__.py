"""Scoring attributions against brat-standoff gold (the PolNeAR format).

``read_gold`` and ``read_predictions`` load the two sides, ``score`` compares
them with the protocol of the reference attribution scorer, and
``format_report`` / ``scores_to_json`` present the result.
"""

from quotegraph.evaluate.gold import GoldAttribution, GoldDocument
from quotegraph.evaluate.gold_folder import read_gold
from quotegraph.evaluate.predictions import Prediction, read_predictions
from quotegraph.evaluate.report import format_report, scores_to_json
from quotegraph.evaluate.scores import Rates, RoleScores, Scores, SubsetScores
from quotegraph.evaluate.scoring import score

__all__ = [
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
