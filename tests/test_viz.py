"""kg.viz: the view's nodes and filters, escaping, self-containment, layout at scale."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from rdflib import Graph

from kg.cli import main
from kg.store import open_graph
from kg.viz import PHYSICS_MAX_NODES, graph_view, json_for_html, layout, page_data, render_html, write_html

ROOT = Path(__file__).resolve().parents[1]
_EDGE = """?a ?p ?b . ?a a ?ta . ?b a ?tb . FILTER(?a != ?b)
    VALUES ?p { jy:chair jy:speaker jy:participant jy:organizer jy:emphasizes jy:candidateTheme jy:holdsPost
                jy:postIn jy:continues }
    FILTER(?ta IN (jy:Person, jy:Meeting, jy:Theme, jy:Organization, jy:Post))
    FILTER(?tb IN (jy:Person, jy:Meeting, jy:Theme, jy:Organization, jy:Post))"""
VIEW_COUNT = ("PREFIX jy: <https://w3id.org/jiyao/ontology#>\nSELECT (COUNT(DISTINCT ?n) AS ?count) WHERE { { "
              + _EDGE.replace("?a ", "?n ", 1).replace("?a a", "?n a").replace("?a !=", "?n !=") + " } UNION { "
              + _EDGE.replace("?b ", "?n ", 1).replace("?b a", "?n a").replace("!= ?b", "!= ?n") + " } }")


@pytest.fixture(scope="module")
def seeds_graph(seeds_build) -> Graph:  # noqa: ANN001
    return open_graph(seeds_build[0] / "graph.ttl")


def _synthetic():  # noqa: ANN202 - the benchmark's generator module
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import viz_tti
    finally:
        sys.path.pop(0)
    return viz_tti


def _blocks(html: str) -> dict[str, object]:
    return {m.group(1): json.loads(m.group(2)) for m in
            re.finditer(r'<script type="application/json" id="([^"]+)">(.*?)</script>', html, re.S)}


def test_json_for_html_escapes_markup() -> None:
    value = {"s": "</script><img src=x onerror=alert(1)>&amp;\u2028", "n": [1, "甲"]}
    text = json_for_html(value)
    assert not set(text) & set("<>&\u2028")
    assert json.loads(text) == value


def test_view_nodes_match_a_sparql_count(seeds_graph) -> None:  # noqa: ANN001
    view = graph_view(seeds_graph)
    expected = int(next(iter(seeds_graph.query(VIEW_COUNT)))[0])
    assert len(view.nodes) == expected > 0
    assert {view.types[n] for n in view.nodes} == {"Person", "Meeting", "Theme", "Organization", "Post"}
    assert all(n in view.nodes for e in view.edges for n in e)


def test_seeds_build_writes_graph_html(seeds_build) -> None:  # noqa: ANN001
    out, report = seeds_build
    assert out / "graph.html" in report.outputs
    html = (out / "graph.html").read_bytes().decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html


def test_page_is_self_contained(seeds_graph) -> None:  # noqa: ANN001
    html = render_html(seeds_graph)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "nothing may load from the network"
    assert "@import" not in html
    assert "vis-network" in html and "new vis.Network(" in html
    blocks = _blocks(html)
    assert {"jy-nodes", "jy-edges", "jy-options", "jy-data"} <= set(blocks)
    assert len(blocks["jy-nodes"]) == len(graph_view(seeds_graph).nodes)
    assert "innerHTML" not in html.split("<script>")[-1], "the page's own script never uses innerHTML"


def test_gold_people_are_in_the_view(seeds_graph) -> None:  # noqa: ANN001
    from conftest import GOLD

    chairs = {c for f in GOLD.glob("*.json") for m in json.loads(f.read_text(encoding="utf-8"))["meetings"]
              for c in m["chairs"]}
    labels = set(graph_view(seeds_graph).labels.values())
    assert len(chairs & labels) >= len(chairs) // 2 > 0


def test_person_filter_keeps_the_neighbourhood(seeds_graph) -> None:  # noqa: ANN001
    full = graph_view(seeds_graph)
    person = max((n for n in full.nodes if full.types[n] == "Person"),
                 key=lambda n: sum(n in e for e in full.edges))
    name = full.labels[person]
    one = graph_view(seeds_graph, person=name, hops=1)
    nbrs = {o for e in full.edges for o in e if person in e} | {person}
    assert set(one.nodes) == nbrs
    two = graph_view(seeds_graph, person=name, hops=2)
    assert set(one.nodes) < set(two.nodes) <= set(full.nodes)
    with pytest.raises(LookupError):
        graph_view(seeds_graph, person="并无此人")


def test_theme_and_date_filters(seeds_graph) -> None:  # noqa: ANN001
    full = graph_view(seeds_graph)
    theme = max(full.theme_meetings, key=lambda t: len(full.theme_meetings[t]))
    view = graph_view(seeds_graph, theme=full.labels[theme])
    meetings = {n for n in view.nodes if view.types[n] == "Meeting"}
    assert meetings == full.theme_meetings[theme]
    dated = {m: d for m, d in full.meeting_dates.items() if d}
    some = sorted(dated.values())[0]
    view = graph_view(seeds_graph, since=some, until=some)
    assert {n for n in view.nodes if view.types[n] == "Meeting"} == {m for m, d in dated.items() if d == some}
    with pytest.raises(LookupError):
        graph_view(seeds_graph, theme="并无此主题")
    with pytest.raises(ValueError):
        graph_view(seeds_graph, since="yesterday")


def test_xss_text_stays_data(tmp_path) -> None:  # noqa: ANN001
    from kg.graph import bind_prefixes  # noqa: F401 - the vocabulary namespaces

    g = _synthetic().synthetic_graph(30)
    from rdflib import Literal
    from rdflib.namespace import RDFS

    from kg.namespace import JY

    person = next(g.subjects(JY.holdsPost, None))
    g.set((person, RDFS.label, Literal('</script><script>window.__xss=1</script>', lang="zh")))
    html = write_html(g, tmp_path / "x.html").read_text(encoding="utf-8")
    assert "window.__xss" in html and "<script>window.__xss" not in html
    assert "</script><script>" not in html.replace("</script>\n<script", "")
    assert any(d["name"].startswith("</script>") for d in _blocks(html)["jy-data"]["details"])


def test_large_graph_layout_and_options() -> None:
    g = _synthetic().synthetic_graph(3000)
    view = graph_view(g)
    assert len(view.nodes) == 3000
    nodes, edges, options, data = page_data(g, view, "t")
    assert options["physics"]["enabled"] is False and data["physics"] is False
    pos = np.array([[n["x"], n["y"]] for n in nodes])
    assert np.isfinite(pos).all()
    # nodes are spread out: few pairs closer than a node's size
    from scipy.spatial import cKDTree

    close = len(cKDTree(pos).query_pairs(5.0))
    assert close < 0.02 * len(nodes)
    small = page_data(g, graph_view(g, person=view.labels[view.nodes[len(view.nodes) // 2]], hops=1), "t")
    assert len(small[0]) <= PHYSICS_MAX_NODES and small[2]["physics"]["enabled"] is True


def test_layout_handles_components_and_trivial_graphs() -> None:
    assert layout(0, []).shape == (0, 2)
    assert layout(1, []).shape == (1, 2)
    pos = layout(7, [(0, 1), (1, 2), (3, 4)])
    assert pos.shape == (7, 2) and np.isfinite(pos).all()
    assert len({tuple(p) for p in pos.round(3)}) == 7  # no two nodes on the same spot


def test_cli_viz(seeds_build, tmp_path, capsys) -> None:  # noqa: ANN001
    out, _ = seeds_build
    target = tmp_path / "sub.html"
    full = graph_view(open_graph(out / "graph.ttl"))
    person = next(full.labels[n] for n in full.nodes if full.types[n] == "Person")
    assert main(["viz", "--graph", str(out), "--out", str(target), "--person", person, "--hops", "1"]) == 0
    nodes = _blocks(target.read_text(encoding="utf-8"))["jy-nodes"]
    assert 1 < len(nodes) < len(full.nodes)
    assert main(["viz", "--graph", str(out), "--out", str(target), "--person", "并无此人"]) == 1
    assert "并无此人" in capsys.readouterr().err
