"""``graph.html``: an interactive, self-contained view of the graph, and ``jiyao viz``.

The page is rendered with pyvis (its ``Network`` and Jinja template machinery, with our template
``kg/static/graph.html.j2``) and works offline: vis-network's JS and CSS are read from the pyvis
package and inlined, nothing is fetched. Nodes are people, meetings, themes, organizations and
posts; edges are the relations between them (one edge per pair, labelled with every relation).

Safety: report text never becomes markup. All data goes into ``<script type="application/json">``
blocks with ``<``, ``>`` and ``&`` escaped as ``\\u003c``…, is read with ``JSON.parse`` and shown
with ``textContent`` (vis-network draws labels on a canvas; no HTML tooltips are used).

Scale: positions are precomputed (:func:`layout`: per connected component, a Fruchterman–Reingold
variant whose repulsion only acts within a radius, found with a k-d tree, so it is O(n log n)
per iteration; degree-1 nodes are placed on rings around their neighbour), and physics is off
above :data:`PHYSICS_MAX_NODES`, so a 10 000-node page is interactive in a few seconds.
Node and edge lists are assigned to pyvis in bulk (its ``add_node``/``add_edge`` are quadratic).

Filters (``write_html(..., person=, hops=, theme=, since=, until=)`` and ``jiyao viz``):
``since``/``until`` and ``theme`` keep the meetings in the date window (bounds as in
:mod:`kg.analytics`) that emphasize the theme (or a narrower one), with everything around them
(their people, organizers, themes, the people's posts and the posts' organizations);
``person`` then keeps the nodes within ``hops`` edges of that person.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from .analytics import check_bound, in_window, label_of, meeting_dates
from .cli import command
from .namespace import JY

__all__ = ["NodeType", "Relation", "NODE_TYPES", "RELATIONS", "PHYSICS_MAX_NODES", "GraphView", "graph_view",
           "layout", "json_for_html", "render_html", "write_html", "vis_assets"]

STATIC = Path(__file__).parent / "static"
PHYSICS_MAX_NODES = 300  # above this the page draws the precomputed layout with physics off
DENSE_REPULSION_MAX = 800  # up to this many nodes the layout computes all pairs' repulsion
LABEL_MAX = 16  # characters of a label drawn on the canvas (the panel and search show it whole)


@dataclass(frozen=True, slots=True)
class NodeType:
    """How one class of node looks."""

    cls: URIRef
    zh: str
    en: str
    color: str
    shape: str  # a vis-network shape


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation drawn as an edge (subject → object)."""

    prop: URIRef
    zh: str
    color: str


# in priority order: a node with several types is drawn as the first one
NODE_TYPES: dict[str, NodeType] = {
    "Meeting": NodeType(JY.Meeting, "会议", "meeting", "#2e86ab", "square"),
    "Person": NodeType(JY.Person, "人物", "person", "#d1495b", "dot"),
    "Theme": NodeType(JY.Theme, "主题", "theme", "#3b9d5d", "triangle"),
    "Organization": NodeType(JY.Organization, "机构", "organization", "#f18f01", "hexagon"),
    "Post": NodeType(JY.Post, "职务", "post", "#8e6c8a", "diamond"),
}
RELATIONS: dict[str, Relation] = {
    "chair": Relation(JY.chair, "主持", "#b5485a"),
    "speaker": Relation(JY.speaker, "讲话", "#d97a8a"),
    "participant": Relation(JY.participant, "出席", "#e3a6b0"),
    "organizer": Relation(JY.organizer, "主办", "#f3b35f"),
    "emphasizes": Relation(JY.emphasizes, "强调", "#7cc08f"),
    "candidateTheme": Relation(JY.candidateTheme, "候选主题", "#b9dcc2"),
    "holdsPost": Relation(JY.holdsPost, "任职", "#b49ab2"),
    "postIn": Relation(JY.postIn, "所属", "#c9b6c7"),
    "continues": Relation(JY.continues, "续会", "#7fb3cf"),
}


# -- the view: which nodes and edges --------------------------------------------------------------

