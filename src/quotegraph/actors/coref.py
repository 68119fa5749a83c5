"""Linking the mentions of one document into entities (in-document coreference).

Names are grouped by surname (persons) or by their words (organisations);
a pronoun goes to an entity that agrees in gender and number, preferring the
subject of the sentence before (the person the text is following) to a more
recent name in an object or a prepositional phrase, and, outside quotation
marks, ignoring the people a quote talks about; descriptors go to the name
they stand in apposition to, to the organisation a spokesperson speaks for,
or to an earlier entity that carried the same role.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from quotegraph.actors.lexicon import Gender, actor_lexicon
from quotegraph.actors.mentions import FoundMention
from quotegraph.quotes.marks import find_quoted
from quotegraph.records import ActorType, Entity, Mention

# How many recently mentioned entities a pronoun may reach back to.
PRONOUN_REACH = 8
ROLE_EDGE_PUNCT = ",;:-—–"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class _Draft:
    """An entity while the document is being read."""

    id: int
    name: str
    words: int
    type: ActorType
    gender: Gender
    plural: bool = False
    first: str = ""
    relational: bool = False
    roles: list[str] = field(default_factory=list)
    role_nouns: set[str] = field(default_factory=set)
    affiliations: list[str] = field(default_factory=list)

    def add_role(self, role: str, noun: str) -> None:
        if role and role not in self.roles:
            self.roles.append(role)
        if noun:
            self.role_nouns.add(noun)

    def entity(self) -> Entity:
        return Entity(
            id=self.id,
            name=self.name,
            type=self.type,
            roles=tuple(self.roles),
            affiliations=tuple(self.affiliations),
        )


def _name_words(doc: Doc, mention: FoundMention) -> list[str]:
    """The words of a name without titles and punctuation, lower-cased.

    Words are split at spaces, so a hyphenated surname ("Okonjo-Vale") stays one word.
    """
    titles = actor_lexicon().titles
    words = [
        word.strip(".,;:'’\"()").lower() for word in doc[mention.start : mention.end].text.split()
    ]
    words = [word for word in words if word and word not in titles and word[0].isalpha()]
    return words or [doc[mention.end - 1].lower_]


def _split_on(role: str, names: list[str]) -> list[str]:
    """The pieces of a role around any of the names, trimmed of punctuation and possessives."""
    pieces = [role]
    for name in names:
        pieces = [piece for chunk in pieces for piece in chunk.split(name)]
    possessives = actor_lexicon().possessives
    kept = []
    for piece in pieces:
        words = piece.strip(" " + ROLE_EDGE_PUNCT + ".").split()
        while words and words[0].lower() in possessives:
            words = words[1:]
        if words and words[-1] in ("'s", "’s"):
            words = words[:-1]
        if words:
            kept.append(" ".join(words))
    return kept


def _words_of(name: str) -> set[str]:
    """The lower-case words of a name, plural nouns also in the singular."""
    words = {word.strip(".,;:'’\"()").lower() for word in name.split()}
    return words | {word[:-1] for word in words if word.endswith("s")}


def _org_key(doc: Doc, mention: FoundMention) -> str:
    words = [t.lower_ for t in doc[mention.start : mention.end] if not t.is_punct]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def role_text(doc: Doc, head: Token, leave_out: Token | None = None) -> str:
    """The words of a noun phrase used as a role, without one child and edge punctuation."""
    skip = set() if leave_out is None else {t.i for t in leave_out.subtree}
    words = [t for t in head.subtree if t.i not in skip]
    while words and (words[0].is_punct or words[0].text in ROLE_EDGE_PUNCT):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].text in ROLE_EDGE_PUNCT):
        words.pop()
    if not words:
        return ""
    return doc[words[0].i : words[-1].i + 1].text


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """The tokens between quotation marks: words said by someone, not the narrator's."""
    inside: set[int] = set()
    starts = [token.idx for token in doc]
    for quoted in find_quoted(doc.text):
        lo = bisect.bisect_left(starts, quoted.start)
        hi = bisect.bisect_left(starts, quoted.end)
        inside.update(range(lo, hi))
    return frozenset(inside)


