"""Furniture removal on the bundled demo corpus, against demo/gold.jsonl.

Recall: of the furniture lines the gold lists that are in the text as read,
the share that cleaning removes. Precision: no removed line touches the
content of a quote the gold lists. The floors are measured values; raise them
when cleaning improves, never lower them to let a change through.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from quotegraph.clean import Cleaned, clean
from quotegraph.ingest import read_documents

DEMO = Path(__file__).resolve().parent.parent / "demo"
RECALL_FLOOR = 1.0


@cache
def _articles() -> tuple[tuple[dict[str, Any], str, Cleaned], ...]:
    articles = []
    for line in (DEMO / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        documents = list(read_documents(DEMO / gold["file"], max_bytes=10**7, max_chars=10**7))
        document = documents[gold.get("line", 1) - 1]
        cleaned = clean(document.text, title=document.meta.title, outlet=document.meta.outlet)
        articles.append((gold, document.text, cleaned))
    return tuple(articles)


def _removed_lines(text: str, cleaned: Cleaned) -> list[str]:
    return [text[item.start : item.end] for item in cleaned.removed if item.kind != "blank"]


def test_demo_furniture_recall_stays_above_its_floor() -> None:
    """Cleaning removes at least the pinned share of the gold's furniture lines."""
    found, missed = 0, []
    for gold, text, cleaned in _articles():
        removed = _removed_lines(text, cleaned)
        for item in gold["removed"]:
            line = item["text"].strip()
            if line not in text:
                continue
            if any(line in span for span in removed):
                found += 1
            else:
                missed.append((item["kind"], line))
    recall = found / (found + len(missed))
    assert recall >= RECALL_FLOOR, f"recall {recall:.3f}; missed: {missed}"


def test_demo_furniture_removal_never_touches_a_quote() -> None:
    """No removed line overlaps the content of any gold quote."""
    touched = []
    for gold, text, cleaned in _articles():
        spans = [(item.start, item.end) for item in cleaned.removed if item.kind != "blank"]
        for quote in gold["quotes"]:
            content = quote["content"]
            for piece in content if isinstance(content, list) else [content]:
                for match in re.finditer(re.escape(piece), text):
                    if any(start < match.end() and match.start() < end for start, end in spans):
                        touched.append((gold["file"], piece))
    assert touched == []
