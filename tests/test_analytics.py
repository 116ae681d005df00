"""kg.analytics: the attendance matrix, its projection, measures, RDF and CSV outputs."""

from __future__ import annotations

import csv
import random

import networkx as nx
import pytest
from networkx.algorithms import bipartite
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from kg.analytics import (ANALYTICS_GRAPH, AnalyticsOptions, analytics_graph, analyze, attendance, co_attendance,
                          communities, in_window)
from kg.cli import main
from kg.iris import mint
from kg.namespace import JY, JYT


def _graph(meetings: dict[str, tuple[str | None, dict[str, list[str]], list[str]]]) -> Graph:
    """meetings: key -> (date, {role: [people]}, [theme ids])."""
    g = Graph()
    for key, (date, roles, themes) in meetings.items():
        m = mint("meeting", key)
        g.add((m, RDF.type, JY.Meeting))
        g.add((m, RDFS.label, Literal(key, lang="zh")))
        if date:
            g.add((m, JY.date, Literal(date, datatype=XSD.gMonthDay if date.startswith("--") else XSD.date)))
        for role, people in roles.items():
            for name in people:
                p = mint("person", name)
                g.add((p, RDF.type, JY.Person))
                g.add((p, RDFS.label, Literal(name, lang="zh")))
                g.add((m, getattr(JY, role), p))
        for t in themes:
            g.add((m, JY.emphasizes, JYT[t]))
            g.add((JYT[t], RDFS.label, Literal(f"主题{t}", lang="zh")))
    return g


SMALL = {
    "会一": ("2023-03-01", {"chair": ["甲"], "speaker": ["甲", "乙"], "participant": ["乙", "丙"]}, ["a", "b"]),
    "会二": ("2023-04-10", {"chair": ["甲"], "participant": ["乙"]}, ["a"]),
    "会三": ("--05-02", {"participant": ["丙", "丁"]}, ["b"]),
    "会四": (None, {"participant": ["戊"]}, []),
}


def _name_weights(g: nx.Graph, names: dict) -> dict[frozenset, int]:
    return {frozenset((names[a], names[b])): d["weight"] for a, b, d in g.edges(data=True)}


def test_projection_counts_shared_meetings() -> None:
    g = _graph(SMALL)
    res = analyze(g)
    assert _name_weights(res.network, res.names) == {
        frozenset("甲乙"): 2, frozenset("甲丙"): 1, frozenset("乙丙"): 1, frozenset("丙丁"): 1}
    assert sorted(res.names[p] for p in res.network.nodes) == sorted("甲乙丙丁戊")  # 戊 shared nothing, still a node
    att = res.attendance
    assert att.roles[(mint("person", "甲"), mint("meeting", "会一"))] == {"chair", "speaker"}
    by_name = {m.name: m for m in res.people}
    assert (by_name["甲"].meetings, by_name["丙"].meetings, by_name["戊"].meetings) == (2, 2, 1)
    assert by_name["丙"].co_attendees == 3 and by_name["戊"].co_attendees == 0


def test_projection_equals_networkx_bipartite_projection() -> None:
    rng = random.Random(3)
    people = [f"人{i}" for i in range(40)]
    g = _graph({f"会{j}": ("2023-01-01", {"participant": rng.sample(people, rng.randint(1, 8))}, [])
                for j in range(30)})
    att = attendance(g)
    ours = co_attendance(att)
    theirs = bipartite.weighted_projected_graph(att.bipartite(), att.people)
    assert {frozenset(e): ours.edges[e]["weight"] for e in ours.edges} == \
        {frozenset(e): theirs.edges[e]["weight"] for e in theirs.edges}


@pytest.mark.parametrize("date,since,until,expected", [
    ("2023-03-01", None, None, True),
    (None, None, None, True),
    (None, "2023-01-01", None, False),
    ("2023-03-01", "2023-03-01", "2023-03-31", True),
    ("2023-04-01", "2023-03-01", "2023-03-31", False),
    ("--03-05", "2023-01-01", None, False),  # a full-date bound never matches a year-less date
    ("--03-05", "--03-01", "--03-31", True),
    ("2023-03-05", None, "--12-31", False),
])
def test_in_window(date, since, until, expected) -> None:  # noqa: ANN001
    assert in_window(date, since, until) is expected


def test_date_window_restricts_meetings() -> None:
    res = analyze(_graph(SMALL), AnalyticsOptions(since="2023-04-01", until="2023-12-31"))
    assert _name_weights(res.network, res.names) == {frozenset("甲乙"): 1}
    res = analyze(_graph(SMALL), AnalyticsOptions(since="--01-01"))
    assert _name_weights(res.network, res.names) == {frozenset("丙丁"): 1}
    with pytest.raises(ValueError):
        analyze(_graph(SMALL), AnalyticsOptions(since="March"))


