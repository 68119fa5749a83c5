"""Finding the spans that name or point to an actor: names, pronouns, descriptors.

This module only finds candidates; :mod:`quotegraph.actors.coref` links them
into entities and records them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotegraph.actors.acronyms import acronym_of, defined_beside, is_acronym
from quotegraph.actors.lexicon import Gender, actor_lexicon
from quotegraph.quotes.frames import DASHES
from quotegraph.quotes.lexicon import cue_lexicon
from quotegraph.quotes.marks import MARK_RE
from quotegraph.records import ActorType, MentionKind

PERSON_LABELS = frozenset({"PERSON"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ORGANISATION_LABELS = frozenset({"ORG", "NORP"})
# Dependency labels of the words that belong to a descriptor's noun phrase.
DESCRIPTOR_MODIFIERS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod"})


@dataclass(frozen=True, slots=True)
class FoundMention:
    """A candidate mention as token offsets ``[start, end)`` with what it implies.

    ``group`` marks a pronoun by which a speaker names their group ("we"): it
    stands for whoever speaks the words that hold it, not for a recent name.
    """

    start: int
    end: int
    kind: MentionKind
    type: ActorType
    gender: Gender
    plural: bool = False
    group: bool = False

    def head(self, doc: Doc) -> Token:
        """The syntactic head of the mention."""
        return doc[self.start : self.end].root


def _with_title(doc: Doc, ent: Span) -> tuple[int, int]:
    """Token offsets of a person name, widened to the titles written before it.

    A role written as a title ("Council leader Ann Roe": a capitalised word,
    then a describing noun) counts as one.
    """
    lexicon = actor_lexicon()
    titles = lexicon.titles
    start = ent.start
    while start > 0 and doc[start - 1].lower_ in titles and doc[start - 1].is_title:
        start -= 1
    if (
        start > 1
        and doc[start - 1].is_lower
        and lexicon.descriptors.get(doc[start - 1].lower_) in ("m", "f", "x")
        and doc[start - 2].is_title
        and doc[start - 2].pos_ == "PROPN"
        and (start == 2 or not doc[start - 3].is_title)
    ):
        start -= 2
    end = ent.end
    while end > start + 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    return start, end


def name_gender(doc: Doc, start: int, end: int) -> Gender:
    """The gender a name's title or given name suggests, ``x`` when unknown."""
    lexicon = actor_lexicon()
    for token in doc[start:end]:
        word = token.lower_
        if word in lexicon.titles and lexicon.titles[word] != "x":
            return lexicon.titles[word]
        if word in lexicon.given_names and token.is_title:
            return lexicon.given_names[word]
    return "x"


def looks_like_person(ent: Span) -> bool:
    """A two- or three-word name that starts with a known given name ("Ivan Brandt"),
    or a name after a title only people carry ("Dr Helena Strand", "Mrs Okonjo-Vale").
    """
    lexicon = actor_lexicon()
    words = [token for token in ent if token.text not in ("-", "'", "’")]
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    titled = before is not None and before.lower_ in lexicon.person_titles and before.is_title
    while len(words) > 1 and words[0].lower_ in lexicon.person_titles:
        words, titled = words[1:], True
    return (
        1 <= len(words) <= 3
        and all(token.is_title for token in words)
        and (titled or (len(words) >= 2 and words[0].lower_ in lexicon.given_names))
    )


def _ends_in_surname(ent: Span, surnames: set[str]) -> bool:
    """A two- or three-word title-case name whose last word the recogniser took for a
    person on its own elsewhere ("Agnes Lutterell" beside "Lutterell said")."""
    return 2 <= len(ent) <= 3 and ent[-1].text in surnames and all(t.is_title for t in ent)


