"""Opening graphs (files, build folders, oxigraph:DIR), loading a build into Oxigraph, fast serialization."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, RDF, XSD

from kg.export import write_all
from kg.namespace import JY
from kg.query import load_query, run_query
from kg.store import StoreError, infer_closure, load_dataset, open_graph, open_oxigraph, write_fast


def lower_lang(g: Graph) -> Graph:
    """``g`` with language tags lower-cased: Oxigraph normalizes them (zh-Hant → zh-hant), which
    RDF allows (tags are case-insensitive) but rdflib's isomorphism hash does not ignore."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add((s, p, o))
    return out


def _triples(g: Graph) -> set:
    if isinstance(g, Dataset):
        return {(s, p, o) for s, p, o, _ in g.quads((None, None, None, None))}
    return set(g)


def test_open_graph_specs(seeds_build, seeds_union) -> None:
    out, _ = seeds_build
    n = len(seeds_union)
    assert n > 1000
    for spec in (out, out / "graph.trig", out / "graph.nt", out / "graph.jsonld"):
        g = open_graph(spec)
        assert len(_triples(g)) == n, spec
    assert isinstance(open_graph(out), Dataset)  # a build folder opens its TriG: graph per article
    with pytest.raises(StoreError, match="no such file"):
        open_graph(out / "missing.ttl")
    with pytest.raises(StoreError, match="unknown RDF format"):
        open_graph(out / "tables" / "people.csv")
    with pytest.raises(StoreError, match="no Oxigraph store"):
        open_graph(f"oxigraph:{out / 'no-store'}")


@pytest.fixture(scope="module")
def oxigraph_store(tmp_path_factory, seeds_dataset, seeds_union) -> str:
    """The seeds' build written by write_all with --store oxigraph:DIR (twice: idempotent)."""
    out = tmp_path_factory.mktemp("store-build")
    spec = f"oxigraph:{out / 'store'}"
    write_all(seeds_dataset, seeds_union, out, store=spec)
    write_all(seeds_dataset, seeds_union, out, store=spec)
    return spec


def test_build_into_oxigraph_store(oxigraph_store, seeds_dataset) -> None:
    store = open_oxigraph(oxigraph_store, read_only=True)
    quads = {(q.subject, q.predicate, q.object, q.graph_name) for q in store.quads_for_pattern(None, None, None)}
    expected = sum(1 for _ in seeds_dataset.quads((None, None, None, None)))
    # blank nodes (the ontology's class unions) are re-labelled per load, so compare counts
    assert len(quads) == expected
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {str(c.identifier) for c in seeds_dataset.graphs() if len(c)} - {
        "urn:x-rdflib:default"}


def test_load_replaces_graphs(tmp_path: Path, seeds_dataset) -> None:
    store = open_oxigraph(f"oxigraph:{tmp_path / 's'}")
    names = load_dataset(seeds_dataset, store)
    n = len(store)
    assert len(load_dataset(seeds_dataset, store)) == len(names)
    assert len(store) == n


def test_canned_queries_same_rows_in_oxigraph(oxigraph_store, seeds_dataset, canned_params) -> None:
    g = open_graph(oxigraph_store)
    raw = open_oxigraph(oxigraph_store, read_only=True)
    for name, params in canned_params:
        spec = load_query(name)
        local = run_query(seeds_dataset, spec, params)
        assert run_query(g, spec, params) == local, (name, params)
        assert run_query(raw, spec, params) == local, (name, params)
        assert run_query(g, spec, params).columns == local.columns
    assert sum(len(run_query(g, load_query(n), p)) for n, p in canned_params) > 100


