"""How long the corpus actor step takes over a large store, against reading its entities.

Builds a synthetic store of stored analyses (no spaCy: Analysis records made
directly), runs the actor step once, then times what a user waits for after
changing the alias file or adding a correction, and prints each time with its
ratio to a baseline measured in the same run: reading every entity and quote
row from the store.

Each time is given as wall-clock seconds and as the CPU seconds of this
process: on a machine whose cores other work shares, the wall clock grows with
that work, so compare runs of different sizes by their CPU seconds.

    .venv/bin/python benchmarks/corpus_step.py --articles 10000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select

from quotegraph.actors.aliases import parse_aliases
from quotegraph.corpus import Corpus
from quotegraph.records import Analysis, ArticleMeta, Entity, Mention, Quote
from quotegraph.store.schema import entities, quotes

GIVEN = ["Maria", "Owen", "Ruth", "Tom", "Lena", "Dev", "Ana", "Priya", "Kieran", "Nia"]
SURNAMES = [f"Surname{n}" for n in range(400)]
ORGS = [f"Harbour Body {n}" for n in range(150)]
SAYINGS = [
    "the plan would bring jobs to the town and keep young people here",
    "nobody who works on this harbour was asked before the plan was drawn up",
    "the grant cut would empty the levels within a decade",
    "the unit was unsafe and could not be staffed at night",
]


def synthetic_article(rng: random.Random, number: int) -> Analysis:
    """An article of a few people and organisations, each quoted, with mentions."""
    people = rng.sample(range(len(SURNAMES)), 4)
    names = [f"{GIVEN[p % len(GIVEN)]} {SURNAMES[p]}" for p in people]
    orgs = rng.sample(ORGS, 2)
    parts, ents, mentions, quote_list = [], [], [], []
    offset = 0
    for entity_id, name in enumerate([*names, *orgs]):
        is_person = entity_id < len(names)
        surname = name.split()[-1]
        saying = rng.choice(SAYINGS) + f" ({number})"
        sentence = f"{name} said {saying}. {surname if is_person else 'It'} agreed. "
        ents.append(
            Entity(
                id=entity_id,
                name=name,
                type="person" if is_person else "organisation",
                roles=("councillor",) if is_person else (),
            )
        )
        mentions.append(
            Mention(start=offset, end=offset + len(name), text=name, kind="name", entity=entity_id)
        )
        start = offset + len(name) + len(" said ")
        quote_list.append(
            Quote(
                content=((start, start + len(saying)),),
                kind="indirect",
                source=(offset, offset + len(name)),
                speaker=entity_id,
                confidence=rng.random(),
                method="synthetic",
            )
        )
        parts.append(sentence)
        offset += len(sentence)
    return Analysis(
        text="".join(parts),
        meta=ArticleMeta(source=f"synthetic/{number}.txt", outlet="Synthetic"),
        entities=tuple(ents),
        mentions=tuple(mentions),
        quotes=tuple(quote_list),
        pipeline="synthetic",
    )


class Timing(NamedTuple):
    """Wall-clock and CPU seconds of one action."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def timed(action: Callable[[], object]) -> Timing:
    started, cpu = time.perf_counter(), time.process_time()
    action()
    return Timing(time.perf_counter() - started, time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Corpus(Path(scratch) / "bench.db")
        store = corpus.store
        started = time.perf_counter()
        for number in range(args.articles):
            store.add_analysis(
                f"a{number:06d}",
                synthetic_article(rng, number),
                format="text",
                encoding=None,
                run_id=None,
            )
        print(f"built {args.articles} articles in {time.perf_counter() - started:.1f} s")

        def read_all() -> None:
            with store._reading() as db:
                db.execute(select(entities)).all()
                db.execute(select(quotes.c.id, quotes.c.content_text, quotes.c.actor_id)).all()

        baseline = min((timed(read_all) for _ in range(3)), key=lambda t: t.cpu)
        first = timed(corpus.rebuild_actors)
        rerun = timed(corpus.rebuild_actors)
        book = parse_aliases(
            f'[[actor]]\nname = "{GIVEN[0]} {SURNAMES[0]}"\naliases = ["{SURNAMES[0]}"]\n', "toml"
        )
        aliases = timed(lambda: corpus.set_aliases(book))
        quote = corpus.quotes()[0]
        correction = timed(lambda: corpus.correct_speaker(quote.id, f"{GIVEN[1]} {SURNAMES[1]}"))
        stats = corpus.stats()
        print(f"{stats.articles} articles, {stats.quotes} quotes, {len(corpus.actors())}+ actors")
        print(f"baseline, read every entity and quote row: {baseline}")
        for label, took in (
            ("first actor step (writes every row)", first),
            ("rerun, nothing changed", rerun),
            ("after changing the alias file", aliases),
            ("after one speaker correction", correction),
        ):
            print(f"{label}: {took} ({took.cpu / baseline.cpu:.1f}x baseline CPU)")
        corpus.close()


if __name__ == "__main__":
    main()
