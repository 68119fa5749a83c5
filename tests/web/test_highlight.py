"""The highlighted article: every piece escaped, every span marked, the text unchanged."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from tests.web.conftest import HARBOUR, HOSTILE

from quotegraph.records import Analysis, ArticleMeta, Mention, Quote, Removed
from quotegraph.web.highlight import highlight

TAG = re.compile(r"<[^>]*>")
SUMMARY = re.compile(r"<summary[^>]*>.*?</summary>")


def visible_text(markup: str) -> str:
    """The characters of the article as a reader sees them, without labels or tags."""
    return html.unescape(TAG.sub("", SUMMARY.sub("", markup)))


def test_text_comes_back_unchanged() -> None:
    for analysis in (HARBOUR, HOSTILE):
        assert visible_text(highlight(analysis)) == analysis.text


def test_hostile_text_is_escaped() -> None:
    markup = str(highlight(HOSTILE))
    assert "<script" not in markup and "<img" not in markup and "<b " not in markup
    assert "&lt;script&gt;" in markup


def test_quote_parts_carry_the_quote_and_its_title() -> None:
    markup = str(highlight(HARBOUR, ["Ines Varga · 0.90", "Ines Varga · 0.55", "<unknown>"]))
    assert '<span class="hl-quote" data-quote="0" title="Ines Varga · 0.90">The harbour' in markup
    assert 'class="hl-cue" data-quote="0"' in markup
    assert 'class="hl-source hl-mention" data-quote="0"' in markup or (
        'class="hl-mention hl-source"' in markup
    )
    assert 'title="&lt;unknown&gt;"' in markup


def test_removed_furniture_is_folded_and_labelled() -> None:
    markup = str(highlight(HARBOUR))
    assert markup.startswith('<details class="removed"><summary')
    assert "removed credit</summary>" in markup
    assert markup.count("<details") == markup.count("</details>") == 2


spans = st.tuples(st.integers(0, 40), st.integers(0, 40)).map(sorted).map(tuple)


@given(
    text=st.text(alphabet="ab<>&\"' \n", min_size=1, max_size=40),
    contents=st.lists(spans, max_size=4),
    removed=st.lists(spans, max_size=3),
    mentions=st.lists(spans, max_size=3),
)
def test_any_spans_keep_the_text_and_balance_the_tags(
    text: str,
    contents: list[tuple[int, int]],
    removed: list[tuple[int, int]],
    mentions: list[tuple[int, int]],
) -> None:
    """Overlapping, empty or out-of-range spans never lose text or break the markup."""
    analysis = Analysis(
        text=text,
        meta=ArticleMeta(),
        quotes=tuple(Quote(content=(span,), kind="direct", cue=span) for span in contents),
        removed=tuple(Removed(start, end, "advert") for start, end in removed),
        mentions=tuple(Mention(start, end, "x", "name", 0) for start, end in mentions),
    )
    markup = str(highlight(analysis))
    assert visible_text(markup) == text
    assert markup.count("<span") == markup.count("</span>")
    assert markup.count("<details") == markup.count("</details>")
    assert "<" not in TAG.sub("", markup)
