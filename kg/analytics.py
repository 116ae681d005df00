"""Graph analytics over the people–meeting network, and ``jiyao analyze``.

The person–meeting *attendance* matrix ``A`` (people × meetings, 1 where the person chaired,
spoke at or took part in the meeting) is read from ``jy:chair``/``jy:speaker``/``jy:participant``.
The *co-attendance* graph is its projection ``A·Aᵀ`` (a sparse matrix product: the off-diagonal
entry is the number of meetings two people shared), optionally within a date window. On it:
degree, betweenness (sampled above a size, with distance = 1/shared meetings), PageRank
(weighted), Louvain communities; and per official a theme profile over time (the themes their
meetings emphasized, counted per month).

Results go back into RDF as ``jy:degreeCentrality``/``jy:betweennessCentrality``/``jy:pageRank``/
``jy:community`` in their own named graph (:data:`ANALYTICS_GRAPH`) and into CSV files.

Date windows follow ``kg/queries/co-attendance.rq``: a bound compares with meeting dates of the
same kind (``2023-01-01`` selects meetings with a known year, ``--01-01`` meetings whose year is
unknown); a meeting without a date is outside every window.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .cli import command
from .namespace import BASE, JY

__all__ = ["ANALYTICS_GRAPH", "ROLE_PROPERTIES", "AnalyticsOptions", "AnalyticsResult", "Attendance", "PersonMetrics",
           "ThemeCount", "check_bound", "in_window", "label_of", "meeting_dates", "attendance", "co_attendance",
           "centralities", "communities", "theme_profiles", "analyze", "analytics_graph", "analytics_dataset",
           "write_outputs"]

ANALYTICS_GRAPH = URIRef(BASE + "graph/analytics")
ROLE_PROPERTIES = {"chair": JY.chair, "speaker": JY.speaker, "participant": JY.participant}
_BOUND = re.compile(r"(\d{4}|-)-\d{2}-\d{2}")


# -- dates and labels ----------------------------------------------------------------------------

def check_bound(value: str | None) -> str | None:
    """``value`` if it is a window bound (``YYYY-MM-DD`` or ``--MM-DD``), else :class:`ValueError`."""
    if value is not None and not _BOUND.fullmatch(value):
        raise ValueError(f"date bound {value!r}: expected YYYY-MM-DD or --MM-DD")
    return value


def _kind(date: str) -> str:
    return "month-day" if date.startswith("--") else "date"


def in_window(date: str | None, since: str | None = None, until: str | None = None) -> bool:
    """Whether a meeting dated ``date`` lies in ``[since, until]`` (bounds of its own kind only)."""
    if since is None and until is None:
        return True
    if date is None:
        return False
    for bound, ok in ((since, lambda b: date >= b), (until, lambda b: date <= b)):
        if bound is not None and (_kind(bound) != _kind(date) or not ok(bound)):
            return False
    return True


def label_of(graph: Graph, node: URIRef) -> str:
    """The node's display name: its smallest ``rdfs:label`` (Chinese first), else ``skos:prefLabel``,
    else the IRI's last segment. Deterministic when a node carries several labels."""
    for prop in (RDFS.label, SKOS.prefLabel):
        labels = [o for o in graph.objects(node, prop) if isinstance(o, Literal)]
        if labels:
            zh = [str(o) for o in labels if (o.language or "").startswith("zh")]
            return min(zh or [str(o) for o in labels])
    return str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def meeting_dates(graph: Graph) -> dict[URIRef, str | None]:
    """Every ``jy:Meeting`` with its date's lexical form (``None`` when undated)."""
    dates: dict[URIRef, str | None] = {m: None for m in graph.subjects(RDF.type, JY.Meeting)
                                       if isinstance(m, URIRef)}
    for m, d in graph.subject_objects(JY.date):
        if m in dates:
            dates[m] = min(str(d), dates[m] or str(d))  # type: ignore[index]
    return dates


# -- the bipartite graph and its projection -----------------------------------------------------

