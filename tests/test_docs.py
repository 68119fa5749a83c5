"""Docs kept honest: the CLI reference matches --help and the README names every command."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from quotegraph.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _reference_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "cli_reference", ROOT / "scripts" / "cli_reference.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    """docs/cli.md is exactly what `python scripts/cli_reference.py` writes now."""
    reference = _reference_module()
    assert reference.REFERENCE.read_text(encoding="utf-8") == reference.reference(), (
        "docs/cli.md is stale: run python scripts/cli_reference.py"
    )


def test_readme_names_every_command() -> None:
    """Each top-level command appears in the README's examples."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in main.commands if f"quotegraph {name}" not in readme]
    assert missing == []
