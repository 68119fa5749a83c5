"""The search's URL parameters, read the same way by the search page and the API."""

from __future__ import annotations

from fastapi import Query

from quotegraph.records import CUE_TYPES, QUOTE_KINDS
from quotegraph.web.data import Filters


def search_filters(
    q: str = Query("", max_length=500, description="Words in the quote or the speaker's name"),
    speaker: str = Query("", max_length=300, description="Actor id, or whole words of a name"),
    outlet: str = Query("", max_length=300, description="Part of the outlet's name"),
    kind: str = Query("", max_length=20, description=f"One of {', '.join(QUOTE_KINDS)}"),
    cue_type: str = Query(
        "", max_length=20, description=f"What the cue reports: {', '.join(CUE_TYPES)}"
    ),
    since: str = Query("", max_length=20, description="YYYY-MM-DD, inclusive"),
    until: str = Query("", max_length=20, description="YYYY-MM-DD, inclusive"),
    page: int = Query(1, ge=1, le=100_000),
) -> Filters:
    """The filters of a search request (a FastAPI dependency); empty fields mean no filter."""
    return Filters(
        q=q,
        speaker=speaker,
        outlet=outlet,
        kind=kind,
        cue_type=cue_type,
        since=since,
        until=until,
        page=page,
    )
