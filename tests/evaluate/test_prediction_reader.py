"""Reading predictions from the JSONL exchange format."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotegraph.errors import MalformedError, UnreadableError
from quotegraph.evaluate import Prediction, read_predictions

FIXTURES = Path(__file__).parent / "fixtures"


def test_fixture_predictions() -> None:
    """Lines are keyed by stem (folders and .txt stripped), repeated lines joined."""
    predictions = read_predictions(FIXTURES / "predictions.jsonl")
    assert sorted(predictions) == [
        "harrow-courier_2031-05-02_bridge-tolls",
        "meridian-daily_2031-06-20_school-closures",
        "valdren-post_2031-03-14_harbour-levy-vote",
        "valdren-post_2031-08-09_not-in-gold",
    ]
    assert len(predictions["meridian-daily_2031-06-20_school-closures"]) == 3
    levy = predictions["valdren-post_2031-03-14_harbour-levy-vote"]
    assert levy[0] == Prediction(((52, 95),), (131, 135), (97, 130), "indirect")
    assert levy[3].kind is None
    assert levy[4] == Prediction(((377, 457),), None, (459, 463))
    assert levy[5].content == ((472, 480), (500, 519))


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "predictions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_spans_are_merged_and_broken_spans_kept(tmp_path: Path) -> None:
    """Overlapping fragments are merged; a cue in two pieces stays in two pieces."""
    path = write(
        tmp_path,
        "",
        '{"doc": "d", "quotes": [{"content": [[9, 12], [0, 5], [4, 7]], "cue": [[1, 2], [5, 6]]}]}',
    )
    assert read_predictions(path) == {"d": [Prediction(((0, 7), (9, 12)), ((1, 2), (5, 6)), None)]}


def test_document_without_quotes(tmp_path: Path) -> None:
    """A line without quotes still says the document was processed."""
    assert read_predictions(write(tmp_path, '{"doc": "d"}')) == {"d": []}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON"),
        ('["d"]', 'string "doc"'),
        ('{"doc": 3}', 'string "doc"'),
        ('{"doc": "d", "quotes": {}}', "must be a list"),
        ('{"doc": "d", "quotes": [3]}', "must be an object"),
        ('{"doc": "d", "quotes": [{"cue": [0, 1]}]}', "content.*required"),
        ('{"doc": "d", "quotes": [{"content": []}]}', "a span is"),
        ('{"doc": "d", "quotes": [{"content": [5, 5]}]}', "bad fragment"),
        ('{"doc": "d", "quotes": [{"content": [-1, 3]}]}', "bad fragment"),
        ('{"doc": "d", "quotes": [{"content": [1.0, 3]}]}', "bad fragment"),
        ('{"doc": "d", "quotes": [{"content": [true, 3]}]}', "bad fragment"),
        ('{"doc": "d", "quotes": [{"content": [0, 3], "source": [[0, 1, 2]]}]}', "source: bad"),
    ],
)
def test_malformed_line_is_refused(tmp_path: Path, line: str, message: str) -> None:
    """A record off the format raises MalformedError naming the file and line."""
    with pytest.raises(MalformedError, match=message) as raised:
        read_predictions(write(tmp_path, '{"doc": "fine"}', line))
    assert "predictions.jsonl:2" in raised.value.source


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    """A path that cannot be opened raises UnreadableError."""
    with pytest.raises(UnreadableError):
        read_predictions(tmp_path / "absent.jsonl")
