"""Linking tagged spans into attributions, on hand-made spans."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quotegraph.model import RoleSpan, TaggedAttribution, link


def spans_of(text: str, marked: list[tuple[str, str]]) -> tuple[RoleSpan, ...]:
    """Role spans for the given (role, exact substring) pairs of ``text``."""
    spans = []
    for role, part in marked:
        start = text.index(part)
        spans.append(RoleSpan(role, start, start + len(part), 0.9))  # type: ignore[arg-type]
    return tuple(sorted(spans, key=lambda span: span.start))


def texts(text: str, attribution: TaggedAttribution) -> tuple[list[str], str | None, str | None]:
    content = [text[start:end] for start, end in attribution.content]
    cue = text[slice(*attribution.cue)] if attribution.cue else None
    source = text[slice(*attribution.source)] if attribution.source else None
    return content, cue, source


CASES = [
    (
        "cue and source before the content",
        "The mayor said the bridge would open in May.",
        [("source", "The mayor"), ("cue", "said"), ("content", "the bridge would open in May")],
        [(["the bridge would open in May"], "said", "The mayor")],
    ),
    (
        "a quotation broken by its attribution is one attribution",
        '"We are ready," she said, "and we will win."',
        [
            ("content", '"We are ready,"'),
            ("source", "she"),
            ("cue", "said"),
            ("content", '"and we will win."'),
        ],
        [(['"We are ready,"', '"and we will win."'], "said", "she")],
    ),
    (
        "two attributions in a paragraph each take their own cue",
        "Ann Lee said taxes will rise. Bo Ray denied that taxes will rise.",
        [
            ("source", "Ann Lee"),
            ("cue", "said"),
            ("content", "taxes will rise."),
            ("source", "Bo Ray"),
            ("cue", "denied"),
            ("content", "that taxes will rise"),
        ],
        [
            (["taxes will rise."], "said", "Ann Lee"),
            (["that taxes will rise"], "denied", "Bo Ray"),
        ],
    ),
    (
        "a cue in another paragraph is not linked",
        "Ann Lee said nothing.\nThe plan is dead.",
        [("source", "Ann Lee"), ("cue", "said"), ("content", "The plan is dead.")],
        [(["The plan is dead."], None, None)],
    ),
    (
        "a content ends with its paragraph",
        "Ann Lee said the ferry will run. \n\nThe council met on Monday.",
        [
            ("source", "Ann Lee"),
            ("cue", "said"),
            ("content", "the ferry will run. \n\nThe council met"),
        ],
        [(["the ferry will run."], "said", "Ann Lee")],
    ),
    (
        "a cue without content yields nothing",
        "Ann Lee said nothing.",
        [("source", "Ann Lee"), ("cue", "said")],
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "marked", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_link(
    text: str,
    marked: list[tuple[str, str]],
    expected: list[tuple[list[str], str | None, str | None]],
) -> None:
    """Role spans group into the expected (contents, cue, source) attributions."""
    attributions = link(spans_of(text, marked), text)
    assert [texts(text, attribution) for attribution in attributions] == expected


def test_a_cue_takes_the_source_its_verb_governs(nlp: Language) -> None:
    """With the parse, the subject of "said" is its source though another name is nearer."""
    text = "Ilse Brandt, who once worked for Vance, said the quay would close."
    marked = [
        ("source", "Ilse Brandt"),
        ("source", "Vance"),
        ("cue", "said"),
        ("content", "the quay would close"),
    ]
    nearest = link(spans_of(text, marked), text)
    governed = link(spans_of(text, marked), text, doc=nlp(text))
    assert [texts(text, attribution) for attribution in nearest] == [
        (["the quay would close"], "said", "Vance")
    ]
    assert [texts(text, attribution) for attribution in governed] == [
        (["the quay would close"], "said", "Ilse Brandt")
    ]
