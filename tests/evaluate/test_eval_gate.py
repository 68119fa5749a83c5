"""The evaluation gate: attribution on a fixed slice of PolNeAR dev never falls below its floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotegraph.errors import GoldError
from quotegraph.evaluate.gate import (
    GATED,
    TOLERANCE,
    Baseline,
    data_hash,
    shortfalls,
    slice_of,
    updated_baseline,
)

BASELINE = Path(__file__).with_name("eval_baseline.json")


@pytest.mark.evaluation
def test_attribution_holds_its_floors(polnear_dev: Path, request: pytest.FixtureRequest) -> None:
    """Every gated metric on the dev slice is at or above its pinned floor."""
    from quotegraph.evaluate.gate import measures
    from quotegraph.evaluate.runner import evaluate_folder

    baseline = Baseline.read(BASELINE)
    docs = slice_of(polnear_dev, baseline.stride)
    if data_hash(polnear_dev, docs) != baseline.data_hash:
        pytest.fail(
            "the evaluation data differ from those the floors were pinned on; "
            "re-pin with --update-eval-baseline after checking why"
        )
    measured = measures(evaluate_folder(polnear_dev, docs=docs))
    if request.config.getoption("--update-eval-baseline"):
        allow_lower = request.config.getoption("--allow-lower-floors")
        updated_baseline(baseline, measured, allow_lower=allow_lower).write(BASELINE)
        return
    assert shortfalls(baseline, measured) == []


def test_baseline_pins_every_gated_metric() -> None:
    """The baseline file has a floor for each gated metric and a data hash."""
    baseline = Baseline.read(BASELINE)
    assert set(baseline.floors) == set(GATED)
    assert len(baseline.data_hash) == 64
    assert baseline.stride >= 1


def test_floors_are_never_lowered_silently() -> None:
    """Updating with a worse figure is refused unless lowering is allowed."""
    baseline = Baseline(4, "0" * 64, {"all.end_to_end_f1": 0.6})
    with pytest.raises(GoldError, match="lower"):
        updated_baseline(baseline, {"all.end_to_end_f1": 0.5})
    lowered = updated_baseline(baseline, {"all.end_to_end_f1": 0.5}, allow_lower=True)
    assert lowered.floors == {"all.end_to_end_f1": 0.5}
    raised = updated_baseline(baseline, {"all.end_to_end_f1": 0.7})
    assert raised.floors == {"all.end_to_end_f1": 0.7}


def test_shortfalls_name_the_metric() -> None:
    """A metric below its floor is reported with both figures."""
    baseline = Baseline(4, "0" * 64, {"all.end_to_end_f1": 0.6, "role.cue_f1": 0.5})
    assert shortfalls(baseline, {"all.end_to_end_f1": 0.55, "role.cue_f1": 0.5}) == [
        "all.end_to_end_f1: 0.5500 < floor 0.6000"
    ]


def test_a_floor_holds_within_the_tolerance_of_processor_rounding() -> None:
    """Landing under a floor by less than TOLERANCE passes; by more, it fails."""
    baseline = Baseline(4, "0" * 64, {"role.cue_f1": 0.6})
    assert shortfalls(baseline, {"role.cue_f1": 0.6 - TOLERANCE / 2}) == []
    assert shortfalls(baseline, {"role.cue_f1": 0.6 - TOLERANCE * 2}) == [
        f"role.cue_f1: {0.6 - TOLERANCE * 2:.4f} < floor 0.6000"
    ]
