"""Finding the input files among the paths a user gives."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from quotegraph.errors import MissingPathError


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _files_in(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not _hidden(name)]
        found.extend(Path(root, name) for name in files if not _hidden(name))
    return sorted(path for path in found if path.is_file())


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """Expand files and folders into the input files, in a stable order.

    Folders are walked recursively, in sorted order, skipping hidden files and
    folders (names starting with a dot); a file named on its own is always
    taken. Every path is checked before any work starts, and one that does not
    exist raises :class:`MissingPathError` naming it. A file reached twice is
    listed once.
    """
    given = [Path(path) for path in paths]
    for path in given:
        if not path.exists():
            raise MissingPathError(str(path))
    files: list[Path] = []
    for path in given:
        files.extend(_files_in(path) if path.is_dir() else [path])
    return list(dict.fromkeys(files))
