"""One row per coreference pattern: the mention, and the entity it must link to.

Rows that name a known miss are marked xfail, never deleted.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from quotegraph.actors import find_actors
from quotegraph.quotes import find_quotes

PATTERNS = [
    pytest.param(
        "Maria Okonjo-Vale opened the meeting. Okonjo-Vale said the plan was sound.",
        "Okonjo-Vale",
        0,
        "Maria Okonjo-Vale",
        id="hyphenated surname",
    ),
    pytest.param(
        "Lena Varga spoke first. Later Varga said the budget was tight.",
        "Varga",
        0,
        "Lena Varga",
        id="surname",
    ),
    pytest.param(
        "Councillor Maria Okonjo-Vale spoke. Mrs Okonjo-Vale said the plan was sound.",
        "Mrs Okonjo-Vale",
        0,
        "Councillor Maria Okonjo-Vale",
        id="title Mrs with surname",
    ),
    pytest.param(
        "Sir Peter Lang chaired the inquiry. Lang said it would report in May.",
        "Lang",
        0,
        "Sir Peter Lang",
        id="title Sir",
    ),
    pytest.param(
        "Senator Ana Ruiz voted against the bill. Senator Ruiz said it was rushed.",
        "Senator Ruiz",
        0,
        "Senator Ana Ruiz",
        id="title Senator",
    ),
    pytest.param(
        "The motion came from councillor Dev Patel. Patel said the library must stay open.",
        "Patel",
        0,
        "Dev Patel",
        id="lower-case councillor",
    ),
    pytest.param(
        "Lena Varga arrived late. Varga's plan was read out. She said it would cost little.",
        "She",
        0,
        "Lena Varga",
        id="pronoun after possessive",
    ),
    pytest.param(
        "Ben Ostry met Lina Morrow in Carrow. She said the bridge was unsafe.",
        "She",
        0,
        "Lina Morrow",
        id="she",
    ),
    pytest.param(
        "John Walker farms the marsh with his son. He said the grant mattered.",
        "He",
        0,
        "John Walker",
        id="he skips a relative described only",
    ),
    pytest.param(
        "The Coastal Farmers Alliance met on Monday. The alliance said the cut was unfair.",
        "The alliance",
        0,
        "The Coastal Farmers Alliance",
        id="the organisation noun",
    ),
    pytest.param(
        "Carrowmere County Council published the plan. The council said it would create jobs.",
        "The council",
        0,
        "Carrowmere County Council",
        id="the council",
    ),
    pytest.param(
        "Members of the Harbour Workers Union walked out. The union said pay had fallen.",
        "The union",
        0,
        "Harbour Workers Union",
        id="the union",
    ),
    pytest.param(
        "A spokesman for the Harbour Trust said the pier would reopen.",
        "A spokesman",
        0,
        "Harbour Trust",
        id="a spokesman for an organisation",
    ),
    pytest.param(
        "A spokeswoman, Ana Lidell, said the fares would rise.",
        "A spokeswoman",
        0,
        "Ana Lidell",
        id="descriptor in apposition",
    ),
    pytest.param(
        "The Tidewater Party won the vote. The party leader, Desmond Hartigan, said it was a new start.",
        "The party leader",
        0,
        "Desmond Hartigan",
        id="the party leader in apposition",
    ),
    pytest.param(
        "Maria Ruiz, the director of the trust, closed the ward last year. Noor Effing, a "
        "nurse on the night shift, said the staff were exhausted. She said it was wrong.",
        "She",
        0,
        "Noor Effing",
        id="she is the subject followed, not an older woman",
    ),
    pytest.param(
        "Jory Pask marched beside Councillor Helen Marr, who received the petition. "
        '"We will read every name," she said.',
        "she",
        0,
        "Councillor Helen Marr",
        id="she is a recent woman rather than a subject of unknown gender",
    ),
    pytest.param(
        "Tomas Reyes, a porter, spoke at the gate. \u201cTell Peter Lang that we are not "
        "going anywhere,\u201d he said.",
        "he",
        0,
        "Tomas Reyes",
        id="he after a quote is not a man named inside it",
    ),
    pytest.param(
        "The man behind the plan is Councillor Oren Pask. He said it would save money.",
        "The man",
        0,
        "Councillor Oren Pask",
        id="descriptor the name is said to be",
    ),
    pytest.param(
        "The Coastal Farmers Alliance (CFA) met on Monday. The CFA said the cut was unfair.",
        "CFA",
        1,
        "The Coastal Farmers Alliance",
        id="acronym defined beside its name",
    ),
    pytest.param(
        "Members of the National Farmers Alliance (NFA) gathered in Carrow. The NFA's chair, "
        "Tom Reyes, said the fund was late.",
        "NFA",
        1,
        "National Farmers Alliance",
        id="acronym with a possessive after its definition",
    ),
    pytest.param(
        "Members of the National Farmers Alliance (NFA) gathered in Carrow. The NFA's chair, "
        "Tom Reyes, said the fund was late. Later the NFA said it would appeal.",
        "NFA",
        2,
        "National Farmers Alliance",
        id="acronym used again after its definition",
    ),
    pytest.param(
        "CFA attacks grant cut\n\nThe Coastal Farmers Alliance (CFA) said on Monday that the "
        "grant cut was unfair.",
        "CFA",
        0,
        "The Coastal Farmers Alliance",
        id="acronym in a headline before its definition",
    ),
    pytest.param(
        "The Coastal Farmers Alliance (CFA) met the Carrow Fishing Association on Monday. "
        "The CFA said the talks went well.",
        "CFA",
        1,
        "The Coastal Farmers Alliance",
        id="acronym goes to the name it is defined beside, not to other matching initials",
    ),
    pytest.param(
        "The Nurses Association met. The 40,000-member association said wards were short.",
        "The 40,000-member association",
        0,
        "The Nurses Association",
        id="numbered descriptor of an organisation",
    ),
    pytest.param(
        "The Harbour Trust met. We will not sell the quay, the trust said.",
        "We",
        0,
        "The Harbour Trust",
        id="we for an organisation",
    ),
    pytest.param(
        'Members of the Harbour Workers Union walked out. "We will not back down," the union said.',
        "We",
        0,
        "Harbour Workers Union",
        id="we in a quote by an organisation named after it",
    ),
    pytest.param(
        'The Tidewater Party lost two seats. "We will listen to every voter," it said.',
        "We",
        0,
        "The Tidewater Party",
        id="we in a quote by an organisation's pronoun",
    ),
    pytest.param(
        '"We are disappointed," said Ana Ruiz, a spokeswoman for the Harbour Authority.',
        "We",
        0,
        "Harbour Authority",
        id="we in a quote by a spokeswoman in apposition",
    ),
    pytest.param(
        'Harbour Authority spokeswoman Ana Ruiz said: "We are disappointed."',
        "We",
        0,
        "Harbour Authority",
        id="we in a quote by a spokeswoman titled before her name",
    ),
    pytest.param(
        'A spokesman for the Harbour Trust said: "We will reopen the pier in May."',
        "We",
        0,
        "Harbour Trust",
        id="we in a quote by an unnamed spokesman",
    ),
    pytest.param(
        "Ana Ruiz, a spokeswoman for the Harbour Authority, said the pier was safe. "
        '"We checked the rails twice," Ms Ruiz said.',
        "We",
        0,
        "Harbour Authority",
        id="we in a later quote by a spokeswoman named by surname",
    ),
    pytest.param(
        '"Our members are angry," said Tom Reyes, a representative of the Carrow Fishing '
        'Association. "They want answers from us."',
        "us",
        0,
        "Carrow Fishing Association",
        id="us in the second part of a representative's quote",
    ),
    pytest.param(
        '"Our boats are tied up," said Priya Mehta, who speaks for the Carrow Fishing Association.',
        "Our",
        0,
        "Carrow Fishing Association",
        id="our in a quote by someone who speaks for an organisation",
    ),
]


@pytest.mark.parametrize(("text", "mention", "nth", "name"), PATTERNS)
def test_pattern_links(nlp: Language, text: str, mention: str, nth: int, name: str) -> None:
    """The nth mention with this text links to the entity with the expected name."""
    actors = find_actors(nlp(text))
    hits = [m for m in actors.mentions if m.text == mention]
    assert len(hits) > nth, [m.text for m in actors.mentions]
    entity = actors.entity(hits[nth].entity)
    assert entity is not None and entity.name == name


UNLINKED = [
    pytest.param(
        "The Carrow Fishing Association met on Monday. In a separate statement, the CFA, which "
        "runs the cycling league, said the race would go ahead.",
        "CFA",
        "The Carrow Fishing Association",
        id="acronym never defined beside the name whose initials it shares",
    ),
    pytest.param(
        "The Coastal Farmers Alliance (CFA) met the Carrow Fishing Association on Monday. "
        "The CFA said the talks went well.",
        "CFA",
        "Carrow Fishing Association",
        id="acronym defined for another organisation",
    ),
    pytest.param(
        '"We are worried," said Tom Reyes, a fisherman from Carrow.',
        "We",
        None,
        id="we in a quote by a private person",
    ),
    pytest.param(
        'The Harbour Trust closed the pier. "We used to fish here every day," said Ben Ostry, '
        "a retired docker.",
        "We",
        None,
        id="we in a quote by a private person after an organisation",
    ),
    pytest.param(
        'Residents packed the hall. "We were never asked," said Lena Varga, who lives on the quay.',
        "We",
        None,
        id="we in a quote by a resident",
    ),
    pytest.param(
        "The Harbour Trust said that we would all pay more for parking.",
        "we",
        None,
        id="we reported after the verb is the writer's",
    ),
]


@pytest.mark.parametrize(("text", "mention", "name"), UNLINKED)
def test_pattern_does_not_link(nlp: Language, text: str, mention: str, name: str | None) -> None:
    """No mention with this text links to the named entity; with no name, it links to nothing."""
    actors = find_actors(nlp(text))
    hits = [m for m in actors.mentions if m.text == mention]
    if name is None:
        assert hits == []
    for hit in hits:
        entity = actors.entity(hit.entity)
        assert entity is not None and entity.name != name


def test_we_leaves_the_quote_with_its_speaker(nlp: Language) -> None:
    """A spokeswoman's "we" is her organisation, while the quote stays hers."""
    doc = nlp('"We are disappointed," said Ana Ruiz, a spokeswoman for the Harbour Authority.')
    actors = find_actors(doc)
    (quote,) = find_quotes(doc, actors)
    speaker = actors.entity(quote.speaker)
    assert speaker is not None and speaker.name == "Ana Ruiz"


