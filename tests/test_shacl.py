"""The compiled SHACL checker (kg/shacl.py) finds the same violations as pySHACL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD

from kg.fastgraph import TripleIndex
from kg.graph import nt_term
from kg.namespace import JY
from kg.shacl import Unsupported, check, compile_shapes
from kg.validate import shapes


@pytest.fixture(scope="module")
def seeds_graph(seeds_build) -> Graph:
    out, _ = seeds_build
    return Graph().parse(out / "graph.nt", format="nt")


def _first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


def _set(g: Graph, s, p, o) -> None:  # noqa: ANN001
    g.remove((s, p, None))
    g.add((s, p, o))


# each mutation breaks the graph in one way the shapes forbid (or, for the last ones, in a way they allow)
MUTATIONS: dict[str, Callable[[Graph], None]] = {
    "person without label": lambda g: g.remove((_first(g, JY.Person), RDFS.label, None)),
    "two source files": lambda g: g.add((_first(g, JY.Article), JY.sourceFile, Literal("other.txt"))),
    "start as text": lambda g: _set(g, _first(g, JY.Evidence), JY.start, Literal("12")),
    "negative offsets": lambda g: (_set(g, _first(g, JY.Evidence), JY.start, Literal(-5)),
                                   _set(g, _first(g, JY.Evidence), JY.end, Literal(-1))),
    "end before start": lambda g: _set(g, _first(g, JY.Evidence), JY.end, Literal(0)),
    "ill-typed integer": lambda g: _set(g, _first(g, JY.Article), JY.articleIndex,
                                        Literal("abc", datatype=XSD.integer)),
    "chair is a literal": lambda g: g.add((_first(g, JY.Meeting), JY.chair, Literal("someone"))),
    "chair is untyped": lambda g: g.add((_first(g, JY.Meeting), JY.chair, URIRef("https://example.org/x"))),
    "chair is a blank node person": lambda g: (g.add((_first(g, JY.Meeting), JY.chair, BNode("p"))),
                                               g.add((BNode("p"), RDF.type, JY.Person)),
                                               g.add((BNode("p"), RDFS.label, Literal("某", lang="zh")))),
    "meeting label in English": lambda g: _set(g, _first(g, JY.Meeting), RDFS.label, Literal("x", lang="en")),
    "date as a string": lambda g: _set(g, _first(g, JY.Meeting), JY.date, Literal("2023-01-01")),
    "unknown derivation": lambda g: _set(g, _first(g, JY.Meeting), JY.dateDerivation, Literal("guessed")),
    "empty person label": lambda g: _set(g, _first(g, JY.Person), RDFS.label, Literal("", lang="zh")),
    "two zh preflabels": lambda g: g.add((_first(g, JY.Theme), SKOS.prefLabel, Literal("又一个", lang="zh"))),
    "discovered as text": lambda g: g.add((_first(g, JY.Theme), JY.discovered, Literal("yes"))),
    "holding without post": lambda g: g.remove((_first(g, JY.PostHolding), JY.post, None)),
    "kind not a kind": lambda g: _set(g, _first(g, JY.Meeting), JY.kind, _first(g, JY.Person)),
    "subclass instance without label": lambda g: (g.add((URIRef("https://example.org/Sub"), RDFS.subClassOf, JY.Person)),
                                            g.add((URIRef("https://example.org/p"), RDF.type,
                                                   URIRef("https://example.org/Sub")))),
    "traditional alt label is fine": lambda g: g.add((_first(g, JY.Person), SKOS.altLabel,
                                                       Literal("張三", lang="zh-hant"))),
}


def _pyshacl(g: Graph) -> set[tuple]:
    from pyshacl import validate

    _, results, _ = validate(g, shacl_graph=shapes(), inference="none", advanced=False, allow_warnings=True)
    return {(f, results.value(r, SH.resultPath)) for r in results.subjects(RDF.type, SH.ValidationResult)
            for f in results.objects(r, SH.focusNode)}


def _compiled(g: Graph, index: bool) -> set[tuple]:
    data = TripleIndex([tuple(nt_term(t) for t in triple) for triple in g]) if index else g
    return {(v.focus, v.path) for v in check(data, compile_shapes(shapes()))}


def test_the_seeds_conform(seeds_graph: Graph) -> None:
    assert _compiled(seeds_graph, index=True) == set() == _pyshacl(seeds_graph)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_same_violations_as_pyshacl(seeds_graph: Graph, name: str) -> None:
    g = Graph()
    for t in seeds_graph:
        g.add(t)
    MUTATIONS[name](g)
    want = _pyshacl(g)
    if "is fine" in name:
        assert want == set()
    else:
        assert want, "the mutation should break a shape"
    assert _compiled(g, index=False) == want
    assert _compiled(g, index=True) == want


@pytest.mark.parametrize("extra", [
    "jys:X a sh:NodeShape ; sh:targetNode jy:Thing ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .",
    "jys:X a sh:NodeShape ; sh:targetClass jy:Person ; sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .",
    "jys:X a sh:NodeShape ; sh:targetClass jy:Person ; sh:property [ sh:path [ sh:inversePath jy:chair ] ] .",
    "jys:X a sh:NodeShape ; sh:targetClass jy:Person ; sh:closed true .",
])
def test_unsupported_features_are_refused(extra: str) -> None:
    g = Graph()
    g.parse(data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix jys: <https://w3id.org/jiyao/shapes#> . "
                 "@prefix jy: <https://w3id.org/jiyao/ontology#> . "
                 "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . " + extra, format="turtle")
    with pytest.raises(Unsupported):
        compile_shapes(g)
