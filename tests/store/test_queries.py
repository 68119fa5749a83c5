"""Finding quotes: each filter of QuoteQuery, full-text search, order, speakers, stats."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from tests.store.conftest import build_article

from quotegraph.errors import UsageError
from quotegraph.records import Analysis
from quotegraph.store import QuoteQuery, Store

Build = Callable[..., Analysis]


def contents(store: Store, query: QuoteQuery) -> list[str]:
    return [row.content_text for row in store.find_quotes(query)]


def test_all_quotes_come_newest_first_then_in_text_order(filled: Store) -> None:
    """Without filters every quote is found: newest article first, undated last."""
    assert contents(filled, QuoteQuery()) == [
        'taxes were "far too high" for families',
        "This is not a game, and we know it",
        "We will rebuild the Eastgate bridge by spring",
        "the budget was secure",
        "the plan reckless",
        "Nobody asked us",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (QuoteQuery(speaker="okafor"), 2),
        (QuoteQuery(speaker="Harbour Trust"), 1),
        (QuoteQuery(speaker="nobody by that name"), 0),
        (QuoteQuery(article="valley-post"), 2),
        (QuoteQuery(article="wire"), 1),
        (QuoteQuery(since=date(2024, 4, 1)), 2),
        (QuoteQuery(until=date(2024, 3, 1)), 3),
        (QuoteQuery(until=date(2024, 2, 29)), 0),
        (QuoteQuery(since=datetime(2024, 3, 1, 10, 0)), 2),
        (QuoteQuery(since=date(2024, 3, 1), until=date(2024, 3, 31)), 3),
        (QuoteQuery(kind="mixed"), 1),
        (QuoteQuery(kind="direct"), 3),
        (QuoteQuery(cue_type="speech"), 5),
        (QuoteQuery(cue_type="belief"), 0),
        (QuoteQuery(cue_type="speech", kind="indirect"), 1),
        (QuoteQuery(outlet="gazette"), 3),
        (QuoteQuery(outlet="GAZETTE", kind="indirect"), 2),
        (QuoteQuery(search="bridge"), 1),
        (QuoteQuery(search="BRIDGE spring"), 1),
        (QuoteQuery(search="bridge taxes"), 0),
        (QuoteQuery(search='"not a game"'), 1),
        (QuoteQuery(search='"game not"'), 0),
        (QuoteQuery(search="reyes"), 2),
        (QuoteQuery(search="brid*"), 1),
    ],
    ids=repr,
)
def test_each_filter_narrows_the_quotes(filled: Store, query: QuoteQuery, expected: int) -> None:
    """Each filter keeps just the quotes it names, and count_quotes agrees."""
    assert len(filled.find_quotes(query)) == expected
    assert filled.count_quotes(query) == expected


def test_speaker_matches_the_corpus_actor_id(filled: Store) -> None:
    """A speaker filter may be the actor id shown by speakers()."""
    okafor = next(row for row in filled.speakers() if row.name == "Maria Okafor")
    rows = filled.find_quotes(QuoteQuery(speaker=okafor.id))
    assert [row.speaker_id for row in rows] == [okafor.id, okafor.id]


def test_article_matches_its_id(filled: Store) -> None:
    """An article filter may be the article id."""
    assert [row.article_id for row in filled.find_quotes(QuoteQuery(article="taxes"))] == [
        "taxes",
        "taxes",
    ]


def test_until_a_datetime_is_inclusive(filled: Store) -> None:
    """A datetime bound includes a quote published at exactly that moment."""
    assert filled.count_quotes(QuoteQuery(until=datetime(2024, 3, 1, 9, 30))) == 3


def test_dates_compare_as_written_in_the_article(filled: Store) -> None:
    """An article's date counts in its own time zone: 14:00+02:00 is on its day."""
    day = QuoteQuery(since=date(2024, 4, 15), until=date(2024, 4, 15))
    assert filled.count_quotes(day) == 2
    moment = datetime(2024, 4, 15, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    assert filled.count_quotes(QuoteQuery(since=moment, until=moment)) == 2


def test_limit_and_offset_page_through_the_order(filled: Store) -> None:
    """limit and offset cut the ordered list; count_quotes ignores them."""
    everything = contents(filled, QuoteQuery())
    page = QuoteQuery(limit=2, offset=1)
    assert contents(filled, page) == everything[1:3]
    assert filled.count_quotes(page) == len(everything)
    assert contents(filled, QuoteQuery(limit=0)) == []


@pytest.mark.parametrize(
    "terms",
    [
        '"',
        "AND",
        "*",
        "'); DROP TABLE quotes; --",
        'bridge"',
        "NEAR(",
        "(",
        "OR OR",
        ":",
        "^",
        "-",
        "content_text:",
        '"unclosed phrase',
        "%",
        "_",
    ],
)
def test_hostile_search_terms_are_searched_for_not_run(filled: Store, terms: str) -> None:
    """Punctuation and FTS5 operators in a search never raise and never change the data."""
    assert isinstance(filled.find_quotes(QuoteQuery(search=terms)), list)
    assert filled.count_quotes(QuoteQuery()) == 6


def test_operator_words_are_plain_words(filled: Store) -> None:
    """AND is searched as the word 'and', not taken as an operator."""
    assert contents(filled, QuoteQuery(search="AND")) == ["This is not a game, and we know it"]


def test_like_wildcards_in_filters_are_literal(filled: Store) -> None:
    """% and _ in a speaker or outlet filter match only themselves."""
    assert filled.count_quotes(QuoteQuery(speaker="%")) == 0
    assert filled.count_quotes(QuoteQuery(outlet="_")) == 0


@pytest.mark.parametrize(
    "options",
    [
        {"kind": "rumour"},
        {"cue_type": "rumour"},
        {"limit": -1},
        {"offset": -5},
        {"order": "oldest"},
    ],
)
def test_impossible_queries_are_refused(options: dict[str, object]) -> None:
    """A quote kind that does not exist or a negative page is a usage error."""
    with pytest.raises(UsageError):
        QuoteQuery(**options)


def test_quote_rows_carry_article_and_speaker(filled: Store) -> None:
    """A quote row has its article's metadata, spans, cue text and speaker."""
    (row,) = filled.find_quotes(QuoteQuery(search="bridge"))
    assert (row.article_id, row.outlet, row.title) == (
        "bridge",
        "Harbour Gazette",
        "Eastgate bridge to reopen",
    )
    assert row.source == "news/harbour-gazette/2024-03-01-bridge.txt"
    assert row.published == datetime(2024, 3, 1, 9, 30)
    assert (row.kind, row.cue_text, row.confidence, row.method) == ("direct", "said", 0.75, "hand")
    assert (row.speaker_name, row.speaker_type) == ("Maria Okafor", "person")
    assert row.speaker_role == "mayor of Port Wendell"
    assert row.source_span is not None and row.cue is not None
    assert (row.start, row.end) == row.content[0]


def test_unknown_speakers_stay_unknown(filled: Store) -> None:
    """A quote without a speaker has no speaker fields."""
    (row,) = filled.find_quotes(QuoteQuery(article="wire"))
    assert (row.speaker_id, row.speaker_name, row.speaker_type, row.speaker_role) == (None,) * 4


def test_speakers_are_listed_most_quoted_first(filled: Store) -> None:
    """speakers() gives each actor's quote and article counts and when it was seen."""
    rows = filled.speakers()
    assert [(row.name, row.quote_count, row.article_count) for row in rows] == [
        ("Maria Okafor", 2, 1),
        ("Tom Reyes", 2, 1),
        ("Harbour Trust", 1, 1),
    ]
    assert rows[0].first_seen == rows[0].last_seen == datetime(2024, 3, 1, 9, 30)
    assert rows[0].roles == ("mayor of Port Wendell",)
    assert [row.name for row in filled.speakers(limit=1)] == ["Maria Okafor"]


def test_stats_count_the_store(filled: Store) -> None:
    """stats() counts articles, quotes, quoted actors and the latest run's failures."""
    stats = filled.stats()
    assert (stats.articles, stats.quotes, stats.speakers, stats.failures) == (3, 6, 3, 0)
    assert stats.last_run == filled.runs()[-1].id


def test_iter_analyses_reads_every_article_by_source(filled: Store) -> None:
    """iter_analyses yields each article id with its analysis, ordered by source."""
    assert [article_id for article_id, _ in filled.iter_analyses()] == ["wire", "taxes", "bridge"]


def test_quotes_can_come_most_confident_first(store: Store, build: Build) -> None:
    """order="confidence" puts the surest quotes first, ties newest first."""
    analysis = build(
        '"Sure," said Ana Ruiz. "Less sure," she said.',
        source="a.txt",
        people=["Ana Ruiz"],
        quotes=[("Sure", "said", "Ana Ruiz", "direct"), ("Less sure", "she said", None, "direct")],
    )
    unsure = replace(analysis.quotes[0], confidence=0.2)
    store.add_analysis(
        "a",
        replace(analysis, quotes=(unsure, analysis.quotes[1])),
        format="text",
        encoding=None,
        run_id=None,
    )
    assert contents(store, QuoteQuery(order="confidence")) == ["Less sure", "Sure"]
    assert contents(store, QuoteQuery()) == ["Sure", "Less sure"]


def test_speaker_filter_is_exact_by_actor(store: Store, build: Build) -> None:
    """A speaker filter finds an actor by id or whole words of a name: Ann Lee is not Joann Leeds."""
    said = [
        ("Ann Lee", "the harbour will reopen", "2024-01-02"),
        ("Joann Leeds", "the harbour stays shut", "2024-01-03"),
    ]
    for name, words, day in said:
        text = f'"{words}," said {name}.'
        store.add_analysis(
            name,
            build(
                text,
                source=f"news/{name}.txt",
                people=[name],
                published=datetime.fromisoformat(day),
                quotes=[(words, "said", name, "direct")],
            ),
            format="text",
            encoding=None,
            run_id=None,
        )
    store.rebuild_actors()
    ann = next(row.id for row in store.speakers() if row.name == "Ann Lee")

    def speakers_of(key: str) -> list[str | None]:
        return [row.speaker_name for row in store.find_quotes(QuoteQuery(speaker=key))]

    assert speakers_of("Ann Lee") == ["Ann Lee"]
    assert speakers_of("ann lee") == ["Ann Lee"]
    assert speakers_of("Lee") == ["Ann Lee"]
    assert speakers_of(ann) == ["Ann Lee"]
    assert speakers_of("Joann Leeds") == ["Joann Leeds"]
    assert speakers_of("Ann Le") == []
    assert speakers_of("Lee Ann") == []
    assert store.count_quotes(QuoteQuery(speaker="Ann Lee")) == 1


def test_pages_are_stable_and_cover_every_match_once(store: Store, build: Build) -> None:
    """Paging through a search gives the same pages every time, each match on exactly one."""
    day = datetime(2024, 5, 1, 8, 0)
    for number in range(12):
        lines = [f'"harbour news {number} {n}," said Ann Lee.' for n in range(3)]
        text = " ".join(lines)
        store.add_analysis(
            f"a{number}",
            build(
                text,
                source=f"news/{number}.txt",
                people=["Ann Lee"],
                # Many articles share a date, so only the tie-breakers order them.
                published=day + timedelta(days=number % 3),
                quotes=[(line[1:].split(",")[0], "said", "Ann Lee", "direct") for line in lines],
            ),
            format="text",
            encoding=None,
            run_id=None,
        )
    store.rebuild_actors()
    for query in (QuoteQuery(search="harbour"), QuoteQuery(speaker="Ann Lee")):
        everything = [row.id for row in store.find_quotes(query)]
        pages = [
            [row.id for row in store.find_quotes(replace(query, limit=5, offset=offset))]
            for offset in range(0, 40, 5)
        ]
        assert [id for page in pages for id in page] == everything
        assert len(set(everything)) == 36
        assert [row.id for row in store.find_quotes(replace(query, limit=5, offset=10))] == pages[2]


def test_a_count_can_stop_early(filled: Store) -> None:
    """count_quotes with at_most counts no further than that."""
    assert filled.count_quotes(QuoteQuery(), at_most=4) == 4
    assert filled.count_quotes(QuoteQuery(), at_most=100) == 6


def test_quotes_per_month_counts_the_dated_matches(filled: Store) -> None:
    """quote_months groups the matching quotes by their article's month; undated ones are left out."""
    assert filled.quote_months(QuoteQuery()) == [("2024-03", 3), ("2024-04", 2)]
    assert filled.outlets() == ["Harbour Gazette", "Valley Post"]


WORDS = build_article(
    '"The café on Quay-Street will reopen in 2025, at 3.5 per cent," said José Núñez-Vale. '
    '"Rates stay_put," said Ann Lee.',
    source="news/words.txt",
    people=["José Núñez-Vale", "Ann Lee"],
    quotes=[
        (
            "The café on Quay-Street will reopen in 2025, at 3.5 per cent",
            "said",
            "José Núñez-Vale",
            "direct",
        ),
        ("Rates stay_put", "said", "Ann Lee", "direct"),
    ],
)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("cafe", 1),
        ("CAFÉ", 1),
        ("quay", 1),
        ("quay-street", 1),
        ('"quay street will"', 1),
        ('"street quay"', 0),
        ("3.5", 1),
        ('"3 5"', 1),
        ("2025", 1),
        ("reop*", 1),
        ("quay-stre*", 1),
        ("street-wil*", 1),
        ("quay-wil*", 0),
        ("cent*", 1),
        ("ent*", 0),
        ("jose", 1),
        ('"jose nunez"', 1),
        ('"nunez vale"', 1),
        ('"cent jose"', 0),
        ("stay", 1),
        ("stay_put", 1),
        ("lee rates", 1),
        ("lee cafe", 0),
    ],
)
def test_search_reads_words_alike_on_every_database(
    store: Store, search: str, expected: int
) -> None:
    """A word is a run of letters and digits, without case or accents, and a phrase never
    runs from the quote into its speaker's name."""
    store.add_analysis("words", WORDS, format="text", encoding=None, run_id=None)
    store.rebuild_actors()
    assert store.count_quotes(QuoteQuery(search=search)) == expected


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [("josé núñez-vale", 1), ("Jose Nunez", 1), ("vale", 1), ("NUNEZ-VALE", 1), ("Vale José", 0)],
)
def test_speakers_are_found_by_whole_words_without_accents(
    store: Store, speaker: str, expected: int
) -> None:
    """A speaker filter matches whole words of a name in order, accents or none."""
    store.add_analysis("words", WORDS, format="text", encoding=None, run_id=None)
    store.rebuild_actors()
    assert store.count_quotes(QuoteQuery(speaker=speaker)) == expected


