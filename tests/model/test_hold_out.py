"""Choosing decoding settings on held-out train documents: the split and the choice."""

from __future__ import annotations

import json
from pathlib import Path

from tests.model.training_scripts import training_module

from quotegraph.evaluate import read_gold
from quotegraph.model.tagger import shipped_model

hold_out = training_module("hold_out")

FIXTURES = Path(__file__).parents[1] / "evaluate" / "fixtures"


def test_split_holds_out_every_nth_document_with_all_its_annotations(tmp_path: Path) -> None:
    """Every document lands in exactly one part, with each of its annotators' files."""
    fit, held = hold_out.split(FIXTURES, tmp_path, every=2)
    assert (fit, held) == (2, 2)
    parts = {part: read_gold(tmp_path / part) for part in ("fit", "held")}
    stems = [doc.stem for doc in parts["fit"] + parts["held"]]
    assert sorted(stems) == sorted(doc.stem for doc in read_gold(FIXTURES))
    annotations = sorted(
        path.name for part in ("fit", "held") for path in (tmp_path / part).glob("*/*.ann")
    )
    assert annotations == sorted(path.name for path in (FIXTURES / "attributions").glob("*.ann"))


def test_the_choice_is_the_value_with_the_best_end_to_end_f1(tmp_path: Path) -> None:
    """Each value is measured with the whole pipeline; the best is recorded in the card
    beside the other settings, with every value's F1."""
    scores = hold_out.scores_by_value(shipped_model(), FIXTURES, "min_confidence", (0.6, 1.01))
    best, how = hold_out.choice(scores)
    f1 = {value: s.subset("all").end_to_end.f1 for value, s in scores.items()}
    assert best == max(f1, key=lambda value: (f1[value], value))
    assert how["end_to_end_f1"] == {str(value): round(f1[value], 4) for value in f1}
    assert how["chosen_on"].startswith("4 documents")
    card = tmp_path / "model-card.json"
    card.write_text(json.dumps({"decoding": {"outside_weight": 0.7}}), encoding="utf-8")
    hold_out.record(card, "min_confidence", best, how)
    decoding = json.loads(card.read_text(encoding="utf-8"))["decoding"]
    assert decoding["outside_weight"] == 0.7 and decoding["min_confidence"] == best
    assert decoding["choices"] == {"min_confidence": how}
