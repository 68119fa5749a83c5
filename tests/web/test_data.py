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
