"""Reading attributions out of one brat standoff ``.ann`` file (the PolNeAR scheme).

Only offsets are used. An attribution is an ``E`` line whose arguments point
at ``T`` lines: its content, cue and source are the unions of the fragments of
the ``T`` lines playing that role (``Content2`` plays ``Content``). The cue
falls back to the trigger (the ``Attribution`` or ``Attribution-no-source``
argument) when there is no ``Cue``; an ``E`` line without content is a brat
left-over and yields nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from quotegraph.errors import GoldError
from quotegraph.evaluate.gold import GoldAttribution
from quotegraph.records import Fragments, Span, merge_fragments

logger = logging.getLogger(__name__)

ID_LINE = re.compile(r"^([TERAMN#*])(\d*)\t")
"""A line that starts an annotation; any other line continues a multi-line ``T`` text."""

ROLE_NUMBER = re.compile(r"\d+$")
TRIGGER_ROLE = "Attribution"
T_LINE_LAYOUT = "expected 'T<n><TAB><Type> <start> <end>[;<start> <end>...]<TAB><text>'"


@dataclass(frozen=True, slots=True)
class _Event:
    ident: str
    arguments: tuple[tuple[str, str], ...]


def parse_attributions(ann: str, where: str) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` text, in the order of their ``E`` lines.

    ``where`` names the file in error messages.
    """
    bounds: dict[str, Fragments] = {}
    events: list[_Event] = []
    for number, line in enumerate(ann.splitlines(), 1):
        found = ID_LINE.match(line)
        if found is None:
            continue
        if found.group(1) == "T":
            ident, fragments = _text_bound(line, f"{where}:{number}")
            bounds[ident] = fragments
        elif found.group(1) == "E":
            events.append(_event(line))
    attributions = (_resolve(event, bounds, where) for event in events)
    return [attribution for attribution in attributions if attribution is not None]


def _text_bound(line: str, where: str) -> tuple[str, Fragments]:
    fields = line.split("\t")
    head = fields[1].strip().split(None, 1)
    if len(head) != 2:
        raise GoldError(f"{where}: malformed T line; {T_LINE_LAYOUT}")
    fragments: list[Span] = []
    for part in head[1].split(";"):
        numbers = part.split()
        try:
            start, end = (int(number) for number in numbers)
        except ValueError:
            raise GoldError(f"{where}: bad offsets {head[1]!r}; {T_LINE_LAYOUT}") from None
        if end > start:
            fragments.append((start, end))
    return fields[0], merge_fragments(fragments)


def _event(line: str) -> _Event:
    ident, arguments = line.split("\t")[:2]
    return _Event(
        ident,
        tuple(
            (ROLE_NUMBER.sub("", role), ref)
            for role, _, ref in (
                token.partition(":") for token in arguments.split() if ":" in token
            )
        ),
    )


def _resolve(event: _Event, bounds: dict[str, Fragments], where: str) -> GoldAttribution | None:
    roles: dict[str, list[Span]] = {"Content": [], "Cue": [], "Source": []}
    trigger: list[Span] = []
    for position, (role, ref) in enumerate(event.arguments):
        if ref not in bounds:
            logger.warning(
                "%s: %s refers to %s, which is not defined; argument ignored",
                where,
                event.ident,
                ref,
            )
            continue
        if position == 0 and role.startswith(TRIGGER_ROLE):
            trigger.extend(bounds[ref])
        elif role in roles:
            roles[role].extend(bounds[ref])
    if not roles["Content"]:
        return None
    return GoldAttribution(
        content=merge_fragments(roles["Content"]),
        cue=merge_fragments(roles["Cue"] or trigger),
        source=merge_fragments(roles["Source"]),
    )
