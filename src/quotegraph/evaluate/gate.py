"""The evaluation gate: pinned floors per metric on a fixed slice of a gold folder.

The slice is every ``stride``-th document of the folder in name order; the
baseline file records the stride, a hash of the slice's gold files (so a floor
is never compared with figures from other data) and a floor per metric. A
floor is only ever lowered on purpose: :func:`updated_baseline` refuses unless
told ``allow_lower``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from quotegraph.errors import GoldError
from quotegraph.evaluate.scores import Scores

# The metrics the gate holds, named "<row>.<measure>".
GATED = (
    "all.end_to_end_f1",
    "all.partial_f1",
    "all.exact_f1",
    "all.source_accuracy",
    "direct.end_to_end_f1",
    "role.source_f1",
    "role.cue_f1",
    "role.content_f1",
)
# How far below its floor a metric may land before the gate fails. The tagger's
# int8 arithmetic rounds differently on different processors (AVX2, AVX-512,
# VNNI), which moves a few decisions and the figures by up to about 0.003.
TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class Baseline:
    """Floors per metric for one slice of one gold folder."""

    stride: int
    data_hash: str
    floors: Mapping[str, float]

    @classmethod
    def read(cls, path: Path) -> Baseline:
        """Load a baseline file."""
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(int(raw["stride"]), raw["data_hash"], dict(raw["floors"]))

    def write(self, path: Path) -> None:
        """Save as stable, reviewable JSON."""
        record = {"stride": self.stride, "data_hash": self.data_hash, "floors": dict(self.floors)}
        path.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def slice_of(gold_folder: Path, stride: int) -> list[str]:
    """Every ``stride``-th document stem of the folder, in name order."""
    stems = sorted(path.stem for path in (gold_folder / "text").glob("*.txt"))
    return stems[::stride]


def data_hash(gold_folder: Path, docs: Sequence[str]) -> str:
    """SHA-256 over the text and annotation files of ``docs``, in order."""
    digest = hashlib.sha256()
    for stem in docs:
        files = [gold_folder / "text" / f"{stem}.txt"]
        files += sorted((gold_folder / "attributions").glob(f"{stem}_*.ann"))
        for path in files:
            if not path.is_file():
                raise GoldError(f"{path}: missing; the gold folder is incomplete")
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def measures(scores: Scores) -> dict[str, float]:
    """The gated metrics of a scoring, rounded to 4 places."""
    values: dict[str, float] = {}
    for row in scores.subsets:
        values[f"{row.name}.end_to_end_f1"] = row.end_to_end.f1
        values[f"{row.name}.partial_f1"] = row.partial.f1
        values[f"{row.name}.exact_f1"] = row.exact.f1
        values[f"{row.name}.source_accuracy"] = row.source_accuracy
    for role in scores.roles:
        values[f"role.{role.role}_f1"] = role.rates.f1
    return {name: round(values[name], 4) for name in GATED}


def shortfalls(
    baseline: Baseline, measured: Mapping[str, float], *, tolerance: float = TOLERANCE
) -> list[str]:
    """One line per metric that fell below its floor by more than ``tolerance``."""
    return [
        f"{name}: {measured[name]:.4f} < floor {floor:.4f}"
        for name, floor in sorted(baseline.floors.items())
        if measured[name] < floor - tolerance
    ]


def updated_baseline(
    baseline: Baseline, measured: Mapping[str, float], *, allow_lower: bool = False
) -> Baseline:
    """Floors set to what was measured; lowering one needs ``allow_lower``."""
    lower = shortfalls(baseline, measured, tolerance=0.0)
    if lower and not allow_lower:
        raise GoldError("refusing to lower floors without allow_lower: " + "; ".join(lower))
    return Baseline(baseline.stride, baseline.data_hash, dict(measured))