def find_names(doc: Doc) -> list[FoundMention]:
    """Person and organisation names, from the named-entity recogniser.

    A proper noun the recogniser missed still counts as a person when it is
    the surname of a person it found elsewhere in the document, or a short
    name ending in one ("Agnes Lutterell" beside "Lutterell said"), and as an
    organisation when it is an acronym the document defines ("the Coastal
    Farmers Alliance (CFA)"), whatever the recogniser took it for.
    """
    surnames = {
        word
        for ent in doc.ents
        if ent.label_ in PERSON_LABELS
        for word in (ent[-1].text, ent.text.split()[-1])
    }
    named_alone = {ent.text for ent in doc.ents if ent.label_ in PERSON_LABELS and len(ent) == 1}
    found = []
    entities = [part for ent in doc.ents for part in _lines_of(ent)]
    defined = defined_acronyms(doc, entities)
    for ent in entities:
        if _names_defined(ent, defined):
            continue
        if (
            ent.label_ in PERSON_LABELS
            or ent.text in surnames
            or looks_like_person(ent)
            or _ends_in_surname(ent, named_alone)
        ):
            start, end = _with_title(doc, ent)
            found.append(FoundMention(start, end, "name", "person", name_gender(doc, start, end)))
    in_person = {i for mention in found for i in range(mention.start, mention.end)}
    for ent in entities:
        if (ent.label_ in ORGANISATION_LABELS or _names_defined(ent, defined)) and not any(
            i in in_person for i in range(ent.start, ent.end)
        ):
            start, end = _organisation_span(ent)
            plural = ent.label_ == "NORP"
            found.append(FoundMention(start, end, "name", "organisation", "n", plural))
    found.extend(unrecognised_speakers(doc))
    found.extend(signatures(doc))
    for token in doc:
        if token.ent_type_ or token.pos_ != "PROPN":
            continue
        if token.text in defined:
            found.append(FoundMention(token.i, token.i + 1, "name", "organisation", "n"))
        elif token.text in surnames:
            start, end = _with_title(doc, doc[token.i : token.i + 1])
            found.append(FoundMention(start, end, "name", "person", name_gender(doc, start, end)))
    return found


def defined_acronyms(doc: Doc, entities: list[Span]) -> frozenset[str]:
    """The acronyms the document defines in brackets after an organisation's name."""
    text = doc.text
    return frozenset(
        acronym
        for ent in entities
        if ent.label_ in ORGANISATION_LABELS and not is_acronym(ent.text)
        for acronym in defined_beside(text, ent.start_char, ent.end_char)
    )


def _names_defined(ent: Span, defined: frozenset[str]) -> bool:
    return is_acronym(ent.text) and acronym_of(ent.text) in defined


def _lines_of(ent: Span) -> list[Span]:
    """An entity cut at line breaks, which no name crosses ("Field & Furrow\\n\\nAnn Roe"),
    each part without the dashes and quotation marks the recogniser may take in at its
    edges ("\u2014 Kel Amsel")."""
    parts = []
    start = ent.start
    for token in ent:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                parts.append(ent.doc[start : token.i])
            start = token.i + 1
    if ent.end > start:
        parts.append(ent.doc[start : ent.end])
    trimmed = [_without_edge_marks(part) for part in parts]
    return [Span(ent.doc, start, end, label=ent.label_) for start, end in trimmed if end > start]


def _without_edge_marks(part: Span) -> tuple[int, int]:
    start, end = part.start, part.end
    while start < end and _is_edge_mark(part.doc[start]):
        start += 1
    while end > start and _is_edge_mark(part.doc[end - 1]):
        end -= 1
    return start, end


def _is_edge_mark(token: Token) -> bool:
    return token.is_space or token.is_quote or token.text in DASHES


def _organisation_span(ent: Span) -> tuple[int, int]:
    """Token offsets of an organisation name without a lower-case "the" or a possessive."""
    start, end = ent.start, ent.end
    if end - start > 1 and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    if end - start > 1 and ent.doc[start].text == "the":
        start += 1
    return start, end


