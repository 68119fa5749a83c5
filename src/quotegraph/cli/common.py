"""What every command shares: consoles, common options, error reporting, output."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any, TypeVar

import click
from rich.console import Console

from quotegraph.corpus import DEFAULT_DB
from quotegraph.errors import QuotegraphError, UsageError

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """The --db option shared by every command that reads or writes a store."""
    return click.option(
        "--db",
        default=lambda: os.environ.get("QUOTEGRAPH_DB", DEFAULT_DB),
        show_default=f"$QUOTEGRAPH_DB or {DEFAULT_DB}",
        help="SQLite file (created when missing) or a SQLAlchemy database URL.",
    )(func)


def output_options(func: F) -> F:
    """--json and --csv, for scripts."""
    func = click.option("--csv", "as_csv", is_flag=True, help="Write CSV to standard output.")(func)
    return click.option("--json", "as_json", is_flag=True, help="Write JSON to standard output.")(
        func
    )


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library exceptions into one-line messages and exit codes."""
    try:
        yield
    except UsageError as exc:
        err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
        sys.exit(EXIT_USAGE)
    except QuotegraphError as exc:
        err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
        sys.exit(EXIT_FAILURES)


def emit(records: list[dict[str, Any]], *, as_csv: bool) -> None:
    if not as_csv:
        out.print_json(json.dumps(records, ensure_ascii=False, default=str))
        return
    if not records:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]))
    writer.writeheader()
    for record in records:
        writer.writerow(
            {
                k: json.dumps(v) if isinstance(v, list | tuple | dict) else v
                for k, v in record.items()
            }
        )


def plain(row: Any) -> dict[str, Any]:
    record = asdict(row) if hasattr(row, "__dataclass_fields__") else dict(row._asdict())
    return {f.name: _jsonable(record[f.name]) for f in fields(row)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def day(value: datetime | date | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value[:10]
    return value.strftime("%Y-%m-%d")
