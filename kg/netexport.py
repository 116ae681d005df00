"""The graph as a network for Gephi, Cytoscape, yEd …: GraphML and GEXF of a networkx graph.

Nodes are people, meetings, organizations, posts and themes (id = IRI, ``label`` = the name,
``type`` = the class); edges are person → meeting (``relation`` = the roles, e.g.
``chair; speaker``), meeting → organizer, meeting → theme and person → post.

GraphML and GEXF cannot hold list attributes (networkx #5024), so lists are flattened into
``"; "``-joined strings. The GEXF file is *dynamic*: a meeting with a full date and its edges
carry ``start`` = that date, so Gephi's timeline plays the meetings in order; meetings whose
year is unknown (``--MM-DD``) have no start and show for the whole timeline.

The files are written as text in the layout of networkx's own writers (``write_graphml`` without
lxml, ``GEXFWriter``), byte for byte but for GEXF's ``<creator>``; a test compares them.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx
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


def _flat(value: object) -> object:
    """A list or tuple value as one ``"; "``-joined string, a set's sorted; others as they are."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(x) for x in value)
    if isinstance(value, (set, frozenset)):
        return "; ".join(str(x) for x in sorted(value))
    return value


def flatten_attributes(net: nx.Graph) -> nx.Graph:
    """A copy of ``net`` whose list/tuple/set attribute values are ``"; "``-joined strings."""
    flat = net.copy()

    def fix(data: dict) -> None:
        for k, v in list(data.items()):
            data[k] = _flat(v)

    fix(flat.graph)
    for _, data in flat.nodes(data=True):
        fix(data)
    for _, _, data in flat.edges(data=True):
        fix(data)
    return flat


# Both files are written as text, in the layout networkx's writers give (a test compares them):
# those build an ElementTree of the whole file first, which took 0.8 s per format for the network
# of 2 M chars of reports (7 K nodes, 39 K edges), against 0.2–0.3 s here.

# characters XML 1.0 does not allow (C0 controls but tab, newline and carriage return, lone
# surrogates, U+FFFE/U+FFFF) are dropped: an XML library writes them, and the file then fails to parse
_NOT_XML_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_NOT_XML = re.compile(f"[{_NOT_XML_CHARS}]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# as xml.etree escapes attribute values: the same three, the quote, and CR, LF, tab as references
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"})
_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}  # networkx's names, both formats
_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"
_GEXF_FLOATS = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}  # GEXF's spellings (XML Schema's)
# data keys networkx's GEXF writer gives a meaning of their own (XML attributes or elements, not
# values), beyond the ``label``, ``start`` and ``weight`` written here: not supported
_GEXF_RESERVED = {"node": frozenset({"id", "pid", "end", "parents", "spells", "slices", "viz"}),
                  "edge": frozenset({"id", "end", "type", "key", "spells", "slices", "viz"})}


# a value with none of these is written as it is
_TEXT_SPECIAL = re.compile(f"[&<>{_NOT_XML_CHARS}]")
_ATTR_SPECIAL = re.compile(f"[&<>\"\r\n\t{_NOT_XML_CHARS}]")


def _text(value: object) -> str:
    s = str(value)
    return _NOT_XML.sub("", s).translate(_TEXT_ESCAPES) if _TEXT_SPECIAL.search(s) else s


def _attr(value: object) -> str:
    s = str(value)
    return _NOT_XML.sub("", s).translate(_ATTR_ESCAPES) if _ATTR_SPECIAL.search(s) else s


def _xml_type(value: object) -> str:
    try:
        return _XML_TYPES[type(value)]
    except KeyError:
        raise TypeError(f"network attribute values must be str, int, float, bool or lists of them, "
                        f"not {type(value).__name__}") from None


def _element(indent: str, head: str, children: list[str]) -> list[str]:
    """An element's lines: ``<head />`` when it has no children (as xml.etree writes it)."""
    if not children:
        return [f"{indent}<{head} />"]
    return [f"{indent}<{head}>", *children, f"{indent}</{head.split(' ', 1)[0]}>"]


def _write_lines(path: Path, lines: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))
        f.write("\n")


def graphml_lines(net: nx.Graph) -> list[str]:
    """``net`` as GraphML lines, list attributes flattened (``"; "``-joined)."""
    keys: dict[tuple[str, str, str], str] = {}  # (name, type, scope) -> id, in the order first used

    def data(items: dict, scope: str, indent: str) -> list[str]:
        out = []
        for k, v in items.items():
            v = _flat(v)
            kk = (str(k), _xml_type(v), scope)
            kid = keys.get(kk) or keys.setdefault(kk, f"d{len(keys)}")
            text = _text(v)
            out.append(f'{indent}<data key="{kid}">{text}</data>' if text else f'{indent}<data key="{kid}" />')
        return out

    graph_data = data({k: v for k, v in net.graph.items() if k not in ("node_default", "edge_default")},
                      "graph", "    ")
    body: list[str] = []
    for n, d in net.nodes(data=True):
        body += _element("    ", f'node id="{_attr(n)}"', data(d, "node", "      "))
    for u, v, d in net.edges(data=True):
        body += _element("    ", f'edge source="{_attr(u)}" target="{_attr(v)}"', data(d, "edge", "      "))
    key_lines = [f'  <key id="{kid}" for="{scope}" attr.name="{_attr(name)}" attr.type="{xml_type}" />'
                 for (name, xml_type, scope), kid in reversed(keys.items())]  # xml.etree inserted each first
    direction = "directed" if net.is_directed() else "undirected"
    return [_DECLARATION,
            ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'),
            *key_lines, *_element("  ", f'graph edgedefault="{direction}"', body + graph_data), "</graphml>"]


