"""Choosing the outside weight on held-out train documents: the split and the choice."""

from __future__ import annotations

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


def test_the_choice_is_the_weight_with_the_best_end_to_end_f1() -> None:
    """Each weight is measured with the whole pipeline; the entry names the best of them."""
    scores = hold_out.scores_by_weight(shipped_model(), FIXTURES, (1.0, 0.5))
    entry = hold_out.decoding_entry(scores)
    f1 = {weight: s.subset("all").end_to_end.f1 for weight, s in scores.items()}
    assert entry["outside_weight"] == max(f1, key=lambda weight: (f1[weight], weight))
    assert entry["end_to_end_f1"] == {str(w): round(value, 4) for w, value in f1.items()}
    assert entry["chosen_on"].startswith("4 documents")
