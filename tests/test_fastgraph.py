"""The large-build graph stage (kg/fastgraph.py) gives the same graph and files as the small one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.namespace import JY
from rdflib.compare import to_isomorphic

from kg.fastgraph import TripleIndex, term
from kg.graph import _lit, nt_term

from conftest import SEEDS


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory, nlp):
    """The seeds built twice in a row: the small path and the large path forced (same code, same inputs)."""
    from kg.pipeline import BuildOptions, run

    small = tmp_path_factory.mktemp("small")
    fast = tmp_path_factory.mktemp("fast")
    r1 = run(BuildOptions(inputs=[SEEDS], out=small, progress=False, cache=False, fast=False))
    r2 = run(BuildOptions(inputs=[SEEDS], out=fast, progress=False, cache=False, fast=True, graph_workers=1))
    assert not r1.problems and not r2.problems
    return small, fast, r1, r2


@pytest.mark.parametrize("name, fmt", [("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")])
def test_rdf_exports_are_isomorphic(both_builds, name: str, fmt: str) -> None:
    small, fast, r1, r2 = both_builds
    a = Graph().parse(small / name, format=fmt)
    b = Graph().parse(fast / name, format=fmt)
    assert len(a) == len(b) == r1.triples == r2.triples
    assert to_isomorphic(a) == to_isomorphic(b)


def test_trig_has_the_same_named_graphs(both_builds) -> None:
    small, fast, _, _ = both_builds
    a, b = Dataset(), Dataset()
    a.parse(small / "graph.trig", format="trig")
    b.parse(fast / "graph.trig", format="trig")
    graphs_a = {str(g.identifier): g for g in a.graphs() if len(g)}
    graphs_b = {str(g.identifier): g for g in b.graphs() if len(g)}
    assert graphs_a.keys() == graphs_b.keys()
    for name, g in graphs_a.items():
        assert to_isomorphic(g) == to_isomorphic(graphs_b[name]), name


@pytest.mark.parametrize("name", ["graph.graphml", "graph.gexf", "tables/people.csv", "tables/posts.csv",
                                  "tables/meetings.csv", "tables/roles.csv", "tables/themes.csv",
                                  "tables/evidence.csv"])
def test_network_and_tables_are_byte_identical(both_builds, name: str) -> None:
    small, fast, _, _ = both_builds
    assert (fast / name).read_bytes() == (small / name).read_bytes()


def test_nt_is_sorted_distinct_lines(both_builds) -> None:
    _, fast, _, _ = both_builds
    lines = (fast / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_index_answers_like_rdflib(both_builds) -> None:
    small, _, _, _ = both_builds
    g = Graph().parse(small / "graph.nt", format="nt")
    rows = [tuple(nt_term(t) for t in triple) for triple in g]
    index = TripleIndex(rows)
    assert len(index) == len(g)
    assert set(index) == set(g)
    for p in set(g.predicates()):
        assert sorted(index.subject_objects(p)) == sorted(g.subject_objects(p))
        for s in list(g.subjects(p, None))[:20]:
            assert sorted(index.objects(s, p)) == sorted(g.objects(s, p))
        for o in list(g.objects(None, p))[:20]:
            assert sorted(index.subjects(p, o)) == sorted(g.subjects(p, o))
    some = next(iter(g))
    assert some in index
    assert (some[0], some[1], Literal("no such value")) not in index


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from([None, "zh", "zh-Hant"]),
       st.sampled_from([None, "http://www.w3.org/2001/XMLSchema#string", "http://example.org/dt"]))
def test_literal_text_round_trips(value: str, lang: str | None, datatype: str | None) -> None:
    if lang:
        datatype = None
    want = Literal(value, lang=lang, datatype=URIRef(datatype) if datatype else None)
    assert term(_lit(value, lang, datatype)) == want
    # and rdflib's own N-Triples parser reads the same term from that text
    parsed = Graph().parse(data=f"<http://x/s> <http://x/p> {_lit(value, lang, datatype)} .\n", format="nt")
    assert next(parsed.objects()) == want


def test_load_into_replaces_graphs(both_builds, tmp_path: Path) -> None:
    import pyoxigraph as ox

    from kg.fastgraph import FastGraph
    from kg.graph import VOCAB_GRAPH, Quads, prefixes

    small, _, _, _ = both_builds
    ds = Dataset()
    ds.parse(small / "graph.trig", format="trig")
    quads = Quads()
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = g.identifier if hasattr(g, "identifier") else g
        if name != VOCAB_GRAPH:  # FastGraph adds the vocabulary itself
            quads.rows.append((nt_term(s), nt_term(p), nt_term(o), f"<{name}>"))
    fg = FastGraph(quads, prefixes())
    store = ox.Store(str(tmp_path / "store"))
    fg.load_into(store)
    first = len(store)
    fg.load_into(store)  # idempotent: the graphs are replaced, not doubled
    assert len(store) == first == len(set(fg.rows))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_check_leaves_the_previous_exports(both_builds, tmp_path: Path, workers: int) -> None:
    from kg.fastgraph import FastGraph, write_build
    from kg.graph import Quads, prefixes
    from kg.validate import ValidationError

    quads = Quads()
    person = "<https://w3id.org/jiyao/id/person/x>"
    quads.rows.append((person, f"<{RDF.type}>", f"<{JY.Person}>", "<https://w3id.org/jiyao/id/article/a>"))  # no label
    (tmp_path / "graph.ttl").write_text("previous", encoding="utf-8")
    with pytest.raises(ValidationError, match="person/x"):
        write_build(FastGraph(quads, prefixes()), tmp_path, ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld"),
                    html=True, workers=workers)
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "previous"
    left = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert left == ["graph.ttl"], left  # nothing staged is left behind


def test_parallel_jobs_write_the_same_files(both_builds, tmp_path: Path) -> None:
    from kg.pipeline import BuildOptions, run

    _, fast, _, _ = both_builds
    run(BuildOptions(inputs=[SEEDS], out=tmp_path, progress=False, cache=False, fast=True, graph_workers=2))
    for path in sorted(fast.rglob("*")):
        if path.is_file() and ".jiyao-cache" not in path.parts:
            assert (tmp_path / path.relative_to(fast)).read_bytes() == path.read_bytes(), path.name


def test_a_job_whose_process_dies_fails_the_build_and_leaves_the_previous_exports(tmp_path: Path, monkeypatch) -> None:
    """With a pool, a job process that dies (as the OOM killer would end it) fails the build at
    once, with the staged files discarded; before, the pool waited for its result for ever."""
    import os
    from concurrent.futures.process import BrokenProcessPool

    from kg.fastgraph import FastGraph, write_build
    from kg.graph import Quads, prefixes

    quads = Quads()
    person = "<https://w3id.org/jiyao/id/person/x>"
    quads.rows.append((person, f"<{RDF.type}>", f"<{JY.Person}>", "<https://w3id.org/jiyao/id/article/a>"))
    monkeypatch.setattr("kg.tables.write_tables", lambda *a, **k: os._exit(3))  # inherited by the forks
    (tmp_path / "graph.ttl").write_text("previous", encoding="utf-8")
    with pytest.raises(BrokenProcessPool):
        write_build(FastGraph(quads, prefixes()), tmp_path, ("graph.ttl", "graph.nt"), validate=False, html=False,
                    workers=2)
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "previous"
    # the other job's process is stopped with the pool: its hidden temporary files may stay
    # (docs/reliability.md), never a new export
    visible = [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()]
    assert [str(p) for p in visible if not any(part.startswith(".") for part in p.parts)] == ["graph.ttl"]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_jobs_costs_are_measured_where_they_run(tmp_path: Path, monkeypatch, workers: int) -> None:
    """The CPU time and page faults a job reports are its process's own, in this process or in a
    fork (where copying shared pages is what a job costs more than here): a job that writes to
    4 MB of fresh memory is counted at least 1,024 page faults."""
    import mmap

    from kg.fastgraph import FastGraph, write_build
    from kg.graph import Quads, prefixes

    def touching(*args: object, **kwargs: object) -> None:
        with mmap.mmap(-1, 4 << 20) as fresh:
            for page in range(0, 4 << 20, 4096):
                fresh[page] = 1

    monkeypatch.setattr("kg.tables.write_tables", touching)  # inherited by the forks
    quads = Quads()
    quads.rows.append(("<https://w3id.org/jiyao/id/x>", "<http://www.w3.org/2000/01/rdf-schema#label>", '"x"',
                       "<https://w3id.org/jiyao/id/article/a>"))
    costs: dict[str, float] = {}
    write_build(FastGraph(quads, prefixes()), tmp_path, ("graph.nt",), validate=False, html=False,
                workers=workers, costs=costs)
    assert costs["jobs_page_faults"] >= 1024
    assert 0 <= costs["jobs_sys_seconds"] <= costs["jobs_cpu_seconds"]


def test_trig_is_the_dataset_with_plain_local_names_prefixed(tmp_path: Path) -> None:
    """graph.trig of a large build holds exactly the quads (as their N-Quads say), with prefixed
    names only where a local name needs no escaping."""
    from kg.fastgraph import FastGraph
    from kg.graph import Quads

    jy, g1, g2 = str(JY), "<https://w3id.org/jiyao/id/article/a>", "<https://w3id.org/jiyao/id/article/b>"
    quads = Quads()
    rows = [
        (f"<{jy}x.y>", f"<{RDF.type}>", f"<{jy}Meeting>", g1),  # a dot: kept as an IRI
        (f"<{jy}>", f"<{jy}label>", '"a \\"quoted\\"\\nline"@zh', g1),  # empty local name
        ("<https://w3id.org/jiyao/id/person/1>", f"<{jy}label>", '"2020-01-02"^^<http://www.w3.org/2001/XMLSchema#date>', g2),
        ("<http://example.org/%41#frag-1>", f"<{jy}n>", '"x"', g2),  # undeclared namespace
        ("_:b0", f"<{jy}会议>", "<https://w3id.org/jiyao/id/person/1>", g2),  # non-ASCII local name
        (f"<{jy}x.y>", f"<{RDF.type}>", f"<{jy}Meeting>", g1),  # a repeat: written once
    ]
    quads.rows.extend(rows)
    fg = FastGraph(quads, {"jy": jy, "rdf": str(RDF), "xsd": "http://www.w3.org/2001/XMLSchema#"})
    fg.write_trig(tmp_path / "g.trig")
    text = (tmp_path / "g.trig").read_text(encoding="utf-8")
    assert f"<{jy}会议>" in text and '"2020-01-02"^^xsd:date' in text
    assert text.count(f"<{jy}x.y> a jy:Meeting .\n") == 1  # (the vocabulary's graphs come along)
    got, want = Dataset(), Dataset()
    got.parse(data=text, format="trig")
    want.parse(data="".join(fg.nquads_lines()), format="nquads")
    assert {str(c.identifier) for c in got.graphs() if len(c)} == {str(c.identifier) for c in want.graphs() if len(c)}
    for ctx in want.graphs():
        if len(ctx):
            assert to_isomorphic(got.graph(ctx.identifier)) == to_isomorphic(ctx), ctx.identifier


_AWKWARD = [  # N-Triples terms whose JSON and Turtle forms need care
    (f"<{JY}x.y>", f"<{RDF.type}>", f"<{JY}Meeting>"),
    (f"<{JY}x.y>", f"<{RDF.type}>", f"<{JY}Person>"),
    (f"<{JY}x.y>", f"<{JY}label>", '"a \\"quoted\\"\\nline\\t\\\\ \\u0001 \\u2028/é"@zh'),
    (f"<{JY}x.y>", f"<{JY}label>", '""'),
    (f"<{JY}>", f"<{JY}label>", '"2020-01-02"^^<http://www.w3.org/2001/XMLSchema#date>'),
    ("<http://example.org/%41#frag-1>", f"<{JY}n>", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    ("_:b0", f"<{JY}会议>", "<https://w3id.org/jiyao/id/person/1>"),
    ("_:b0", f"<{JY}会议>", "_:b1"),
    ("_:b1", f"<{JY}label>", '"x"@en-us'),
]


def test_union_jsonld_is_what_oxigraph_writes() -> None:
    """The large build writes expanded JSON-LD as text, byte for byte what Oxigraph's writer
    gives for the same sorted triples (which first had to parse them into Python objects)."""
    import pyoxigraph as ox

    from kg.fastgraph import jsonld_chunks

    ordered = sorted(_AWKWARD)
    nt = "".join(f"{s} {p} {o} .\n" for s, p, o in ordered)
    want = ox.serialize(list(ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES)), format=ox.RdfFormat.JSON_LD)
    assert "".join(jsonld_chunks(ordered)).encode("utf-8") == want
    assert "".join(jsonld_chunks([])) == "[]"


def test_union_ntriples_are_the_sorted_lines() -> None:
    """graph.nt sorts the triples once as tuples (Turtle and JSON-LD share that order): the
    same order as sorting the lines, here where terms are prefixes of others (`"x"`, `"x"@en-us`, `_:b0`/`_:b1`)."""
    from kg.fastgraph import FastGraph
    from kg.graph import Quads

    quads = Quads()
    quads.rows.extend((s, p, o, "<https://w3id.org/jiyao/id/article/a>") for s, p, o in _AWKWARD)
    quads.rows.append(("_:b10", f"<{JY}label>", '"x"', "<https://w3id.org/jiyao/id/article/a>"))
    fg = FastGraph(quads, {})
    assert fg.nt_lines() == sorted(f"{s} {p} {o} .\n" for s, p, o in fg.triples)


def test_union_turtle_holds_exactly_the_triples() -> None:
    from kg.fastgraph import turtle_lines

    ordered = sorted(_AWKWARD)
    text = "".join(turtle_lines(ordered, {"jy": str(JY), "rdf": str(RDF)}))
    assert f"<{JY}x.y> a jy:Meeting, jy:Person ;\n    jy:label " in text  # grouped by subject and predicate
    got = Graph().parse(data=text, format="turtle")
    want = Graph().parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in ordered), format="nt")
    assert to_isomorphic(got) == to_isomorphic(want)