ROLES = [
    pytest.param(
        "Bethan Corrow, a 38-year-old nurse from Dunmarrow, said the ward was full.",
        "Bethan Corrow",
        "a 38-year-old nurse from Dunmarrow",
        id="apposition",
    ),
    pytest.param(
        "His sister, Ruth Penhallow, who chairs the Coastal Farmers Alliance, said the fund was needed.",
        "Ruth Penhallow",
        "who chairs the Coastal Farmers Alliance",
        id="relative clause",
    ),
    pytest.param(
        "His sister, Ruth Penhallow, who chairs the Coastal Farmers Alliance, said the fund was needed.",
        "Ruth Penhallow",
        "sister",
        id="relation before the name",
    ),
]


@pytest.mark.parametrize(("text", "name", "role"), ROLES)
def test_roles_are_descriptive_phrases(nlp: Language, text: str, name: str, role: str) -> None:
    """A role is the describing phrase alone, never the name with it."""
    actors = find_actors(nlp(text))
    entity = next(e for e in actors.entities if e.name == name)
    assert role in entity.roles
    assert all(name not in kept for kept in entity.roles)


def test_affiliation_from_role(nlp: Language) -> None:
    """An organisation a role names becomes an affiliation."""
    actors = find_actors(
        nlp(
            "The Coastal Farmers Alliance met. Ruth Penhallow, who chairs the Coastal "
            "Farmers Alliance, said the fund was needed."
        )
    )
    ruth = next(e for e in actors.entities if e.name == "Ruth Penhallow")
    assert ruth.affiliations == ("The Coastal Farmers Alliance",)


def test_affiliation_from_role_by_acronym(nlp: Language) -> None:
    """A role that names an organisation by its defined acronym gives the full name."""
    actors = find_actors(
        nlp(
            "Members of the National Farmers Alliance (NFA) gathered in Carrow. The NFA's chair, "
            "Tom Reyes, said the fund was late."
        )
    )
    tom = next(e for e in actors.entities if e.name == "Tom Reyes")
    assert tom.affiliations == ("National Farmers Alliance",)
