"""Writing a store out for other tools: one module per format, each a function over a Store.

Every exporter writes to an open text stream and returns how many lines or
rows it wrote (without a header).
"""

from quotegraph.export.attribution import export_attribution_jsonl
from quotegraph.export.csv import export_csv
from quotegraph.export.jsonl import export_jsonl

__all__ = ["export_attribution_jsonl", "export_csv", "export_jsonl"]
