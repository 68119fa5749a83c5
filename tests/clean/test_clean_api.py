"""The public face of quotegraph.clean."""

from __future__ import annotations

import quotegraph.clean


def test_clean_exports() -> None:
    """The package exports exactly its documented names."""
    assert sorted(quotegraph.clean.__all__) == ["Cleaned", "OffsetMap", "clean"]
    for name in quotegraph.clean.__all__:
        assert getattr(quotegraph.clean, name).__doc__
