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


def test_a_name_leaves_out_the_dash_the_recogniser_took_in(nlp: Language) -> None:
    words = ["\u201c", "Fine", ".", "\u201d", "\u2014", "Kel", "Amsel"]
    doc = labelled(nlp, words, [(4, 7, "PERSON")])
    assert [doc[m.start : m.end].text for m in find_names(doc)] == ["Kel Amsel"]


def test_names_that_sign_a_quotation_after_a_dash_are_a_person(nlp: Language) -> None:
    """Whatever the recogniser made of them; a heading's capitalised words sign nothing."""
    doc = nlp("Harbour Light: Plan Wins\n\n\u201cWe were never asked.\u201d \u2015 Wenna Tregear")
    kinds = {doc[m.start : m.end].text: m.type for m in find_names(doc)}
    assert kinds.get("Wenna Tregear") == "person"
    assert not any(kind == "person" and text.startswith("Harbour") for text, kind in kinds.items())
