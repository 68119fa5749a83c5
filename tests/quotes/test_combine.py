"""Joining rule quotes with the tagger's: what is added, what is left to the rules."""

from __future__ import annotations

from spacy.language import Language
from tests.spans import at

from quotegraph.actors import find_actors
from quotegraph.model import TaggedAttribution
from quotegraph.quotes import find_quotes
from quotegraph.quotes.combine import MIN_CONFIDENCE, combine
from quotegraph.quotes.labelled import LABELLED
from quotegraph.quotes.write import SpeakerIndex
from quotegraph.records import Quote, QuoteKind

TEXT = (
    '"The bridge will open in May," said Orla Quint.\n\n'
    "Local traders hope the closure ends soon, the chamber's newsletter reported."
)


def tagged(
    content: str,
    cue: str | None,
    source: str | None,
    confidence: float = 0.9,
    text: str = TEXT,
) -> TaggedAttribution:
    """A tagged attribution with its spans found in ``text``."""
    return TaggedAttribution(
        content=(at(text, content),),
        cue=at(text, cue) if cue else None,
        source=at(text, source) if source else None,
        confidence=confidence,
    )


def rule_quote(
    text: str, content: str, cue: str, source: str, speaker: int, kind: QuoteKind = "indirect"
) -> Quote:
    """A quote as the rules would give it, with its spans found in ``text``."""
    return Quote(
        content=(at(text, content),),
        kind=kind,
        cue=at(text, cue),
        cue_lemma=cue,
        source=at(text, source),
        speaker=speaker,
        method="rules",
    )


def test_tagged_attribution_is_added_where_rules_found_none(nlp: Language) -> None:
    """A sure tagged attribution outside every rule quote joins the rules' quotes."""
    doc = nlp(TEXT)
    actors = find_actors(doc)
    first_paragraph = TEXT.index("\n")
    rules = [q for q in find_quotes(doc, actors) if q.end <= first_paragraph]
    found = tagged(
        "Local traders hope the closure ends soon", "reported", "the chamber's newsletter", 0.95
    )
    combined = combine(doc, rules, [found], actors)
    added = [q for q in combined if q.method == "model"]
    assert [q.content for q in added] == [found.content]
    assert added[0].kind == "indirect" and added[0].cue_lemma == "report"
    assert list(combined) == sorted(combined, key=lambda q: q.start)


def test_rule_quotes_no_sure_tagged_attribution_redraws_stay(nlp: Language) -> None:
    """Rule quotes stay as found where the tagger is unsure or tags other words."""
    doc = nlp(TEXT)
    actors = find_actors(doc)
    rules = [q for q in find_quotes(doc, actors) if q.end <= TEXT.index("\n")]
    assert rules
    unsure = tagged("The bridge will open in May", "said", "Orla Quint", MIN_CONFIDENCE - 0.01)
    elsewhere = tagged("the closure ends soon", "hope", "Local traders", 0.95)
    combined = combine(doc, rules, [unsure, elsewhere], actors)
    assert [q for q in combined if q.method != "model"] == list(rules)
    assert [q.content for q in combined if q.method == "model"] == [elsewhere.content]


def test_unsure_tagged_attributions_are_dropped(nlp: Language) -> None:
    """Below the confidence threshold the tagger adds nothing."""
    doc = nlp(TEXT)
    actors = find_actors(doc)
    unsure = tagged(
        "Local traders hope the closure ends soon",
        "reported",
        "the chamber's newsletter",
        MIN_CONFIDENCE - 0.01,
    )
    assert combine(doc, (), [unsure], actors) == ()


def test_the_tagger_redraws_reported_speech_with_its_own_source(nlp: Language) -> None:
    """Over a rule's indirect quote, a sure tagged attribution replaces it whole: content,
    cue and source (here the parse's subject of the tagged cue), not the rule's source."""
    doc = nlp(TEXT)
    actors = find_actors(doc)
    rule = rule_quote(TEXT, "the closure ends soon", "hope", "Local traders", 7)
    found = tagged(
        "Local traders hope the closure ends soon", "reported", "the chamber's newsletter", 0.95
    )
    (combined,) = combine(doc, [rule], [found], actors)
    assert (combined.content, combined.cue, combined.method) == (found.content, found.cue, "model")
    assert combined.source == found.source
    assert combined.speaker != rule.speaker


