"""Loading the modules of training/, which are scripts importing one another by bare name."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

TRAINING = Path(__file__).resolve().parents[2] / "training"


def training_module(name: str) -> ModuleType:
    """The module ``name`` of training/, imported as the training command imports it."""
    if str(TRAINING) not in sys.path:
        sys.path.insert(0, str(TRAINING))
    return importlib.import_module(name)
