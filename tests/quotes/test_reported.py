"""Reported attributions from the parse: whose view an infinitive's cue reports."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quotegraph.quotes.reported import find_reported


def sources(nlp: Language, text: str) -> dict[str, str | None]:
    """Each reported content and the text of its source."""
    return {
        text[slice(*c.content[0])]: text[slice(*c.source)] if c.source else None
        for c in find_reported(nlp(text), set())
    }


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        ("Harbour aides want to delay the vote.", "to delay the vote", "Harbour aides"),
        ("The ferry sale is expected to close in May.", "to close in May", None),
        ("The quay plan appears to fail every test.", "to fail every test", None),
        ("Mayor Ines Varga seemed to doubt the figures.", "to doubt the figures", None),
    ],
)
def test_an_infinitives_source_is_who_holds_the_view(
    nlp: Language, text: str, content: str, source: str | None
) -> None:
    """Wanting has a holder; what seems, appears or is expected has none in the sentence."""
    assert sources(nlp, text).get(content, "missing") == source
