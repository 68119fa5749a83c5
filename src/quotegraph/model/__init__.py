"""The learned attribution tagger: source, cue and content spans from a fine-tuned encoder.

Inference needs only ``onnxruntime`` and ``tokenizers``; the model is built by
``training/train_attribution.py`` and shipped in ``quotegraph/data/model``.
"""

from quotegraph.model.labels import LABELS, ROLES, Role
from quotegraph.model.link import TaggedAttribution, link
from quotegraph.model.spans import RoleSpan
from quotegraph.model.tagger import AttributionTagger

__all__ = [
    "LABELS",
    "ROLES",
    "AttributionTagger",
    "Role",
    "RoleSpan",
    "TaggedAttribution",
    "link",
]
