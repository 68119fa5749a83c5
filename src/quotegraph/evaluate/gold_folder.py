"""Reading a gold folder in the PolNeAR layout.

::

    <folder>/text/<stem>.txt                       the article, UTF-8
    <folder>/attributions/<stem>_<annotator>.ann   brat standoff, one per annotator

A document with several annotators is scored on one annotation: the one named
by ``annotator`` when that annotator did the document, else the smallest
annotator id, so that scores are deterministic.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from pathlib import Path

from quotegraph.errors import GoldError
from quotegraph.evaluate.brat import parse_attributions
from quotegraph.evaluate.gold import GoldAttribution, GoldDocument
from quotegraph.evaluate.spans import visible_chars

logger = logging.getLogger(__name__)

ANN_NAME = re.compile(r"^(.*)_([^_]+)\.ann$")
LAYOUT = "text/<stem>.txt and attributions/<stem>_<annotator>.ann (the PolNeAR layout)"


def read_gold(folder: Path, *, annotator: str | None = None) -> list[GoldDocument]:
    """Every document of a gold folder, sorted by stem, with its attributions.

    An attribution whose content covers the same characters as an earlier one
    of the same document is a duplicate and is left out; a text without any
    ``.ann`` file is a document without attributions.
    """
    texts, annotations = folder / "text", folder / "attributions"
    for needed in (texts, annotations):
        if not needed.is_dir():
            raise GoldError(f"{folder}: {needed.name}/ is missing; a gold folder holds {LAYOUT}")
    stems = sorted(path.name[: -len(".txt")] for path in texts.glob("*.txt"))
    if not stems:
        raise GoldError(f"{texts}: no .txt files; a gold folder holds {LAYOUT}")
    choices = annotation_files(annotations, set(stems))
    documents = []
    for stem in stems:
        text = _read(texts / f"{stem}.txt")
        by_annotator = choices.get(stem, {})
        if not by_annotator:
            logger.warning(
                "%s: no .ann file in %s; scored as a document without attributions",
                stem,
                annotations,
            )
            documents.append(GoldDocument(stem, text, ()))
            continue
        chosen = annotator if annotator in by_annotator else min(by_annotator)
        documents.append(GoldDocument(stem, text, _attributions(by_annotator[chosen], text)))
    return documents


def annotation_files(folder: Path, stems: set[str]) -> dict[str, dict[str, Path]]:
    """The ``.ann`` files of each stem, by annotator id (``""`` for a bare ``<stem>.ann``)."""
    choices: dict[str, dict[str, Path]] = defaultdict(dict)
    for path in sorted(folder.glob("*.ann")):
        named = ANN_NAME.match(path.name)
        if named and named.group(1) in stems:
            choices[named.group(1)][named.group(2)] = path
        elif path.stem in stems:
            choices[path.stem][""] = path
        else:
            logger.warning("%s: no text file for this annotation; ignored", path)
    return choices


def _attributions(path: Path, text: str) -> tuple[GoldAttribution, ...]:
    kept: list[GoldAttribution] = []
    seen: set[frozenset[int]] = set()
    for attribution in parse_attributions(_read(path), str(path)):
        for fragments in (attribution.content, attribution.cue, attribution.source):
            if fragments and fragments[-1][1] > len(text):
                raise GoldError(
                    f"{path}: offset {fragments[-1][1]} is beyond the {len(text)} characters of "
                    "its text; offsets count characters of the .txt file read as UTF-8"
                )
        content = visible_chars(text, attribution.content)
        if content in seen:
            logger.info("%s: duplicate attribution %s skipped", path, attribution.content)
            continue
        seen.add(content)
        kept.append(attribution)
    return tuple(kept)


def _read(path: Path) -> str:
    """The file's text exactly as stored: offsets count its characters, newlines included."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as error:
        raise GoldError(
            f"{path}: not UTF-8 ({error.reason} at byte {error.start}); gold files must be UTF-8"
        ) from None
    except OSError as error:
        raise GoldError(f"{path}: cannot be read ({error.strerror})") from None