@dataclass(slots=True)
class Attendance:
    """The person–meeting bipartite graph as a sparse 0/1 matrix (people × meetings)."""

    people: list[URIRef]
    meetings: list[URIRef]
    matrix: object  # scipy.sparse.csr_array, rows = people, columns = meetings
    roles: dict[tuple[URIRef, URIRef], set[str]] = field(default_factory=dict)  # (person, meeting) -> roles

    def bipartite(self) -> nx.Graph:
        """The same as a networkx graph (``bipartite`` attribute 0 for people, 1 for meetings)."""
        g = nx.Graph()
        g.add_nodes_from(self.people, bipartite=0)
        g.add_nodes_from(self.meetings, bipartite=1)
        g.add_edges_from(self.roles)
        return g


def attendance(graph: Graph, since: str | None = None, until: str | None = None) -> Attendance:
    """Who attended which meeting (chair, speaker or participant), meetings within the window only."""
    from scipy.sparse import csr_array

    dates = meeting_dates(graph)
    roles: dict[tuple[URIRef, URIRef], set[str]] = defaultdict(set)
    for role, prop in ROLE_PROPERTIES.items():
        for m, p in graph.subject_objects(prop):
            if m in dates and isinstance(p, URIRef) and in_window(dates[m], since, until):
                roles[(p, m)].add(role)  # type: ignore[index]
    people = sorted({p for p, _ in roles})
    meetings = sorted({m for _, m in roles})
    pi = {p: i for i, p in enumerate(people)}
    mi = {m: i for i, m in enumerate(meetings)}
    rows = np.fromiter((pi[p] for p, _ in roles), dtype=np.int64, count=len(roles))
    cols = np.fromiter((mi[m] for _, m in roles), dtype=np.int64, count=len(roles))
    matrix = csr_array((np.ones(len(roles), dtype=np.float64), (rows, cols)), shape=(len(people), len(meetings)))
    return Attendance(people, meetings, matrix, dict(roles))


def co_attendance(att: Attendance) -> nx.Graph:
    """People linked by the number of meetings they shared (``weight``; ``distance`` = 1/weight).

    Every person of ``att`` is a node, also one who shared no meeting with anybody.
    """
    from scipy.sparse import triu

    shared = triu(att.matrix @ att.matrix.T, k=1).tocoo()  # upper triangle: each pair once, no self-loops
    g = nx.Graph()
    g.add_nodes_from(att.people)
    people = att.people
    g.add_edges_from((people[i], people[j], {"weight": int(w), "distance": 1.0 / w})
                     for i, j, w in zip(shared.row.tolist(), shared.col.tolist(), shared.data.tolist()))
    return g


# -- measures ----------------------------------------------------------------------------------

@dataclass(slots=True)
class PersonMetrics:
    """One person's measures in the co-attendance network."""

    person: URIRef
    name: str
    meetings: int
    co_attendees: int
    degree: float
    betweenness: float
    pagerank: float
    community: int


def centralities(g: nx.Graph, sample_above: int = 1000, samples: int = 200,
                 seed: int = 0) -> dict[str, dict[object, float]]:
    """Degree, betweenness and PageRank of every node of ``g``.

    Betweenness is exact up to ``sample_above`` nodes and estimated from ``samples`` sources
    above (exact betweenness is cubic-ish: hours at a few hundred thousand nodes).
    """
    n = g.number_of_nodes()
    if n == 0:
        return {"degree": {}, "betweenness": {}, "pagerank": {}}
    k = min(samples, n) if n > sample_above else None
    return {
        "degree": nx.degree_centrality(g),
        "betweenness": nx.betweenness_centrality(g, k=k, normalized=True, weight="distance", seed=seed),
        "pagerank": nx.pagerank(g, weight="weight"),
    }


def communities(g: nx.Graph, seed: int = 0) -> dict[object, int]:
    """Louvain communities (networkx), numbered 0… by size, largest first, ties by smallest node."""
    if g.number_of_nodes() == 0:
        return {}
    parts = nx.community.louvain_communities(g, weight="weight", seed=seed)
    ordered = sorted(parts, key=lambda c: (-len(c), min(str(x) for x in c)))
    return {node: i for i, c in enumerate(ordered) for node in c}


