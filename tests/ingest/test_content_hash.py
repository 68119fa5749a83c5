"""Content hashes: stable ids that ignore how a text was saved, not what it says."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotegraph.ingest import content_hash

SAME = [
    pytest.param(
        "Pier closes.\nCouncil votes.", "Pier closes.\r\nCouncil votes.\r\n", id="line endings"
    ),
    pytest.param(
        "Pier closes.\nCouncil votes.", "Pier closes.  \nCouncil votes.\t\n", id="trailing spaces"
    ),
    pytest.param("Pier closes.", "\n\nPier closes.\n\n\n", id="blank lines at the ends"),
    pytest.param("Café", "Cafe\u0301", id="NFC"),
]

DIFFERENT = [
    pytest.param("Pier closes.", "pier closes.", id="case"),
    pytest.param("Pier closes.", "Pier  closes.", id="inner spacing"),
    pytest.param("Pier closes.\n\nCouncil votes.", "Pier closes.\nCouncil votes.", id="paragraphs"),
    pytest.param("Pier closes.", "Pier closes!", id="punctuation"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_same_article_saved_differently_has_one_hash(one: str, other: str) -> None:
    """Line endings, trailing spaces, end blank lines and Unicode form do not count."""
    assert content_hash(one) == content_hash(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_text_has_another_hash(one: str, other: str) -> None:
    """Everything a reader could see counts."""
    assert content_hash(one) != content_hash(other)


def test_hash_is_sixteen_hex_digits() -> None:
    """Ids are short, fixed-length hex strings."""
    digest = content_hash("Pier closes.")
    assert len(digest) == 16
    assert int(digest, 16) >= 0


@given(
    st.lists(st.text(alphabet="ab .é", max_size=12), max_size=6),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_hash_ignores_line_endings_and_trailing_spaces(lines: list[str], ending: str) -> None:
    """Any text hashes alike however its lines end."""
    unix = "\n".join(lines)
    other = ending.join(line + " " for line in lines)
    assert content_hash(unix) == content_hash(other)
