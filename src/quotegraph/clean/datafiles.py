"""Reading the word lists and patterns that cleaning uses from package data.

Patterns live in ``quotegraph/data/*.toml`` so that they can be read, reviewed
and extended without touching the logic that applies them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any


def read_toml(name: str) -> dict[str, Any]:
    """The parsed contents of a TOML file in ``quotegraph/data``."""
    with resources.files("quotegraph").joinpath("data", name).open("rb") as handle:
        return tomllib.load(handle)


def alternation(words: Iterable[str]) -> str:
    """A regular expression that matches any of ``words`` literally.

    Longer words come first so that "Share this article" wins over "Share";
    a space matches any run of whitespace.
    """
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
