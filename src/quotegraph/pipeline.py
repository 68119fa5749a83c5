"""Running the document steps over many sources and storing what they yield.

Files are read in the main process, which is also the only writer to the
store; parsing runs in-process or on a pool of worker processes. A file or
record that cannot be used is recorded as a failure with its reason and the
run goes on.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.language import Language

from quotegraph.analysis import Prepared, analyze_many, load_tagger, prepare
from quotegraph.errors import InputFileError
from quotegraph.ingest import SourceDocument, content_hash, discover, read_documents
from quotegraph.model import AttributionTagger
from quotegraph.model.tagger import build_version, read_card, shipped_model
from quotegraph.nlp import installed_pipeline_label, load_pipeline
from quotegraph.records import Analysis
from quotegraph.settings import Options
from quotegraph.store import Store

log = logging.getLogger(__name__)

FileDone = Callable[[Path], None]


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that could not be used, and why."""

    source: str
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run did; ``exit_code`` is 1 when anything failed."""

    run_id: int
    files: int
    documents: int
    added: int
    duplicates: int
    quotes: int
    speakers: int
    failures: tuple[Failure, ...]
    guessed_encodings: tuple[str, ...]
    seconds: float
    pipeline: str

    @property
    def exit_code(self) -> int:
        """0 when every input was processed, 1 when some failed."""
        return 1 if self.failures else 0

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view of the summary."""
        return asdict(self) | {"exit_code": self.exit_code}


@dataclass(slots=True)
class _Tally:
    documents: int = 0
    added: int = 0
    duplicates: int = 0
    quotes: int = 0
    failures: list[Failure] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Job:
    article_id: str
    document: SourceDocument
    prepared: Prepared


def run(
    paths: Sequence[str | Path],
    store: Store,
    options: Options,
    *,
    on_file_done: FileDone | None = None,
    on_files_found: Callable[[int], None] | None = None,
) -> RunSummary:
    """Ingest, analyse and store every article under ``paths``.

    Raises MissingPathError before any work when a path does not exist.
    """
    started = time.perf_counter()
    files = discover(paths)
    if on_files_found:
        on_files_found(len(files))
    nlp_label = _pipeline_name(options)
    run_id = store.start_run(
        command="run", options=_options_record(options, paths), pipeline=nlp_label
    )
    tally = _Tally()

    def fail(failure: Failure) -> None:
        log.info("%s: %s", failure.source, failure.reason)
        tally.failures.append(failure)
        store.record_failure(
            run_id, source=failure.source, kind=failure.kind, reason=failure.reason
        )

    jobs = _jobs(files, store, options, tally, fail, on_file_done)
    for job, outcome in _analyse(jobs, options):
        if isinstance(outcome, Failure):
            fail(outcome)
            continue
        if store.add_analysis(
            job.article_id,
            outcome,
            format=job.document.format,
            encoding=job.document.encoding,
            run_id=run_id,
        ):
            tally.added += 1
            tally.quotes += len(outcome.quotes)
        else:
            tally.duplicates += 1
    if tally.added:
        store.rebuild_actors()
    summary = RunSummary(
        run_id=run_id,
        files=len(files),
        documents=tally.documents,
        added=tally.added,
        duplicates=tally.duplicates,
        quotes=tally.quotes,
        speakers=store.stats().speakers,
        failures=tuple(tally.failures),
        guessed_encodings=tuple(tally.guessed),
        seconds=round(time.perf_counter() - started, 3),
        pipeline=nlp_label,
    )
    store.finish_run(run_id, summary=_summary_record(summary))
    return summary