def gexf_lines(net: nx.Graph, modified: str | None = None) -> list[str]:
    """``net`` as GEXF 1.2 lines, list attributes flattened; dynamic (``timeformat="date"``) when
    any node or edge has a ``start``; ``modified``: the ``lastmodifieddate`` to write, if any."""
    attributes: dict[str, dict[str, tuple[str, str]]] = {}  # class -> title -> (id, type), in order
    count = [0]
    times: set[type] = set()

    def attvalues(items: dict, cls: str) -> list[str]:
        out = []
        for k, v in items.items():
            v = _flat(v)
            titles = attributes.setdefault(cls, {})
            if k not in titles:
                titles[k] = (str(count[0]), _xml_type(v))
                count[0] += 1
            if isinstance(v, bool):
                value = str(v).lower()
            elif isinstance(v, float):
                value = _GEXF_FLOATS.get(str(v), str(v))
            else:
                value = str(v)
            out.append(f'          <attvalue for="{titles[k][0]}" value="{_attr(value)}" />')
        return _element("        ", "attvalues", out) if out else []

    def head(tag: str, fixed: str, d: dict, special: tuple[str, ...]) -> tuple[str, dict]:
        rest = dict(d)
        if _GEXF_RESERVED[tag] & rest.keys():
            raise ValueError(f"{tag} attributes this GEXF writer does not support: "
                             f"{sorted(_GEXF_RESERVED[tag] & rest.keys())}")
        parts = [fixed]
        for name in special:
            if name in rest:
                value = _flat(rest.pop(name))
                if name == "start":
                    times.add(type(value))
                parts.append(f'{name}="{_attr(value)}"')
        return f"{tag} {' '.join(parts)}", rest

    nodes: list[str] = []
    for n, d in net.nodes(data=True):
        h, rest = head("node", f'id="{_attr(n)}" label="{_attr(_flat(d.get("label", n)))}"', d, ("start",))
        rest.pop("label", None)
        nodes += _element("      ", h, attvalues(rest, "node"))
    edges: list[str] = []
    for i, (u, v, d) in enumerate(net.edges(data=True)):
        h, rest = head("edge", f'source="{_attr(u)}" target="{_attr(v)}" id="{i}"', d, ("label", "weight", "start"))
        edges += _element("      ", h, attvalues(rest, "edge"))
    blocks: list[str] = []
    for cls, titles in attributes.items():  # xml.etree inserted each block first: the last one created leads
        blocks = _element("    ", f'attributes mode="static" class="{cls}"',
                          [f'      <attribute id="{i}" title="{_attr(t)}" type="{ty}" />' for t, (i, ty) in titles.items()]
                          ) + blocks
    dynamic = bool(times) or net.graph.get("mode") == "dynamic"
    graph = (f'graph defaultedgetype="{"directed" if net.is_directed() else "undirected"}" '
             f'mode="{"dynamic" if dynamic else "static"}" name="{_attr(net.graph.get("name", ""))}"')
    if times:  # networkx sets it from the last start it met: all of ours are dates (str)
        graph += f' timeformat="{"date" if str in times else "double" if float in times else "long"}"'
    meta = f'meta lastmodifieddate="{modified}"' if modified else "meta"
    return [_DECLARATION,
            ('<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">'),
            *_element("  ", meta, ["    <creator>jiyao</creator>"]),
            *_element("  ", graph, blocks + _element("    ", "nodes", nodes) + _element("    ", "edges", edges)),
            "</gexf>"]


def write_graphml(net: nx.Graph, path: Path) -> None:
    """GraphML (``start`` is a plain ``start`` attribute)."""
    _write_lines(path, graphml_lines(net))


def write_gexf(net: nx.Graph, path: Path) -> None:
    """GEXF 1.2, dynamic when any node or edge has a ``start`` date."""
    # the optional <meta lastmodifieddate>: networkx stamps today's date, so the same graph gave
    # a different file each day; here it follows SOURCE_DATE_EPOCH (the reproducible-builds
    # convention) when that is set and is left out otherwise
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    modified = datetime.fromtimestamp(int(epoch), timezone.utc).date().isoformat() if epoch.isdigit() else None
    _write_lines(path, gexf_lines(net, modified))


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
