"""quotegraph: who said what, about whom and when, from news articles."""

from quotegraph.records import (
    Analysis,
    ArticleMeta,
    Entity,
    Mention,
    Quote,
    Removed,
)

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "ArticleMeta",
    "Entity",
    "Mention",
    "Quote",
    "Removed",
    "__version__",
]
