"""Word pieces and the windows the encoder reads a document in."""

from __future__ import annotations

import pytest

from quotegraph.model.labels import LABELS, ROLES, begins, label_id, role_of
from quotegraph.model.windows import Pieces, windows_of


def pieces(count: int, paragraph_starts: tuple[int, ...]) -> Pieces:
    return Pieces(tuple(range(count)), tuple((i, i + 1) for i in range(count)), paragraph_starts)


@pytest.mark.parametrize("count", [1, 10, 100, 1000])
def test_windows_cover_every_piece(count: int) -> None:
    """Windows cover every piece, in order, each at most the given length."""
    windows = windows_of(pieces(count, (0, 30, 95, 400)), 64, 32)
    covered = {index for window in windows for index in range(window.start, window.end)}
    assert covered == set(range(count))
    assert all(window.end - window.start <= 64 for window in windows)
    assert windows[-1].end == count


def test_windows_start_at_paragraph_boundaries() -> None:
    """A window starts at the last paragraph boundary between half a stride and a stride on."""
    windows = windows_of(pieces(200, (0, 20, 40, 45, 130)), 64, 50)
    assert [window.start for window in windows][:3] == [0, 45, 95]


def test_labels_round_trip() -> None:
    """Every role has a B and an I tag, and tags give back their role."""
    for role in ROLES:
        assert role_of(label_id(role, True)) == role == role_of(label_id(role, False))
        assert begins(label_id(role, True)) and not begins(label_id(role, False))
    assert LABELS[0] == "O" and len(LABELS) == 7
