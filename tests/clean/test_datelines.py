"""Reading publication and update times from datelines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from quotegraph.clean.datelines import parse_dateline

NEW_YORK = ZoneInfo("America/New_York")
EST = timezone(timedelta(hours=-5))

DATELINES = [
    (
        "12/03/2019 08:41 GMT | Updated 12/03/2019 10:02 GMT",
        None,
        datetime(2019, 3, 12, 8, 41, tzinfo=UTC),
        datetime(2019, 3, 12, 10, 2, tzinfo=UTC),
    ),
    ("12/03/2019 08:41 EST", None, datetime(2019, 12, 3, 8, 41, tzinfo=EST), None),
    ("12/03/2019", None, datetime(2019, 12, 3), None),
    ("12/03/2019", "The Harbourtown Lantern UK", datetime(2019, 3, 12), None),
    ("12/03/2019", "https://www.lantern.example.co.uk/news", datetime(2019, 3, 12), None),
    ("13/03/2019", None, datetime(2019, 3, 13), None),
    ("03/13/2019 GMT", None, datetime(2019, 3, 13, tzinfo=UTC), None),
    (
        "Published 8:41 a.m. ET March 12, 2019 | Updated 10:02 a.m. ET March 12, 2019",
        None,
        datetime(2019, 3, 12, 8, 41, tzinfo=NEW_YORK),
        datetime(2019, 3, 12, 10, 2, tzinfo=NEW_YORK),
    ),
    ("Tue 12 Mar 2019 08.41 GMT", None, datetime(2019, 3, 12, 8, 41, tzinfo=UTC), None),
    (
        "Last modified on Tue 12 Mar 2019 10.02 GMT",
        None,
        None,
        datetime(2019, 3, 12, 10, 2, tzinfo=UTC),
    ),
    (
        "Published: 08:41 GMT, 12 March 2019 | Updated: 10:02 GMT, 12 March 2019",
        None,
        datetime(2019, 3, 12, 8, 41, tzinfo=UTC),
        datetime(2019, 3, 12, 10, 2, tzinfo=UTC),
    ),
    ("Posted on March 12th, 2019 at 8:41 pm", None, datetime(2019, 3, 12, 20, 41), None),
    ("12/03/2019 | Updated 10:02", None, datetime(2019, 12, 3), datetime(2019, 12, 3, 10, 2)),
    (
        "2019-03-12T08:41:00+01:00",
        None,
        datetime(2019, 3, 12, 8, 41, tzinfo=timezone(timedelta(hours=1))),
        None,
    ),
    ("Friday, December 4, 2015.", None, datetime(2015, 12, 4), None),
    (
        "12.03.19 12:30 AM CET",
        None,
        datetime(2019, 3, 12, 0, 30, tzinfo=timezone(timedelta(hours=1))),
        None,
    ),
]


@pytest.mark.parametrize(("line", "outlet", "published", "updated"), DATELINES)
def test_dateline_gives_published_and_updated(
    line: str, outlet: str | None, published: datetime | None, updated: datetime | None
) -> None:
    """Numeric dates follow the numbers, then the zone, then the outlet, then US order."""
    dateline = parse_dateline(line, outlet=outlet)
    assert dateline is not None
    assert (dateline.published, dateline.updated) == (published, updated)


NOT_DATELINES = [
    "He said on March 12, 2019 that the pier would close.",
    "12:45 p.m.:",
    "March 2019",
    "31/02/2019",
    "13/13/2019",
    "The vote was 5/4 in favour.",
    "Updated figures show the repair bill has doubled.",
    "",
]


@pytest.mark.parametrize("line", NOT_DATELINES)
def test_line_with_anything_but_a_date_is_not_a_dateline(line: str) -> None:
    """A word that is not part of a date, or an impossible date, makes it prose."""
    assert parse_dateline(line) is None
