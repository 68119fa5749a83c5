"""``quotegraph serve --workers``: several processes answer on one port, over one store."""

from __future__ import annotations

import gc
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from tests.web.conftest import BASE

from quotegraph.corpus import Corpus
from quotegraph.web.app import create_app

QUOTEGRAPH = Path(sys.executable).with_name("quotegraph")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_two_worker_processes_serve_the_same_store(corpus: Corpus) -> None:
    port = free_port()
    server = subprocess.Popen(
        [str(QUOTEGRAPH), "serve", "--db", corpus.store.name, "--port", str(port), "--workers=2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                first = httpx.get(f"{base}/?q=harbour", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        answers = [httpx.get(f"{base}/?q=harbour", timeout=5) for _ in range(6)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert first.status_code == 200 and "wall will be ready" in first.text
    assert {answer.status_code for answer in answers} == {200}


def test_a_started_server_keeps_its_objects_out_of_full_collections(corpus: Corpus) -> None:
    """While the app runs, what it built at start is frozen; afterwards nothing stays frozen."""
    with TestClient(create_app(corpus), base_url=BASE) as client:
        assert client.get("/overview").status_code == 200
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
