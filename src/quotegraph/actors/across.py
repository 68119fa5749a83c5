"""Actors across articles: which document entities are the same corpus actor.

This is the corpus step that turns each article's entities into actors of the
whole corpus. It is a pure function over observations, so it can be rerun in
seconds whenever the alias file or a correction changes.

The rules are cautious, because a wrong merge puts words in someone's mouth.
Each assignment says which rule made it and how sure that rule is:

* the user's alias file comes first: a name it lists joins its actor, a name
  it lists under ``not`` never joins that actor;
* entities of the same type whose normalised names are equal are one actor
  (casefolded, single-spaced, typographic apostrophes made plain; people
  without leading titles such as "Dr" or "Senator"; organisations without a
  leading "the", a possessive, or the generic words of
  ``actors_org_generic.tsv``, so "the Greens" and "the Green Party" meet);
* an acronym ("CFA") joins the organisation it was defined beside in some
  article ("Coastal Farmers Alliance (CFA)"), else the one organisation of its
  article, else of the corpus, whose initials it is;
* a person named by one word joins the one full name of its article that ends
  (or begins) with it; failing one in the article, a surname joins the one full
  name of the whole corpus with that surname. People introduced by a single
  given name with a description of their own ("Tom, a bus driver") and
  ambiguous surnames (two Penhallows) stay actors of their own article;
* an entity the article only describes ("a council spokesman", "her brother")
  never joins anything outside its article.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from quotegraph.actors.acronyms import (
    PARENTHESISED,
    acronym_of,
    acronyms_beside,
    initials,
    is_acronym,
)
from quotegraph.actors.aliases import AliasBook, AliasEntry
from quotegraph.actors.lexicon import actor_lexicon, org_words
from quotegraph.records import ActorType

__all__ = [
    "ActorAssignment",
    "EntityObservation",
    "actor_id_of",
    "normalise_name",
    "resolve_actors",
]

# How sure each rule is that the entity belongs to its actor.
ALIAS_CONFIDENCE = 1.0
FULL_NAME_CONFIDENCE = 0.9
ACRONYM_DEFINED_CONFIDENCE = 0.85
SURNAME_CONFIDENCE = 0.8
ACRONYM_ARTICLE_CONFIDENCE = 0.75
FIRST_NAME_CONFIDENCE = 0.7
CORPUS_SURNAME_CONFIDENCE = 0.65
ACRONYM_CORPUS_CONFIDENCE = 0.6
SINGLE_NAME_CONFIDENCE = 0.5
DESCRIBED_CONFIDENCE = 0.4

ActorKey = tuple[str, ...]
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityObservation:
    """One document entity, as the corpus step sees it.

    ``forms`` are the texts of its name mentions; ``named`` says whether it has
    any (an entity only described or pointed to has none).
    """

    article_id: str
    entity_id: int
    name: str
    type: ActorType
    roles: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    named: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorAssignment:
    """The corpus actor an entity belongs to, with why and how sure.

    ``actor_id`` is stable: the same names give the same id on every rebuild,
    so corrections and links made against an actor survive a rerun.
    """

    article_id: str
    entity_id: int
    actor_id: str
    actor_name: str
    actor_type: ActorType
    reason: str
    confidence: float
    external_id: str | None = None


@functools.lru_cache(maxsize=200_000)
def normalise_name(name: str, actor_type: ActorType) -> str:
    """The comparable form of a name: casefolded, single-spaced, people without titles."""
    if actor_type == "organisation":
        return _org_key(name)
    return " ".join(word.casefold() for word in _display_words(name, actor_type))


def actor_id_of(key: ActorKey) -> str:
    """A stable id for an actor key, short enough to type."""
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:16]


def resolve_actors(
    observations: Iterable[EntityObservation], aliases: AliasBook | None = None
) -> list[ActorAssignment]:
    """Group document entities into corpus actors, one assignment per entity, in input order."""
    entities = list(observations)
    index = _CorpusIndex(entities)
    forced = _AliasIndex(aliases or AliasBook())
    decided: list[tuple[ActorKey, str, float]] = []
    for entity in entities:
        choice = forced.actor_of(entity)
        if choice is None:
            choice = index.actor_of(entity)
            choice = forced.veto(entity, choice)
        decided.append(choice)
    display = index.display_names(entities, decided)
    assignments = []
    for entity, (key, reason, confidence) in zip(entities, decided, strict=True):
        entry = forced.entry_of(key)
        actor_type: ActorType = entity.type
        if entry is not None and entry.type is not None:
            actor_type = entry.type
        assignments.append(
            ActorAssignment(
                article_id=entity.article_id,
                entity_id=entity.entity_id,
                actor_id=actor_id_of(key),
                actor_name=entry.name if entry else display.get(key) or _written_name(entity),
                actor_type=actor_type,
                reason=reason,
                confidence=confidence,
                external_id=entry.external_id if entry else None,
            )
        )
    return assignments


class _CorpusIndex:
    """What the automatic rules need to know about the whole corpus, built once."""

    def __init__(self, entities: list[EntityObservation]) -> None:
        self.full_names: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.surnames: dict[str, set[str]] = defaultdict(set)
        self.acronym_defined: dict[str, set[str]] = defaultdict(set)
        self.initials: dict[str, set[str]] = defaultdict(set)
        self.article_initials: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entity in entities:
            key = normalise_name(entity.name, entity.type)
            if not entity.named or _is_common_noun(key, entity.type):
                continue
            if entity.type == "organisation":
                if is_acronym(entity.name):
                    continue
                self.full_names[(entity.article_id, entity.type)].add(key)
                letters = initials(entity.name)
                if len(letters) >= 2:
                    self.initials[letters].add(key)
                    self.article_initials[(entity.article_id, letters)].add(key)
                for acronym in acronyms_beside(entity.name, entity.forms):
                    self.acronym_defined[acronym].add(key)
            elif _is_full_name(key, entity.type):
                self.full_names[(entity.article_id, entity.type)].add(key)
                if entity.type == "person":
                    self.surnames[key.split()[-1]].add(key)

    def actor_of(self, entity: EntityObservation) -> tuple[ActorKey, str, float]:
        """The key of an entity's actor, why, and how sure."""
        key = normalise_name(entity.name, entity.type)
        local = (entity.type, key, entity.article_id)
        if not entity.named or _is_common_noun(key, entity.type):
            return (
                (entity.type, "described", entity.article_id, str(entity.entity_id)),
                "described only, kept to its article",
                DESCRIBED_CONFIDENCE,
            )
        if entity.type == "organisation" and is_acronym(entity.name):
            return self._acronym(entity, key)
        if _is_full_name(key, entity.type):
            return (entity.type, key), "same full name", FULL_NAME_CONFIDENCE
        if entity.type != "person":
            return local, "single name of an actor of unknown type", SINGLE_NAME_CONFIDENCE
        given = key in actor_lexicon().given_names
        in_article = sorted(
            name
            for name in self.full_names.get((entity.article_id, entity.type), ())
            if key == name.split()[-1] or (key == name.split()[0] and not entity.roles)
        )
        if len(in_article) == 1:
            name = in_article[0]
            if name.split()[-1] == key:
                reason, confidence = (
                    "surname of the one full name in the article with it",
                    (SURNAME_CONFIDENCE),
                )
            else:
                reason, confidence = (
                    "first name of the one full name in the article with it",
                    (FIRST_NAME_CONFIDENCE),
                )
            return (entity.type, name), reason, confidence
        if in_article:
            return (
                local,
                f"single name shared by {len(in_article)} full names in the article",
                SINGLE_NAME_CONFIDENCE,
            )
        corpus = self.surnames.get(key, set())
        if given and entity.roles:
            return (
                local,
                "known by one given name, with a description of its own",
                (SINGLE_NAME_CONFIDENCE),
            )
        if len(corpus) == 1:
            (name,) = corpus
            return (
                (entity.type, name),
                "surname of the only full name in the corpus with it",
                CORPUS_SURNAME_CONFIDENCE,
            )
        reason = (
            f"surname shared by {len(corpus)} full names in the corpus"
            if corpus
            else "single name with no matching full name in the article"
        )
        return local, reason, SINGLE_NAME_CONFIDENCE

    def _acronym(self, entity: EntityObservation, key: str) -> tuple[ActorKey, str, float]:
        acronym = acronym_of(entity.name)
        for found, reason, confidence in (
            (
                self.acronym_defined.get(acronym, set()),
                "acronym defined beside its full name",
                (ACRONYM_DEFINED_CONFIDENCE),
            ),
            (
                self.article_initials.get((entity.article_id, acronym), set()),
                "acronym of the one organisation in the article with those initials",
                ACRONYM_ARTICLE_CONFIDENCE,
            ),
            (
                self.initials.get(acronym, set()),
                "acronym of the one organisation in the corpus with those initials",
                ACRONYM_CORPUS_CONFIDENCE,
            ),
        ):
            if len(found) == 1:
                (name,) = found
                return (entity.type, name), reason, confidence
        return (entity.type, key), "same full name", FULL_NAME_CONFIDENCE

    def display_names(
        self, entities: list[EntityObservation], decided: list[tuple[ActorKey, str, float]]
    ) -> dict[ActorKey, str]:
        """The canonical name of each actor: its most frequent full written form.

        Ties go to the longer form, then to the alphabetically first, so a
        rebuild never flips between spellings. Acronyms and single names name
        an actor only when nothing fuller does.
        """
        forms: dict[ActorKey, Counter[str]] = defaultdict(Counter)
        fallback: dict[ActorKey, Counter[str]] = defaultdict(Counter)
        for entity, (key, _, _) in zip(entities, decided, strict=True):
            written = _written_name(entity)
            own = normalise_name(entity.name, entity.type)
            if len(key) == 2 and own == key[1] and entity.named:
                forms[key][written] += 1
            else:
                fallback[key][written] += 1
        names = {}
        for key in {*forms, *fallback}:
            counts = forms.get(key) or fallback[key]
            names[key] = min(counts, key=lambda form: (-counts[form], -len(form), form))
        return names


