"""Reading the metadata fields that come with an article (JSONL, HTML).

Values that cannot be read are logged and left out: a bad date must not cost
the article.
"""

from __future__ import annotations

import logging
from datetime import datetime

from quotegraph.clean.bylines import split_names

logger = logging.getLogger(__name__)


def text_field(value: object) -> str | None:
    """A non-empty string, stripped, or None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def datetime_field(value: object, source: str) -> datetime | None:
    """An ISO 8601 date or datetime, timezone-aware when the string has an offset."""
    text = text_field(value)
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        logger.warning(
            "%s: ignoring date %r: not ISO 8601 (2019-03-12T08:41:00+00:00)", source, text
        )
        return None


def authors_field(value: object) -> tuple[str, ...]:
    """Authors from a list of names or from one string ("Jane Roe, Tom Poe and Ann Lee")."""
    if isinstance(value, str):
        return split_names(value)
    if isinstance(value, list):
        return tuple(name for item in value if (name := text_field(item)) is not None)
    return ()
