"""Linking the mentions of one document into entities (in-document coreference).

Names are grouped by surname (persons) or by their words (organisations), and
an acronym joins the name the document defines it beside ("the Coastal Farmers
Alliance (CFA)"); a pronoun goes to an entity that agrees in gender and
number, preferring the subject of the sentence before (the person the text is
following) to a more recent name in an object or a prepositional phrase, and,
outside quotation marks, ignoring the people a quote talks about; "we" and
"our" go to the organisation whose words hold them, or for which their speaker
speaks; descriptors go to the name they stand in apposition to, to the
organisation a spokesperson speaks for, or to an earlier entity that carried
the same role.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from quotegraph.actors.acronyms import acronym_of, defined_beside, is_acronym
from quotegraph.actors.lexicon import Gender, actor_lexicon
from quotegraph.actors.mentions import FoundMention
from quotegraph.quotes.candidates import Candidate
from quotegraph.quotes.direct import find_direct
from quotegraph.quotes.frames import is_cue
from quotegraph.quotes.marks import find_quoted
from quotegraph.quotes.sources import stand_ins, subject_of
from quotegraph.records import ActorType, Entity, Mention

# How many recently mentioned entities a pronoun may reach back to.
PRONOUN_REACH = 8
ROLE_EDGE_PUNCT = ",;:-—–"
# Words that end no role: what is left before a name taken out of it.
DANGLING_WORDS = frozenset(
    {"a", "an", "the", "of", "for", "at", "from", "with", "to", "in", "on", "by", "and", "or"}
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# How words written before their reporting verb hang on it: "We will stay, the trust said".
SPOKEN_CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})


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
    speaks_for: int | None = None
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
    """The pieces of a role around any of the names, trimmed of punctuation, possessives
    and the words a name left dangling ("A spokesman for the" [Harbour Trust]); an age
    ("Lutterell, 74,") is no role."""
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
        while words and words[-1].lower() in DANGLING_WORDS:
            words = words[:-1]
        if any(char.isalpha() for word in words for char in word):
            kept.append(" ".join(words))
    return kept


def _words_of(name: str) -> set[str]:
    """The lower-case words of a name, plural nouns also in the singular."""
    words = {word.strip(".,;:'’\"()").lower() for word in name.split()}
    return words | {word[:-1] for word in words if word.endswith("s")}


def _org_key(doc: Doc, mention: FoundMention) -> str:
    """An organisation's name, lower-case, without "the", punctuation or an acronym in brackets."""
    span = doc[mention.start : mention.end]
    words = [t.lower_ for t in span if not t.is_punct and not _bracketed_acronym(t, span)]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _bracketed_acronym(token: Token, span: Span) -> bool:
    """An acronym in brackets inside a name: the "(CFA)" of "Coastal Farmers Alliance (CFA)"."""
    return (
        span.start < token.i < span.end - 1
        and token.nbor(-1).text == "("
        and token.nbor().text == ")"
        and is_acronym(token.text)
    )


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
        self.by_surname: dict[str, list[int]] = {}
        self.by_org: dict[str, int] = {}
        self.recent: list[int] = []
        self.narrative: list[int] = []
        self.subjects: list[tuple[int, int]] = []
        self.quoted = quoted_tokens(doc)
        self.token_entity: dict[int, int] = {}
        self.linked: list[tuple[FoundMention, int]] = []
        self.acronyms: dict[str, str] = {}
        self.found_direct: list[Candidate] | None = None

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
        """The person a name names: one met before with its surname and no other given
        name (a bare surname, the one of them mentioned last), or a new one."""
        words = _name_words(self.doc, mention)
        surname, first = words[-1], words[0] if len(words) > 1 else ""
        family = self.by_surname.setdefault(surname, [])
        fitting = [
            i
            for i in family
            if not (first and self.drafts[i].first and first != self.drafts[i].first)
        ]
        if fitting:
            known = max(fitting, key=self._last_mentioned)
            draft = self.drafts[known]
            if len(words) > draft.words:
                draft.name, draft.words, draft.first = self.text(mention), len(words), first
            if draft.gender == "x":
                draft.gender = mention.gender
            return known
        draft = self.new(mention, len(words))
        draft.first = first
        family.append(draft.id)
        return draft.id

    def _last_mentioned(self, entity_id: int) -> tuple[int, int]:
        """Order of recency: entities in ``recent`` by place, then by when they were made."""
        place = self.recent.index(entity_id) if entity_id in self.recent else -1
        return place, entity_id

    def organisation(self, mention: FoundMention) -> int:
        """The entity of an organisation's name; an acronym the document defines is its name's.

        An acronym written before its definition (a headline's "CFA") names
        the entity until the full name comes.
        """
        key = _org_key(self.doc, mention)
        text = self.text(mention)
        abbreviated = is_acronym(text)
        if abbreviated:
            key = self.acronyms.get(acronym_of(text), key)
        known = self.by_org.get(key)
        if known is not None:
            draft = self.drafts[known]
            if not abbreviated and is_acronym(draft.name):
                draft.name, draft.words = text, len(key.split())
            return known
        draft = self.new(mention, len(key.split()))
        self.by_org[key] = draft.id
        return draft.id

    def define_acronyms(self, mentions: list[FoundMention]) -> None:
        """Read the acronyms the document defines beside a name, before linking any mention.

        The first definition of an acronym holds for the whole document.
        """
        text = self.doc.text
        for mention in mentions:
            if mention.kind != "name" or mention.type != "organisation":
                continue
            span = self.doc[mention.start : mention.end]
            if is_acronym(span.text):
                continue
            for acronym in defined_beside(text, span.start_char, span.end_char):
                self.acronyms.setdefault(acronym, _org_key(self.doc, mention))

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
                if draft.type == "person" and noun in lexicon.proxies:
                    draft.speaks_for = self.spoken_for(head, draft.speaks_for)
                return entity_id
        if mention.type == "organisation":
            named_org = self.organisation_named(noun, mention)
            if named_org is not None:
                return named_org
        if noun in lexicon.proxies:
            speaks_for = self.spoken_for(head)
            if speaks_for is not None:
                self.drafts[speaks_for].add_role(role_text(self.doc, head), noun)
                return speaks_for
        if noun in lexicon.kin:
            relative = self.relative_of(head)
            if relative is not None:
                self.drafts[relative].add_role(noun, noun)
                return relative
        if head.i > 0 and self.doc[mention.start].lower_ == "the" and not mention.plural:
            for entity_id in reversed(self.recent):
                if noun in self.drafts[entity_id].role_nouns:
                    return entity_id
        draft = self.new(mention, 0)
        draft.relational = any(child.dep_ == "poss" for child in head.children)
        draft.add_role(role_text(self.doc, head), noun)
        return draft.id

    def relative_of(self, head: Token) -> int | None:
        """The relative "her brother" names: the one other person of the article with the
        family name of the person "her" stands for, of the noun's gender (Ruth Penhallow's
        brother, Owen Penhallow); None when there is not exactly one.
        """
        owner = next((child for child in head.children if child.dep_ == "poss"), None)
        if owner is None:
            return None
        lexicon = actor_lexicon()
        gender = lexicon.descriptors.get(head.lemma_.lower(), "x")
        possessor = self.token_entity.get(owner.i)
        pronoun = lexicon.pronouns.get(owner.lower_)
        if possessor is None and pronoun is not None and not pronoun.plural:
            possessor = next(
                (
                    entity_id
                    for entity_id in reversed(self.recent)
                    if self.drafts[entity_id].type == "person"
                    and self.drafts[entity_id].gender == pronoun.gender
                ),
                None,
            )
        family = next((ids for ids in self.by_surname.values() if possessor in ids), [])
        kin = [i for i in family if i != possessor and self.drafts[i].gender in (gender, "x")]
        return kin[0] if len(kin) == 1 else None

    def spoken_for(self, head: Token, default: int | None = None) -> int | None:
        """The organisation a spokesperson speaks for: "a council spokesman", "a spokeswoman for
        the Harbour Trust", "Harbour Trust spokeswoman Ana Lidell"; else ``default``.
        """
        for child in head.children:
            if child.dep_ == "compound" and child.i < head.i:
                speaks_for = self.organisation_named(child.lower_, None, definite=True)
                if speaks_for is not None:
                    return speaks_for
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i in self.token_entity:
                        entity_id = self.token_entity[obj.i]
                        if self.drafts[entity_id].type == "organisation":
                            return entity_id
        return default

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
        lexicon = actor_lexicon()
        for child in head.children:
            if child.dep_ == "appos" and child.i not in self.token_entity:
                draft.add_role(role_text(self.doc, child), child.lemma_.lower())
            elif child.dep_ == "relcl" and child.i > mention.end:
                draft.add_role(role_text(self.doc, child), "")
                if child.lemma_ == "speak" and draft.type == "person":
                    draft.speaks_for = self.spoken_for(child, draft.speaks_for)
        before = [
            t
            for t in head.lefts
            if t.i < mention.start and t.dep_ == "compound" and t.lower_ in lexicon.descriptors
        ]
        for token in before:
            draft.add_role(role_text(self.doc, token), token.lemma_.lower())
            if token.lemma_.lower() in lexicon.proxies and draft.type == "person":
                draft.speaks_for = self.spoken_for(token, draft.speaks_for)

    def group_pronoun(self, mention: FoundMention) -> int | None:
        """The organisation "we" or "our" stands for: the speaker of the words holding it,
        when that speaker is an organisation or speaks for one; None for anyone else.
        """
        speaker = self.speaker_at(mention.start)
        if speaker is None:
            return None
        draft = self.drafts[speaker]
        return speaker if draft.type == "organisation" else draft.speaks_for

    def speaker_at(self, i: int) -> int | None:
        """The entity that speaks the words holding token ``i``, or None.

        Inside quotation marks it is the speaker of the quote; outside, the
        subject of a reporting verb written after the words ("We will not sell
        the quay, the trust said"). Words reported after their verb ("the trust
        said that we ...") are the writer's, so their "we" is not the speaker's.
        """
        token: Token | None
        if i in self.quoted:
            offset = self.doc[i].idx
            token = next(
                (
                    self.doc[quote.speaker_token]
                    for quote in self.direct_quotes()
                    if quote.speaker_token is not None
                    and any(start <= offset < end for start, end in quote.content)
                ),
                None,
            )
        else:
            token = self.reporter_after(self.doc[i])
        if token is None:
            return None
        for candidate in [token, *stand_ins(token)]:
            if candidate.i in self.token_entity:
                return self.token_entity[candidate.i]
        return None

    def direct_quotes(self) -> list[Candidate]:
        """The document's direct quotes with their speakers, found on first use."""
        if self.found_direct is None:
            self.found_direct = find_direct(self.doc)
        return self.found_direct

    @staticmethod
    def reporter_after(token: Token) -> Token | None:
        """The subject of the reporting verb that the clause holding ``token`` comes before."""
        while token.head.i != token.i:
            clause, token = token, token.head
            if is_cue(token):
                if clause.dep_ not in SPOKEN_CLAUSE_DEPS or clause.i > token.i:
                    return None
                subject = subject_of(token)
                if subject is None or subject.i <= clause.right_edge.i:
                    return None
                return subject
        return None

    def link(self, mentions: list[FoundMention]) -> None:
        self.define_acronyms(mentions)
        names = {}
        for mention in mentions:
            if mention.kind == "name":
                if mention.type == "person":
                    names[mention.start] = self.person(mention)
                else:
                    names[mention.start] = self.organisation(mention)
                for i in range(mention.start, mention.end):
                    self.token_entity[i] = names[mention.start]
        groups = []
        for mention in mentions:
            entity_id: int | None
            if mention.kind == "name":
                entity_id = names[mention.start]
                self.record(mention, entity_id)
                self.name_roles(mention, entity_id)
            elif mention.group:
                groups.append(mention)
            elif mention.kind == "pronoun":
                entity_id = self.pronoun(mention)
                if entity_id is not None:
                    self.record(mention, entity_id)
            else:
                self.record(mention, self.descriptor(mention))
        # A quote's speaker may be named after it, so "we" waits for every other mention.
        for mention in groups:
            entity_id = self.group_pronoun(mention)
            if entity_id is not None:
                self.linked.append((mention, entity_id))
                self.token_entity[mention.start] = entity_id
        self.linked.sort(key=lambda pair: (pair[0].start, pair[0].end))

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
        """Tie each entity to the organisations its roles name, in full or by acronym."""
        orgs = {
            d.name.lower().removeprefix("the "): d.name
            for d in self.drafts
            if d.type == "organisation"
        }
        acronyms: dict[str, str] = {}
        for mention, entity_id in self.linked:
            draft = self.drafts[entity_id]
            text = self.text(mention)
            if mention.kind == "name" and draft.type == "organisation" and is_acronym(text):
                acronyms.setdefault(acronym_of(text), draft.name)
        for draft in self.drafts:
            for role in draft.roles:
                lowered = role.lower()
                named = [name for key, name in orgs.items() if key and key in lowered]
                named.extend(
                    name
                    for acronym, name in acronyms.items()
                    if re.search(rf"\b{re.escape(acronym)}\b", role)
                )
                for name in named:
                    if name not in draft.affiliations and name != draft.name:
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
