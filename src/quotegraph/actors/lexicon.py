"""Word lists about actors (pronouns, titles, descriptors, given names), read once.

The lists live as tab-separated package data files under ``quotegraph/data`` so
that they can be extended without touching the code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

Gender = str  # "m", "f", "n" (a thing or an organisation) or "x" (either)


def read_table(filename: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated data file, without comments and blank lines."""
    text = (resources.files("quotegraph") / "data" / filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class PronounInfo:
    """What a pronoun tells about its antecedent."""

    gender: Gender
    plural: bool


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """All the actor word lists, keyed by lower-case word.

    ``proxies`` are the descriptors ("spokeswoman") whose words count as the
    words of the organisation they speak for; ``kin`` the family nouns
    ("brother") whose possessive names a relative; ``group_pronouns`` ("we",
    "our") stand for the organisation whose words hold them.
    """

    pronouns: dict[str, PronounInfo]
    titles: dict[str, Gender]
    descriptors: dict[str, Gender]
    proxies: frozenset[str]
    given_names: dict[str, Gender]
    kin: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    group_pronouns: frozenset[str] = frozenset()


@functools.cache
def actor_lexicon() -> ActorLexicon:
    """The actor word lists, loaded on first use and shared after."""
    return ActorLexicon(
        pronouns={
            word: PronounInfo(gender, number == "pl")
            for word, gender, number in read_table("actors_pronouns.tsv")
        },
        titles={word: gender for word, gender in read_table("actors_titles.tsv")},
        descriptors={noun: gender for noun, gender, _ in read_table("actors_descriptors.tsv")},
        proxies=frozenset(
            noun for noun, _, proxy in read_table("actors_descriptors.tsv") if proxy == "yes"
        ),
        given_names={name: gender for name, gender in read_table("actors_given_names.tsv")},
        kin=frozenset(
            noun for noun, _, relation in read_table("actors_descriptors.tsv") if relation == "kin"
        ),
        person_titles=frozenset(row[0] for row in read_table("actors_person_titles.tsv")),
        possessives=frozenset(row[0] for row in read_table("actors_possessives.tsv")),
        group_pronouns=frozenset(row[0] for row in read_table("actors_group_pronouns.tsv")),
    )


@dataclass(frozen=True, slots=True)
class OrgWords:
    """Words about organisation names: generic ones, and those acronyms skip."""

    generic: frozenset[str]
    acronym_skip: frozenset[str]


@functools.cache
def org_words() -> OrgWords:
    """The organisation word lists, loaded on first use and shared after."""
    rows = read_table("actors_org_words.tsv")
    return OrgWords(
        generic=frozenset(word for word, use in rows if use == "generic"),
        acronym_skip=frozenset(word for word, use in rows if use == "acronym-skip"),
    )
