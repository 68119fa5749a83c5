"""Predictions in the attribution scorer's JSONL format, for ``quotegraph eval``.

One line per article: ``{"doc": <document name>, "quotes": [{"content":
[[s, e], ...], "cue": [s, e] | null, "source": [s, e] | null, "kind": ...}]}``,
the format read by the PolNeAR scorer (``shared/bench/score_attribution.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import PurePosixPath, PureWindowsPath
from typing import TextIO
from urllib.parse import urlsplit

from quotegraph.records import Quote
from quotegraph.store import Store

# A record inside a multi-document file is named "path:LINE".
_RECORD_IN_FILE = re.compile(r"^(?P<path>.+):(?P<line>\d+)$")


def export_attribution_jsonl(store: Store, out: TextIO) -> int:
    """Write one prediction line per stored article, rejected quotes left out; return how many."""
    count = 0
    for article_id, analysis in store.iter_analyses():
        name = document_name(analysis.meta.source) or article_id
        kept = {row.content for row in store.article_quotes(article_id)}
        quotes = [quote for quote in analysis.quotes if quote.content in kept]
        out.write(json.dumps(attribution_record(name, quotes)) + "\n")
        count += 1
    return count


def attribution_record(name: str, quotes: Iterable[Quote]) -> dict[str, object]:
    """One prediction line: a multi-paragraph quote is one attribution, as annotators mark it."""
    # Imported here: the quotes package loads spaCy, which reading a store does not need.
    from quotegraph.quotes import join_continuations

    return {
        "doc": name,
        "quotes": [
            {
                "content": [list(span) for span in quote.content],
                "cue": list(quote.cue) if quote.cue else None,
                "source": list(quote.source) if quote.source else None,
                "kind": quote.kind,
            }
            for quote in join_continuations(quotes)
        ],
    }


def document_name(source: str) -> str:
    """The scorer's name for a document: the file stem, no folders, no extension.

    ``corpus/nyt_2016-09-08_obama.txt`` is ``nyt_2016-09-08_obama``; a record of
    a JSONL file, ``dumps/crawl.jsonl:12``, is ``crawl:12``; a URL is named by
    the last segment of its path.
    """
    if "://" in source:
        return _stem(urlsplit(source).path.rstrip("/"))
    record = _RECORD_IN_FILE.match(source)
    if record:
        return f"{_stem(record['path'])}:{record['line']}"
    return _stem(source)


def _stem(path: str) -> str:
    """The file name without its extension, whichever separator the path uses."""
    return PureWindowsPath(PurePosixPath(path).name).stem
