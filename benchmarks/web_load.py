"""Load on the web face: 50 clients searching and opening speakers over 100,000 quotes.

Builds a store of invented analyses through the Store API (no parsing), serves
it with ``quotegraph serve`` on a free loopback port, and sends a bounded number
of requests from concurrent clients. Prints p50 and p95 latency per kind of
request; the target is p95 under 200 ms.

    .venv/bin/python benchmarks/web_load.py              # 100,000 quotes, 50 clients
    .venv/bin/python benchmarks/web_load.py --quotes 20000 --requests 1000
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from quotegraph.records import Analysis, ArticleMeta, Entity, Quote
from quotegraph.store import open_store

WORDS = [
    "harbour",
    "ferry",
    "council",
    "budget",
    "hospital",
    "school",
    "marina",
    "housing",
    "fishing",
    "rates",
    "road",
    "bridge",
    "petition",
    "election",
    "flood",
    "wall",
    "market",
    "jobs",
    "tourism",
    "nurses",
    "strike",
    "grant",
    "farmers",
    "transport",
    "tax",
    "plan",
    "vote",
    "review",
    "timetable",
    "crew",
    "island",
    "coast",
    "energy",
    "wind",
    "water",
    "police",
    "library",
]
FIRST = [
    "Ada",
    "Ben",
    "Cara",
    "Dev",
    "Ela",
    "Finn",
    "Gia",
    "Hal",
    "Ines",
    "Jon",
    "Kai",
    "Lea",
    "Max",
    "Nia",
    "Ole",
    "Pia",
    "Raf",
    "Sia",
    "Tom",
    "Uma",
]
LAST = [
    "Varga",
    "Renwick",
    "Lindqvist",
    "Okafor",
    "Brandt",
    "Quill",
    "Hale",
    "Moss",
    "Penrose",
    "Trent",
    "Ashby",
    "Dunmore",
]
OUTLETS = ("Norrvik Courier", "Harbourline Press", "Coastwatch Daily", "Ferry News")


def build_store(path: Path, quotes: int, per_article: int = 20, seed: int = 7) -> list[str]:
    """Write ``quotes`` invented quotes, ``per_article`` to an article; return speaker names."""
    rng = random.Random(seed)
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(names)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(names))]
    start = datetime(2018, 1, 1)
    with open_store(path) as store:
        for number in range(quotes // per_article):
            speakers = rng.choices(names, weights, k=4)
            lines, spans = [], []
            offset = 0
            for _ in range(per_article):
                speaker = rng.randrange(len(speakers))
                said = " ".join(rng.choices(WORDS, k=rng.randint(6, 14)))
                line = f'"{said}," said {speakers[speaker]}.\n'
                spans.append((offset + 1, offset + 1 + len(said), speaker, line))
                lines.append(line)
                offset += len(line)
            text = "".join(lines)
            analysis = Analysis(
                text=text,
                meta=ArticleMeta(
                    source=f"generated/{number}.txt",
                    title=f"Generated article {number}",
                    outlet=rng.choice(OUTLETS),
                    published=start + timedelta(hours=number * 3),
                ),
                entities=tuple(
                    Entity(id=index, name=name, type="person")
                    for index, name in enumerate(speakers)
                ),
                quotes=tuple(
                    Quote(
                        content=((begin, end),),
                        kind="direct",
                        speaker=speaker,
                        confidence=round(rng.uniform(0.2, 1.0), 2),
                        method="generated",
                    )
                    for begin, end, speaker, _ in spans
                ),
                pipeline="generated",
            )
            store.add_analysis(
                f"a{number:07d}", analysis, format="text", encoding=None, run_id=None
            )
        store.rebuild_actors()
        return [row.id for row in store.speakers(limit=200)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def load(
    base: str,
    speakers: list[str],
    *,
    clients: int,
    requests: int,
    seconds: float,
    think: float = 0.0,
) -> dict[str, list[float]]:
    """Send ``requests`` requests from ``clients`` concurrent clients; latencies by kind, in ms.

    Each client waits for its answer, then for a random pause of ``think``
    seconds on average (none when 0), before its next request.
    """
    latencies: dict[str, list[float]] = {"search": [], "speaker": []}
    errors = 0
    rng = random.Random(11)
    pauses = random.Random(13)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for index in range(requests):
        if index % 2:
            queue.put_nowait(f"/speakers/{rng.choice(speakers)}")
        elif index % 4 == 0:
            queue.put_nowait(f"/?q={rng.choice(WORDS)}+{rng.choice(WORDS)}")
        else:
            queue.put_nowait(f"/?q={rng.choice(WORDS)}&page={rng.randint(1, 5)}")
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty() and time.monotonic() < deadline:
            path = queue.get_nowait()
            began = time.perf_counter()
            try:
                response = await http.get(path)
                failed = response.status_code != 200
            except httpx.TransportError:
                failed = True
            elapsed = (time.perf_counter() - began) * 1000
            errors += failed
            latencies["speaker" if path.startswith("/speakers") else "search"].append(elapsed)
            if think:
                await asyncio.sleep(pauses.expovariate(1 / think))

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    if errors:
        print(f"{errors} requests failed or timed out", file=sys.stderr)
    return latencies


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=120.0, help="stop sending after this")
    parser.add_argument("--db", type=Path, help="reuse or keep this store (default: a temp file)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause of a client between requests (s)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "load.db"
        began = time.perf_counter()
        if args.db and db.exists():
            with open_store(db) as store:
                speakers = [row.id for row in store.speakers(limit=200)]
        else:
            speakers = build_store(db, args.quotes)
        print(f"store: {args.quotes:,} quotes in {db} ({time.perf_counter() - began:.0f} s)")
        port = free_port()
        command = Path(sys.executable).with_name("quotegraph")
        serve = ["serve", "--db", str(db), "--port", str(port), "--workers", str(args.workers)]
        server = subprocess.Popen(
            [str(command), *serve],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(base + "/overview", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            sending = time.perf_counter()
            latencies = asyncio.run(
                load(
                    base,
                    speakers,
                    clients=args.clients,
                    requests=args.requests,
                    seconds=args.seconds,
                    think=args.think,
                )
            )
            sent = time.perf_counter() - sending
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    every = [value for values in latencies.values() for value in values]
    print(
        f"{len(every)} requests from {args.clients} clients (mean pause {args.think:g} s) "
        f"to {args.workers} server process(es): {len(every) / sent:.0f} requests/s"
    )
    for kind, values in (*latencies.items(), ("all", every)):
        if len(values) >= 2:
            print(
                f"{kind:8} n={len(values):5}  p50 {percentile(values, 0.50):6.1f} ms  "
                f"p95 {percentile(values, 0.95):6.1f} ms"
            )
    p95 = percentile(every, 0.95)
    print(f"target p95 < 200 ms: {'met' if p95 < 200 else 'missed'} ({p95:.0f} ms)")


if __name__ == "__main__":
    main()
