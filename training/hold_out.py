"""Choosing the decoding's outside weight on a part of PolNeAR train held out from a build.

The weight scales the outside tag's probability before the tag sequence is
decoded (below 1 the tagger commits to more spans). Choosing it on dev would
flatter dev, so it is chosen on train documents that a build did not see:

    python training/hold_out.py split ../shared/polnear/train /tmp/held-out
    python training/train_attribution.py --train /tmp/held-out/fit --output /tmp/held-out/model
    python training/hold_out.py choose /tmp/held-out/model /tmp/held-out/held \\
        --card src/quotegraph/data/model/model-card.json

``split`` links every tenth document (in name order) into ``held/`` and the
rest into ``fit/``; ``choose`` runs the whole pipeline (rules and tagger) on
``held/`` at each weight, prints the scores and writes the weight with the best
end-to-end F1 into the given model card.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from quotegraph.evaluate import Scores, read_gold, score
from quotegraph.evaluate.runner import analyse_gold, as_predictions
from quotegraph.model import AttributionTagger

WEIGHTS = (1.0, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)


def split(train: Path, folder: Path, every: int = 10) -> tuple[int, int]:
    """Link every ``every``-th document of ``train`` into ``folder/held``, the rest into
    ``folder/fit`` (texts and their annotation files); the two counts."""
    counts = {"fit": 0, "held": 0}
    for index, text in enumerate(sorted((train / "text").glob("*.txt"))):
        part = "held" if index % every == every - 1 else "fit"
        counts[part] += 1
        annotations = train / "attributions"
        own = [*annotations.glob(f"{text.stem}.ann"), *annotations.glob(f"{text.stem}_*.ann")]
        for source in (text, *sorted(own)):
            target = folder / part / source.parent.name / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source.resolve())
    return counts["fit"], counts["held"]


def scores_by_weight(model: Path, held: Path, weights: tuple[float, ...]) -> dict[float, Scores]:
    """The pipeline's scores on ``held`` with the tagger of ``model`` at each outside weight."""
    tagger = AttributionTagger.load(model)
    gold = read_gold(held)
    scores = {}
    for weight in weights:
        card = {**tagger.card, "decoding": {"outside_weight": weight}}
        found = analyse_gold(gold, tagger=replace(tagger, card=card))
        scores[weight] = score(gold, {stem: as_predictions(q) for stem, q in found.items()})
        row = scores[weight].subset("all")
        roles = " / ".join(f"{r.rates.f1:.3f}" for r in scores[weight].roles)
        print(f"weight {weight}: end to end {row.end_to_end.f1:.3f}, role-exact {roles}")
    return scores


def decoding_entry(scores: dict[float, Scores]) -> dict[str, object]:
    """The model card's ``decoding`` entry: the weight with the best end-to-end F1
    (the higher weight on a tie), when and on what it was chosen, and every weight's F1."""
    end_to_end = {weight: s.subset("all").end_to_end.f1 for weight, s in scores.items()}
    best = max(end_to_end, key=lambda weight: (end_to_end[weight], weight))
    return {
        "outside_weight": best,
        "chosen": datetime.now(UTC).isoformat(timespec="seconds"),
        "chosen_on": f"{scores[best].documents} documents of train held out from a build",
        "end_to_end_f1": {str(weight): round(f1, 4) for weight, f1 in end_to_end.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    split_command = commands.add_parser("split", help="hold every tenth document out")
    split_command.add_argument("train", type=Path, help="PolNeAR train folder")
    split_command.add_argument("folder", type=Path, help="where fit/ and held/ go (new)")
    choose = commands.add_parser("choose", help="measure the weights on the held-out part")
    choose.add_argument("model", type=Path, help="a model built on fit/")
    choose.add_argument("held", type=Path, help="the held-out folder")
    choose.add_argument("--weights", type=float, nargs="+", default=WEIGHTS)
    choose.add_argument("--card", type=Path, help="model card to record the chosen weight in")
    args = parser.parse_args()
    if args.command == "split":
        fit, held = split(args.train, args.folder)
        print(f"{fit} documents in {args.folder / 'fit'}, {held} in {args.folder / 'held'}")
        return
    entry = decoding_entry(scores_by_weight(args.model, args.held, tuple(args.weights)))
    print(f"best: {entry['outside_weight']}")
    if args.card:
        card = json.loads(args.card.read_text(encoding="utf-8"))
        card["decoding"] = entry
        args.card.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