def test_the_tagger_redraws_quoted_speech_and_the_rules_keep_its_speaker(nlp: Language) -> None:
    """Over a direct rule quote, the tagger's content (quotation marks and all), cue and
    source edges replace the rules'; the speaker stays the one the rules resolved."""
    doc = nlp(TEXT)
    actors = find_actors(doc)
    (rule,) = [q for q in find_quotes(doc, actors) if q.kind == "direct"]
    assert rule.speaker is not None
    found = tagged('"The bridge will open in May,"', "said", "Quint", 0.9)
    (combined,) = combine(doc, [rule], [found], actors)
    assert (combined.content, combined.cue, combined.kind) == (found.content, found.cue, "direct")
    assert found.source != rule.source
    assert (combined.source, combined.speaker) == (found.source, rule.speaker)


def test_the_parse_names_the_source_the_tagger_did_not_link(nlp: Language) -> None:
    """Where the tagger linked no source, the parse's subject of the tagged cue is the
    source and speaker; a tagged source over it keeps its own edges and the parse's
    speaker."""
    text = "At the quay in Velden, the harbour master Orla Quint said the bridge would open."
    doc = nlp(text)
    actors = find_actors(doc)
    quint = SpeakerIndex(actors).entity_at(text.index("Orla Quint"))
    assert quint is not None

    for tagged_source, expected in [
        (None, "the harbour master Orla Quint"),
        ("Orla Quint", "Orla Quint"),
    ]:
        found = tagged("the bridge would open", "said", tagged_source, text=text)
        (quote,) = combine(doc, [], [found], actors)
        assert quote.source == at(text, expected), tagged_source
        assert quote.speaker == quint


def test_a_tagged_source_outvotes_the_subject_the_parse_gives_its_cue(nlp: Language) -> None:
    """ "The delay prompted Orla Quint to demand ...": the parse takes the delay for the
    subject of "to demand"; the tagger's source, Orla Quint, stands, and names her."""
    text = "The delay prompted Orla Quint to demand a new timetable for the bridge."
    doc = nlp(text)
    actors = find_actors(doc)
    quint = SpeakerIndex(actors).entity_at(text.index("Orla Quint"))
    assert quint is not None
    found = tagged("a new timetable for the bridge", "to demand", "Orla Quint", text=text)
    (quote,) = combine(doc, [], [found], actors)
    assert (quote.source, quote.speaker) == (found.source, quint)


def test_a_tagged_source_that_stops_inside_a_name_takes_the_whole_name(nlp: Language) -> None:
    """The tagger tagged "Wenna" of "\u2015 Wenna A. Tregear" alone; the source is the name."""
    text = "\u201cThe ferry must run all winter.\u201d \u2015 Wenna A. Tregear"
    doc = nlp(text)
    actors = find_actors(doc)
    found = tagged("\u201cThe ferry must run all winter.\u201d", "\u2015", "Wenna", text=text)
    (quote,) = combine(doc, [], [found], actors)
    assert quote.source == at(text, "Wenna A. Tregear")
    assert quote.speaker == SpeakerIndex(actors).entity_at(text.index("Wenna"))


def test_the_parse_and_the_tagger_outvote_the_rules_source(nlp: Language) -> None:
    """A quotation inside a reported clause: the rules took the clause's inner subject;
    the parse's subject of the tagged cue replaces it unless the tagger sides with it."""
    text = 'Tam Ferris said on Monday that she wanted "a quick decision on the bridge."'
    doc = nlp(text)
    actors = find_actors(doc)
    speakers = SpeakerIndex(actors)
    ferris = speakers.entity_at(text.index("Tam Ferris"))
    assert ferris is not None
    rule = rule_quote(
        text, '"a quick decision on the bridge."', "wanted", "she", ferris + 1, "direct"
    )

    content = 'she wanted "a quick decision on the bridge."'
    (outvoted,) = combine(doc, [rule], [tagged(content, "said", None, text=text)], actors)
    assert (outvoted.source, outvoted.speaker) == (at(text, "Tam Ferris"), ferris)
    (kept,) = combine(doc, [rule], [tagged(content, "said", "she", text=text)], actors)
    assert (kept.source, kept.speaker) == (rule.source, rule.speaker)


def test_a_subject_that_names_no_actor_does_not_outvote_a_resolved_speaker(
    nlp: Language,
) -> None:
    """The parse's subject "The letter" names no one, so the speaker the rules resolved
    stays, unless the tagger links "The letter" to the cue itself."""
    text = 'The letter said on Monday that Tam Ferris wanted "a quick decision on the bridge."'
    doc = nlp(text)
    actors = find_actors(doc)
    ferris = SpeakerIndex(actors).entity_at(text.index("Ferris"))
    assert ferris is not None
    rule = rule_quote(
        text, '"a quick decision on the bridge."', "wanted", "Tam Ferris", ferris, "direct"
    )
    content = 'Tam Ferris wanted "a quick decision on the bridge."'
    (combined,) = combine(doc, [rule], [tagged(content, "said", None, text=text)], actors)
    assert (combined.source, combined.speaker) == (rule.source, ferris)
    (outvoted,) = combine(doc, [rule], [tagged(content, "said", "The letter", text=text)], actors)
    assert outvoted.source == at(text, "The letter")


