"""Measuring a built tagger on a PolNeAR split with quotegraph's scorer."""

from __future__ import annotations

import json
import time
from pathlib import Path

from quotegraph.evaluate import Prediction, Scores, read_gold, score
from quotegraph.model import AttributionTagger


def predictions_of(model: Path, gold: Path) -> tuple[dict[str, list[Prediction]], float]:
    """The tagger's predictions for every document of ``gold``, and documents per second
    (for a model with parse features, its parse of each text included)."""
    tagger = AttributionTagger.load(model)
    documents = read_gold(gold)
    started = time.monotonic()
    predictions = {
        document.stem: [
            Prediction(attribution.content, attribution.cue, attribution.source)
            for attribution in tagger.predict(document.text)
        ]
        for document in documents
    }
    return predictions, len(documents) / (time.monotonic() - started)


def figures(scores: Scores) -> dict[str, object]:
    """The dev figures recorded in the model card, as percentages."""
    every = scores.subset("all")
    return {
        "role_exact_f1": {row.role: round(100 * row.rates.f1, 1) for row in scores.roles},
        "content_exact_f1": round(100 * every.exact.f1, 1),
        "content_partial_f1": round(100 * every.partial.f1, 1),
        "source_accuracy": round(100 * every.source_accuracy, 1),
        "end_to_end_f1": round(100 * every.end_to_end.f1, 1),
    }


def measure(model: Path, gold: Path, jsonl: Path | None = None) -> dict[str, object]:
    """Dev figures of the model in ``model``; the predictions go to ``jsonl`` if given."""
    predictions, speed = predictions_of(model, gold)
    if jsonl is not None:
        with jsonl.open("w", encoding="utf-8") as handle:
            for stem, quotes in predictions.items():
                record = {
                    "doc": stem,
                    "quotes": [
                        {"content": quote.content, "cue": quote.cue, "source": quote.source}
                        for quote in quotes
                    ],
                }
                handle.write(json.dumps(record) + "\n")
    result = figures(score(read_gold(gold), predictions))
    result["split"] = str(gold)
    result["docs_per_second_one_thread"] = round(speed, 2)
    return result