@dataclass(slots=True)
class GraphView:
    """The nodes (IRIs, in drawing order) and labelled edges a page shows."""

    nodes: list[URIRef]
    types: dict[URIRef, str]
    labels: dict[URIRef, str]
    edges: dict[tuple[URIRef, URIRef], list[str]]  # (subject, object) -> relation names
    meeting_dates: dict[URIRef, str | None] = field(default_factory=dict)
    theme_meetings: dict[URIRef, set[URIRef]] = field(default_factory=dict)  # theme -> meetings (narrower incl.)

    def nx_graph(self) -> nx.Graph:
        """The view as an undirected networkx graph."""
        g = nx.Graph()
        g.add_nodes_from(self.nodes)
        g.add_edges_from(self.edges)
        return g


def _node_types(graph: Graph) -> dict[URIRef, str]:
    types: dict[URIRef, str] = {}
    for name, t in reversed(NODE_TYPES.items()):  # reversed: the first type in NODE_TYPES wins
        for s in graph.subjects(RDF.type, t.cls):
            if isinstance(s, URIRef):
                types[s] = name
    return types


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _names(graph: Graph, node: URIRef) -> set[str]:
    """Every name a filter may use for ``node``: labels, alternative labels, the IRI's last segment."""
    from rdflib.namespace import RDFS

    out = {_norm(str(o)) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(node, p)
           if isinstance(o, Literal)}
    out.add(_norm(str(node).rsplit("/", 1)[-1]))
    return out


