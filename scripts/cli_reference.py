"""Write docs/cli.md, the command-line reference, from the commands' own --help.

python scripts/cli_reference.py            # rewrite docs/cli.md
python scripts/cli_reference.py --check    # exit 1 when docs/cli.md is stale
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
from click.testing import CliRunner

from quotegraph.cli import main

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command path under ``group``, depth first, in name order."""
    for name in sorted(group.commands):
        path = (*prefix, name)
        yield path
        command = group.commands[name]
        if isinstance(command, click.Group):
            yield from commands(command, path)


def reference() -> str:
    """The whole reference as Markdown."""
    runner = CliRunner()
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `python scripts/cli_reference.py`; a test keeps it current.\n",
    ]
    for path in [(), *commands(main)]:
        result = runner.invoke(main, [*path, "--help"], prog_name="quotegraph", terminal_width=100)
        title = " ".join(("quotegraph", *path))
        parts.append(f"## {title}\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    text = reference()
    if "--check" in sys.argv:
        sys.exit(0 if REFERENCE.read_text(encoding="utf-8") == text else 1)
    REFERENCE.write_text(text, encoding="utf-8")