def unrecognised_speakers(doc: Doc) -> list[FoundMention]:
    """Names the recogniser missed that speak: a run of two or three capitalised proper
    nouns that is the subject of a reporting verb or stands beside a describing phrase
    ("Ana Lidell, a retired pilot, recounted").
    """
    found = []
    for token in doc:
        if token.ent_type_ or token.pos_ != "PROPN" or token.dep_ not in SUBJECT_DEPS:
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        words = doc[start : token.i + 1]
        if not 2 <= len(words) <= 3 or any(t.ent_type_ or not t.is_title for t in words):
            continue
        described = any(child.dep_ == "appos" and child.pos_ == "NOUN" for child in token.children)
        if described or token.head.lemma_.lower() in cue_lexicon():
            start, end = _with_title(doc, words)
            found.append(FoundMention(start, end, "name", "person", name_gender(doc, start, end)))
    return found


def signatures(doc: Doc) -> list[FoundMention]:
    """Names that sign a quotation after a dash (``“... all winter.” ― Wenna Tregear``),
    as collected comments are signed: two or three capitalised proper nouns, a person
    whatever else the recogniser took them for, unless it found a person or an
    organisation there.
    """
    text = doc.text  # spaCy rebuilds it on every access
    found = []
    for token in doc:
        if not _opens_a_name(token):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i < 3 and _in_a_name(doc[end]):
            end += 1
        words = doc[token.i : end]
        if len(words) < 2 or any(
            t.ent_type_ in PERSON_LABELS or t.ent_type_ in ORGANISATION_LABELS for t in words
        ):
            continue
        before = text[max(0, token.idx - 8) : token.idx].rstrip()
        signed = before.rstrip("".join(DASHES))
        if signed == before or not MARK_RE.search(signed.rstrip()[-2:]):
            continue
        found.append(FoundMention(token.i, end, "name", "person", name_gender(doc, token.i, end)))
    return found


def _in_a_name(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title


def _opens_a_name(token: Token) -> bool:
    return _in_a_name(token) and (token.i == 0 or not _in_a_name(token.doc[token.i - 1]))


def find_pronouns(doc: Doc) -> list[FoundMention]:
    """Personal pronouns that may stand for an actor, "we" and "our" among them."""
    lexicon = actor_lexicon()
    pronouns = lexicon.pronouns
    found = []
    for token in doc:
        if token.lower_ in lexicon.group_pronouns and token.tag_ in ("PRP", "PRP$"):
            found.append(
                FoundMention(token.i, token.i + 1, "pronoun", "organisation", "x", True, True)
            )
            continue
        info = pronouns.get(token.lower_)
        if info is not None and token.tag_ in ("PRP", "PRP$"):
            actor_type: ActorType = "organisation" if info.gender == "n" else "unknown"
            if info.gender in ("m", "f"):
                actor_type = "person"
            found.append(
                FoundMention(token.i, token.i + 1, "pronoun", actor_type, info.gender, info.plural)
            )
    return found


def descriptor_span(token: Token) -> tuple[int, int]:
    """Token offsets of a descriptor noun with its determiner and modifiers."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in DESCRIPTOR_MODIFIERS:
            start = min(start, child.left_edge.i)
    return start, token.i + 1


def find_descriptors(doc: Doc, taken: set[int]) -> list[FoundMention]:
    """Nouns such as "spokeswoman" or "the party leader" not inside a name."""
    descriptors = actor_lexicon().descriptors
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or token.i in taken or token.dep_ == "compound":
            continue
        gender = descriptors.get(token.lemma_.lower())
        if gender is None:
            continue
        start, end = descriptor_span(token)
        if any(i in taken for i in range(start, end)):
            start = token.i
        actor_type: ActorType = "organisation" if gender == "n" else "person"
        found.append(
            FoundMention(start, end, "descriptor", actor_type, gender, token.tag_ == "NNS")
        )
    return found


def find_mentions(doc: Doc) -> list[FoundMention]:
    """Every candidate mention of the document, in text order."""
    names = find_names(doc)
    taken = {i for mention in names for i in range(mention.start, mention.end)}
    found = names + find_pronouns(doc) + find_descriptors(doc, taken)
    found.sort(key=lambda mention: (mention.start, mention.end))
    return found
