"""The corpus actor step: which entities become one actor, and what the store records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pytest

from quotegraph.actors.across import EntityObservation, normalise_name, resolve_actors
from quotegraph.records import Analysis
from quotegraph.store import QuoteQuery, Store

# Each article is a list of entity names; "org:" marks an organisation. Each
# expected group is the set of (article number, name) that make one actor.
CASES = [
    pytest.param(
        [["Maria Okafor"], ["Maria Okafor"]],
        [{(0, "Maria Okafor"), (1, "Maria Okafor")}],
        id="same full name across articles",
    ),
    pytest.param(
        [["Dr Maria Okafor"], ["maria  okafor"], ["Mrs. Maria Okafor"]],
        [{(0, "Dr Maria Okafor"), (1, "maria  okafor"), (2, "Mrs. Maria Okafor")}],
        id="titles case and spacing ignored",
    ),
    pytest.param(
        [["Maria Okafor", "Okafor"]],
        [{(0, "Maria Okafor"), (0, "Okafor")}],
        id="surname joins the one full name in its article",
    ),
    pytest.param(
        [["Maria Okafor", "Senator Okafor"]],
        [{(0, "Maria Okafor"), (0, "Senator Okafor")}],
        id="titled surname joins",
    ),
    pytest.param(
        [["Maria Okafor", "Maria"]],
        [{(0, "Maria Okafor"), (0, "Maria")}],
        id="first name joins",
    ),
    pytest.param(
        [["Maria Okafor", "Okafor"], ["Maria Okafor"]],
        [{(0, "Maria Okafor"), (0, "Okafor"), (1, "Maria Okafor")}],
        id="surname reaches other articles through its full name",
    ),
    pytest.param(
        [["Maria Okafor", "Okafor"], ["James Okafor", "Okafor"]],
        [{(0, "Maria Okafor"), (0, "Okafor")}, {(1, "James Okafor"), (1, "Okafor")}],
        id="same surname two people two articles",
    ),
    pytest.param(
        [["Maria Okafor", "James Okafor", "Okafor"]],
        [{(0, "Maria Okafor")}, {(0, "James Okafor")}, {(0, "Okafor")}],
        id="ambiguous surname stays alone",
    ),
    pytest.param(
        [["Okafor"], ["Okafor"]],
        [{(0, "Okafor")}, {(1, "Okafor")}],
        id="lone surnames not merged across articles",
    ),
    pytest.param(
        [["Maria Okafor"], ["Okafor"]],
        [{(0, "Maria Okafor"), (1, "Okafor")}],
        id="surname joins the only full name of the corpus with it",
    ),
    pytest.param(
        [["Ruth Penhallow"], ["Owen Penhallow"], ["Penhallow"]],
        [{(0, "Ruth Penhallow")}, {(1, "Owen Penhallow")}, {(2, "Penhallow")}],
        id="surname shared by two people of the corpus stays alone",
    ),
    pytest.param(
        [["Tom Ferrier"], ["Tom"]],
        [{(0, "Tom Ferrier")}, {(1, "Tom")}],
        id="first name does not join another article's full name",
    ),
    pytest.param(
        [["org:Coastal Farmers Alliance"], ["org:CFA"]],
        [{(0, "Coastal Farmers Alliance"), (1, "CFA")}],
        id="acronym joins the one organisation with its initials",
    ),
    pytest.param(
        [["org:the Greens"], ["org:Green Party"], ["org:The Green Party's"]],
        [{(0, "the Greens"), (1, "Green Party"), (2, "The Green Party's")}],
        id="organisation name variants",
    ),
    pytest.param(
        [["org:Harbour and Maritime Workers' Union", "org:HMWU"], ["org:HMWU"]],
        [{(0, "Harbour and Maritime Workers' Union"), (0, "HMWU"), (1, "HMWU")}],
        id="acronym used beside its full name",
    ),
    pytest.param(
        [["Maria Okafor", "Maria Okafor-Lund", "Lund"]],
        [{(0, "Maria Okafor")}, {(0, "Maria Okafor-Lund")}, {(0, "Lund")}],
        id="part of a hyphenated surname does not join",
    ),
    pytest.param(
        [["Wendell Marine"], ["org:Wendell Marine"]],
        [{(0, "Wendell Marine")}, {(1, "Wendell Marine")}],
        id="person and organisation apart",
    ),
    pytest.param(
        [["org:Greenleaf"], ["org:Greenleaf"]],
        [{(0, "Greenleaf"), (1, "Greenleaf")}],
        id="one-word organisations merge",
    ),
    pytest.param(
        [["org:General Harbour Works"], ["org:Harbour Works"]],
        [{(0, "General Harbour Works")}, {(1, "Harbour Works")}],
        id="organisation names keep title words",
    ),
]


def store_articles(store: Store, build: Callable[..., Analysis], articles: list[list[str]]) -> None:
    """Store each article with one quote per entity, the quote being the entity's name."""
    for number, names in enumerate(articles):
        plain = [name.removeprefix("org:") for name in names]
        store.add_analysis(
            f"article-{number}",
            build(
                " / ".join(plain),
                source=f"article-{number}.txt",
                people=[name for name in names if not name.startswith("org:")],
                organisations=[name[4:] for name in names if name.startswith("org:")],
                quotes=[(name, None, name, "direct") for name in plain],
            ),
            format="text",
            encoding=None,
            run_id=None,
        )