class _AliasIndex:
    """The alias file as look-ups by normalised name."""

    def __init__(self, book: AliasBook) -> None:
        self.forced: dict[str, AliasEntry] = {}
        self.kept_out: dict[str, list[AliasEntry]] = defaultdict(list)
        self.by_key: dict[ActorKey, AliasEntry] = {}
        for entry in book.entries:
            for name in entry.names:
                for kind in _types_of(entry):
                    self.forced.setdefault(normalise_name(name, kind), entry)
            for name in entry.not_aliases:
                for kind in _types_of(entry):
                    self.kept_out[normalise_name(name, kind)].append(entry)
            self.by_key[self.key(entry)] = entry
        # An entry's automatic key (its canonical name) is also its actor.
        self.auto: dict[ActorKey, AliasEntry] = {}
        for entry in book.entries:
            for kind in _types_of(entry):
                self.auto[(kind, normalise_name(entry.name, kind))] = entry

    @staticmethod
    def key(entry: AliasEntry) -> ActorKey:
        return ("alias", entry.type or "", normalise_name(entry.name, entry.type or "person"))

    def actor_of(self, entity: EntityObservation) -> tuple[ActorKey, str, float] | None:
        entry = self.forced.get(normalise_name(entity.name, entity.type))
        if entry is None or (entry.type is not None and entry.type != entity.type):
            return None
        return self.key(entry), "listed in the alias file", ALIAS_CONFIDENCE

    def veto(
        self, entity: EntityObservation, choice: tuple[ActorKey, str, float]
    ) -> tuple[ActorKey, str, float]:
        """The automatic choice, unless the alias file keeps this name out of that actor."""
        key = choice[0]
        entry = self.auto.get(key)
        if entry is not None:
            own = normalise_name(entity.name, entity.type)
            if any(out is entry for out in self.kept_out.get(own, ())):
                return (
                    (entity.type, own, entity.article_id),
                    f"kept apart from {entry.name} by the alias file",
                    ALIAS_CONFIDENCE,
                )
            return self.key(entry), choice[1] + ", named by the alias file", choice[2]
        return choice

    def entry_of(self, key: ActorKey) -> AliasEntry | None:
        return self.by_key.get(key)


