"""The newest-first order key: later seconds give larger keys, undated the smallest."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from quotegraph.store.newest import TIE_BITS, date_part

moments = st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2600, 1, 1))


@given(moments, moments)
def test_later_seconds_never_get_a_smaller_date_part(first: datetime, second: datetime) -> None:
    """The date part follows the written time, to the second, clamped to 1900-2443."""
    early, late = sorted((first, second))
    assert date_part(early) <= date_part(late)
    in_range = datetime(1900, 1, 1, 0, 0, 1) <= early and late < datetime(2443, 1, 1)
    if in_range and late - early >= timedelta(seconds=1):
        assert date_part(early) < date_part(late)


@given(moments)
def test_undated_quotes_come_after_every_dated_one(moment: datetime) -> None:
    assert date_part(None) == 0 < date_part(moment)
    assert date_part(moment) % (1 << TIE_BITS) == 0
    assert date_part(moment) < 1 << 63


@given(moments, st.integers(min_value=-14 * 60, max_value=14 * 60))
def test_the_utc_offset_is_left_out_as_in_the_written_text(moment: datetime, minutes: int) -> None:
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    assert date_part(aware) == date_part(moment)


def test_a_date_counts_from_its_midnight() -> None:
    assert date_part(date(2024, 5, 1)) == date_part(datetime(2024, 5, 1))
