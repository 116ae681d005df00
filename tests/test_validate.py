"""Batched SHACL validation (kg/validate.py) gives the same verdict as validating the whole graph."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.namespace import JY
from kg.validate import ValidationError, batch_shapes, batchable, shapes, subject_batches, validate


def _copy(g: Graph) -> Graph:
    c = Graph()
    for t in g:
        c.add(t)
    return c


def _whole(g: Graph) -> str | None:
    try:
        validate(g, threshold=10**12)
    except ValidationError as e:
        return str(e)
    return None


def _batched(g: Graph, workers: int) -> str | None:
    # batches of ~300 triples: the seeds' graph is cut into many batches
    try:
        validate(g, threshold=0, batch_triples=300, workers=workers)
    except ValidationError as e:
        return str(e)
    return None


def _first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef))[0]


def test_shapes_are_batchable():
    assert batchable(shapes())
    odd = _copy(shapes())
    odd.add((URIRef("urn:x:shape"), SH.targetSubjectsOf, JY.chair))
    assert not batchable(odd)


def test_batches_partition_the_subjects(seeds_union):
    batches = subject_batches(seeds_union, batch_triples=300)
    assert len(batches) > 5
    flat = [s for b in batches for s in b]
    assert len(flat) == len(set(flat)) == len(set(seeds_union.subjects()))


def test_batch_shapes_target_exactly_the_batch(seeds_union):
    subclass = list(seeds_union.triples((None, RDFS.subClassOf, None)))
    batch = subject_batches(seeds_union, batch_triples=300)[1]
    sg = batch_shapes(seeds_union, batch, subclass)
    targets = set(sg.objects(None, SH.targetNode))
    assert not list(sg.triples((None, SH.targetClass, None)))
    typed = {s for s in batch if set(seeds_union.objects(s, RDF.type)) & {JY.Article, JY.Meeting, JY.Person,
                                                                           JY.Evidence, JY.PostHolding, JY.Post}}
    assert typed and typed <= targets <= set(batch)


@pytest.mark.parametrize("workers", [1, 2])
def test_conforming_build_conforms_both_ways(seeds_union, workers):
    assert _whole(seeds_union) is None
    assert _batched(seeds_union, workers) is None


def _inject(g: Graph, how: str) -> tuple[Graph, URIRef]:
    bad = _copy(g)
    if how == "maxCount":  # a second jy:sourceFile on one article
        node = _first(g, JY.Article)
        bad.add((node, JY.sourceFile, Literal("another.txt")))
    elif how == "class":  # a chair that is not a jy:Person
        node = _first(g, JY.Meeting)
        bad.add((node, JY.chair, URIRef("urn:x:not-a-person")))
    elif how == "nodeKind":  # a blank-node person
        node = BNode("p1")
        bad.add((node, RDF.type, JY.Person))
        bad.add((node, RDFS.label, Literal("某", lang="zh")))
    else:  # a conflict with a holding of another article that lost its type
        holdings = sorted(g.subjects(RDF.type, JY.PostHolding))
        node, other = holdings[0], holdings[-1]
        bad.remove((other, RDF.type, JY.PostHolding))
        bad.add((node, JY.conflictsWith, other))
    return bad, node


@pytest.mark.parametrize("how", ["maxCount", "class", "nodeKind", "conflict"])
def test_injected_violation_found_both_ways(seeds_union, how):
    bad, node = _inject(seeds_union, how)
    whole = _whole(bad)
    assert whole is not None
    for workers in (1, 2):
        batched = _batched(bad, workers)
        assert batched is not None
        if isinstance(node, URIRef):
            assert f"<{node}>" in whole and f"<{node}>" in batched
