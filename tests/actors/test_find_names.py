"""Names from the recogniser's entities, where the recogniser's label is overruled."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from quotegraph.actors.mentions import find_names


def labelled(nlp: Language, words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    """A Doc of ``words`` with exactly the given entities, as a recogniser might label them."""
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


WORDS = ["Historian", "Agnes", "Vorn", "wrote", "it", ".", "Vorn", "said", "so", "."]


def test_a_name_ending_in_a_lone_persons_surname_is_a_person(nlp: Language) -> None:
    """ "Agnes Vorn" taken for an organisation is a person when "Vorn" alone is one."""
    doc = labelled(nlp, WORDS, [(1, 3, "ORG"), (6, 7, "PERSON")])
    kinds = {doc[m.start : m.end].text: m.type for m in find_names(doc)}
    assert kinds == {"Agnes Vorn": "person", "Vorn": "person"}


def test_a_surname_only_inside_a_longer_name_does_not_make_a_person(nlp: Language) -> None:
    """A person "Mara Vorn" does not turn the organisation "Agnes Vorn" into a person."""
    doc = labelled(
        nlp, ["Mara", "Vorn", "met", "Agnes", "Vorn", "."], [(0, 2, "PERSON"), (3, 5, "ORG")]
    )
    kinds = {doc[m.start : m.end].text: m.type for m in find_names(doc)}
    assert kinds["Agnes Vorn"] == "organisation"