def _theme_meetings(graph: Graph, edges: dict[tuple[URIRef, URIRef], list[str]],
                    types: dict[URIRef, str]) -> dict[URIRef, set[URIRef]]:
    """Theme → the meetings that emphasize it or any narrower theme (skos:broader, transitively)."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for (s, o), rels in edges.items():
        if types.get(o) == "Theme" and ("emphasizes" in rels or "candidateTheme" in rels):
            direct[o].add(s)
    broader: dict[URIRef, set[URIRef]] = defaultdict(set)
    for narrow, broad in graph.subject_objects(SKOS.broader):
        broader[narrow].add(broad)  # type: ignore[index]
    out: dict[URIRef, set[URIRef]] = {t: set() for t in types if types[t] == "Theme"}
    for theme, meetings in direct.items():
        seen, todo = set(), [theme]
        while todo:  # walk up: the meetings count for every broader theme too
            t = todo.pop()
            if t in seen:
                continue
            seen.add(t)
            if t in out:
                out[t] |= meetings
            todo.extend(broader.get(t, ()))
    return out


def graph_view(graph: Graph, person: str | None = None, hops: int = 2, theme: str | None = None,
               since: str | None = None, until: str | None = None) -> GraphView:
    """The nodes and edges to draw for ``graph`` with the given filters (see the module docstring).

    Raises :class:`LookupError` when ``person`` or ``theme`` names nothing, :class:`ValueError`
    for a malformed date bound.
    """
    check_bound(since)
    check_bound(until)
    types = _node_types(graph)
    edges: dict[tuple[URIRef, URIRef], list[str]] = defaultdict(list)
    for name, rel in RELATIONS.items():
        for s, o in graph.subject_objects(rel.prop):
            if s in types and o in types and s != o:
                edges[(s, o)].append(name)  # type: ignore[index]
    dates = meeting_dates(graph)
    theme_meetings = _theme_meetings(graph, edges, types)
    adj: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in edges:
        adj[s].add(o)
        adj[o].add(s)
    keep: set[URIRef] = set(adj)

    if theme is not None or since is not None or until is not None:
        meetings = {m for m in keep if types[m] == "Meeting" and in_window(dates.get(m), since, until)}
        if theme is not None:
            wanted = _norm(theme)
            matches = [t for t in theme_meetings if wanted in _names(graph, t)]
            if not matches:
                raise LookupError(f"no theme labelled {theme!r}")
            meetings &= set().union(*(theme_meetings[t] for t in matches))
        keep = _surroundings(meetings, adj, types)

    if person is not None:
        wanted = _norm(person)
        centres = [p for p in keep if types[p] == "Person" and wanted in _names(graph, p)]
        if not centres:
            raise LookupError(f"no person named {person!r}" + (" in the filtered graph" if len(keep) < len(adj) else ""))
        ego: set[URIRef] = set(centres)
        frontier = set(centres)
        for _ in range(max(hops, 0)):
            frontier = {n for f in frontier for n in adj[f] if n in keep} - ego
            ego |= frontier
        keep = ego

    kept_edges = {e: rels for e, rels in edges.items() if e[0] in keep and e[1] in keep}
    nodes = sorted({n for e in kept_edges for n in e} | (keep if person is not None else set()),
                   key=lambda n: (list(NODE_TYPES).index(types[n]), str(n)))
    labels = {n: label_of(graph, n) for n in nodes}
    shown = set(nodes)
    return GraphView(nodes, {n: types[n] for n in nodes}, labels, kept_edges,
                     {m: dates.get(m) for m in nodes if types[m] == "Meeting"},
                     {t: ms & shown for t, ms in theme_meetings.items() if t in shown})


def _surroundings(meetings: set[URIRef], adj: dict[URIRef, set[URIRef]], types: dict[URIRef, str]) -> set[URIRef]:
    """The meetings, their neighbours, those people's posts, and the posts' organizations."""
    keep = set(meetings)
    for m in meetings:
        keep |= {n for n in adj[m] if types[n] != "Meeting"}
    posts = {n for p in keep if types[p] == "Person" for n in adj[p] if types[n] == "Post"}
    keep |= posts
    keep |= {n for p in posts for n in adj[p] if types[n] == "Organization"}
    return keep


# -- layout ---------------------------------------------------------------------------------------

def _repulsion_layout(pos: np.ndarray, ei: np.ndarray, ej: np.ndarray, k: float, iterations: int,
                      temperature: float) -> np.ndarray:
    """Fruchterman–Reingold with repulsion cut off at ``2k`` (the grid variant of the original paper)."""
    from scipy.spatial import cKDTree

    n = len(pos)
    if n < 2:
        return pos
    all_a, all_b = np.triu_indices(n, 1) if n <= DENSE_REPULSION_MAX else (None, None)
    t = temperature
    cool = (0.05 * k / t) ** (1.0 / max(iterations, 1)) if t > 0 else 1.0
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        if n <= DENSE_REPULSION_MAX:
            a, b = all_a, all_b  # small: every pair repels, as in plain Fruchterman–Reingold
        else:
            pairs = cKDTree(pos).query_pairs(2 * k, output_type="ndarray")
            a, b = pairs[:, 0], pairs[:, 1]
        if len(a):
            d = pos[a] - pos[b]
            f = d * (k * k / np.maximum((d * d).sum(axis=1), 1e-6))[:, None]  # k²/dist along the unit vector
            for axis in (0, 1):
                disp[:, axis] += np.bincount(a, f[:, axis], n) - np.bincount(b, f[:, axis], n)
        if len(ei):
            d = pos[ei] - pos[ej]
            f = d * (np.sqrt((d * d).sum(axis=1)) / k)[:, None]  # dist²/k along the unit vector
            for axis in (0, 1):
                disp[:, axis] += np.bincount(ej, f[:, axis], n) - np.bincount(ei, f[:, axis], n)
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)
        pos = pos + disp * (np.minimum(length, t) / length)[:, None]
        t *= cool
    return pos


def _component_layout(nodes: np.ndarray, ei: np.ndarray, ej: np.ndarray, k: float,
                      rng: np.random.Generator) -> np.ndarray:
    """Positions (len(nodes) × 2) for one connected component given as local edge arrays."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    deg = np.bincount(ei, minlength=n) + np.bincount(ej, minlength=n)
    leaf = deg == 1
    if leaf.all():  # a single edge
        return np.array([[0.0, 0.0], [k, 0.0]])
    core = np.flatnonzero(~leaf)
    local = np.full(n, -1)
    local[core] = np.arange(len(core))
    both = ~leaf[ei] & ~leaf[ej]
    side = math.sqrt(len(core)) * k
    pos = np.zeros((n, 2))
    pos[core] = _repulsion_layout(rng.uniform(0, side, (len(core), 2)), local[ei[both]], local[ej[both]], k,
                                  iterations=60, temperature=side / 4 + k)
    # leaves on a ring around their one neighbour, the ring as large as its leaves need
    parent = np.where(leaf[ei], ej, ei)[leaf[ei] | leaf[ej]]
    child = np.where(leaf[ei], ei, ej)[leaf[ei] | leaf[ej]]
    order = np.argsort(parent, kind="stable")
    parent, child = parent[order], child[order]
    starts = np.flatnonzero(np.r_[True, parent[1:] != parent[:-1]])
    counts = np.diff(np.r_[starts, len(parent)])
    rank = np.arange(len(parent)) - np.repeat(starts, counts)
    total = np.repeat(counts, counts)
    radius = np.maximum(0.7 * k, total * 0.35 * k / (2 * math.pi))
    angle = 2 * math.pi * rank / total + rng.uniform(0, 2 * math.pi)
    pos[child] = pos[parent] + np.c_[np.cos(angle), np.sin(angle)] * radius[:, None]
    # a few gentle full iterations pull apart rings that landed on each other
    return _repulsion_layout(pos, ei, ej, k * 0.5, iterations=8, temperature=k * 0.5)