def _types_of(entry: AliasEntry) -> tuple[ActorType, ...]:
    return (entry.type,) if entry.type else ("person", "organisation")


def _is_full_name(key: str, actor_type: ActorType) -> bool:
    """Whether a normalised name can stand for an actor on its own across articles."""
    return actor_type != "person" or len(key.split()) >= 2


def _is_common_noun(key: str, actor_type: ActorType) -> bool:
    """An organisation 'named' by a common noun only ("Council", "the union") is described."""
    descriptors = actor_lexicon().descriptors
    return actor_type == "organisation" and descriptors.get(key) == "n"


def _org_key(name: str) -> str:
    """An organisation's comparable name: no leading 'the', possessive, generic words or plural."""
    text = PARENTHESISED.sub(" ", name.translate(_APOSTROPHES)).casefold()
    text = re.sub(r"'s\b|'(?=\s|$)", "", text)
    words = re.findall(r"[\w&-]+", text)
    if words and words[0] == "the":
        words = words[1:]
    generic = org_words().generic
    kept = [word for word in words if word not in generic] or words
    plural = len(kept[-1]) > 3 and kept[-1].endswith("s") and not kept[-1].endswith("ss")
    if kept and plural and (len(kept) < len(words) or len(kept) == 1):
        kept = [*kept[:-1], kept[-1][:-1]]
    return " ".join(kept)


def _written_name(entity: EntityObservation) -> str:
    """The name as the article writes it, single-spaced, without leading titles."""
    words = _display_words(entity.name, entity.type)
    if entity.type == "organisation" and len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=200_000)
def _display_words(name: str, actor_type: ActorType) -> tuple[str, ...]:
    """The words of a name as written, without leading titles for people."""
    words = tuple(name.translate(_APOSTROPHES).split())
    if actor_type != "person":
        return words
    lexicon = actor_lexicon()
    start = 0
    if (
        len(words) > 2
        and words[1].islower()
        and lexicon.descriptors.get(words[1]) in ("m", "f", "x")
    ):
        start = 2  # a role written as a title: "Council leader Ann Roe"
    while start < len(words) - 1 and words[start].casefold() in lexicon.titles:
        start += 1
    return words[start:]