def _jobs(
    files: Iterable[Path],
    store: Store,
    options: Options,
    tally: _Tally,
    fail: Callable[[Failure], None],
    on_file_done: FileDone | None,
) -> Iterator[_Job]:
    """Read the files in order, yielding new documents and tallying the rest."""
    for path in files:
        for item in read_documents(path, max_bytes=options.max_bytes, max_chars=options.max_chars):
            if isinstance(item, InputFileError):
                fail(Failure(item.source, item.kind, item.reason))
                continue
            tally.documents += 1
            if item.encoding_guessed:
                tally.guessed.append(f"{item.source} ({item.encoding})")
            article_id = content_hash(item.text)
            if article_id in tally.seen or store.has_article(article_id):
                tally.duplicates += 1
                continue
            tally.seen.add(article_id)
            yield _Job(
                article_id, item, prepare(item.text, item.meta, remove_furniture=options.clean)
            )
        if on_file_done:
            on_file_done(path)


def _analyse(jobs: Iterator[_Job], options: Options) -> Iterator[tuple[_Job, Analysis | Failure]]:
    batches = _batched(jobs, options.batch_size)
    if options.workers == 1:
        _init_worker(options.pipeline, options.rules_only)
        for batch in batches:
            yield from zip(batch, _worker_batch(batch, options.batch_size), strict=True)
        return
    with ProcessPoolExecutor(
        max_workers=options.workers,
        initializer=_init_worker,
        initargs=(options.pipeline, options.rules_only),
    ) as pool:
        window: list[tuple[list[_Job], Future[list[Analysis | Failure]]]] = []
        for batch in batches:
            window.append((batch, pool.submit(_worker_batch, batch, options.batch_size)))
            if len(window) >= 2 * options.workers:
                done_batch, future = window.pop(0)
                yield from zip(done_batch, future.result(), strict=True)
        for done_batch, future in window:
            yield from zip(done_batch, future.result(), strict=True)


def _analyse_batch(
    nlp: Language, tagger: AttributionTagger | None, batch: list[_Job], batch_size: int
) -> list[Analysis | Failure]:
    """Analyse a batch; when it fails as a whole, retry one by one to name the culprit."""
    try:
        prepared = (job.prepared for job in batch)
        return list(analyze_many(prepared, nlp, batch_size=batch_size, tagger=tagger))
    except Exception:
        results: list[Analysis | Failure] = []
        for job in batch:
            try:
                results.extend(analyze_many([job.prepared], nlp, tagger=tagger))
            except Exception as exc:
                results.append(Failure(job.document.source, "analysis", f"analysis failed: {exc}"))
        return results


_worker_nlp: Language | None = None
_worker_tagger: AttributionTagger | None = None


def _init_worker(pipeline: str, rules_only: bool) -> None:
    """Load the models a process analyses with, once."""
    global _worker_nlp, _worker_tagger
    _worker_nlp = load_pipeline(pipeline)
    _worker_tagger = None if rules_only else load_tagger()


def _worker_batch(batch: list[_Job], batch_size: int) -> list[Analysis | Failure]:
    assert _worker_nlp is not None
    return _analyse_batch(_worker_nlp, _worker_tagger, batch, batch_size)


def _batched(jobs: Iterator[_Job], size: int) -> Iterator[list[_Job]]:
    batch: list[_Job] = []
    for job in jobs:
        batch.append(job)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pipeline_name(options: Options) -> str:
    label = installed_pipeline_label(options.pipeline)
    if options.rules_only:
        return f"{label}+rules"
    return f"{label}+rules+tagger-{build_version(read_card(shipped_model()))}"


def _options_record(options: Options, paths: Sequence[str | Path]) -> dict[str, object]:
    return {"paths": [str(p) for p in paths]} | {
        name: getattr(options, name) for name in Options.__dataclass_fields__
    }


def _summary_record(summary: RunSummary) -> dict[str, int | float]:
    kinds = Counter(f.kind for f in summary.failures)
    return {
        "files": summary.files,
        "documents": summary.documents,
        "added": summary.added,
        "duplicates": summary.duplicates,
        "quotes": summary.quotes,
        "speakers": summary.speakers,
        "failures": len(summary.failures),
        "seconds": summary.seconds,
    } | {f"failed_{kind}": count for kind, count in kinds.items()}