@dataclass(frozen=True, slots=True)
class ThemeCount:
    """How many of a person's meetings in one period emphasized one theme."""

    person: URIRef
    name: str
    period: str  # YYYY-MM, --MM for month-days, "" when undated
    theme: URIRef
    theme_label: str
    meetings: int


def _period(date: str | None) -> str:
    return "" if date is None else date[:4] if date.startswith("--") else date[:7]


def theme_profiles(graph: Graph, att: Attendance, names: dict[URIRef, str] | None = None) -> list[ThemeCount]:
    """Per person and month, the themes emphasized by the meetings they attended (``att``'s window)."""
    dates = meeting_dates(graph)
    themes: dict[URIRef, set[URIRef]] = defaultdict(set)
    for m, t in graph.subject_objects(JY.emphasizes):
        themes[m].add(t)  # type: ignore[index]
    counts: Counter[tuple[URIRef, str, URIRef]] = Counter()
    for person, meeting in att.roles:
        for t in themes.get(meeting, ()):
            counts[(person, _period(dates.get(meeting)), t)] += 1
    names = names or {}
    theme_labels: dict[URIRef, str] = {}
    rows = []
    for (person, period, t), n in counts.items():
        if t not in theme_labels:
            theme_labels[t] = label_of(graph, t)
        rows.append(ThemeCount(person, names.get(person) or label_of(graph, person), period, t, theme_labels[t], n))
    rows.sort(key=lambda r: (r.name, str(r.person), r.period, -r.meetings, r.theme_label))
    return rows


# -- the whole analysis ------------------------------------------------------------------------

@dataclass(slots=True)
class AnalyticsOptions:
    """What ``jiyao analyze`` computes."""

    since: str | None = None
    until: str | None = None
    sample_above: int = 1000  # exact betweenness up to this many people
    samples: int = 200
    seed: int = 0


@dataclass(slots=True)
class AnalyticsResult:
    """Everything :func:`analyze` found."""

    people: list[PersonMetrics]
    network: nx.Graph  # the co-attendance graph
    profiles: list[ThemeCount]
    attendance: Attendance
    names: dict[URIRef, str]

    def edges(self) -> list[tuple[URIRef, URIRef, int]]:
        """Co-attendance pairs (``a < b`` by IRI) with shared meetings, most shared first."""
        pairs = [(min(a, b), max(a, b), d["weight"]) for a, b, d in self.network.edges(data=True)]
        return sorted(pairs, key=lambda e: (-e[2], self.names[e[0]], self.names[e[1]], e[0], e[1]))


def analyze(graph: Graph, options: AnalyticsOptions | None = None) -> AnalyticsResult:
    """Run every measure on ``graph`` (a build's union graph or any graph in the jiyao vocabulary)."""
    o = options or AnalyticsOptions()
    check_bound(o.since)
    check_bound(o.until)
    att = attendance(graph, o.since, o.until)
    g = co_attendance(att)
    names = {p: label_of(graph, p) for p in att.people}
    c = centralities(g, o.sample_above, o.samples, o.seed)
    comm = communities(g, o.seed)
    per_person = np.asarray(att.matrix.sum(axis=1)).ravel() if att.people else np.zeros(0)
    people = [PersonMetrics(p, names[p], int(per_person[i]), g.degree(p), float(c["degree"][p]),
                            float(c["betweenness"][p]), float(c["pagerank"][p]), comm[p])
              for i, p in enumerate(att.people)]
    people.sort(key=lambda m: (-m.pagerank, m.name, str(m.person)))
    return AnalyticsResult(people, g, theme_profiles(graph, att, names), att, names)


def analytics_graph(result: AnalyticsResult) -> Graph:
    """The measures as RDF, in a graph named :data:`ANALYTICS_GRAPH` (doubles, integer community)."""
    from .graph import bind_prefixes

    g = Graph(identifier=ANALYTICS_GRAPH)
    bind_prefixes(g)
    for m in result.people:
        g.add((m.person, JY.degreeCentrality, Literal(m.degree, datatype=XSD.double)))
        g.add((m.person, JY.betweennessCentrality, Literal(m.betweenness, datatype=XSD.double)))
        g.add((m.person, JY.pageRank, Literal(m.pagerank, datatype=XSD.double)))
        g.add((m.person, JY.community, Literal(m.community, datatype=XSD.integer)))
    return g


