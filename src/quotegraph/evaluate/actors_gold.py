"""Scoring speakers and corpus actors against the demo gold (``demo/gold.jsonl``).

The gold names every quote's speaker and every actor of an article by one
canonical name shared across articles, so it says both who said each quote and
which mentions in different articles are the same actor. Three measures:

* **speaker accuracy**, on the gold quotes that were found (a predicted quote
  in the same article whose words overlap the gold's with a Dice coefficient of
  at least 0.5, matched one to one): the predicted corpus actor must be *the*
  actor of the gold speaker. Each gold actor is represented by the predicted
  actor that holds most of its found quotes, and each predicted actor stands
  for the gold actor most of its quotes belong to; a quote is right only when
  both agree. A speaker split over three actors scores only the largest part;
  two people merged into one actor score only the larger.
* **speaker clustering**: pairwise and B-cubed precision, recall and F1 of the
  found quotes grouped by predicted actor against grouping by gold speaker (a
  quote without a predicted actor is a group of its own).
* **actor clustering**: the same over the gold actors of each article (an
  item per article and actor), each placed in the corpus actor of the stored
  mentions that write one of its gold forms; an actor with no such mention is a
  group of its own.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from quotegraph.errors import GoldError
from quotegraph.store import QuoteQuery, QuoteRow, Store

__all__ = ["ActorScores", "Clustering", "cluster_scores", "format_actor_scores", "score_store"]

MATCH_DICE = 0.5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Clustering:
    """Pairwise and B-cubed precision, recall and F1 of one clustering."""

    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    items: int


@dataclass(frozen=True, slots=True)
class ActorScores:
    """Everything the demo-gold scorer measures."""

    gold_quotes: int
    found_quotes: int
    speaker_quotes: int
    speaker_correct: int
    speaker_accuracy: float
    speakers: Clustering
    actors: Clustering
    errors: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold_quotes": self.gold_quotes,
            "found_quotes": self.found_quotes,
            "speaker_quotes": self.speaker_quotes,
            "speaker_correct": self.speaker_correct,
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_clustering": _rounded(self.speakers),
            "actor_clustering": _rounded(self.actors),
            "errors": list(self.errors),
        }


def read_demo_gold(path: str | Path) -> list[dict[str, Any]]:
    """The articles of a demo gold file, one JSON object a line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise GoldError(f"{path}: cannot read the demo gold ({exc})") from exc


def score_store(store: Store, gold_path: str | Path) -> ActorScores:
    """Score the speakers and actors of a store holding the demo corpus against its gold."""
    gold = read_demo_gold(gold_path)
    by_source = {_gold_key(row.source): row.id for row in store.articles()}
    speaker_pairs: list[tuple[str, str | None, str]] = []  # gold speaker, predicted actor, item
    actor_items: list[tuple[str, Hashable]] = []
    gold_quotes = 0
    errors = []
    for article in gold:
        key = _article_key(article)
        article_id = by_source.get(key)
        quotes = [q for q in article["quotes"] if q.get("speaker")]
        gold_quotes += len(quotes)
        if article_id is None:
            errors.append(f"{key}: not in the store")
            continue
        predicted = store.find_quotes(QuoteQuery(article=article_id))
        predicted = [row for row in predicted if row.article_id == article_id]
        for n, (gold_quote, row) in enumerate(_match(quotes, predicted)):
            if row is not None:
                speaker_pairs.append((gold_quote["speaker"], row.speaker_id, f"{key}#{n}"))
        mentions = store.mention_actors(article_id)
        for actor in article.get("actors", ()):
            actor_items.append((actor["name"], _actor_of(actor, mentions) or (key, actor["name"])))
    correct, wrong = _speaker_accuracy(speaker_pairs)
    errors.extend(wrong)
    speaker_groups = [
        (gold, predicted if predicted is not None else ("none", item))
        for gold, predicted, item in speaker_pairs
    ]
    return ActorScores(
        gold_quotes=gold_quotes,
        found_quotes=len(speaker_pairs),
        speaker_quotes=len(speaker_pairs),
        speaker_correct=correct,
        speaker_accuracy=correct / len(speaker_pairs) if speaker_pairs else 0.0,
        speakers=cluster_scores(speaker_groups),
        actors=cluster_scores(actor_items),
        errors=tuple(errors),
    )


