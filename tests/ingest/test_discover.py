"""Turning the paths a user gives into input files."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotegraph.errors import MissingPathError
from quotegraph.ingest import discover

TREE = [
    "b.txt",
    "a.html",
    "sub/c.jsonl",
    "sub/deeper/d.txt",
    ".hidden.txt",
    ".cache/e.txt",
    "sub/.git/config",
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of inputs with hidden files and folders among them."""
    for name in TREE:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("The council voted.\n")
    return tmp_path / "in"


def test_folder_is_walked_recursively_sorted_without_hidden_files(tree: Path) -> None:
    """Folders expand to their visible files, in sorted order."""
    found = discover([tree])
    assert [path.relative_to(tree).as_posix() for path in found] == [
        "a.html",
        "b.txt",
        "sub/c.jsonl",
        "sub/deeper/d.txt",
    ]


def test_files_keep_the_order_given_and_appear_once(tree: Path) -> None:
    """Named files come in the order given; one reached twice is listed once; hidden is fine."""
    found = discover(
        [str(tree / "b.txt"), tree / ".hidden.txt", tree / "sub", tree / "sub" / "c.jsonl"]
    )
    assert found == [
        tree / "b.txt",
        tree / ".hidden.txt",
        tree / "sub" / "c.jsonl",
        tree / "sub" / "deeper" / "d.txt",
    ]


def test_missing_path_is_named_before_any_work(tree: Path) -> None:
    """A path that does not exist stops discovery with a message naming it."""
    missing = tree / "no-such-folder"
    with pytest.raises(MissingPathError, match="no-such-folder") as raised:
        discover([tree, missing])
    assert raised.value.path == str(missing)


def test_empty_folder_gives_no_files(tmp_path: Path) -> None:
    """An empty folder is not an error; it just holds nothing."""
    assert discover([tmp_path]) == []
