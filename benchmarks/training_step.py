"""How long a fine-tuning step of the tagger's encoder takes in bfloat16, against float32.

A step here is what dominates a build: the encoder reads a document of
``--windows`` windows of 256 word pieces (random ids), its chosen layers'
states are averaged as in training, and a loss on them flows back through
every layer. Each precision runs in a child process of its own, so that its
peak memory is its own; float32 is the baseline, and the two alternate
``--rounds`` times so that a busy spell of a shared machine falls on both.
The best time of each is printed with its ratio to the baseline's.

    .venv/bin/python benchmarks/training_step.py --encoder mpnet --threads 2

Needs the train extra (``pip install -e '.[train]'``). On a CPU without
bfloat16 instructions PyTorch emulates them and bfloat16 is the slower.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

TRAINING = Path(__file__).resolve().parent.parent / "training"
PRECISIONS = ("float32", "bfloat16")


def step_seconds(encoder: str, precision: str, windows: int, steps: int, threads: int) -> float:
    """The best of ``steps`` timed steps (after one untimed) in ``precision``."""
    sys.path.insert(0, str(TRAINING))
    import numpy as np
    import torch
    from encoders import encoder_folder
    from fine_tune import DocumentTagger, WindowedDocument
    from train_attribution import LAYERS, load_pretrained

    from quotegraph.model.windows import Pieces, windows_of

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = load_pretrained(encoder_folder(encoder))
    model.train()
    count = windows * 254
    pieces = Pieces(
        tuple(int(i) for i in torch.randint(1000, 20000, (count,))),
        tuple((i, i + 1) for i in range(count)),
        (0,),
    )
    document = WindowedDocument(
        pieces, (254, 254), windows_of(pieces, 254, 254), np.zeros(count, dtype=np.int64)
    )
    tagger = DocumentTagger(
        model, LAYERS, torch.nn.Identity(), (0, 2), precision=getattr(torch, precision)
    )
    times = []
    for _ in range(steps + 1):
        started = time.perf_counter()
        tagger.features(document).square().mean().backward()
        model.zero_grad()
        times.append(time.perf_counter() - started)
    return min(times[1:])


def measured(args: argparse.Namespace, precision: str) -> tuple[float, float]:
    """Seconds a step and peak memory (MB) of a child process stepping in ``precision``."""
    command = [
        sys.executable,
        __file__,
        "--child",
        precision,
        *("--encoder", args.encoder, "--windows", str(args.windows)),
        *("--steps", str(args.steps), "--threads", str(args.threads)),
    ]
    report = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
    return report["seconds"], report["peak_mb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", default="mpnet", help="mpnet, minilm or a folder")
    parser.add_argument("--windows", type=int, default=8, help="windows in a step")
    parser.add_argument("--steps", type=int, default=3, help="timed steps a round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--child", choices=PRECISIONS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        seconds = step_seconds(args.encoder, args.child, args.windows, args.steps, args.threads)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"seconds": seconds, "peak_mb": peak}))
        return
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.rounds):
        for precision in PRECISIONS:
            seconds, peak = measured(args, precision)
            old = best.get(precision, (seconds, peak))
            best[precision] = (min(seconds, old[0]), max(peak, old[1]))
    base_seconds, base_peak = best["float32"]
    for precision, (seconds, peak) in best.items():
        print(
            f"{precision}: {seconds:.2f} s a step of {args.windows} windows "
            f"({seconds / base_seconds:.2f}x float32), peak {peak:.0f} MB "
            f"({peak / base_peak:.2f}x)"
        )


if __name__ == "__main__":
    main()
