"""Shared fixtures: the loaded pipeline, temporary stores, the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from quotegraph.nlp import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "polnear"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default spaCy pipeline, loaded once for the whole test session."""
    return load_pipeline()


@pytest.fixture(scope="session")
def polnear_dev() -> Path:
    """The PolNeAR dev split; tests that need it skip when it is absent."""
    path = POLNEAR / "dev"
    if not (path / "text").is_dir():
        pytest.skip(f"PolNeAR dev split not found at {path} (it lives outside the repository)")
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("quotegraph evaluation gate")
    group.addoption(
        "--update-eval-baseline",
        action="store_true",
        help="Raise the gate's floors to the figures measured now.",
    )
    group.addoption(
        "--allow-lower-floors",
        action="store_true",
        help="With --update-eval-baseline: also lower floors that dropped.",
    )