def analytics_dataset(result: AnalyticsResult, base: Graph | None = None) -> Dataset:
    """A dataset holding the analytics named graph, and ``base``'s graphs too when given."""
    from .graph import bind_prefixes

    ds = Dataset()
    bind_prefixes(ds)
    if base is not None:
        quads: Iterable = (base.quads((None, None, None, None)) if isinstance(base, Dataset)
                           else ((s, p, o, base.identifier) for s, p, o in base))
        for s, p, o, ctx in quads:
            ident = getattr(ctx, "identifier", ctx)
            ds.graph(ident).add((s, p, o))
    target = ds.graph(ANALYTICS_GRAPH)
    for t in analytics_graph(result):
        target.add(t)
    return ds


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def write_outputs(result: AnalyticsResult, out: Path) -> list[Path]:
    """Write ``analytics.trig`` (the analytics named graph) and three CSV files into ``out``."""
    from .export import atomic_write

    paths = {name: out / name for name in ("analytics.trig", "people.csv", "co_attendance.csv",
                                            "theme_profiles.csv")}

    def table(header: list[str], rows: Iterable[list[object]]):  # noqa: ANN202 - a writer callback
        def write(p: Path) -> None:
            with open(p, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(header)
                w.writerows(rows)
        return write

    ds = analytics_dataset(result)
    atomic_write(paths["analytics.trig"], lambda p: ds.serialize(destination=str(p), format="trig", encoding="utf-8"))
    atomic_write(paths["people.csv"], table(
        ["person", "name", "meetings", "co_attendees", "degree", "betweenness", "pagerank", "community"],
        ([str(m.person), m.name, m.meetings, m.co_attendees, _fmt(m.degree), _fmt(m.betweenness),
          _fmt(m.pagerank), m.community] for m in result.people)))
    atomic_write(paths["co_attendance.csv"], table(
        ["person_a", "name_a", "person_b", "name_b", "meetings"],
        ([str(a), result.names[a], str(b), result.names[b], w] for a, b, w in result.edges())))
    atomic_write(paths["theme_profiles.csv"], table(
        ["person", "name", "period", "theme", "theme_label", "meetings"],
        ([str(r.person), r.name, r.period, str(r.theme), r.theme_label, r.meetings] for r in result.profiles)))
    return list(paths.values())


# -- CLI -----------------------------------------------------------------------------------------

@command("analyze", "co-attendance network measures (centralities, communities, theme profiles) → RDF + CSV")
def _analyze_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", required=True, help="a build folder, an RDF file or oxigraph:DIR")
    p.add_argument("--out", type=Path, help="output folder (default: the graph's folder)")
    p.add_argument("--since", help="first meeting date of the window (YYYY-MM-DD or --MM-DD)")
    p.add_argument("--until", help="last meeting date of the window (YYYY-MM-DD or --MM-DD)")
    p.add_argument("--sample-above", type=int, default=1000, help="estimate betweenness above this many people")
    p.add_argument("--seed", type=int, default=0, help="seed for sampling and Louvain")
    p.add_argument("--top", type=int, default=10, help="print this many people by PageRank (0: none)")


@_analyze_args.run  # type: ignore[attr-defined]
def _analyze(a: argparse.Namespace) -> int:
    from .store import StoreError, open_graph

    try:
        graph = open_graph(a.graph)
        result = analyze(graph, AnalyticsOptions(a.since, a.until, a.sample_above, seed=a.seed))
    except (StoreError, ValueError) as e:
        print(f"jiyao analyze: {e}", file=sys.stderr)
        return 1
    graph_path = Path(a.graph)
    out = a.out or (graph_path if graph_path.is_dir() else graph_path.parent)
    paths = write_outputs(result, out)
    print(f"{len(result.people)} people, {result.network.number_of_edges()} co-attendance pairs, "
          f"{len({m.community for m in result.people})} communities")
    for m in result.people[: max(a.top, 0)]:
        print(f"  {m.pagerank:.4f}  {m.name}  (community {m.community}, {m.meetings} meetings)")
    for p in paths:
        print(f"  wrote {p}")
    return 0
