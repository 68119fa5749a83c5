"""Acronyms of organisation names: what looks like one, and which name it stands for.

An acronym joins a full name when the text defines it there ("the Coastal
Farmers Alliance (CFA)") or writes both for one entity. Shared by the linking
inside an article (:mod:`.coref`) and across articles (:mod:`.across`); plain
text only, so the corpus step runs without spaCy.
"""

from __future__ import annotations

import functools
import re

from quotegraph.actors.lexicon import org_words

__all__ = [
    "PARENTHESISED",
    "acronym_of",
    "acronyms_beside",
    "could_stand_for",
    "defined_beside",
    "initials",
    "is_acronym",
]

ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
PARENTHESISED = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")
# A definition written right after a name: "Coastal Farmers Alliance (CFA)".
_DEFINITION_AFTER = re.compile(r"[ \t]*\(([A-Z][A-Z&]{1,7})\)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def is_acronym(name: str) -> bool:
    """Whether a name is one word of capitals ("CFA", "the NFA", "H&S"), as acronyms are."""
    words = name.translate(_APOSTROPHES).split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return len(words) == 1 and bool(ACRONYM.match(words[0]))


def acronym_of(name: str) -> str:
    """The acronym a name writes, without a leading "the": "the CFA" gives "CFA"."""
    acronym = name.translate(_APOSTROPHES).removeprefix("the ").strip().upper()
    return acronym.removeprefix("THE ").strip()


@functools.lru_cache(maxsize=100_000)
def initials(name: str) -> str:
    """The capitals an acronym of this name would have ("Health and Care Workers' Union": HCWU)."""
    skip = org_words().acronym_skip
    name = PARENTHESISED.sub("", name.translate(_APOSTROPHES))
    return "".join(
        word[0].upper()
        for word in re.findall(r"[\w-]+", name)
        if word.casefold() not in skip and word[0].isalpha()
    )


def could_stand_for(acronym: str, name: str) -> bool:
    """Whether an acronym written beside a name can be its own: they begin with one letter.

    Loose on purpose, since acronyms drop and keep words freely ("Organisation
    for Economic Co-operation and Development (OECD)"), but it keeps a country
    or a note in brackets ("the Harbour Trust (UK)") from becoming a name.
    """
    letters = initials(name)
    return bool(letters) and acronym[:1] == letters[:1]


def acronyms_beside(name: str, forms: tuple[str, ...] = ()) -> set[str]:
    """Acronyms defined inside a name or its forms, or written as one of its forms.

    ``forms`` are the texts of an entity's name mentions: "CFA" among the forms
    of "Coastal Farmers Alliance" is its acronym.
    """
    found = set(PARENTHESISED.findall(name))
    for form in forms:
        found.update(PARENTHESISED.findall(form))
        if is_acronym(form) and could_stand_for(form.split()[-1], name):
            found.add(form.split()[-1])
    return found


def defined_beside(text: str, start: int, end: int) -> list[str]:
    """The acronyms a text defines for the name at ``text[start:end]``.

    A definition is in brackets right after the name, or inside the span of a
    name that took it in ("Coastal Farmers Alliance (CFA)" either way).
    """
    name = text[start:end]
    written = PARENTHESISED.findall(name)
    after = _DEFINITION_AFTER.match(text, end)
    if after is not None:
        written.append(after.group(1))
    return [acronym for acronym in written if could_stand_for(acronym, name)]