def test_a_search_lists_its_hits_in_the_order_of_every_quote(store: Store, build: Build) -> None:
    """Hits read from the search index come in the same newest-first order as all quotes:
    dates to the second, ties in the order stored, undated and very old ones last."""
    dates = [
        datetime(2024, 5, 1, 8, 0, 30),
        None,
        datetime(2024, 5, 1, 8, 0, 30, 500),
        datetime(1850, 1, 1),
        datetime(2024, 5, 1, 8, 0, 31, tzinfo=timezone(timedelta(hours=2))),
        datetime(2030, 12, 31, 23, 59, 59),
        datetime(2024, 5, 1, 8, 0, 30),
        None,
    ]
    for number, published in enumerate(dates):
        lines = [f'"harbour talk {number} {n}," said Ann Lee.' for n in range(2)]
        text = " ".join(lines)
        quoted = [(line[1:].split(",")[0], "said", "Ann Lee", "direct") for line in lines]
        analysis = build(
            text, source=f"n/{number}.txt", people=["Ann Lee"], published=published, quotes=quoted
        )
        store.add_analysis(f"a{number}", analysis, format="text", encoding=None, run_id=None)
    expected = [
        f"harbour talk {number} {n}" for number in (5, 4, 0, 2, 6, 3, 1, 7) for n in range(2)
    ]
    assert contents(store, QuoteQuery()) == expected
    assert contents(store, QuoteQuery(search="harbour talk")) == expected
    assert contents(store, QuoteQuery(search="harbour", limit=3, offset=4)) == expected[4:7]
