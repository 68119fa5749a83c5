"""`quotegraph eval-demo` on the bundled demo corpus: the speaker floors hold."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quotegraph.cli import main

GOLD = Path(__file__).resolve().parent.parent / "demo" / "gold.jsonl"
# The floors of docs/accuracy.md ("Actors and speakers"); raise them, never lower them.
SPEAKER_ACCURACY_FLOOR = 0.98
SPEAKER_BCUBED_F1_FLOOR = 0.98
ACTOR_BCUBED_F1_FLOOR = 0.95


def test_eval_demo_meets_the_speaker_floors() -> None:
    """Speaker accuracy and speaker B-cubed F1 are at least 0.98, actor clustering 0.95."""
    result = CliRunner().invoke(main, ["eval-demo", str(GOLD), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["found_quotes"] > 0.9 * scores["gold_quotes"]
    assert scores["speaker_accuracy"] >= SPEAKER_ACCURACY_FLOOR, scores["errors"]
    assert scores["speaker_clustering"]["bcubed_f1"] >= SPEAKER_BCUBED_F1_FLOOR, scores["errors"]
    assert scores["actor_clustering"]["bcubed_f1"] >= ACTOR_BCUBED_F1_FLOOR
