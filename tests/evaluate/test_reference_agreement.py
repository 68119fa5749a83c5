"""Our scorer gives the reference scorer's numbers, figure for figure.

The reference scorer lives outside the repository (``../shared/bench``); these
tests skip when it is absent.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quotegraph.evaluate import (
    GoldDocument,
    read_gold,
    read_predictions,
    score,
    scores_to_json,
)
from quotegraph.records import Fragments

SHARED = Path(__file__).parents[2] / ".." / "shared"
REFERENCE = SHARED / "bench" / "score_attribution.py"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def reference() -> Path:
    if not REFERENCE.is_file():
        pytest.skip(f"reference scorer not found at {REFERENCE} (it lives outside the repo)")
    return REFERENCE


def reference_json(reference: Path, gold: Path, predictions: Path, *options: str) -> dict[str, Any]:
    command = [sys.executable, str(reference), "--gold", str(gold), "--pred", str(predictions)]
    finished = subprocess.run(
        [*command, *options, "--json"], capture_output=True, text=True, check=True, timeout=300
    )
    result: dict[str, Any] = json.loads(finished.stdout)
    return result


def differences(ours: Any, theirs: Any, path: str = "") -> list[str]:
    """Where our JSON differs from the reference's, every key of ours being compared."""
    if isinstance(ours, dict):
        if not isinstance(theirs, dict):
            return [f"{path}: reference has {theirs!r}"]
        return [
            difference
            for key, value in ours.items()
            for difference in differences(value, theirs.get(key, "<absent>"), f"{path}/{key}")
        ]
    return [] if ours == theirs else [f"{path}: ours {ours!r}, reference {theirs!r}"]


@pytest.mark.parametrize(
    ("options", "annotator", "thresholds"),
    [
        ((), None, {}),
        (("--annotator", "b7"), "b7", {}),
        (
            ("--partial-threshold", "0.8", "--direct-threshold", "0.3"),
            None,
            {"partial_threshold": 0.8, "direct_threshold": 0.3},
        ),
    ],
)
def test_fixture_agrees_with_reference(
    reference: Path, options: tuple[str, ...], annotator: str | None, thresholds: dict[str, float]
) -> None:
    """On the fixture, every figure we report equals the reference scorer's."""
    predictions = FIXTURES / "predictions.jsonl"
    ours = scores_to_json(
        score(read_gold(FIXTURES, annotator=annotator), read_predictions(predictions), **thresholds)
    )
    theirs = reference_json(reference, FIXTURES, predictions, *options)
    assert differences(ours, theirs) == []


def shifted(fragments: Fragments, rng: random.Random, length: int) -> list[list[int]]:
    """The fragments with each boundary moved by up to a few characters, kept valid."""
    moved = []
    for start, end in fragments:
        new_start = min(max(0, start + rng.randint(-6, 6)), length - 1)
        moved.append([new_start, min(length, max(new_start + 1, end + rng.randint(-6, 6)))])
    return moved


def spans(fragments: Fragments) -> list[list[int]] | None:
    return [list(fragment) for fragment in fragments] or None


def perturbed_line(document: GoldDocument, rng: random.Random) -> dict[str, Any]:
    """Predictions made from the gold: dropped, moved, split, repeated, with wrong sources."""
    length = len(document.text)
    sources = [attribution.source for attribution in document.attributions if attribution.source]
    quotes: list[dict[str, Any]] = []
    for attribution in document.attributions:
        draw = rng.random()
        if draw < 0.15:
            continue
        quote = {
            "content": spans(attribution.content),
            "cue": spans(attribution.cue),
            "source": spans(attribution.source),
            "kind": rng.choice([None, "direct", "mixed", "indirect", "unknown"]),
        }
        if draw < 0.45:
            quote["content"] = shifted(attribution.content, rng, length)
        if 0.45 <= draw < 0.55 and len(attribution.content) > 1:
            quotes.append({**quote, "content": spans(attribution.content[1:])})
            quote["content"] = spans(attribution.content[:1])
        if rng.random() < 0.2:
            quote["source"] = None
        elif rng.random() < 0.15 and sources:
            quote["source"] = spans(rng.choice(sources))
        if rng.random() < 0.2 and attribution.cue:
            quote["cue"] = shifted(attribution.cue, rng, length)
        quotes.append(quote)
        if rng.random() < 0.05:
            quotes.append(quote)
    for _ in range(rng.choice([0, 0, 1, 2])):
        start = rng.randrange(length)
        quotes.append(
            {"content": [start, min(length, start + rng.randint(5, 120))], "source": None}
        )
    rng.shuffle(quotes)
    return {"doc": document.stem, "quotes": quotes}


@pytest.mark.evaluation
@pytest.mark.parametrize("seed", [1, 2])
def test_polnear_dev_agrees_with_reference(
    reference: Path, polnear_dev: Path, tmp_path: Path, seed: int
) -> None:
    """On PolNeAR dev, with predictions perturbed from its gold, every figure is the reference's."""
    rng = random.Random(seed)
    gold = read_gold(polnear_dev)
    predictions = tmp_path / "predictions.jsonl"
    with predictions.open("w", encoding="utf-8") as handle:
        for document in gold:
            if rng.random() >= 0.08:
                handle.write(json.dumps(perturbed_line(document, rng)) + "\n")
    ours = scores_to_json(score(gold, read_predictions(predictions)))
    theirs = reference_json(reference, polnear_dev, predictions)
    assert differences(ours, theirs) == []
