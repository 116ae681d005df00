"""SHACL validation of a build with pySHACL against ``ontology/shapes.ttl``."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from .nlp.lexicons import ONTOLOGY_DIR

__all__ = ["ValidationError", "validate", "shapes"]


class ValidationError(Exception):
    """The graph violates the shapes; the message lists each focus node and what is wrong."""


@lru_cache(maxsize=1)
def shapes() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    return g


def validate(data: Graph, max_lines: int = 40) -> None:
    """Raise :class:`ValidationError` unless ``data`` conforms to the shapes."""
    from pyshacl import validate as shacl_validate

    conforms, _, text = shacl_validate(data, shacl_graph=shapes(), inference="none", advanced=False,
                                       allow_warnings=True)
    if not conforms:
        lines = [line for line in text.splitlines() if line.strip()]
        focus = [line.strip() for line in lines if "Focus Node" in line or "Message" in line or "Result Path" in line]
        raise ValidationError("SHACL violations:\n" + "\n".join((focus or lines)[:max_lines]))
