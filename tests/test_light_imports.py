"""Reading a store never loads spaCy: the commands that only query stay quick to start."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["quotegraph.store", "quotegraph.corpus", "quotegraph.cli"])
def test_reading_modules_leave_spacy_unloaded(module: str) -> None:
    code = f"import sys, {module}; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