def cluster_scores(items: Sequence[tuple[Hashable, Hashable]]) -> Clustering:
    """Pairwise and B-cubed scores of items given as (gold cluster, predicted cluster)."""
    gold_size = Counter(gold for gold, _ in items)
    predicted_size = Counter(predicted for _, predicted in items)
    both = Counter(items)
    n = len(items)
    if not n:
        return Clustering(0, 0, 0, 0, 0, 0, 0)
    precision = sum(both[(g, p)] / predicted_size[p] for g, p in items) / n
    recall = sum(both[(g, p)] / gold_size[g] for g, p in items) / n
    same_both = sum(c * (c - 1) / 2 for c in both.values())
    same_predicted = sum(c * (c - 1) / 2 for c in predicted_size.values())
    same_gold = sum(c * (c - 1) / 2 for c in gold_size.values())
    pair_p = same_both / same_predicted if same_predicted else 1.0
    pair_r = same_both / same_gold if same_gold else 1.0
    return Clustering(
        pairwise_precision=pair_p,
        pairwise_recall=pair_r,
        pairwise_f1=_f1(pair_p, pair_r),
        bcubed_precision=precision,
        bcubed_recall=recall,
        bcubed_f1=_f1(precision, recall),
        items=n,
    )


def format_actor_scores(scores: ActorScores, *, show_errors: int = 10) -> str:
    """A short plain-text report."""
    lines = [
        f"gold quotes with a speaker: {scores.gold_quotes}, found: {scores.found_quotes}",
        f"speaker accuracy on found quotes: {scores.speaker_accuracy:.3f}"
        f" ({scores.speaker_correct}/{scores.speaker_quotes})",
    ]
    for label, c in (("speaker clustering", scores.speakers), ("actor clustering", scores.actors)):
        lines.append(
            f"{label} ({c.items} items): B-cubed P {c.bcubed_precision:.3f} "
            f"R {c.bcubed_recall:.3f} F1 {c.bcubed_f1:.3f}; pairwise P "
            f"{c.pairwise_precision:.3f} R {c.pairwise_recall:.3f} F1 {c.pairwise_f1:.3f}"
        )
    if scores.errors and show_errors:
        lines.append("wrong speakers:")
        lines.extend(f"  {error}" for error in scores.errors[:show_errors])
        if len(scores.errors) > show_errors:
            lines.append(f"  ... and {len(scores.errors) - show_errors} more")
    return "\n".join(lines)


def _speaker_accuracy(pairs: list[tuple[str, str | None, str]]) -> tuple[int, list[str]]:
    by_gold: dict[str, Counter[str]] = defaultdict(Counter)
    by_predicted: dict[str, Counter[str]] = defaultdict(Counter)
    for gold, predicted, _ in pairs:
        if predicted is not None:
            by_gold[gold][predicted] += 1
            by_predicted[predicted][gold] += 1
    main_actor = {gold: _top(counts) for gold, counts in by_gold.items()}
    stands_for = {predicted: _top(counts) for predicted, counts in by_predicted.items()}
    correct = 0
    wrong = []
    for gold, predicted, item in pairs:
        if (
            predicted is not None
            and main_actor[gold] == predicted
            and stands_for[predicted] == gold
        ):
            correct += 1
        else:
            wrong.append(f"{item}: gold {gold}, predicted actor {predicted}")
    return correct, wrong


def _top(counts: Counter[str]) -> str:
    return min(counts, key=lambda key: (-counts[key], key))


def _match(
    gold_quotes: list[dict[str, Any]], predicted: list[QuoteRow]
) -> list[tuple[dict[str, Any], QuoteRow | None]]:
    """Each gold quote with the predicted quote it was found as (or None), one to one."""
    gold_words = [_words(_content(q["content"])) for q in gold_quotes]
    predicted_words = [_words(row.content_text) for row in predicted]
    candidates = sorted(
        (
            (_dice(g, p), i, j)
            for i, g in enumerate(gold_words)
            for j, p in enumerate(predicted_words)
        ),
        reverse=True,
    )
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for dice, i, j in candidates:
        if dice < MATCH_DICE:
            break
        if i not in chosen and j not in taken:
            chosen[i] = j
            taken.add(j)
    return [
        (quote, predicted[chosen[i]] if i in chosen else None)
        for i, quote in enumerate(gold_quotes)
    ]


def _actor_of(actor: dict[str, Any], mentions: Iterable[tuple[str, str, str | None]]) -> str | None:
    """The corpus actor most of the mentions writing one of a gold actor's forms belong to."""
    forms = {_norm(form) for form in actor.get("forms", ())}
    votes = Counter(
        actor_id for text, _kind, actor_id in mentions if actor_id and _norm(text) in forms
    )
    return _top(votes) if votes else None


def _content(content: str | list[str]) -> str:
    return content if isinstance(content, str) else " ".join(content)


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _article_key(article: dict[str, Any]) -> str:
    name = Path(article["file"]).name
    return f"{name}:{article['line']}" if "line" in article else name


def _gold_key(source: str) -> str:
    return Path(source).name


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _rounded(c: Clustering) -> dict[str, float]:
    return {key: round(value, 4) for key, value in asdict(c).items()}
