"""The user's alias file: names that must be one actor, and names that must not join it.

An alias file is TOML or CSV. In TOML, one table per actor::

    [[actor]]
    name = "Maria Okonjo-Vale"          # the canonical name
    aliases = ["Okonjo-Vale", "Maria Okonjo Vale"]
    type = "person"                    # person or organisation (optional)
    id = "Q00000000"                   # an external id, e.g. Wikidata (optional)
    not = ["Okonjo"]                   # names that must never join this actor (optional)

In CSV, a header ``name,aliases,type,id,not`` with ``|`` between the names of
one cell. Every name listed under an actor is forced into it, whatever the
automatic rules say; a name under ``not`` is kept out of it. Parsing is pure:
the text is what the store keeps, so a later corpus step reads the same file.
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from pathlib import Path

from quotegraph.errors import UsageError
from quotegraph.records import ActorType

__all__ = ["AliasBook", "AliasEntry", "parse_aliases", "read_alias_file"]

ACTOR_TYPES = ("person", "organisation")


@dataclass(frozen=True, slots=True, kw_only=True)
class AliasEntry:
    """One actor of the alias file."""

    name: str
    aliases: tuple[str, ...] = ()
    type: ActorType | None = None
    external_id: str | None = None
    not_aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class AliasBook:
    """Every entry of an alias file, with the text and format it was read from."""

    entries: tuple[AliasEntry, ...] = ()
    text: str = ""
    format: str = ""

    def __bool__(self) -> bool:
        return bool(self.entries)


def read_alias_file(path: str | Path) -> AliasBook:
    """Read and parse an alias file; its format comes from its suffix (.toml or .csv)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the alias file ({exc.strerror})") from exc
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("toml", "csv"):
        raise UsageError(f"{path}: an alias file ends in .toml or .csv")
    return parse_aliases(text, suffix, where=str(path))


def parse_aliases(text: str, format: str, *, where: str = "alias file") -> AliasBook:
    """Parse the text of an alias file in ``format`` ("toml" or "csv")."""
    if format == "toml":
        entries = _from_toml(text, where)
    elif format == "csv":
        entries = _from_csv(text, where)
    else:
        raise UsageError(f"{where}: unknown alias format {format!r}; use toml or csv")
    return AliasBook(tuple(entries), text, format)


def _entry(
    where: str, name: object, aliases: list[str], kind: object, ident: object, nots: list[str]
) -> AliasEntry:
    if not isinstance(name, str) or not name.strip():
        raise UsageError(f"{where}: every actor needs a name")
    if kind in ("", None):
        kind = None
    elif kind not in ACTOR_TYPES:
        raise UsageError(f"{where}: {name}: type must be person or organisation, not {kind!r}")
    return AliasEntry(
        name=name.strip(),
        aliases=tuple(a.strip() for a in aliases if a.strip()),
        type=kind,  # type: ignore[arg-type]
        external_id=str(ident).strip() or None if ident not in (None, "") else None,
        not_aliases=tuple(a.strip() for a in nots if a.strip()),
    )


def _from_toml(text: str, where: str) -> list[AliasEntry]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{where}: not valid TOML ({exc})") from exc
    tables = data.get("actor", [])
    if not isinstance(tables, list):
        raise UsageError(f"{where}: write each actor as an [[actor]] table")
    entries = []
    for table in tables:
        aliases = table.get("aliases", [])
        nots = table.get("not", [])
        if not isinstance(aliases, list) or not isinstance(nots, list):
            raise UsageError(f"{where}: aliases and not are lists of names")
        entries.append(
            _entry(where, table.get("name"), aliases, table.get("type"), table.get("id"), nots)
        )
    return entries


def _from_csv(text: str, where: str) -> list[AliasEntry]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "name" not in reader.fieldnames:
        raise UsageError(f"{where}: the CSV needs a header with at least a name column")
    entries = []
    for row in reader:
        entries.append(
            _entry(
                where,
                row.get("name"),
                (row.get("aliases") or "").split("|"),
                (row.get("type") or "").strip(),
                (row.get("id") or "").strip(),
                (row.get("not") or "").split("|"),
            )
        )
    return entries
