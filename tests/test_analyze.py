"""The public one-document API: `quotegraph.analyze` and what the package exports."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import quotegraph
from quotegraph import Analysis, analyze

SCRAPED = """\
Quarry expansion approved despite protests

12/03/2019 08:41 GMT | Updated 12/03/2019 10:02 GMT

ShareTweetEmailPrint

The county planning board approved the expansion of the Hollin Ridge quarry on Monday.

"This quarry has fed families in the valley for four generations. We intend to run it carefully, and we intend to

Lorries leave the Hollin Ridge quarry on Monday. Petra Lund/Valley Images

"keep every promise we made about dust and noise," said Aled Brannock, the quarry's managing director.

Residents were not persuaded. Nia Farrow, a 41-year-old teacher from Cressby, said the board had "stopped listening years ago".

She warned that the group would appeal.

Sign up for our newsletter
"""


def test_public_api_is_pinned() -> None:
    """The package exports exactly its documented names."""
    assert sorted(quotegraph.__all__) == sorted(
        [
            "Analysis",
            "ArticleMeta",
            "Corpus",
            "Entity",
            "Mention",
            "Options",
            "Quote",
            "QuoteQuery",
            "Removed",
            "__version__",
            "analyze",
        ]
    )
    for name in quotegraph.__all__:
        assert getattr(quotegraph, name) is not None


def test_analyze_scraped_article(nlp: Language) -> None:
    """Furniture is removed, the dateline read, and a quote broken by a caption stays one quote."""
    analysis = analyze(SCRAPED, nlp=nlp, outlet="Valley Herald")
    assert isinstance(analysis, Analysis)
    assert analysis.meta.published == datetime(
        2019, 3, 12, 8, 41, tzinfo=analysis.meta.published.tzinfo
    )
    assert analysis.meta.updated is not None and analysis.meta.updated.hour == 10
    kinds = {r.kind for r in analysis.removed}
    assert {"controls", "prompt"} <= kinds
    assert any("Petra Lund" in SCRAPED[r.start : r.end] for r in analysis.removed)
    speakers = {
        analysis.span_text(q.content): analysis.entity(q.speaker).name
        for q in analysis.quotes
        if q.speaker is not None
    }
    brannock = [text for text, name in speakers.items() if name == "Aled Brannock"]
    assert brannock and all("Petra Lund" not in text for text in brannock)
    assert any("dust and noise" in text for text in brannock)
    assert "Nia Farrow" in speakers.values()


@pytest.mark.parametrize("rules_only", [False, True])
def test_each_quote_says_what_its_cue_reports(nlp: Language, rules_only: bool) -> None:
    """Said is speech, wrote is writing, believes is a belief; the lexicon tells them apart,
    and "according to" takes its type from what it names."""
    text = (
        "Harbour master Ines Varga said that the cranes would arrive on Friday.\n\n"
        "Councillor Tom Reyes believes the quay is too narrow.\n\n"
        "In a letter, the fishers' guild wrote that the fees had doubled.\n\n"
        "Rents in Port Eskell will rise by a tenth next year, according to a survey by the "
        "housing board."
    )
    analysis = analyze(text, nlp=nlp, rules_only=rules_only)
    types = {analysis.text[slice(*q.cue)]: q.cue_type for q in analysis.quotes if q.cue}
    assert types.get("said") == "speech"
    assert types.get("believes") == "belief"
    assert types.get("wrote") == "writing"
    assert types.get("according to") == "evidence"


def test_analysis_is_immutable(nlp: Language) -> None:
    """An Analysis cannot be changed after the fact."""
    analysis = analyze("Nobody said anything today.", nlp=nlp)
    with pytest.raises(FrozenInstanceError):
        analysis.text = "changed"  # type: ignore[misc]


def test_unknown_metadata_is_refused(nlp: Language) -> None:
    """A misspelt metadata name fails loudly instead of being dropped."""
    with pytest.raises(TypeError, match="publised"):
        analyze("Text.", nlp=nlp, publised="2020-01-01")


PARAGRAPHS = st.lists(
    st.sampled_from(
        [
            '"We will not move," said Ada Venn.',
            "Ada Venn, a ferry pilot, said the harbour was too shallow.",
            "Photo: Ivo Marr/Coast Images",
            "ShareTweetEmail",
            "He told the council that the plan was late.",
            "\u201cIt is late,\u201d she said. \u201cVery late.\u201d",
            "According to the trust, the wall will hold.",
            "Sign up for our newsletter",
            "",
        ]
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paragraphs=PARAGRAPHS, separator=st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_every_span_slices_the_text_as_given(
    nlp: Language, paragraphs: list[str], separator: str
) -> None:
    """Every offset of an Analysis indexes the text as received, never removed furniture."""
    text = separator.join(paragraphs)
    analysis = analyze(text, nlp=nlp)
    removed = [(r.start, r.end) for r in analysis.removed]
    spans = [frag for q in analysis.quotes for frag in q.content]
    spans += [q.cue for q in analysis.quotes if q.cue] + [
        q.source for q in analysis.quotes if q.source
    ]
    spans += [(m.start, m.end) for m in analysis.mentions]
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip()
    for start, end in (frag for q in analysis.quotes for frag in q.content):
        assert not any(rs < end and start < re for rs, re in removed)


HEADLINED = (
    "Harbour master backs Tollmere quay plan\n\n"
    "Mayor Ilse Voss said on Monday that the quay plan would go ahead.\n"
)


def test_the_headline_is_read_but_names_no_actor_of_its_own(nlp: Language) -> None:
    """An actor only the headline names is left out, and ids stay those of the entities."""
    analysis = analyze(HEADLINED, nlp=nlp)
    assert [entity.name for entity in analysis.entities] == ["Mayor Ilse Voss"]
    assert [entity.id for entity in analysis.entities] == [0]
    assert {mention.entity for mention in analysis.mentions} == {0}
    assert all(quote.speaker in (None, 0) for quote in analysis.quotes)


def test_a_cue_in_the_body_takes_no_content_from_the_headline(nlp: Language) -> None:
    """The headline has no full stop; the parse still ends a sentence at its line break."""
    headline_end = HEADLINED.index("\n")
    analysis = analyze(HEADLINED, nlp=nlp)
    for quote in analysis.quotes:
        if quote.cue is not None and quote.cue[0] > headline_end:
            assert quote.start > headline_end, HEADLINED[quote.start : quote.end]
