"""quotegraph: who said what, about whom and when, from news articles.

``analyze(text, **metadata)`` finds the quotes of one article; ``Corpus`` keeps
many in a store to search, correct and export. Both load spaCy, so they are
imported on first use, keeping ``import quotegraph`` and the command line quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from quotegraph.records import (
    Analysis,
    ArticleMeta,
    Entity,
    Mention,
    Quote,
    Removed,
)

if TYPE_CHECKING:
    from quotegraph.analysis import analyze
    from quotegraph.corpus import Corpus
    from quotegraph.settings import Options
    from quotegraph.store import QuoteQuery

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "ArticleMeta",
    "Corpus",
    "Entity",
    "Mention",
    "Options",
    "Quote",
    "QuoteQuery",
    "Removed",
    "__version__",
    "analyze",
]

_LAZY = {
    "analyze": "quotegraph.analysis",
    "Corpus": "quotegraph.corpus",
    "Options": "quotegraph.settings",
    "QuoteQuery": "quotegraph.store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'quotegraph' has no attribute {name!r}")
