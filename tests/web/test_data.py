"""What the pages read: answers remembered once, however many ask at the same time."""

from __future__ import annotations

import threading
import time

import pytest

from quotegraph.web.data import Memo


def test_requests_for_the_same_answer_share_one_computation() -> None:
    """Threads asking a Memo for the same key at once wait for a single compute."""
    memo = Memo()
    calls = []

    def compute() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    answers: list[int] = []
    threads = [
        threading.Thread(target=lambda: answers.append(memo.get(("page",), compute)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [42] * 8
    assert len(calls) == 1


def test_a_failed_computation_is_not_remembered() -> None:
    """When computing raises, the next request computes again."""
    memo = Memo()

    def broken() -> int:
        raise RuntimeError("store closed")

    with pytest.raises(RuntimeError):
        memo.get(("page",), broken)
    assert memo.get(("page",), lambda: 7) == 7


def test_answers_last_until_the_store_changes() -> None:
    """With a version, an answer stays past its ttl and goes as soon as the version moves."""
    version = [1]
    memo = Memo(ttl=0.0, version=lambda: version[0])
    computed = iter(range(100))
    first = memo.get(("page",), lambda: next(computed))
    assert memo.get(("page",), lambda: next(computed)) == first
    version[0] = 2
    assert memo.get(("page",), lambda: next(computed)) == first + 1


def test_an_answer_computed_while_the_store_changed_is_not_kept() -> None:
    """A write during the computation may or may not be in the answer: it is not reused."""
    version = [1]
    memo = Memo(version=lambda: version[0])

    def racing() -> str:
        version[0] += 1
        return "maybe stale"

    assert memo.get(("page",), racing) == "maybe stale"
    assert memo.get(("page",), lambda: "fresh") == "fresh"


def test_without_a_version_answers_expire() -> None:
    memo = Memo(ttl=0.0)
    assert memo.get(("page",), lambda: 1) == 1
    assert memo.get(("page",), lambda: 2) == 2
