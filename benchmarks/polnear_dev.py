"""Score the rule-based attribution finder on the PolNeAR dev split.

Runs the spaCy pipeline, ``find_actors`` and ``find_quotes`` over every
``dev/text/*.txt``, writes the predictions as JSONL in the reference scorer's
format and prints the scorer's tables.

    .venv/bin/python benchmarks/polnear_dev.py [--polnear ../shared/polnear]
        [--out /tmp/polnear_dev.jsonl] [--parsed /tmp/polnear_dev.spacy]

PolNeAR annotates a quote that runs over several paragraphs as one
attribution, so quotes marked ``continues`` are folded into the quote they
continue before scoring. ``--parsed`` keeps the parsed documents in a file and
reuses them on the next run, which makes tuning the rules quick.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from spacy.tokens import Doc, DocBin

from quotegraph.actors import find_actors
from quotegraph.export.attribution import attribution_record
from quotegraph.nlp import load_pipeline
from quotegraph.quotes import find_quotes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLNEAR = ROOT.parent / "shared" / "polnear"
SCORER = "bench/score_attribution.py"


def parse(texts: list[str], cache: Path | None) -> list[Doc]:
    """Parsed documents, read from ``cache`` when it holds these texts."""
    nlp = load_pipeline()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [doc.text for doc in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts))
    if cache is not None:
        DocBin(docs=docs).to_disk(cache)
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--out", type=Path, default=Path("/tmp/polnear_dev.jsonl"))
    parser.add_argument("--parsed", type=Path, default=None, help="cache file for parsed documents")
    parser.add_argument(
        "--by-doc", type=Path, default=None, help="write the scorer's per-document errors here"
    )
    args = parser.parse_args()

    split = args.polnear / args.split
    paths = sorted((split / "text").glob("*.txt"))
    if not paths:
        print(f"no texts under {split / 'text'}; give --polnear", file=sys.stderr)
        return 2
    texts = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            texts.append(handle.read())

    started = time.perf_counter()
    docs = parse(texts, args.parsed)
    parsed = time.perf_counter()
    with open(args.out, "w", encoding="utf-8") as out:
        for path, doc in zip(paths, docs, strict=True):
            quotes = find_quotes(doc, find_actors(doc))
            out.write(json.dumps(attribution_record(path.stem, quotes)) + "\n")
    done = time.perf_counter()
    print(f"{len(docs)} documents: parse {parsed - started:.1f}s, rules {done - parsed:.1f}s")

    scorer = args.polnear.parent / SCORER
    command = [sys.executable, str(scorer), "--gold", str(split), "--pred", str(args.out)]
    if args.by_doc is not None:
        command += ["--by-doc", str(args.by_doc)]
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())
