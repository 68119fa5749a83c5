"""The ``quotegraph`` command: a thin face over :class:`quotegraph.corpus.Corpus`.

Each command parses its options, calls one library function and prints the
result. Library exceptions become one-line messages here, in one place.
Exit codes: 0 success, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from quotegraph import __version__
from quotegraph.cli.actor import ALIAS_FILE, ALIAS_HELP, register_actor_commands
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
from quotegraph.cli.correct import correct
from quotegraph.cli.serve import serve
from quotegraph.corpus import EXPORTERS, Corpus
from quotegraph.records import CUE_TYPES, QUOTE_KINDS
from quotegraph.settings import (
    ATTRIBUTION_MODES,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_PIPELINE,
    Options,
)
from quotegraph.store import QuoteQuery, QuoteRow, safe_name

if TYPE_CHECKING:
    from quotegraph import pipeline


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="quotegraph")
@click.option("-v", "--verbose", count=True, help="Say more (-vv for debugging output).")
def main(verbose: int) -> None:
    """Find who said what in news articles, store it, search it, export it.

    \b
    Start with:
      quotegraph run articles/ --db news.db     analyse a folder of articles
      quotegraph quotes --db news.db --search harbour
      quotegraph actors --db news.db
      quotegraph export --db news.db --format jsonl > quotes.jsonl
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_time=False, show_path=False, markup=False)],
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--pipeline",
    default=DEFAULT_PIPELINE,
    show_default=True,
    help="Installed spaCy pipeline to parse with (e.g. en_core_web_sm).",
)
@click.option(
    "--workers",
    type=int,
    default=1,
    show_default=True,
    help="Worker processes that parse in parallel.",
)
@click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Skip files (JSONL lines, WARC records) larger than this many bytes.",
)
@click.option(
    "--max-chars",
    type=int,
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Skip documents longer than this many characters.",
)
@click.option(
    "--rules-only",
    is_flag=True,
    help="Find attributions with the rules alone, without the learned tagger: "
    "about twice as fast, less accurate (docs/accuracy.md, docs/performance.md).",
)
@click.option(
    "--keep-furniture",
    is_flag=True,
    help="Analyse the text as it is, without removing captions, credits, prompts...",
)
@click.option(
    "--top",
    type=int,
    default=5,
    show_default=True,
    help="How many quotes to show after the summary (0 for none).",
)
@click.option("--aliases", "alias_file", type=ALIAS_FILE, help=ALIAS_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def run(
    paths: tuple[Path, ...],
    db: str,
    pipeline: str,
    workers: int,
    max_bytes: int,
    max_chars: int,
    rules_only: bool,
    keep_furniture: bool,
    top: int,
    alias_file: Path | None,
    as_json: bool,
) -> None:
    """Analyse articles under PATHS and store their quotes.

    PATHS are files or folders (read recursively): plain-text articles as
    scraped, .html/.htm pages, .jsonl files with one article per line
    (fields: text or html, and optionally title, url, published, outlet,
    authors), and .warc/.warc.gz crawl archives (each HTML page fetched with
    status 200 is an article). Articles already in the store are skipped, so
    running twice adds nothing. Exits 1 when some inputs failed (each is
    listed with its reason), 2 on a usage error.
    """
    with reported_errors():
        options = Options(
            pipeline=pipeline,
            workers=workers,
            max_bytes=max_bytes,
            max_chars=max_chars,
            clean=not keep_furniture,
            rules_only=rules_only,
        )
        with Corpus(db) as corpus, _progress(disable=as_json) as progress:
            if alias_file is not None:
                corpus.set_aliases(alias_file)
            task = progress.add_task("Analysing", total=None)
            summary = corpus.add(
                paths,
                options,
                on_files_found=lambda n: progress.update(task, total=n),
                on_file_done=lambda _path: progress.advance(task),
            )
            progress.update(task, visible=False)
            if as_json:
                out.print_json(json.dumps(summary.as_dict(), default=str))
            else:
                _print_summary(summary, db)
                if top:
                    _print_quotes(
                        corpus.quotes(QuoteQuery(limit=top, order="confidence", kind="direct")),
                        title=f"Top {top} direct quotes, surest first",
                    )
    sys.exit(summary.exit_code)


@main.command()
@db_option
@click.option("--speaker", help="Quotes by this speaker (any of their names).")
@click.option(
    "--search",
    help='Full-text search in the quotes: words (all of them), "a phrase", word* (a prefix).',
)
@click.option("--article", help="Quotes from one article (its id or part of its source path/URL).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Said on or after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Said on or before this date.")
@click.option("--kind", type=click.Choice(QUOTE_KINDS), help="Only direct, indirect or mixed.")
@click.option(
    "--cue-type",
    type=click.Choice(CUE_TYPES),
    help="Only what the cue reports: speech, writing, belief, intention, evidence or stance.",
)
@click.option("--outlet", help="Only from this outlet.")
@click.option(
    "--limit", type=int, default=50, show_default=True, help="At most this many (0: all)."
)
@output_options
def quotes(
    db: str,
    speaker: str | None,
    search: str | None,
    article: str | None,
    since: datetime | None,
    until: datetime | None,
    kind: str | None,
    cue_type: str | None,
    outlet: str | None,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List quotes, newest first, with filters.

    \b
    Examples:
      quotegraph quotes --speaker "Okonjo-Vale" --since 2021-01-01
      quotegraph quotes --search '"harbour wall" marina*' --json
      quotegraph quotes --cue-type belief     # what people think, fear or expect
    """
    with reported_errors(), Corpus(db) as corpus:
        query = QuoteQuery(
            speaker=speaker,
            search=search,
            article=article,
            since=since.date() if since else None,
            until=until.date() if until else None,
            kind=kind,
            cue_type=cue_type,
            outlet=outlet,
            limit=limit or None,
        )
        rows = corpus.quotes(query)
        if as_json or as_csv:
            emit([plain(row) for row in rows], as_csv=as_csv)
        else:
            _print_quotes(rows, title=f"{len(rows)} quotes")


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORTERS)),
    default="jsonl",
    show_default=True,
    help="jsonl: one article per line with its quotes; csv: one "
    "quote per row; attribution-jsonl: predictions for the attribution scorer.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
def export(db: str, fmt: str, output: Path | None) -> None:
    """Write every article and quote in a format for other tools."""
    with reported_errors(), Corpus(db) as corpus:
        if output is None:
            corpus.export(fmt, sys.stdout)
            return
        with output.open("w", encoding="utf-8", newline="") as stream:
            corpus.export(fmt, stream)
        err.print(f"wrote {output}")


@main.command()
@db_option
@click.option("--run", "run_id", type=int, help="A run id (default: the latest run).")
@output_options
def failures(db: str, run_id: int | None, as_json: bool, as_csv: bool) -> None:
    """List the inputs a run could not use, with the reason."""
    with reported_errors(), Corpus(db) as corpus:
        rows = corpus.failures(run_id)
        if as_json or as_csv:
            emit([plain(row) for row in rows], as_csv=as_csv)
            return
        for row in rows:
            out.print(f"{row.source}: {row.reason}")
        err.print(f"{len(rows)} failures")


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--pipeline",
    default=DEFAULT_PIPELINE,
    show_default=True,
    help="Installed spaCy pipeline to parse with.",
)
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the predictions (attribution JSONL) to this file.",
)
@click.option(
    "--attribution",
    type=click.Choice(ATTRIBUTION_MODES),
    default="combined",
    show_default=True,
    help="combined: rules and learned tagger (what `run` does); rules: --rules-only; "
    "model: the tagger alone.",
)
@click.option(
    "--model",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of an attribution model built with training/train_attribution.py, "
    "to measure instead of the shipped one.",
)
@click.option("--docs", help="Score only these document stems (comma-separated).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(
    gold: Path,
    pipeline: str,
    predictions: Path | None,
    attribution: str,
    model: Path | None,
    docs: str | None,
    as_json: bool,
) -> None:
    """Score attribution against a brat-standoff gold folder (text/ + attributions/).

    Runs the full pipeline on each text in GOLD/text and scores it with the
    protocol of the PolNeAR attribution scorer, e.g.
    `quotegraph eval ../shared/polnear/dev`.
    """
    from quotegraph.evaluate import format_report, scores_to_json
    from quotegraph.evaluate.runner import evaluate_folder

    with reported_errors(), _progress(disable=as_json) as progress:
        task = progress.add_task("Evaluating", total=None)
        scores = evaluate_folder(
            gold,
            pipeline=pipeline,
            attribution=attribution,
            model=model,
            docs=docs.split(",") if docs else None,
            predictions_out=predictions,
            on_total=lambda n: progress.update(task, total=n),
            on_doc_done=lambda: progress.advance(task),
        )
        progress.update(task, visible=False)
        if as_json:
            out.print_json(json.dumps(scores_to_json(scores)))
        else:
            out.print(format_report(scores))


def _progress(*, disable: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=disable or not err.is_terminal,
    )


def _print_summary(summary: pipeline.RunSummary, db: str) -> None:
    line = (
        f"{summary.added} articles added, {summary.duplicates} already stored, "
        f"{summary.quotes} quotes, {summary.speakers} speakers in the store, "
        f"{len(summary.failures)} failed, "
        f"in {summary.seconds:.1f} s ({summary.files} files)"
    )
    out.print(f"[bold]Run {summary.run_id}[/] into {safe_name(db)}: {line}", markup=True)
    for guess in summary.guessed_encodings:
        err.print(f"note: guessed the encoding of {guess}")
    for failure in summary.failures:
        err.print(f"failed: {failure.source}: {failure.reason}")


def _print_quotes(rows: Sequence[QuoteRow], *, title: str) -> None:
    """Quotes as a readable list: who, when, where, then what, in any terminal width."""
    out.print(f"[bold]{escape(title)}[/]", markup=True)
    for row in rows:
        who = escape(row.speaker_name or "unknown speaker")
        if row.speaker_role:
            who += f" [dim]({escape(row.speaker_role)})[/]"
        where = escape(row.outlet or Path(row.source).name)
        kind = f"{row.kind}, {row.cue_type}" if row.cue_type else row.kind
        out.print(
            f"\n[cyan]{day(row.published) or 'undated'}[/]  [bold]{who}[/] · {where} · {kind}",
            markup=True,
        )
        out.print(Text("  " + row.content_text))


main.add_command(serve)

main.add_command(correct)
register_actor_commands(main)

if __name__ == "__main__":  # pragma: no cover
    main()
