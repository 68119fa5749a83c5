"""Commands about actors: the list, one actor's profile, the alias file, the demo-gold score.

``register_actor_commands`` adds ``actor`` and ``eval-demo`` to the group,
replaces ``actors`` with the version below (aliases, roles, search, alias
file) and gives ``run`` an ``--aliases`` option.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click
from rich.table import Table

from quotegraph.cli.common import (
    day,
    db_option,
    emit,
    err,
    out,
    output_options,
    plain,
    reported_errors,
)
from quotegraph.corpus import Corpus
from quotegraph.store import QuoteQuery

ALIAS_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
ALIAS_HELP = (
    "Alias file (.toml or .csv: name, aliases, type, id, not) to resolve actors with; "
    "it is kept in the store and used by every later run."
)


@click.command(name="actors")
@db_option
@click.option("--search", help="Only actors with this in their name or an alias.")
@click.option("--aliases", "alias_file", type=ALIAS_FILE, help=ALIAS_HELP)
@click.option("--no-aliases", is_flag=True, help="Stop using the stored alias file.")
@click.option(
    "--recompute", is_flag=True, help="Rerun the actor step (aliases and corrections) first."
)
@click.option(
    "--limit", type=int, default=50, show_default=True, help="At most this many (0: all)."
)
@output_options
def actors(
    db: str,
    search: str | None,
    alias_file: Path | None,
    no_aliases: bool,
    recompute: bool,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List the actors across the corpus, most quoted first.

    \b
    Examples:
      quotegraph actors --search Penhallow
      quotegraph actors --aliases aliases.toml     resolve again with an alias file
    """
    with reported_errors(), Corpus(db) as corpus:
        if alias_file is not None or no_aliases:
            corpus.set_aliases(alias_file)
        elif recompute:
            corpus.rebuild_actors()
        rows = corpus.actors(limit=limit or None, search=search)
        if as_json or as_csv:
            emit([plain(row) for row in rows], as_csv=as_csv)
            return
        table = Table(title=f"{len(rows)} actors", title_justify="left")
        for column in ("actor", "type", "aliases", "roles", "quotes", "first seen", "last seen"):
            table.add_column(column, justify="right" if column == "quotes" else "left")
        for row in rows:
            others = [alias for alias in row.aliases if alias != row.name]
            table.add_row(
                f"{row.name}\n[dim]{row.id}[/]",
                row.type,
                _some(others),
                _some(list(row.roles)),
                str(row.quote_count),
                day(row.first_seen),
                day(row.last_seen),
            )
        out.print(table)


@click.command(name="actor")
@click.argument("name")
@db_option
@click.option("--limit", type=int, default=0, help="At most this many quotes (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Write JSON to standard output.")
def actor(name: str, db: str, limit: int, as_json: bool) -> None:
    """Show one actor (an id, or any of its names): names, roles over time, quotes in order."""
    with reported_errors(), Corpus(db) as corpus:
        profile = corpus.actor(name)
        if profile is None:
            found = corpus.store.find_actors(name)
            if found:
                listed = ", ".join(f"{row.name} ({row.id})" for row in found[:8])
                err.print(f"{name!r} names {len(found)} actors: {listed}; give an id")
            else:
                err.print(f"no actor {name!r}; try `quotegraph actors --search {name}`")
            raise SystemExit(2)
        quotes = corpus.quotes(QuoteQuery(speaker=profile.id, limit=limit or None))
        quotes = [row for row in quotes if row.speaker_id == profile.id]
        quotes.sort(key=lambda row: (day(row.published) or "9999", row.article_id, row.start))
        if as_json:
            record = plain(profile)
            record["quotes"] = [plain(row) for row in quotes]
            out.print_json(json.dumps(record, ensure_ascii=False, default=str))
            return
        out.print(f"[bold]{profile.name}[/] ({profile.type}) [dim]{profile.id}[/]", markup=True)
        if profile.external_id:
            out.print(f"external id: {profile.external_id}")
        out.print(f"also written: {', '.join(a for a in profile.aliases if a != profile.name)}")
        if profile.affiliations:
            out.print(f"affiliations: {', '.join(profile.affiliations)}")
        out.print(
            f"{profile.quote_count} quotes in {profile.article_count} articles, "
            f"{day(profile.first_seen)} to {day(profile.last_seen)}"
        )
        for role in profile.roles:
            out.print(f"  {day(role.date)}  {role.role}")
        table = Table(title="quotes, oldest first", title_justify="left", show_lines=True)
        for column in ("date", "quote", "source", "id"):
            table.add_column(column, ratio=3 if column == "quote" else None)
        for row in quotes:
            table.add_row(day(row.published), row.content_text, row.outlet or row.source, row.id)
        out.print(table)


@click.command(name="eval-demo")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The demo articles (default: the corpus/ folder beside GOLD).",
)
@click.option("--db", help="Score this store instead of analysing the corpus afresh.")
@click.option("--aliases", "alias_file", type=ALIAS_FILE, help="Resolve actors with this file.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_demo(
    gold: Path, corpus_dir: Path | None, db: str | None, alias_file: Path | None, as_json: bool
) -> None:
    """Score speakers and corpus actors against the demo gold.

    Analyses the demo corpus into a temporary store (or reads --db) and
    reports speaker accuracy on the quotes found, and pairwise and B-cubed
    F1 of the actor clustering, e.g. `quotegraph eval-demo demo/gold.jsonl`.
    """
    from quotegraph.evaluate.actors_gold import format_actor_scores, score_store

    with reported_errors(), tempfile.TemporaryDirectory() as scratch:
        target = db or str(Path(scratch) / "demo.db")
        with Corpus(target) as corpus:
            if alias_file is not None:
                corpus.set_aliases(alias_file)
            if db is None:
                corpus.add([corpus_dir or gold.parent / "corpus"])
            scores = score_store(corpus.store, gold)
        if as_json:
            out.print_json(json.dumps(scores.as_dict()))
        else:
            out.print(format_actor_scores(scores))


def register_actor_commands(group: click.Group) -> None:
    """Add the actor commands to the ``quotegraph`` group."""
    for command in (actors, actor, eval_demo):
        group.add_command(command)


def _some(values: list[str], most: int = 3) -> str:
    shown = ", ".join(values[:most])
    return shown + (f" (+{len(values) - most})" if len(values) > most else "")
