"""Table-driven tests of in-document actors: mentions, links, roles."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quotegraph.actors import DocumentActors, find_actors
from quotegraph.actors import __all__ as actors_all
from quotegraph.records import Entity, Mention


def actors_of(nlp: Language, text: str) -> DocumentActors:
    return find_actors(nlp(text))


def entity_of(actors: DocumentActors, mention_text: str, nth: int = 0) -> str | None:
    """The name of the entity the nth mention with this text links to."""
    hits = [m for m in actors.mentions if m.text == mention_text]
    if len(hits) <= nth:
        return None
    entity = actors.entity(hits[nth].entity)
    return entity.name if entity else None


LINKS = [
    pytest.param(
        "Ben Ostry met Lina Morrow in Carrow. She said the bridge was unsafe.",
        "She",
        "Lina Morrow",
        id="she-after-man-and-woman",
    ),
    pytest.param(
        "Lina Morrow met Ben Ostry in Carrow. He said the bridge was unsafe.",
        "He",
        "Ben Ostry",
        id="he-after-woman-and-man",
    ),
    pytest.param(
        "Mr. Dorran arrived late. Later, Felix Dorran spoke to the crowd. Dorran left at noon.",
        "Dorran",
        "Felix Dorran",
        id="surname-links-to-fullest-name",
    ),
    pytest.param(
        "A spokeswoman, Ana Lidell, said the fares would rise.",
        "A spokeswoman",
        "Ana Lidell",
        id="descriptor-named-in-apposition",
    ),
    pytest.param(
        "A spokesman for the Harbour Trust said the pier would reopen.",
        "A spokesman",
        "Harbour Trust",
        id="spokesman-speaks-for-organisation",
    ),
    pytest.param(
        "The Green Party won two seats. A spokesman for the Green Party said the result was historic.",
        "A spokesman",
        "The Green Party",
        id="organisation-with-and-without-the",
    ),
    pytest.param(
        "Tomas Vell approved the berths. His sister, Lina Vell, runs the ferry company.\n\n"
        "Asked about the berths, her brother said the work would start in May.",
        "her brother",
        "Tomas Vell",
        id="her-brother-is-the-one-man-of-her-family-name",
    ),
    pytest.param(
        "Tomas Vell and Piet Vell approved the berths. Lina Vell runs the ferry company.\n\n"
        "Asked about the berths, her brother said the work would start in May.",
        "her brother",
        "her brother",
        id="her-brother-stays-unresolved-between-two-men-of-her-family-name",
    ),
    pytest.param(
        "Field & Furrow\n\nAnn Roe said the grant would end.",
        "Ann Roe",
        "Ann Roe",
        id="no-name-across-a-line-break",
    ),
]


def test_no_descriptor_crosses_a_line_break(nlp: Language) -> None:
    """A headline without a full stop does not lend its words to a descriptor below it."""
    text = (
        "Tollmere ferry faces cuts under harbour board plan\n\n"
        "Mothers in Tollmere could be forced to travel 40 miles to reach a hospital."
    )
    mentions = actors_of(nlp, text).mentions
    assert mentions
    assert all("\n" not in text[m.start : m.end] for m in mentions)


@pytest.mark.parametrize(("text", "mention", "name"), LINKS)
def test_mention_links(nlp: Language, text: str, mention: str, name: str) -> None:
    """The mention links to the entity with the expected name."""
    assert entity_of(actors_of(nlp, text), mention) == name


def test_apposition_role_is_kept(nlp: Language) -> None:
    """A role given in apposition is kept on the person's entity."""
    actors = actors_of(nlp, "Noor Effing, a 38-year-old nurse from Leeds, said the ward was full.")
    person = next(e for e in actors.entities if e.name == "Noor Effing")
    assert person.type == "person"
    assert "a 38-year-old nurse from Leeds" in person.roles


def test_members_of_one_family_stay_two_people(nlp: Language) -> None:
    """Each full name returns to its own person; a bare surname to the one named last."""
    text = (
        "Councillor Owen Vell backed the fund. His sister, Ruth Vell, opposed it.\n\n"
        "Owen Vell said the fund was fair. Ruth Vell said it was not. Vell added that "
        "the farmers would fight it."
    )
    actors = actors_of(nlp, text)
    vells = sorted(e.name for e in actors.entities if e.name.endswith("Vell"))
    assert vells == ["Councillor Owen Vell", "Ruth Vell"]
    assert entity_of(actors, "Owen Vell") == "Councillor Owen Vell"
    assert entity_of(actors, "Ruth Vell", nth=1) == "Ruth Vell"
    assert entity_of(actors, "Vell") == "Ruth Vell"


def test_an_age_is_not_a_role(nlp: Language) -> None:
    """ "Lina Morrow, 74," gives no role "74"; her apposition with words is one."""
    actors = actors_of(nlp, "Lina Morrow, 74, a retired ferry pilot, said the bridge was unsafe.")
    person = next(e for e in actors.entities if e.name == "Lina Morrow")
    assert person.roles and not any(role.isdigit() for role in person.roles)


def test_spokesperson_role_and_affiliation(nlp: Language) -> None:
    """A spokesperson's organisation keeps the spokesperson role."""
    actors = actors_of(nlp, "A spokesman for the Harbour Trust said the pier would reopen.")
    trust = next(e for e in actors.entities if e.name == "Harbour Trust")
    assert trust.type == "organisation"
    assert trust.roles == ("A spokesman",)


def test_no_actors_in_plain_text(nlp: Language) -> None:
    """Text that names and points to nobody yields no entities."""
    actors = actors_of(nlp, "The rain fell all day on the empty square.")
    assert actors.entities == ()
    assert actors.mentions == ()


def test_mentions_slice_the_text(nlp: Language) -> None:
    """Every mention's offsets give back its text and point at a real entity."""
    text = " ".join(str(row.values[0]) for row in LINKS)
    actors = actors_of(nlp, text)
    ids = {entity.id for entity in actors.entities}
    for mention in actors.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.entity in ids
    assert [entity.id for entity in actors.entities] == list(range(len(actors.entities)))


def test_public_api() -> None:
    """The actors package exports exactly DocumentActors and find_actors."""
    assert actors_all == ["DocumentActors", "find_actors"]


def test_entities_named_only_in_a_span_are_left_out_and_the_rest_renumbered() -> None:
    """Keeping the others in order, with each kept id's new id."""
    entities = tuple(
        Entity(id=number, name=name, type="person") for number, name in enumerate("ABC")
    )
    mentions = (
        Mention(0, 1, "A", "name", 0),
        Mention(20, 21, "B", "name", 1),
        Mention(2, 3, "C", "name", 2),
        Mention(30, 31, "C", "name", 2),
    )
    kept, new_ids = DocumentActors(entities, mentions).without_entities_only_in(0, 10)
    assert [(e.id, e.name) for e in kept.entities] == [(0, "B"), (1, "C")]
    assert [(m.start, m.entity) for m in kept.mentions] == [(20, 0), (2, 1), (30, 1)]
    assert new_ids == {1: 0, 2: 1}