def layout(n: int, edges: Iterable[tuple[int, int]], seed: int = 0, k: float = 90.0) -> np.ndarray:
    """Positions (n × 2, in pixels) for nodes ``0…n-1``: each component laid out, then packed in rows."""
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    e = np.array(list(edges), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    if n == 0:
        return np.zeros((0, 2))
    adj = coo_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    ncomp, comp = connected_components(adj, directed=False)
    members = [np.flatnonzero(comp == c) for c in range(ncomp)]
    members.sort(key=lambda m: (-len(m), m[0]))
    edge_comp = comp[e[:, 0]] if len(e) else np.zeros(0, dtype=np.int64)
    index = np.empty(n, dtype=np.int64)
    pos = np.zeros((n, 2))
    boxes = []
    for m in members:
        index[m] = np.arange(len(m))
        sel = edge_comp == comp[m[0]]
        p = _component_layout(m, index[e[sel, 0]], index[e[sel, 1]], k, rng)
        p -= p.min(axis=0)
        pos[m] = p
        boxes.append(p.max(axis=0) + k)
    # shelf packing: rows of components, largest first, about as wide as the whole is tall
    width = max(max(b[0] for b in boxes), math.sqrt(sum(b[0] * b[1] for b in boxes)) * 1.2)
    x = y = shelf = 0.0
    for m, b in zip(members, boxes):
        if x > 0 and x + b[0] > width:
            x, y, shelf = 0.0, y + shelf, 0.0
        pos[m] += (x, y)
        x += b[0]
        shelf = max(shelf, b[1])
    return pos - pos.mean(axis=0)


# -- the page data --------------------------------------------------------------------------------

def json_for_html(obj: object) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&`` (and U+2028/9) as ``\\u`` escapes."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


class _Strings:
    """A table of repeated strings (sentences, file names): each stored once, referenced by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, s: str) -> int:
        if s not in self.index:
            self.index[s] = len(self.items)
            self.items.append(s)
        return self.index[s]


def _by_subject(graph: Graph, prop: URIRef) -> dict[URIRef, object]:
    return {s: o for s, o in graph.subject_objects(prop)}  # type: ignore[misc]


def _details(graph: Graph, view: GraphView, ids: dict[URIRef, int], strings: _Strings) -> list[dict]:
    """What the side panel shows for each node: fields and sections of rows ``[text, sub, node]``.

    A row's ``text``/``sub`` is a string, or an int indexing the page's string table; ``node`` is
    the id of a node the row links to, or -1.
    """
    types, labels, shown = view.types, view.labels, set(view.nodes)
    rel_zh = {name: r.zh for name, r in RELATIONS.items()}
    prop_name = {r.prop: name for name, r in RELATIONS.items()}

    def label(n: URIRef) -> str:
        return labels.get(n) or label_of(graph, n)

    # evidence, indexed by the node it is about (subject and object)
    ev_subj, ev_pred, ev_obj = (_by_subject(graph, p) for p in (RDF.subject, RDF.predicate, RDF.object))
    ev_sent, ev_file = _by_subject(graph, JY.sentence), _by_subject(graph, JY.sourceFile)
    ev_start, ev_end = _by_subject(graph, JY.start), _by_subject(graph, JY.end)
    evidence: dict[URIRef, list[list]] = defaultdict(list)
    for ev in graph.subjects(RDF.type, JY.Evidence):
        s, p, o = ev_subj.get(ev), ev_pred.get(ev), ev_obj.get(ev)
        if s not in shown and o not in shown:
            continue
        rel = prop_name.get(p) or str(p).rsplit("#", 1)[-1]  # type: ignore[arg-type]
        where = f"{ev_file.get(ev, '?')}:{ev_start.get(ev, '?')}–{ev_end.get(ev, '?')}"
        sentence = strings(str(ev_sent.get(ev, "")))
        for node, other in ((s, o), (o, s)):
            if node in shown:
                sub = f"{rel_zh.get(rel, rel)} · {label(other)} · {where}" if other in types else f"{rel} · {where}"
                evidence[node].append([sentence, sub, ids.get(other, -1)])  # type: ignore[arg-type]

    # post holdings: person -> (post, date, article file)
    art_file = _by_subject(graph, JY.sourceFile)
    h_holder, h_post = _by_subject(graph, JY.holder), _by_subject(graph, JY.post)
    h_date, h_art = _by_subject(graph, JY.observedOn), _by_subject(graph, JY.observedIn)
    holdings: dict[URIRef, list[list]] = defaultdict(list)
    for h, person in h_holder.items():
        if person in shown and h in h_post:
            post = h_post[h]
            date = str(h_date.get(h, "")) or "日期不详"
            holdings[person].append([label(post), f"{date} · {art_file.get(h_art.get(h), '?')}",  # type: ignore
                                     ids.get(post, -1)])  # type: ignore[arg-type]

    nbrs: dict[URIRef, list[tuple[URIRef, list[str], bool]]] = defaultdict(list)  # node -> (other, rels, outgoing)
    for (s, o), rels in view.edges.items():
        nbrs[s].append((o, rels, True))
        nbrs[o].append((s, rels, False))

    def rows(node: URIRef, want: str, sub=None) -> list[list]:  # noqa: ANN001 - sub: (other, rels) -> str
        out = [[label(o), sub(o, rels) if sub else "", ids[o]] for o, rels, _ in nbrs[node] if types[o] == want]
        return sorted(out, key=lambda r: (r[1], r[0]))

    def roles(rels: list[str]) -> str:
        return "、".join(rel_zh[r] for r in rels)

    def meeting_date(m: URIRef) -> str:
        return view.meeting_dates.get(m) or "日期不详"

    reported = _by_subject(graph, JY.reportedIn)
    kinds = _by_subject(graph, JY.kind)
    locations = _by_subject(graph, JY.location)
    out = []
    for n in view.nodes:
        t = types[n]
        fields: list[list[str]] = [["类型", f"{NODE_TYPES[t].zh} {NODE_TYPES[t].en}"]]
        alt = sorted({str(o) for o in graph.objects(n, SKOS.altLabel)} - {labels[n]})
        if alt and t != "Theme":
            fields.append(["别名", "、".join(alt)])
        sections: list[list] = []
        if t == "Person":
            themes: dict[URIRef, int] = defaultdict(int)
            for m, _rels, _ in nbrs[n]:
                for th, _r, out_ in nbrs[m]:
                    if types[th] == "Theme" and out_ is True and th != n:
                        themes[th] += 1
            sections += [
                ["职务", sorted(holdings[n], key=lambda r: (r[1], r[0])) or rows(n, "Post")],
                ["会议", sorted(([label(m), f"{meeting_date(m)} · {roles(rels)}", ids[m]] for m, rels, _ in nbrs[n]
                               if types[m] == "Meeting"), key=lambda r: (r[1], r[0]))],
                ["主题", [[label(th), f"{c} 次会议", ids[th]] for th, c in
                        sorted(themes.items(), key=lambda kv: (-kv[1], label(kv[0])))]],
            ]
        elif t == "Meeting":
            fields.append(["日期", meeting_date(n)])
            if n in kinds:
                fields.append(["类别", str(kinds[n]).rsplit("/", 1)[-1]])
            if n in locations:
                fields.append(["地点", str(locations[n])])
            art = reported.get(n)
            if art is not None:
                fields.append(["报道", f"{label_of(graph, art)} · {art_file.get(art, '?')}"])  # type: ignore
            sections += [
                ["人物", rows(n, "Person", lambda o, rels: roles(rels))],
                ["主办", rows(n, "Organization")],
                ["主题", rows(n, "Theme", lambda o, rels: roles(rels))],
                ["相关会议", rows(n, "Meeting", lambda o, rels: roles(rels))],
            ]
        elif t == "Theme":
            broader = sorted(label_of(graph, b) for b in graph.objects(n, SKOS.broader))
            if broader:
                fields.append(["上位主题", "、".join(broader)])
            if alt:
                fields.append(["别称", "、".join(alt[:12])])
            sections.append(["会议", rows(n, "Meeting", lambda o, rels: f"{meeting_date(o)} · {roles(rels)}")])
        elif t == "Organization":
            sections += [["主办会议", rows(n, "Meeting", lambda o, rels: meeting_date(o))], ["职务", rows(n, "Post")]]
        else:  # Post
            sections += [["任职者", rows(n, "Person")], ["机构", rows(n, "Organization")]]
        sections.append(["证据", evidence[n]])
        out.append({"name": labels[n], "iri": str(n), "fields": fields,
                    "sections": [[title, _unique(rs)] for title, rs in sections if rs]})
    return out


def _unique(rows: list[list]) -> list[list]:
    """``rows`` without repeats (the same post seen twice in one article, say), order kept."""
    seen: set[tuple] = set()
    return [r for r in rows if not (tuple(r) in seen or seen.add(tuple(r)))]  # type: ignore[func-returns-value]


def _sizes(view: GraphView) -> dict[URIRef, float]:
    """Node size (pixels) from PageRank in the shown graph: 8 to 36, by square root."""
    g = view.nx_graph()
    if g.number_of_edges() == 0:
        return {n: 12.0 for n in view.nodes}
    pr = nx.pagerank(g)
    top = max(pr.values())
    return {n: 8.0 + 28.0 * math.sqrt(pr[n] / top) for n in view.nodes}


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def page_data(graph: Graph, view: GraphView, title: str, seed: int = 0,
              physics_max_nodes: int = PHYSICS_MAX_NODES) -> tuple[list[dict], list[dict], dict, dict]:
    """vis nodes, vis edges, vis options and the page's own data for ``view``."""
    # edges come in the graph's iteration order, which follows string hashing and changes between
    # processes: lay them out in IRI order so the same graph gives the same page
    ids = {n: i for i, n in enumerate(view.nodes)}
    edge_list = sorted(view.edges.items(), key=lambda e: (str(e[0][0]), str(e[0][1])))
    pos = layout(len(view.nodes), [(ids[s], ids[o]) for (s, o), _ in edge_list], seed=seed)
    sizes = _sizes(view)
    nodes = [{"id": i, "label": _short(view.labels[n]), "group": view.types[n], "size": round(sizes[n], 1),
              "x": round(float(pos[i, 0]), 1), "y": round(float(pos[i, 1]), 1)} for i, n in enumerate(view.nodes)]
    edges = []
    for (s, o), rels in edge_list:
        first = RELATIONS[rels[0]]
        edges.append({"from": ids[s], "to": ids[o], "label": "/".join(RELATIONS[r].zh for r in rels),
                      "rel": rels, "color": first.color})
    big = len(nodes) > physics_max_nodes
    options = {
        "groups": {name: {"color": {"background": t.color, "border": t.color,
                                    "highlight": {"background": t.color, "border": "#222"}},
                          "shape": t.shape} for name, t in NODE_TYPES.items()},
        "nodes": {"font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False, "width": 1, "arrows": {"to": {"enabled": not big, "scaleFactor": 0.4}},  # arrowheads halve draw speed
                  "font": {"size": 10, "color": "#555", "strokeWidth": 2, "align": "middle"},
                  "scaling": {"label": {"drawThreshold": 9}}},
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "physics": {"enabled": not big, "solver": "barnesHut",
                    "barnesHut": {"springLength": 90, "avoidOverlap": 0.2, "gravitationalConstant": -3000},
                    "stabilization": {"enabled": True, "iterations": 150, "fit": True}},
        "interaction": {"hover": not big, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big, "tooltipDelay": 300,
                        "navigationButtons": False, "keyboard": False},
    }
    strings = _Strings()
    details = _details(graph, view, ids, strings)
    data = {
        "title": title,
        "types": {name: {"zh": t.zh, "en": t.en, "color": t.color, "shape": t.shape} for name, t in NODE_TYPES.items()},
        "relations": {name: {"zh": r.zh, "color": r.color, "en": name} for name, r in RELATIONS.items()},
        "labels": [view.labels[n] for n in view.nodes],
        "details": details,
        "strings": strings.items,
        "meetingDates": {str(ids[m]): d for m, d in view.meeting_dates.items() if d},
        "themeMeetings": {str(ids[t]): sorted(ids[m] for m in ms) for t, ms in view.theme_meetings.items()},
        "physics": not big,
    }
    return nodes, edges, options, data


# -- rendering ------------------------------------------------------------------------------------

def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis package (no CDN)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib"
    versions = sorted((d for d in lib.glob("vis-*") if (d / "vis-network.min.js").is_file()),
                      key=lambda d: tuple(int(x) for x in d.name[4:].split(".") if x.isdigit()))
    if not versions:
        raise FileNotFoundError(f"vis-network is missing from {lib}")
    d = versions[-1]
    return (d / "vis-network.min.js").read_text(encoding="utf-8"), (d / "vis-network.css").read_text(encoding="utf-8")


def _describe(filters: dict[str, object]) -> str:
    parts = [f"{k}={v}" for k, v in filters.items() if v is not None and k in ("person", "theme", "since", "until")]
    if filters.get("person") is not None:
        parts.append(f"hops={filters.get('hops', 2)}")
    return "jiyao 知识图谱" + (f" ({', '.join(parts)})" if parts else "")


def render_html(graph: Graph, *, person: str | None = None, hops: int = 2, theme: str | None = None,
                since: str | None = None, until: str | None = None, title: str | None = None, seed: int = 0,
                physics_max_nodes: int = PHYSICS_MAX_NODES) -> str:
    """The page for ``graph`` (filters as in :func:`graph_view`) as one self-contained HTML string."""
    from pyvis.network import Network

    view = graph_view(graph, person=person, hops=hops, theme=theme, since=since, until=until)
    title = title or _describe({"person": person, "hops": hops, "theme": theme, "since": since, "until": until})
    nodes, edges, options, data = page_data(graph, view, title, seed, physics_max_nodes)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    # bulk assignment: pyvis's add_node/add_edge check for duplicates by scanning lists (quadratic)
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = options
    net.set_template_dir(str(STATIC) + "/", "graph.html.j2")
    vis_js, vis_css = vis_assets()
    net.templateEnv.filters["jsonhtml"] = json_for_html
    net.templateEnv.globals.update(
        vis_js=vis_js, vis_css=vis_css, page_data=data,
        app_js=(STATIC / "graph.js").read_text(encoding="utf-8"),
        app_css=(STATIC / "graph.css").read_text(encoding="utf-8"))
    return net.generate_html()


def write_html(graph: Graph, path: Path, **filters: object) -> Path:
    """Write :func:`render_html` of ``graph`` to ``path`` (UTF-8, atomically); returns ``path``."""
    from .export import atomic_write

    html = render_html(graph, **filters)  # type: ignore[arg-type]
    path = Path(path)
    atomic_write(path, lambda p: p.write_text(html, encoding="utf-8"))
    return path


# -- CLI -----------------------------------------------------------------------------------------

@command("viz", "write an interactive HTML view of the graph or of a subgraph")
def _viz_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", required=True, help="a build folder, an RDF file or oxigraph:DIR")
    p.add_argument("--out", type=Path, default=Path("graph.html"), help="HTML file to write (default: graph.html)")
    p.add_argument("--person", help="only this person's neighbourhood (name or alias)")
    p.add_argument("--hops", type=int, default=2, help="neighbourhood radius in edges (default 2: co-attendees)")
    p.add_argument("--theme", help="only meetings emphasizing this theme (label, alias or id) or a narrower one")
    p.add_argument("--since", help="only meetings on or after this date (YYYY-MM-DD or --MM-DD)")
    p.add_argument("--until", help="only meetings on or before this date (YYYY-MM-DD or --MM-DD)")
    p.add_argument("--title", help="page title")


@_viz_args.run  # type: ignore[attr-defined]
def _viz(a: argparse.Namespace) -> int:
    from .store import StoreError, open_graph

    try:
        graph = open_graph(a.graph)
        path = write_html(graph, a.out, person=a.person, hops=a.hops, theme=a.theme, since=a.since, until=a.until,
                          title=a.title)
    except (StoreError, LookupError, ValueError) as e:
        print(f"jiyao viz: {e}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0