def actor_groups(store: Store) -> list[set[tuple[int, str]]]:
    """The entities of each actor, as (article number, name), read back from the quotes."""
    groups: dict[str | None, set[tuple[int, str]]] = defaultdict(set)
    for row in store.find_quotes(QuoteQuery()):
        number = int(row.article_id.removeprefix("article-"))
        groups[row.speaker_id].add((number, row.content_text))
    return sorted(groups.values(), key=sorted)


@pytest.mark.parametrize(("articles", "expected"), CASES)
def test_rebuild_groups_entities_into_actors(
    store: Store,
    build: Callable[..., Analysis],
    articles: list[list[str]],
    expected: list[set[tuple[int, str]]],
) -> None:
    """Entities become one actor only when their names leave no doubt."""
    store_articles(store, build, articles)
    assert store.rebuild_actors() == len(expected)
    assert actor_groups(store) == sorted(expected, key=sorted)


def test_rebuild_is_stable(store: Store, build: Callable[..., Analysis]) -> None:
    """Rebuilding twice gives the same actors with the same ids."""
    store_articles(store, build, [["Maria Okafor", "Okafor"], ["Tom Reyes"]])
    store.rebuild_actors()
    first = store.speakers()
    store.rebuild_actors()
    assert store.speakers() == first


def test_actor_takes_its_most_frequent_name(store: Store, build: Callable[..., Analysis]) -> None:
    """An actor is named by the form its articles use most, titles left out."""
    store_articles(
        store,
        build,
        [["Dr Maria Okafor"], ["maria okafor"], ["Maria Okafor"], ["Maria Okafor", "Okafor"]],
    )
    store.rebuild_actors()
    (actor,) = store.speakers()
    assert actor.name == "Maria Okafor"
    assert actor.aliases == ("Dr Maria Okafor", "maria okafor", "Maria Okafor", "Okafor")
    assert (actor.quote_count, actor.article_count) == (5, 4)


def test_search_finds_quotes_by_their_actor_name(
    store: Store, build: Callable[..., Analysis]
) -> None:
    """After the actor step, a quote whose text says only 'Okafor' is found as Maria's."""
    store.add_analysis(
        "a",
        build(
            "Maria Okafor spoke first. Okafor said the harbour would stay open.",
            source="a.txt",
            people=["Maria Okafor", "Okafor"],
            quotes=[("the harbour would stay open", "said", "Okafor", "indirect")],
        ),
        format="text",
        encoding=None,
        run_id=None,
    )
    assert store.count_quotes(QuoteQuery(search='"maria okafor"')) == 0
    store.rebuild_actors()
    (row,) = store.find_quotes(QuoteQuery(search='"maria okafor"'))
    assert row.speaker_name == "Maria Okafor"


def test_every_assignment_says_why() -> None:
    """Each assignment carries a reason and a confidence that rank the rules."""
    observations = [
        EntityObservation(article_id="a", entity_id=0, name="Maria Okafor", type="person"),
        EntityObservation(article_id="a", entity_id=1, name="Okafor", type="person"),
        EntityObservation(article_id="a", entity_id=2, name="Maria", type="person"),
        EntityObservation(article_id="b", entity_id=0, name="Okafor", type="person"),
        EntityObservation(article_id="c", entity_id=0, name="Reyes", type="person"),
    ]
    full, surname, first, corpus, alone = resolve_actors(observations)
    assert full.reason == "same full name"
    assert surname.reason.startswith("surname") and first.reason.startswith("first name")
    assert corpus.reason == "surname of the only full name in the corpus with it"
    assert alone.reason == "single name with no matching full name in the article"
    assert (
        full.confidence
        > surname.confidence
        > first.confidence
        > corpus.confidence
        > alone.confidence
    )
    assert full.actor_id == surname.actor_id == first.actor_id == corpus.actor_id
    assert alone.actor_id != full.actor_id


@pytest.mark.parametrize(
    ("name", "actor_type", "expected"),
    [
        ("  Dr.  Maria   OKAFOR ", "person", "maria okafor"),
        ("Vice President Ana Ruiz", "person", "ana ruiz"),
        ("Senator", "person", "senator"),
        ("General Harbour Works", "organisation", "general harbour works"),
    ],
)
def test_names_are_normalised_for_comparison(name: str, actor_type: str, expected: str) -> None:
    """Case, spacing and (for people) leading titles do not count."""
    assert normalise_name(name, actor_type) == expected
