"""Exports of one build: RDF round trips, GraphML/GEXF for networkx and Gephi, formula-safe CSV tables."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.namespace import JY
from kg.netexport import flatten_attributes, to_networkx, write_gexf, write_graphml
from kg.tables import TABLES, safe_cell, table_rows, write_tables

OUTPUTS = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld", "graph.graphml", "graph.gexf",
           *(f"tables/{t}.csv" for t in TABLES))


def test_build_writes_every_export(seeds_build) -> None:
    out, report = seeds_build
    for name in OUTPUTS:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
        assert out / name in report.outputs, name


def test_jsonld_and_trig_round_trip_to_the_turtle(seeds_build) -> None:
    out, _ = seeds_build
    turtle = Graph().parse(out / "graph.ttl", format="turtle")
    jsonld = Graph().parse(out / "graph.jsonld", format="json-ld")
    assert isomorphic(jsonld, turtle)
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, turtle)
    assert isomorphic(Graph().parse(out / "graph.nt", format="nt"), turtle)
    # a named graph per article (plus the vocabularies)
    articles = set(turtle.subjects(RDF.type, JY.Article))
    assert articles <= {c.identifier for c in ds.graphs()}


def test_jsonld_uses_the_published_context(seeds_build) -> None:
    import json

    from kg.jsonld import context

    out, _ = seeds_build
    data = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == context()


def test_graphml_and_gexf_load_in_networkx(seeds_build, seeds_union) -> None:
    out, _ = seeds_build
    g = seeds_union
    expected = to_networkx(g)
    people = {str(p) for p in g.subjects(RDF.type, JY.Person)}
    meetings = {str(m) for m in g.subjects(RDF.type, JY.Meeting)}
    for net in (nx.read_graphml(out / "graph.graphml"), nx.read_gexf(out / "graph.gexf")):
        assert set(net.nodes) == set(expected.nodes)
        assert set(net.edges) == set(expected.edges)
        types = nx.get_node_attributes(net, "type")
        assert {n for n, t in types.items() if t == "Person"} == people
        assert {n for n, t in types.items() if t == "Meeting"} == meetings
        labels = nx.get_node_attributes(net, "label")
        for m in meetings:
            assert labels[m] == str(g.value(URIRef(m), RDFS.label))
        # lists flattened (networkx #5024): the roles of a person at a meeting, joined
        for (p, m), data in ((e, net.edges[e]) for e in net.edges if e[1] in meetings and e[0] in people):
            assert set(data["relation"].split("; ")) <= {"chair", "speaker", "participant"}


def test_gexf_is_dynamic_with_meeting_dates(seeds_build, seeds_union) -> None:
    out, _ = seeds_build
    root = ET.parse(out / "graph.gexf").getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    graph = root.find("g:graph", ns)
    dated = {str(m): str(d) for m, d in seeds_union.subject_objects(JY.date) if d.datatype == XSD.date}
    assert dated, "the seeds have a meeting with a full date"
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    starts = {n.get("id"): n.get("start") for n in graph.iter(f"{{{ns['g']}}}node")}
    assert {k: v for k, v in starts.items() if v} == dated
    edge_starts = {e.get("target"): e.get("start") for e in graph.iter(f"{{{ns['g']}}}edge") if e.get("start")}
    assert set(edge_starts.values()) <= set(dated.values()) and edge_starts


def test_flatten_attributes_makes_lists_writable(tmp_path: Path) -> None:
    net = nx.DiGraph()
    net.add_node("a", tags=["x", "y"], s={"b", "a"})
    net.add_edge("a", "b", roles=("chair", "speaker"))
    flat = flatten_attributes(net)
    assert flat.nodes["a"] == {"tags": "x; y", "s": "a; b"} and flat.edges["a", "b"]["roles"] == "chair; speaker"
    assert net.nodes["a"]["tags"] == ["x", "y"]  # the original is untouched
    write_graphml(net, tmp_path / "n.graphml")
    write_gexf(net, tmp_path / "n.gexf")
    assert nx.read_graphml(tmp_path / "n.graphml").nodes["a"]["tags"] == "x; y"
    assert nx.read_gexf(tmp_path / "n.gexf").nodes["a"]["tags"] == "x; y"


def _networkx_files(net: nx.Graph) -> tuple[bytes, bytes]:
    """GraphML and GEXF as networkx's own writers give them (lists flattened; GEXF with jiyao as
    its creator and no date): the layout the direct writers keep."""
    import io

    from networkx.readwrite.gexf import GEXFWriter

    graphml = io.BytesIO()
    nx.write_graphml_xml(flatten_attributes(net), graphml, encoding="utf-8")
    flat = flatten_attributes(net)
    flat.graph.setdefault("mode", "dynamic" if any("start" in d for _, d in flat.nodes(data=True)) else "static")
    writer = GEXFWriter(encoding="utf-8", version="1.2draft")
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate")
    meta.find("creator").text = "jiyao"
    writer.add_graph(flat)
    gexf = io.BytesIO()
    writer.write(gexf)
    return graphml.getvalue(), gexf.getvalue()


def _awkward_networks() -> list[nx.Graph]:
    net = nx.DiGraph(name="a & b")
    net.add_node("n&1", label='<"quoted"> & \'apos\'', type="Person", posts=[], note="line\nbreak\r\tand tab",
                 weight=2, ratio=1.5, big=float("inf"), flag=True, tags={"乙", "甲"})
    net.add_node("n2", weight=0.5)  # the same name with another type: GraphML gives it a key of its own
    net.add_node("bare")
    net.add_node("m", label="会议", type="Meeting", start="2020-01-02")
    net.add_edge("n&1", "m", relation=["chair", "speaker"], weight=2, start="2020-01-02")
    net.add_edge("m", "n2", relation="", weight=1.0, label="an edge label")
    undirected = nx.Graph()
    undirected.add_nodes_from(["x", "y"])
    return [net, undirected, nx.DiGraph()]


@pytest.mark.parametrize("case", ["seeds", "awkward", "undirected", "empty"])
def test_network_files_are_what_networkx_writes(seeds_union, tmp_path: Path, monkeypatch, case: str) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    net = to_networkx(seeds_union) if case == "seeds" else _awkward_networks()[["awkward", "undirected", "empty"].index(case)]
    write_graphml(net, tmp_path / "n.graphml")
    write_gexf(net, tmp_path / "n.gexf")
    assert ((tmp_path / "n.graphml").read_bytes(), (tmp_path / "n.gexf").read_bytes()) == _networkx_files(net)
    back = nx.read_graphml(tmp_path / "n.graphml")
    assert set(back.nodes) == set(net.nodes) and set(back.edges) == set(net.edges)


def test_network_files_drop_characters_xml_does_not_allow(tmp_path: Path) -> None:
    net = nx.DiGraph()
    net.add_node("a", label="bell\x07 and form feed\x0c", note="nul\x00")
    net.add_edge("a", "b", relation="x\x1fy")
    write_graphml(net, tmp_path / "n.graphml")
    write_gexf(net, tmp_path / "n.gexf")
    graphml, gexf = nx.read_graphml(tmp_path / "n.graphml"), nx.read_gexf(tmp_path / "n.gexf")
    assert graphml.nodes["a"] == {"label": "bell and form feed", "note": "nul"}
    assert gexf.nodes["a"]["label"] == "bell and form feed" and gexf.edges["a", "b"]["relation"] == "xy"


def test_tables_read_in_pandas(seeds_build, seeds_union) -> None:
    pd = pytest.importorskip("pandas")
    out, _ = seeds_build
    g = seeds_union
    counts = {
        "people": len(set(g.subjects(RDF.type, JY.Person))),
        "posts": len(set(g.subjects(RDF.type, JY.PostHolding))),
        "meetings": len(set(g.subjects(RDF.type, JY.Meeting))),
        "roles": sum(len(set(g.subject_objects(p))) for p in (JY.chair, JY.speaker, JY.participant)),
        "themes": len(set(g.subjects(RDF.type, JY.Theme))),
        "evidence": len(set(g.subjects(RDF.type, JY.Evidence))),
    }
    for name, (columns, _) in TABLES.items():
        df = pd.read_csv(out / "tables" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert list(df.columns) == list(columns), name
        assert len(df) == counts[name], name
    meetings = pd.read_csv(out / "tables" / "meetings.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    by_iri = dict(zip(meetings["meeting"], meetings["date"]))
    for m, d in g.subject_objects(JY.date):
        assert by_iri[str(m)] == safe_cell(str(d))  # month-days (--04-27) are quoted: '--04-27
    evidence = pd.read_csv(out / "tables" / "evidence.csv", keep_default_na=False, encoding="utf-8-sig")
    assert evidence["start"].dtype.kind == "i" and (evidence["end"] >= evidence["start"]).all()


def test_safe_cell() -> None:
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'):
        assert safe_cell(bad) == "'" + bad
    for ok in ("名字", "a=b", "", "'=1"):
        assert safe_cell(ok) == ok
    assert safe_cell(-3) == -3  # numbers stay numbers


def test_tables_neutralize_formulas(tmp_path: Path) -> None:
    g = Graph()
    p, m = URIRef("urn:test:p"), URIRef("urn:test:m")
    g.add((p, RDF.type, JY.Person))
    g.add((p, RDFS.label, Literal('=HYPERLINK("http://evil","x")', lang="zh")))
    g.add((m, RDF.type, JY.Meeting))
    g.add((m, RDFS.label, Literal("@cmd", lang="zh")))
    g.add((m, JY.participant, p))
    write_tables(g, tmp_path)
    with open(tmp_path / "people.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][1] == "'" + '=HYPERLINK("http://evil","x")'
    with open(tmp_path / "roles.csv", encoding="utf-8-sig", newline="") as f:
        roles = list(csv.reader(f))
    assert roles[1] == ["urn:test:m", "'@cmd", "urn:test:p", "'" + '=HYPERLINK("http://evil","x")', "participant"]
    # unescaped values stay available to Python callers
    assert table_rows(g, "people")[1][0][1] == '=HYPERLINK("http://evil","x")'


def test_fast_rdf_writes_same_graphs(tmp_path: Path, seeds_dataset, seeds_union) -> None:
    from kg.export import write_rdf

    from test_store import lower_lang

    written = write_rdf(seeds_dataset, seeds_union, tmp_path, ("graph.ttl", "graph.trig", "graph.nt"), fast=True)
    assert [p.name for p in written] == ["graph.ttl", "graph.trig", "graph.nt"]
    for p in written:
        back = Dataset()
        back.parse(p, format={"ttl": "turtle", "trig": "trig", "nt": "nt"}[p.suffix[1:]])
        merged = Graph()
        for s, pr, o, _ in back.quads((None, None, None, None)):
            merged.add((s, pr, o))
        assert isomorphic(lower_lang(merged), lower_lang(seeds_union)), p.name
    lines = (tmp_path / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_fast_exports_of_a_union_view_round_trip(seeds_dataset, tmp_path):
    """Large builds: a union view and Oxigraph writers give the same triples in every format."""
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic

    from kg.export import write_rdf
    from kg.graph import union_graph

    ds = Dataset()
    for s, p, o, g in seeds_dataset.quads((None, None, None, None)):
        ds.graph(g).add((s, p, o))
    union = union_graph(ds, view_from=1)
    assert union.store is ds.store
    write_rdf(ds, union, tmp_path, fast=True)
    ttl = Graph().parse(tmp_path / "graph.ttl")
    assert len(ttl) == len(union)
    assert isomorphic(ttl, Graph().parse(tmp_path / "graph.nt"))
    assert isomorphic(ttl, Graph().parse(tmp_path / "graph.jsonld", format="json-ld"))
    trig = Dataset().parse(tmp_path / "graph.trig", format="trig")
    assert sum(1 for _ in trig.quads((None, None, None, None))) == sum(len(g) for g in ds.graphs())
    # the same graph written twice gives the same bytes (sorted, not in rdflib's set order)
    again = tmp_path / "again"
    write_rdf(ds, union, again, fast=True)
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig"):
        assert (again / name).read_bytes() == (tmp_path / name).read_bytes()


def test_gexf_does_not_depend_on_the_day_it_is_written(tmp_path, monkeypatch) -> None:
    import networkx.readwrite.gexf as gexf_module

    net = nx.DiGraph()
    net.add_edge("a", "b", relation="chair", start="2020-01-02")
    net.nodes["a"]["start"] = "2020-01-02"
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    files = []
    for day in ("2026-11-21", "2026-11-22"):
        monkeypatch.setattr(gexf_module.time, "strftime", lambda fmt, *a, d=day: d)
        write_gexf(net, tmp_path / f"{day}.gexf")
        files.append((tmp_path / f"{day}.gexf").read_bytes())
    assert files[0] == files[1] and b"lastmodifieddate" not in files[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    write_gexf(net, tmp_path / "epoch.gexf")
    meta = ET.parse(tmp_path / "epoch.gexf").getroot().find("{http://www.gexf.net/1.2draft}meta")
    assert meta is not None and meta.get("lastmodifieddate") == "1970-01-02"
    assert set(nx.read_gexf(tmp_path / "epoch.gexf").edges) == {("a", "b")}
