"""Naming and loading spaCy pipelines."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quotegraph.errors import ModelError
from quotegraph.nlp import installed_pipeline_label, pipeline_label
from quotegraph.settings import DEFAULT_PIPELINE


def test_the_label_read_without_loading_is_the_loaded_pipeline_s(nlp: Language) -> None:
    """A run's main process names the pipeline its workers load, from the package's meta.json."""
    assert installed_pipeline_label(DEFAULT_PIPELINE) == pipeline_label(nlp)


def test_a_pipeline_that_is_not_installed_is_a_model_error_naming_it() -> None:
    """The error names the missing pipeline and what is installed instead."""
    with pytest.raises(ModelError, match=r"'xx_no_such_pipeline' is not installed \(installed: "):
        installed_pipeline_label("xx_no_such_pipeline")