def is_subject(token: Token) -> bool:
    """A clause's subject, or a name in apposition to one ("Its founder, Ana Lidell, said")."""
    if token.dep_ in SUBJECT_DEPS:
        return True
    return token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS


def copular_partners(head: Token) -> list[Token]:
    """What a noun is said to be, or is said to be it: "the man behind it is X, a councillor"."""
    verb = head.head
    if head.dep_ not in ("nsubj", "attr") or verb.lemma_ != "be":
        return []
    other_dep = "attr" if head.dep_ == "nsubj" else "nsubj"
    partners = [child for child in verb.children if child.dep_ == other_dep]
    for partner in list(partners):
        partners.extend(child for child in partner.children if child.dep_ == "appos")
    return partners


class _Linker:
    """Reads the mentions in text order and assigns each an entity."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.drafts: list[_Draft] = []
        self.by_surname: dict[str, int] = {}
        self.by_org: dict[str, int] = {}
        self.recent: list[int] = []
        self.narrative: list[int] = []
        self.subjects: list[tuple[int, int]] = []
        self.quoted = quoted_tokens(doc)
        self.token_entity: dict[int, int] = {}
        self.linked: list[tuple[FoundMention, int]] = []

    def new(self, mention: FoundMention, words: int) -> _Draft:
        draft = _Draft(
            id=len(self.drafts),
            name=self.text(mention),
            words=words,
            type=mention.type,
            gender=mention.gender,
            plural=mention.plural,
        )
        self.drafts.append(draft)
        return draft

    def text(self, mention: FoundMention) -> str:
        span = self.doc[mention.start : mention.end]
        return span.text

    def record(self, mention: FoundMention, entity_id: int) -> None:
        self.linked.append((mention, entity_id))
        for i in range(mention.start, mention.end):
            self.token_entity[i] = entity_id
        lists = [self.recent]
        if mention.start not in self.quoted:
            lists.append(self.narrative)
            head = mention.head(self.doc)
            if is_subject(head):
                self.subjects.append((head.sent.start, entity_id))
        for recent in lists:
            if entity_id in recent:
                recent.remove(entity_id)
            recent.append(entity_id)
            del recent[: -4 * PRONOUN_REACH]

    def salient(self, mention: FoundMention) -> set[int]:
        """The entities the text is following at a pronoun outside quotes.

        They are the subjects met so far in the pronoun's sentence and the
        subjects of the last earlier sentence that had one.
        """
        here = self.doc[mention.start].sent.start
        earlier = [start for start, _ in self.subjects if start < here]
        keep = {here, earlier[-1]} if earlier else {here}
        return {entity_id for start, entity_id in self.subjects if start in keep}

    def person(self, mention: FoundMention) -> int:
        words = _name_words(self.doc, mention)
        surname, first = words[-1], words[0] if len(words) > 1 else ""
        known = self.by_surname.get(surname)
        if known is not None:
            draft = self.drafts[known]
            if not (first and draft.first and first != draft.first):
                if len(words) > draft.words:
                    draft.name, draft.words, draft.first = self.text(mention), len(words), first
                if draft.gender == "x":
                    draft.gender = mention.gender
                return known
        draft = self.new(mention, len(words))
        draft.first = first
        self.by_surname[surname] = draft.id
        return draft.id

    def organisation(self, mention: FoundMention) -> int:
        key = _org_key(self.doc, mention)
        known = self.by_org.get(key)
        if known is not None:
            return known
        draft = self.new(mention, len(key.split()))
        self.by_org[key] = draft.id
        return draft.id

    def pronoun(self, mention: FoundMention) -> int | None:
        """The most recent entity that agrees with the pronoun.

        Someone described only by a relation to another ("his son", "her
        brother") is taken last: the pronoun after "a farmer, with his son"
        is the farmer.
        """
        in_quote = mention.start in self.quoted
        recent = self.recent if in_quote else self.narrative
        reach = list(reversed(recent[-PRONOUN_REACH:]))
        salient = set() if in_quote else self.salient(mention)
        for relational in (False, True):
            found = self._agreeing(
                mention, [i for i in reach if self.drafts[i].relational == relational], salient
            )
            if found is not None:
                return found
        return None

    def _agreeing(
        self, mention: FoundMention, candidates: list[int], salient: set[int]
    ) -> int | None:
        """The agreeing candidate a pronoun stands for, most recent first.

        For "he" and "she": a salient person of the pronoun's gender first;
        then the most recent person who is of that gender or salient; then
        the most recent whose gender is not known yet. The one chosen takes
        the pronoun's gender.
        """
        if mention.type == "person" and not mention.plural:
            persons = [
                entity_id
                for entity_id in candidates
                if self.drafts[entity_id].type == "person"
                and not self.drafts[entity_id].plural
                and self.drafts[entity_id].gender in (mention.gender, "x")
            ]
            agreeing = [i for i in persons if self.drafts[i].gender == mention.gender]
            chosen = next(
                (i for i in agreeing if i in salient),
                next((i for i in persons if i in salient or i in agreeing), None),
            )
            if chosen is None and persons:
                chosen = persons[0]
            if chosen is not None:
                self.drafts[chosen].gender = mention.gender
            return chosen
        fallback = None
        for entity_id in candidates:
            draft = self.drafts[entity_id]
            if mention.plural:
                if draft.plural or draft.type == "organisation":
                    return entity_id
                continue
            if mention.gender == "n":
                if draft.type == "organisation" and not draft.plural:
                    return entity_id
                continue
            if draft.type != "person" or draft.plural:
                continue
            if draft.gender == mention.gender:
                return entity_id
            if draft.gender == "x" and fallback is None:
                fallback = entity_id
        if fallback is not None:
            self.drafts[fallback].gender = mention.gender
        return fallback

    def descriptor(self, mention: FoundMention) -> int:
        lexicon = actor_lexicon()
        head = mention.head(self.doc)
        noun = head.lemma_.lower()
        named = [c for c in head.children if c.dep_ == "appos" and c.i in self.token_entity]
        if head.dep_ == "appos" and head.head.i in self.token_entity:
            named.append(head.head)
        named.extend(t for t in copular_partners(head) if t.i in self.token_entity)
        for name in named:
            entity_id = self.token_entity[name.i]
            draft = self.drafts[entity_id]
            if (
                draft.type == mention.type
                or (draft.type == "person" and mention.type != "organisation")
                or (draft.type == "organisation" and mention.plural)
            ):
                draft.add_role(role_text(self.doc, head, name if name.head == head else None), noun)
                return entity_id
        if mention.type == "organisation":
            named_org = self.organisation_named(noun, mention)
            if named_org is not None:
                return named_org
        if noun in lexicon.proxies:
            for child in head.children:
                if child.dep_ == "compound" and child.i < head.i:
                    speaks_for = self.organisation_named(child.lower_, None, definite=True)
                    if speaks_for is not None:
                        self.drafts[speaks_for].add_role(role_text(self.doc, head), noun)
                        return speaks_for
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                    for obj in child.children:
                        if obj.dep_ == "pobj" and obj.i in self.token_entity:
                            draft = self.drafts[self.token_entity[obj.i]]
                            if draft.type == "organisation":
                                draft.add_role(role_text(self.doc, head), noun)
                                return draft.id
        if head.i > 0 and self.doc[mention.start].lower_ == "the" and not mention.plural:
            for entity_id in reversed(self.recent):
                if noun in self.drafts[entity_id].role_nouns:
                    return entity_id
        draft = self.new(mention, 0)
        draft.relational = any(child.dep_ == "poss" for child in head.children)
        draft.add_role(role_text(self.doc, head), noun)
        return draft.id

    def organisation_named(
        self, noun: str, mention: FoundMention | None, *, definite: bool = False
    ) -> int | None:
        """The most recent organisation whose name has ``noun`` ("the union"), for definite phrases.

        "The council" after "Carrowmere County Council" is that council; "a
        council" is not linked.
        """
        if mention is not None:
            definite = self.doc[mention.start].lower_ in ("the", "this", "that")
            if mention.plural:
                return None
        if not definite:
            return None
        for entity_id in reversed(self.recent):
            draft = self.drafts[entity_id]
            if draft.type == "organisation" and draft.words and noun in _words_of(draft.name):
                return entity_id
        for draft in reversed(self.drafts):
            if draft.type == "organisation" and draft.words and noun in _words_of(draft.name):
                return draft.id
        return None

    def name_roles(self, mention: FoundMention, entity_id: int) -> None:
        """Keep the roles a name's appositions and preceding nouns give."""
        draft = self.drafts[entity_id]
        head = mention.head(self.doc)
        descriptors = actor_lexicon().descriptors
        for child in head.children:
            if child.dep_ == "appos" and child.i not in self.token_entity:
                draft.add_role(role_text(self.doc, child), child.lemma_.lower())
            elif child.dep_ == "relcl" and child.i > mention.end:
                draft.add_role(role_text(self.doc, child), "")
        before = [
            t
            for t in head.lefts
            if t.i < mention.start and t.dep_ == "compound" and t.lower_ in descriptors
        ]
        for token in before:
            draft.add_role(role_text(self.doc, token), token.lemma_.lower())

    def link(self, mentions: list[FoundMention]) -> None:
        names = {}
        for mention in mentions:
            if mention.kind == "name":
                if mention.type == "person":
                    names[mention.start] = self.person(mention)
                else:
                    names[mention.start] = self.organisation(mention)
                for i in range(mention.start, mention.end):
                    self.token_entity[i] = names[mention.start]
        for mention in mentions:
            entity_id: int | None
            if mention.kind == "name":
                entity_id = names[mention.start]
                self.record(mention, entity_id)
                self.name_roles(mention, entity_id)
            elif mention.kind == "pronoun":
                entity_id = self.pronoun(mention)
                if entity_id is not None:
                    self.record(mention, entity_id)
            else:
                self.record(mention, self.descriptor(mention))

    def clean_roles(self) -> None:
        """Keep roles to their describing words: never the actor's own name within them.

        "His sister, Ruth Penhallow, who chairs the Alliance" gives Ruth the
        roles "sister" and "who chairs the Alliance".
        """
        names: dict[int, set[str]] = {}
        for mention, entity_id in self.linked:
            if mention.kind == "name":
                names.setdefault(entity_id, set()).add(self.text(mention))
        for draft in self.drafts:
            own = {draft.name} if draft.words else set()
            forms = sorted(names.get(draft.id, set()) | own, key=len, reverse=True)
            cleaned: list[str] = []
            for role in draft.roles:
                for part in _split_on(role, forms):
                    if part and part not in cleaned:
                        cleaned.append(part)
            draft.roles = cleaned

    def affiliations(self) -> None:
        """Tie each entity to the organisations its roles name."""
        orgs = {
            d.name.lower().removeprefix("the "): d.name
            for d in self.drafts
            if d.type == "organisation"
        }
        for draft in self.drafts:
            for role in draft.roles:
                lowered = role.lower()
                for key, name in orgs.items():
                    if (
                        key
                        and key in lowered
                        and name not in draft.affiliations
                        and name != draft.name
                    ):
                        draft.affiliations.append(name)


def link_mentions(
    doc: Doc, found: list[FoundMention]
) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    """Entities and linked mentions from the candidate mentions of a document."""
    linker = _Linker(doc)
    linker.link(found)
    linker.clean_roles()
    linker.affiliations()
    used = sorted({entity_id for _, entity_id in linker.linked})
    renumber = {old: new for new, old in enumerate(used)}
    for old in used:
        linker.drafts[old].id = renumber[old]
    entities = tuple(linker.drafts[old].entity() for old in used)
    mentions = []
    for mention, entity_id in linker.linked:
        span = doc[mention.start : mention.end]
        mentions.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                kind=mention.kind,
                entity=renumber[entity_id],
            )
        )
    return entities, tuple(mentions)
