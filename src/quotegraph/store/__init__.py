"""The store: analysed articles, quotes and actors in SQLite or PostgreSQL.

>>> with open_store(":memory:") as store:
...     store.stats().articles
0
"""

from quotegraph.store.connect import safe_name
from quotegraph.store.database import Store, open_store
from quotegraph.store.query import QuoteQuery
from quotegraph.store.rows import (
    ActorProfile,
    ActorRole,
    ArticleRow,
    Correction,
    FailureRow,
    QuoteRow,
    RunRow,
    SpeakerRow,
    StoreStats,
)

__all__ = [
    "ActorProfile",
    "ActorRole",
    "ArticleRow",
    "Correction",
    "FailureRow",
    "QuoteQuery",
    "QuoteRow",
    "RunRow",
    "SpeakerRow",
    "Store",
    "StoreStats",
    "open_store",
    "safe_name",
]
