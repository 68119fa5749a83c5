"""Load on the web face: 50 clients searching and opening speakers over 100,000 quotes.

Builds a store of invented analyses through the Store API (no parsing), serves
it with ``quotegraph serve`` on a free loopback port, and sends a bounded number
of requests from concurrent clients. Prints p50 and p95 latency per kind of
request, for every request, for those sent during the warm-up (the server's
answers are not remembered yet) and for those after it; then the same for
one search page asked for again and again by the same clients in the same
run (remembered after the first time: what the server and its framework
cost at least), as the baseline the pages compare to, and the server's peak
memory. The target is
p95 under 200 ms.

    .venv/bin/python benchmarks/web_load.py              # 50 people pausing ~1 s
    .venv/bin/python benchmarks/web_load.py --think 0    # 50 clients without pause
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
from urllib.request import urlopen

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


class Connection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads whole answers.

    Plain asyncio streams rather than an HTTP library: the load generator
    shares the server's cores, so each request should cost it as little CPU
    as possible.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        """The status of ``GET path``; reconnects once if the server closed the connection."""
        for _ in range(2):
            if self.streams is None:
                self.streams = await asyncio.open_connection(self.host, self.port)
            reader, writer = self.streams
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
            status = await reader.readline()
            if status:
                await self._body(reader)
                return int(status.split()[1])
            self.close()  # an idle connection the server let go
        raise ConnectionError("the server closed the connection twice")

    async def _body(self, reader: asyncio.StreamReader) -> None:
        length, chunked = 0, False
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
            elif name.lower() == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
        if not chunked:
            await reader.readexactly(length)
            return
        while size := int((await reader.readline()).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readline()

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


def workload(speakers: list[str], requests: int) -> list[str]:
    """The paths the clients ask for: half speakers, half searches of one or two words."""
    rng = random.Random(11)
    paths = []
    for index in range(requests):
        if index % 2:
            paths.append(f"/speakers/{rng.choice(speakers)}")
        elif index % 4 == 0:
            paths.append(f"/?q={rng.choice(WORDS)}+{rng.choice(WORDS)}")
        else:
            paths.append(f"/?q={rng.choice(WORDS)}&page={rng.randint(1, 5)}")
    return paths


Timing = tuple[float, str, float]
"""When a request was sent (s after the load began), its path, and its latency (ms)."""


async def load(
    port: int, paths: list[str], *, clients: int, seconds: float, think: float = 0.0
) -> list[Timing]:
    """Ask for ``paths`` from ``clients`` concurrent clients, each path once.

    Each client waits for its answer, then for a random pause of ``think``
    seconds on average (none when 0), before its next request. With pauses,
    each client also starts after one, as people arrive one by one rather
    than all in the same millisecond.
    """
    timings: list[Timing] = []
    errors = 0
    pauses = random.Random(13)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    started = time.perf_counter()
    deadline = time.monotonic() + seconds

    async def client() -> None:
        nonlocal errors
        connection = Connection("127.0.0.1", port)
        if think:
            await asyncio.sleep(pauses.expovariate(1 / think))
        while not queue.empty() and time.monotonic() < deadline:
            path = queue.get_nowait()
            began = time.perf_counter()
            try:
                failed = await asyncio.wait_for(connection.get(path), 10) != 200
            except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError):
                connection.close()
                failed = True
            errors += failed
            timings.append((began - started, path, (time.perf_counter() - began) * 1000))
            if think:
                await asyncio.sleep(pauses.expovariate(1 / think))
        connection.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    if errors:
        print(f"{errors} requests failed or timed out", file=sys.stderr)
    return timings


def peak_memory(pid: int) -> int:
    """The largest resident size (bytes) the server's processes reached, summed (Linux)."""
    total = 0
    for process in (pid, *_children(pid)):
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) * 1024
    return total


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found]


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def report(title: str, timings: list[Timing]) -> float:
    """Print p50 and p95 per kind of request; return the p95 of all."""
    kinds = {
        "search": [ms for _, path, ms in timings if path.startswith("/?")],
        "speaker": [ms for _, path, ms in timings if path.startswith("/speakers")],
        "all": [ms for _, _, ms in timings],
    }
    print(title)
    for kind, values in kinds.items():
        if len(values) >= 2:
            print(
                f"  {kind:8} n={len(values):5}  p50 {percentile(values, 0.50):6.1f} ms  "
                f"p95 {percentile(values, 0.95):6.1f} ms"
            )
    return percentile(kinds["all"], 0.95) if len(kinds["all"]) >= 2 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=120.0, help="stop sending after this")
    parser.add_argument("--db", type=Path, help="reuse or keep this store (default: a temp file)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean pause of a client between requests, as a person reading the page (s); "
        "0 for none: the server's saturation",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=5.0,
        help="requests sent in the first seconds are reported apart, as warm-up",
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
        try:
            for _ in range(300):
                try:
                    with urlopen(f"http://127.0.0.1:{port}/overview", timeout=2):
                        break
                except OSError:
                    time.sleep(0.1)
            shape = {"clients": args.clients, "seconds": args.seconds, "think": args.think}
            sending = time.perf_counter()
            timings = asyncio.run(load(port, workload(speakers, args.requests), **shape))
            sent = time.perf_counter() - sending
            # The baseline, in the same run: the same clients asking again and again for
            # one search page, which the server remembers after the first time.
            remembered = [f"/?q={WORDS[0]}"] * min(args.requests, 1000)
            baseline = asyncio.run(load(port, remembered, **shape))
            memory = peak_memory(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    print(
        f"{len(timings)} requests from {args.clients} clients (mean pause {args.think:g} s) "
        f"to {args.workers} server process(es): {len(timings) / sent:.0f} requests/s; "
        f"server peak memory {memory / 2**20:.0f} MB"
    )
    report("every request", timings)
    report(
        f"warm-up (sent in the first {args.warmup:g} s)", [t for t in timings if t[0] < args.warmup]
    )
    p95 = report("after the warm-up", [t for t in timings if t[0] >= args.warmup])
    baseline_p95 = report("baseline: one remembered page", baseline)
    print(f"p95 after the warm-up is {p95 / baseline_p95:.1f}x that of a remembered page")
    print(
        f"target p95 < 200 ms after the warm-up: {'met' if p95 < 200 else 'missed'} ({p95:.0f} ms)"
    )


if __name__ == "__main__":
    main()
