"""The graph as a network for Gephi, Cytoscape, yEd …: GraphML and GEXF through networkx.

Nodes are people, meetings, organizations, posts and themes (id = IRI, ``label`` = the name,
``type`` = the class); edges are person → meeting (``relation`` = the roles, e.g.
``chair; speaker``), meeting → organizer, meeting → theme and person → post.

GraphML and GEXF cannot hold list attributes (networkx #5024), so lists are flattened into
``"; "``-joined strings. The GEXF file is *dynamic*: a meeting with a full date and its edges
carry ``start`` = that date, so Gephi's timeline plays the meetings in order; meetings whose
year is unknown (``--MM-DD``) have no start and show for the whole timeline.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from .namespace import JY
from .tables import label

__all__ = ["to_networkx", "flatten_attributes", "write_graphml", "write_gexf", "write_network"]

_ROLES = {JY.chair: "chair", JY.speaker: "speaker", JY.participant: "participant"}


def _full_date(g: Graph, meeting: object) -> str | None:
    for d in g.objects(meeting, JY.date):
        if isinstance(d, Literal) and d.datatype == XSD.date:
            return str(d)
    return None


def to_networkx(g: Graph) -> nx.DiGraph:
    """The people–meetings–organizations–posts–themes network of the union graph ``g``."""
    net = nx.DiGraph()

    def node(iri: object, cls: str, **attrs: object) -> str:
        key = str(iri)
        if key not in net:
            net.add_node(key, label=label(g, iri) or key, type=cls, iri=key)
        net.nodes[key].update({k: v for k, v in attrs.items() if v not in (None, "")})
        return key

    for p in g.subjects(RDF.type, JY.Person):
        node(p, "Person", posts=sorted({label(g, post) for post in g.objects(p, JY.holdsPost)}))
    for m in sorted(set(g.subjects(RDF.type, JY.Meeting))):
        start = _full_date(g, m)
        dates = sorted(str(d) for d in g.objects(m, JY.date))
        kinds = sorted(str(k).rsplit("/", 1)[-1] for k in g.objects(m, JY.kind))
        files = sorted({str(f) for a in g.objects(m, JY.reportedIn) for f in g.objects(a, JY.sourceFile)})
        mk = node(m, "Meeting", date=dates[0] if dates else None, kind=kinds[0] if kinds else None,
                  source_files=files, start=start)
        roles: dict[str, list[str]] = defaultdict(list)
        for prop, role in _ROLES.items():
            for p in g.objects(m, prop):
                roles[node(p, "Person")].append(role)
        for pk, rs in roles.items():
            net.add_edge(pk, mk, relation=sorted(rs), weight=len(rs), **({"start": start} if start else {}))
        for o in g.objects(m, JY.organizer):
            net.add_edge(mk, node(o, "Organization"), relation="organizer", weight=1,
                         **({"start": start} if start else {}))
        for t in g.objects(m, JY.emphasizes):
            net.add_edge(mk, node(t, "Theme"), relation="emphasizes", weight=1, **({"start": start} if start else {}))
    for p, post in g.subject_objects(JY.holdsPost):
        net.add_edge(node(p, "Person"), node(post, "Post"), relation="holdsPost", weight=1)
    # rdflib's iteration order follows string hashing, which changes between processes: write
    # nodes and edges in IRI order so the files are the same for the same graph
    ordered = nx.DiGraph()
    ordered.graph.update(net.graph)
    ordered.add_nodes_from(sorted(net.nodes(data=True), key=lambda n: n[0]))
    ordered.add_edges_from(sorted(net.edges(data=True), key=lambda e: (e[0], e[1])))
    return ordered


def flatten_attributes(net: nx.Graph) -> nx.Graph:
    """A copy of ``net`` whose list/tuple/set attribute values are ``"; "``-joined strings."""
    flat = net.copy()

    def fix(data: dict) -> None:
        for k, v in list(data.items()):
            if isinstance(v, (list, tuple, set, frozenset)):
                data[k] = "; ".join(str(x) for x in (sorted(v) if isinstance(v, (set, frozenset)) else v))

    fix(flat.graph)
    for _, data in flat.nodes(data=True):
        fix(data)
    for _, _, data in flat.edges(data=True):
        fix(data)
    return flat


def write_graphml(net: nx.Graph, path: Path) -> None:
    """GraphML (``start`` becomes a plain ``start`` attribute)."""
    nx.write_graphml(flatten_attributes(net), str(path), encoding="utf-8")


def write_gexf(net: nx.Graph, path: Path) -> None:
    """GEXF 1.2, dynamic when any node or edge has a ``start`` date."""
    flat = flatten_attributes(net)
    flat.graph.setdefault("mode", "dynamic" if any("start" in d for _, d in flat.nodes(data=True)) else "static")
    writer = GEXFWriter(encoding="utf-8", version="1.2draft")
    # networkx stamps <meta lastmodifieddate> with today's date, so the same graph gave a different
    # file each day; the attribute is optional in GEXF 1.2: it follows SOURCE_DATE_EPOCH (the
    # reproducible-builds convention) when that is set and is left out otherwise
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isdigit():
            meta.set("lastmodifieddate", datetime.fromtimestamp(int(epoch), timezone.utc).date().isoformat())
    writer.add_graph(flat)
    writer.write(str(path))


_WRITERS = {"graphml": write_graphml, "gexf": write_gexf}


def write_network(g: Graph, out: Path, formats: tuple[str, ...] = ("graphml", "gexf")) -> list[Path]:
    """Write ``out/graph.graphml`` and ``out/graph.gexf`` (or those of ``formats``) atomically;
    returns the paths."""
    from .export import atomic_write

    net = to_networkx(g)
    paths = [out / f"graph.{fmt}" for fmt in formats]
    for fmt, path in zip(formats, paths):
        atomic_write(path, lambda p, w=_WRITERS[fmt]: w(net, p))
    return paths
