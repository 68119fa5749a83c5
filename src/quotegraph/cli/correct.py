"""``quotegraph correct``: fix speakers and actors by hand; list and undo the fixes.

Every verb records a correction and reruns the actor step, so the change shows
at once and survives every later run of ``quotegraph run``.
"""

from __future__ import annotations

import json

import click
from rich.table import Table

from quotegraph.cli.common import day, db_option, emit, out, output_options, plain, reported_errors
from quotegraph.corpus import Corpus
from quotegraph.store import Correction


@click.group(name="correct")
def correct() -> None:
    """Correct speakers and actors; every correction is kept and can be undone.

    \b
    Examples:
      quotegraph correct speaker QUOTE_ID "Ruth Penhallow"
      quotegraph correct reject QUOTE_ID
      quotegraph correct merge "Maria Okonjo-Vale" "Okonjo-Vale"
      quotegraph correct split "Penhallow" --quote QUOTE_ID --name "Owen Penhallow"
      quotegraph correct rename ACTOR_ID "Coastal Farmers Alliance"
      quotegraph correct list
      quotegraph correct undo 3
    """


@correct.command()
@click.argument("quote_id")
@click.argument("actor")
@db_option
def speaker(quote_id: str, actor: str, db: str) -> None:
    """Say who said QUOTE_ID: an actor id, a name or alias, or a new name."""
    with reported_errors(), Corpus(db) as corpus:
        _done(corpus.correct_speaker(quote_id, actor))


@correct.command()
@click.argument("quote_ids", nargs=-1, required=True)
@db_option
def reject(quote_ids: tuple[str, ...], db: str) -> None:
    """Mark quotes as not quotes: they leave queries and exports (and stay stored)."""
    with reported_errors(), Corpus(db) as corpus:
        for quote_id in quote_ids:
            _done(corpus.reject_quote(quote_id))


@correct.command()
@click.argument("quote_ids", nargs=-1, required=True)
@db_option
def accept(quote_ids: tuple[str, ...], db: str) -> None:
    """Mark quotes as reviewed and right: they leave the review queue."""
    with reported_errors(), Corpus(db) as corpus:
        for quote_id in quote_ids:
            _done(corpus.accept_quote(quote_id))


@correct.command()
@click.argument("keep")
@click.argument("others", nargs=-1, required=True)
@db_option
def merge(keep: str, others: tuple[str, ...], db: str) -> None:
    """Make OTHERS one actor with KEEP (ids or names)."""
    with reported_errors(), Corpus(db) as corpus:
        _done(corpus.merge_actors(keep, others))


@correct.command()
@click.argument("actor")
@click.option("--quote", "quote_ids", multiple=True, required=True, help="A quote to move.")
@click.option("--name", required=True, help="The new actor's name.")
@db_option
def split(actor: str, quote_ids: tuple[str, ...], name: str, db: str) -> None:
    """Move some quotes of ACTOR (with the mentions that said them) to a new actor."""
    with reported_errors(), Corpus(db) as corpus:
        _done(corpus.split_actor(actor, quote_ids=quote_ids, name=name))


@correct.command()
@click.argument("actor")
@click.argument("name")
@db_option
def rename(actor: str, name: str, db: str) -> None:
    """Give ACTOR (an id or a name) the name NAME."""
    with reported_errors(), Corpus(db) as corpus:
        _done(corpus.rename_actor(actor, name))


@correct.command(name="list")
@db_option
@click.option("--all", "include_undone", is_flag=True, help="Include undone corrections.")
@output_options
def list_corrections(db: str, include_undone: bool, as_json: bool, as_csv: bool) -> None:
    """List the corrections, oldest first."""
    with reported_errors(), Corpus(db) as corpus:
        rows = corpus.corrections(include_undone=include_undone)
        if as_json or as_csv:
            emit([plain(row) for row in rows], as_csv=as_csv)
            return
        table = Table(title=f"{len(rows)} corrections", title_justify="left")
        for column in ("id", "kind", "target", "value", "made", "undone"):
            table.add_column(column)
        for row in rows:
            table.add_row(
                str(row.id),
                row.kind,
                row.target,
                _summary(row),
                day(row.created),
                "yes" if row.undone else "",
            )
        out.print(table)


@correct.command()
@click.argument("correction_id", type=int)
@db_option
def undo(correction_id: int, db: str) -> None:
    """Undo a correction (see `quotegraph correct list` for ids)."""
    with reported_errors(), Corpus(db) as corpus:
        correction = corpus.undo(correction_id)
        out.print(f"undid correction {correction.id} ({correction.kind} {correction.target})")


def _done(correction: Correction) -> None:
    out.print(
        f"correction {correction.id}: {correction.kind} {correction.target} {_summary(correction)}"
    )


def _summary(correction: Correction) -> str:
    value = correction.value
    shown = {
        key: value[key]
        for key in ("name", "other_names", "old_name", "quotes", "from_name")
        if key in value
    }
    return json.dumps(shown, ensure_ascii=False) if shown else ""