def test_a_tagged_content_without_a_cue_takes_the_frame_of_the_rule_quote_it_redraws(
    nlp: Language,
) -> None:
    """The tagger linked no cue to its content; the rules found the frame: cue, source
    and speaker come from the rule quote, the content from the tagger."""
    doc = nlp(TEXT)
    actors = find_actors(doc)
    rule = rule_quote(TEXT, "the closure ends soon", "hope", "Local traders", 7)
    found = tagged("the closure ends soon, the chamber", None, None)
    (combined,) = combine(doc, [rule], [found], actors)
    assert combined.content == found.content
    assert (combined.cue, combined.cue_lemma) == (rule.cue, rule.cue_lemma)
    assert (combined.source, combined.speaker) == (rule.source, rule.speaker)


def test_reported_speech_stays_only_where_the_tagger_saw_an_attribution(nlp: Language) -> None:
    """A rule's indirect quote no sure tagged attribution redraws stays where the tagger
    tagged some of its words, however unsure; where it tagged none, the quote goes."""
    doc = nlp(TEXT)
    actors = find_actors(doc)
    rule = rule_quote(TEXT, "the closure ends soon", "hope", "Local traders", 7)
    unsure = tagged("the closure", None, None, confidence=0.2)
    assert combine(doc, [rule], [unsure], actors) == (rule,)
    assert combine(doc, [rule], [], actors) == ()


def test_a_tagged_source_that_names_no_actor_takes_the_name_in_apposition(
    nlp: Language,
) -> None:
    """ "the organisers, the Velden Ferry Union": the tagged source has no mention of
    its own; the speaker is the organisation named beside it."""
    text = "Attendance rose by a third, according to the organisers, the Velden Ferry Union."
    doc = nlp(text)
    actors = find_actors(doc)
    speakers = SpeakerIndex(actors)
    union = speakers.entity_at(text.index("Velden Ferry Union"))
    assert union is not None
    assert speakers.entity_at(text.index("organisers")) is None
    found = tagged("Attendance rose by a third", "according to", "the organisers", text=text)
    (quote,) = combine(doc, [], [found], actors)
    assert (quote.source, quote.speaker) == (found.source, union)


def test_a_labelled_turn_stays_and_no_tagged_attribution_inside_it_is_added(
    nlp: Language,
) -> None:
    """The tagger cannot see a transcript's turn whole: the rules' turn stands and a
    sure tagged attribution that shares its words is left out."""
    text = (
        "Mayor Ilse Voss spoke to the Harbour Hour.\n\n"
        "VOSS: The engineers told me the quay is safe, and it will reopen."
    )
    doc = nlp(text)
    actors = find_actors(doc)
    rules = find_quotes(doc, actors)
    (turn,) = [q for q in rules if q.method == LABELLED]
    inside = tagged("the quay is safe", "told", "The engineers", 0.95, text=text)
    combined = combine(doc, rules, [inside], actors)
    assert turn in combined
    assert not [q for q in combined if q.method == "model"]


def test_a_tagged_quotation_in_two_fragments_is_direct(nlp: Language) -> None:
    """A quotation broken by its frame is direct speech; a reported clause holding a
    quoted phrase is mixed."""
    text = (
        '"The ferry stays," said Ivo Dane. "The bridge can wait."\n\nHe said the toll was "a trap."'
    )
    doc = nlp(text)
    actors = find_actors(doc)
    split = TaggedAttribution(
        content=(at(text, '"The ferry stays,"'), at(text, '"The bridge can wait."')),
        cue=at(text, "said"),
        source=at(text, "Ivo Dane"),
        confidence=0.9,
    )
    partly = tagged('the toll was "a trap."', "said", "He", 0.9, text)
    combined = combine(doc, [], [split, partly], actors)
    assert [quote.kind for quote in combined] == ["direct", "mixed"]


def test_a_tagged_content_nothing_attributes_is_left_out(nlp: Language) -> None:
    """A sure tagged content with no cue, no source and no rule quote under it names
    neither who nor how: it is no attribution, and the rules' quotes stay."""
    doc = nlp(TEXT)
    actors = find_actors(doc)
    rules = [q for q in find_quotes(doc, actors) if q.kind == "direct"]
    stray = tagged("Local traders hope", None, None, 0.95)
    assert combine(doc, rules, [stray], actors) == tuple(rules)