def test_injection_cannot_touch_the_store(oxigraph_store) -> None:
    raw = open_oxigraph(oxigraph_store, read_only=True)
    before = len(raw)
    assert run_query(raw, load_query("chaired-meetings"), {"person": 'x" } ; DROP ALL ; #'}) == []
    assert run_query(raw, load_query("evidence"), {"subject": "urn:x"}) == []
    assert len(raw) == before


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt"])
def test_write_fast_is_isomorphic(tmp_path: Path, seeds_dataset, seeds_union, fmt: str) -> None:
    path = tmp_path / f"g.{fmt}"
    write_fast(seeds_dataset if fmt == "trig" else seeds_union, path, fmt)
    if fmt == "trig":
        back = Dataset()
        back.parse(path, format="trig")
        assert {str(c.identifier) for c in back.graphs() if len(c)} == \
            {str(c.identifier) for c in seeds_dataset.graphs() if len(c)}
        merged = Graph()
        for s, p, o, _ in back.quads((None, None, None, None)):
            merged.add((s, p, o))
        assert isomorphic(lower_lang(merged), lower_lang(seeds_union))
    else:
        assert isomorphic(lower_lang(Graph().parse(path, format=fmt)), lower_lang(seeds_union))


def test_infer_closure_adds_aligned_terms(seeds_union) -> None:
    from rdflib import Namespace

    schema, org = Namespace("https://schema.org/"), Namespace("http://www.w3.org/ns/org#")
    assert not any(seeds_union.triples((None, schema.attendee, None)))
    for semantics in ("rdfs",):  # owlrl: tests/test_query.py::test_infer_aligned_terms
        closed = infer_closure(seeds_union, semantics)
        chairs = set(seeds_union.subject_objects(JY.chair))
        assert chairs <= set(closed.subject_objects(schema.attendee))
        assert set(seeds_union.subject_objects(JY.holdsPost)) <= set(closed.subject_objects(org.holds))
        assert (next(seeds_union.subjects(RDF.type, JY.Person)), RDF.type, FOAF.Person) in closed
    with pytest.raises(StoreError):
        infer_closure(seeds_union, "magic")


def test_inference_leaves_rdflib_literal_parsing_alone():
    """owlrl swaps rdflib's converters globally; a month-day date must stay well-typed after --infer."""
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    from kg.store import infer_closure

    infer_closure(Graph(), "owlrl")
    assert not Literal("--10-18", datatype=XSD.gMonthDay).ill_typed


@pytest.mark.parametrize("term", [
    Literal("市长", lang="zh"), Literal("市長", lang="zh-hant"), Literal("plain"), Literal("a\nb\"c"),
    Literal("2024-05-01", datatype=XSD.date), Literal("--05-01", datatype=XSD.gMonthDay), Literal(3),
    Literal("true", datatype=XSD.boolean), Literal("x", datatype=XSD.anyURI),
    URIRef("https://w3id.org/jiyao/id/person/ab12"), URIRef("http://example.org/é?q=1#f"), BNode("b0"),
], ids=repr)
def test_from_ox_builds_the_terms_rdflib_builds(term) -> None:
    """Oxigraph → rdflib terms are built without rdflib's constructors (query rows): they must
    be the very terms rdflib builds — equal, same hash, same slots, same N3, pickle round-trip."""
    import pickle

    from kg.store import from_ox, rows_from_ox, to_ox

    # what rdflib's parsers build for the term's lexical form
    expected = Literal(str(term), lang=term.language, datatype=term.datatype) if isinstance(term, Literal) else term
    got = from_ox(to_ox(term))
    assert type(got) is type(expected) and got == expected and hash(got) == hash(expected)
    assert got.n3() == expected.n3() and repr(got) == repr(expected)
    if isinstance(expected, Literal):
        assert (got.language, got.datatype, got.value, got.ill_typed) == \
            (expected.language, expected.datatype, expected.value, expected.ill_typed)
        assert got.eq(expected) and not got.neq(expected)
    assert pickle.loads(pickle.dumps(got)) == expected
    assert rows_from_ox([[to_ox(term), None, to_ox(term)]]) == [(expected, None, expected)]