def test_centralities_on_a_star() -> None:
    g = _graph({f"会{i}": ("2023-01-01", {"chair": ["中"], "participant": [f"边{i}"]}, []) for i in range(5)})
    res = analyze(g)
    top = res.people[0]
    assert top.name == "中"
    assert top.degree == pytest.approx(1.0) and top.betweenness == pytest.approx(1.0)
    assert all(m.betweenness == 0.0 and m.degree == pytest.approx(0.2) for m in res.people[1:])
    assert sum(m.pagerank for m in res.people) == pytest.approx(1.0)


def test_betweenness_is_sampled_above_the_threshold() -> None:
    g = _graph({f"会{i}": ("2023-01-01", {"participant": [f"人{i}", f"人{i + 1}"]}, []) for i in range(60)})
    exact = analyze(g, AnalyticsOptions(sample_above=1000))
    sampled = analyze(g, AnalyticsOptions(sample_above=10, samples=5))
    e = {m.name: m.betweenness for m in exact.people}
    s = {m.name: m.betweenness for m in sampled.people}
    assert e != s  # 5 sources of 61 cannot give the exact values on a path
    assert max(e, key=e.get) in ("人30", "人31")


def test_communities_split_two_cliques() -> None:
    left = [f"左{i}" for i in range(5)]
    right = [f"右{i}" for i in range(5)]
    meetings = {f"左会{i}": ("2023-01-01", {"participant": left}, []) for i in range(3)}
    meetings |= {f"右会{i}": ("2023-01-01", {"participant": right}, []) for i in range(3)}
    meetings["桥"] = ("2023-01-01", {"participant": ["左0", "右0"]}, [])
    res = analyze(_graph(meetings))
    comm = {m.name: m.community for m in res.people}
    assert len({comm[n] for n in left}) == 1 and len({comm[n] for n in right}) == 1
    assert comm["左1"] != comm["右1"]
    assert communities(res.network) == communities(res.network)  # seeded: deterministic


def test_theme_profiles_per_month() -> None:
    res = analyze(_graph(SMALL))
    rows = {(r.name, r.period, r.theme_label): r.meetings for r in res.profiles}
    assert rows == {("甲", "2023-03", "主题a"): 1, ("甲", "2023-03", "主题b"): 1, ("甲", "2023-04", "主题a"): 1,
                    ("乙", "2023-03", "主题a"): 1, ("乙", "2023-03", "主题b"): 1, ("乙", "2023-04", "主题a"): 1,
                    ("丙", "2023-03", "主题a"): 1, ("丙", "2023-03", "主题b"): 1, ("丙", "--05", "主题b"): 1,
                    ("丁", "--05", "主题b"): 1}


def test_analytics_graph_terms_and_datatypes() -> None:
    res = analyze(_graph(SMALL))
    g = analytics_graph(res)
    assert g.identifier == ANALYTICS_GRAPH
    assert len(g) == 4 * len(res.people)
    for prop, dt in ((JY.degreeCentrality, XSD.double), (JY.betweennessCentrality, XSD.double),
                     (JY.pageRank, XSD.double), (JY.community, XSD.integer)):
        values = list(g.objects(None, prop))
        assert len(values) == len(res.people) and {v.datatype for v in values} == {dt}


def test_seeds_co_attendance_matches_the_canned_query(seeds_build) -> None:  # noqa: ANN001
    from kg.query import load_query, run_query
    from kg.store import open_graph

    out, _ = seeds_build
    graph = open_graph(out / "graph.ttl")
    res = analyze(graph)
    rows = run_query(graph, load_query("co-attendance"))
    expected = {(str(r[0]), str(r[2])): int(r[4]) for r in rows}
    assert expected, "the seeds have co-attending people"
    assert {(str(a), str(b)): w for a, b, w in res.edges()} == expected


def test_cli_writes_rdf_and_csv(seeds_build, tmp_path, capsys) -> None:  # noqa: ANN001
    out, _ = seeds_build
    assert main(["analyze", "--graph", str(out), "--out", str(tmp_path), "--top", "3"]) == 0
    people = list(csv.DictReader(open(tmp_path / "people.csv", encoding="utf-8")))
    ds = Dataset()
    ds.parse(tmp_path / "analytics.trig", format="trig")
    assert len(set(ds.graph(ANALYTICS_GRAPH).subjects(JY.pageRank, None))) == len(people) > 0
    pairs = list(csv.DictReader(open(tmp_path / "co_attendance.csv", encoding="utf-8")))
    assert all(int(p["meetings"]) >= 1 for p in pairs)
    assert (tmp_path / "theme_profiles.csv").read_text(encoding="utf-8").startswith("person,name,period,theme")
    printed = capsys.readouterr().out
    assert people[0]["name"] in printed
    assert main(["analyze", "--graph", str(out), "--out", str(tmp_path), "--since", "bad"]) == 1
