"""Direct quotations: which quoted stretches count as speech."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quotegraph.quotes.direct import find_direct


def quoted_contents(nlp: Language, text: str) -> list[str]:
    return [text[s:e] for c in find_direct(nlp(text)) for s, e in c.content]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Mara Quell appeared on “Harbour Hour Tonight,” the station said.", "Harbour Hour"),
        ("The bill, called “Fair Ferries for Tollmere,” passed, Ives Darrow said.", "Fair Ferries"),
        ("Osk Penhallow read aloud from Darrow's “Letters to Kell,” the paper wrote.", "Letters"),
    ],
)
def test_a_title_after_a_preposition_article_possessive_or_naming_word_is_not_speech(
    nlp: Language, text: str, title: str
) -> None:
    assert not any(title in content for content in quoted_contents(nlp, text))


@pytest.mark.parametrize(
    ("text", "speech"),
    [
        # title case but opening its sentence: speech
        ("“Harbour Hour Tonight,” Mara Quell said.", "“Harbour Hour Tonight,”"),
        # after a preposition but not in title case: speech
        (
            "Mara Quell spoke of “a harbour that never sleeps,” the station said.",
            "“a harbour that never sleeps,”",
        ),
        # after a preposition, in title case, but too long for a title
        (
            "Mara Quell spoke of “Never Again Will This Harbour Close Its Gates,” the station said.",
            "“Never Again Will This Harbour Close Its Gates,”",
        ),
    ],
)
def test_other_quotes_stay_speech(nlp: Language, text: str, speech: str) -> None:
    assert speech in quoted_contents(nlp, text)


def cues_of(nlp: Language, text: str) -> dict[str, str | None]:
    """Each quotation's text and the text of its cue."""
    return {
        text[c.content[0][0] : c.content[-1][1]]: text[slice(*c.cue)] if c.cue else None
        for c in find_direct(nlp(text))
    }


@pytest.mark.parametrize(
    ("text", "quote", "not_cue"),
    [
        (
            "“The cranes arrive on Friday.” Councillor Tom Reyes believes the quay is too narrow.",
            "“The cranes arrive on Friday.”",
            "believes",
        ),
        (
            "“We did everything right.” He added, “The storm was simply too strong.”",
            "“We did everything right.”",
            "added",
        ),
    ],
)
def test_a_cue_after_a_quote_that_reports_a_clause_of_its_own_is_not_the_quotes(
    nlp: Language, text: str, quote: str, not_cue: str
) -> None:
    assert cues_of(nlp, text).get(quote) != not_cue


def test_a_cue_after_a_quote_with_nothing_of_its_own_frames_it(nlp: Language) -> None:
    text = "“The cranes arrive on Friday,” Councillor Tom Reyes said."
    assert cues_of(nlp, text) == {"“The cranes arrive on Friday,”": "said"}
