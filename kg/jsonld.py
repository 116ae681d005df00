"""JSON-LD with the published jiyao ``@context`` (``kg/context.jsonld``)."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

__all__ = ["CONTEXT_PATH", "context", "write_jsonld"]

CONTEXT_PATH = Path(__file__).parent / "context.jsonld"


def context() -> dict:
    return json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]


def write_jsonld(graph: Graph, path: Path) -> None:
    data = graph.serialize(format="json-ld", context=context(), auto_compact=True, sort_keys=True, indent=1,
                           ensure_ascii=False)
    path.write_text(data, encoding="utf-8")
