"""Choosing the tagger's decoding settings on a part of PolNeAR train held out from a build.

Three settings of the model card's ``decoding`` entry shape what the tagger
adds to the rules: ``outside_weight`` scales the outside tag's probability
before the tag sequence is decoded (below 1 the tagger commits to more
spans), ``transition_weight`` is how much the decoding weighs the card's
tag transition scores (learned with the tagger, or counted from train's
tags), and ``min_confidence`` is how sure a
tagged attribution must be to be kept. Choosing them on dev would flatter
dev, so they are measured on train documents that a build did not see:

    python training/hold_out.py split ../shared/polnear/train /tmp/held-out
    python training/train_attribution.py --train /tmp/held-out/fit --output /tmp/held-out/model
    python training/hold_out.py choose /tmp/held-out/model /tmp/held-out/held \\
        --card src/quotegraph/data/model/model-card.json

``split`` links every tenth document (in name order) into ``held/`` and the
rest into ``fit/``; ``choose`` runs the whole pipeline (rules and tagger) on
``held/`` at each value of one setting (``--setting``, the others as the
model's card has them), prints the scores and, with ``--card``, records the
value with the best end-to-end F1 in that card.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from quotegraph.evaluate import Scores, read_gold, score
from quotegraph.evaluate.gold_folder import annotation_files
from quotegraph.evaluate.runner import analyse_gold, as_predictions
from quotegraph.model import AttributionTagger

VALUES = {
    "outside_weight": (1.0, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3),
    "transition_weight": (0.0, 0.1, 0.2, 0.3, 0.5, 1.0),
    "min_confidence": (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9),
}


def split(train: Path, folder: Path, every: int = 10) -> tuple[int, int]:
    """Link every ``every``-th document of ``train`` into ``folder/held``, the rest into
    ``folder/fit`` (texts and their annotation files, matched as the gold reader
    matches them); the two counts."""
    stems = sorted(path.stem for path in (train / "text").glob("*.txt"))
    annotations = annotation_files(train / "attributions", set(stems))
    counts = {"fit": 0, "held": 0}
    for index, stem in enumerate(stems):
        part = "held" if index % every == every - 1 else "fit"
        counts[part] += 1
        for source in (train / "text" / f"{stem}.txt", *annotations.get(stem, {}).values()):
            target = folder / part / source.parent.name / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source.resolve())
    return counts["fit"], counts["held"]


def scores_by_value(
    model: Path, held: Path, setting: str, values: tuple[float, ...]
) -> dict[float, Scores]:
    """The pipeline's scores on ``held`` with the tagger of ``model`` at each value of the
    decoding ``setting``."""
    tagger = AttributionTagger.load(model)
    gold = read_gold(held)
    scores = {}
    for value in values:
        decoding = {**tagger.card.get("decoding", {}), setting: value}
        found = analyse_gold(
            gold, tagger=replace(tagger, card={**tagger.card, "decoding": decoding})
        )
        scores[value] = score(gold, {stem: as_predictions(q) for stem, q in found.items()})
        row = scores[value].subset("all")
        roles = " / ".join(f"{r.rates.f1:.3f}" for r in scores[value].roles)
        print(f"{setting} {value}: end to end {row.end_to_end.f1:.3f}, role-exact {roles}")
    return scores


def choice(scores: dict[float, Scores]) -> tuple[float, dict[str, object]]:
    """The value with the best end-to-end F1 (the higher value on a tie), and the record of
    the choice: when, on what, and every value's F1."""
    end_to_end = {value: s.subset("all").end_to_end.f1 for value, s in scores.items()}
    best = max(end_to_end, key=lambda value: (end_to_end[value], value))
    return best, {
        "chosen": datetime.now(UTC).isoformat(timespec="seconds"),
        "chosen_on": f"{scores[best].documents} documents of train held out from a build",
        "end_to_end_f1": {str(value): round(f1, 4) for value, f1 in end_to_end.items()},
    }


def record(card_path: Path, setting: str, best: float, how: dict[str, object]) -> None:
    """Set ``setting`` to ``best`` in the card's ``decoding`` entry, with how it was chosen."""
    card = json.loads(card_path.read_text(encoding="utf-8"))
    decoding = card.setdefault("decoding", {})
    decoding[setting] = best
    decoding.setdefault("choices", {})[setting] = how
    card_path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    split_command = commands.add_parser("split", help="hold every tenth document out")
    split_command.add_argument("train", type=Path, help="PolNeAR train folder")
    split_command.add_argument("folder", type=Path, help="where fit/ and held/ go (new)")
    choose = commands.add_parser("choose", help="measure a setting on the held-out part")
    choose.add_argument("model", type=Path, help="a model built on fit/")
    choose.add_argument("held", type=Path, help="the held-out folder")
    choose.add_argument("--setting", choices=sorted(VALUES), default="outside_weight")
    choose.add_argument("--values", type=float, nargs="+", help="default: a range per setting")
    choose.add_argument("--card", type=Path, help="model card to record the chosen value in")
    args = parser.parse_args()
    if args.command == "split":
        fit, held = split(args.train, args.folder)
        print(f"{fit} documents in {args.folder / 'fit'}, {held} in {args.folder / 'held'}")
        return
    values = tuple(args.values or VALUES[args.setting])
    best, how = choice(scores_by_value(args.model, args.held, args.setting, values))
    print(f"best: {best}")
    if args.card:
        record(args.card, args.setting, best, how)


if __name__ == "__main__":
    main()
