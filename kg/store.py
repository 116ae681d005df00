"""Where a graph lives: files, a persistent Oxigraph store, or a remote SPARQL endpoint.

A *graph spec* names one of them:

- a build folder (``exports``: its ``graph.trig``, else ``graph.ttl``) or an RDF file
  (``.trig``/``.nq`` load as a dataset with one named graph per article, the default graph
  being their union; ``.ttl``/``.nt``/``.jsonld`` as one graph);
- ``oxigraph:DIR``: a persistent Oxigraph store (RocksDB) written by ``jiyao build --store``,
  queried in place, without parsing any file;
- ``http(s)://…``: a SPARQL 1.1 query endpoint (credentials from the environment or netrc,
  see :mod:`kg.push`).

Oxigraph is also the fast path for large builds: :func:`write_fast` serializes Turtle, TriG
and N-Triples with Oxigraph's own (Rust) serializer instead of rdflib's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

__all__ = ["OXIGRAPH_PREFIX", "LARGE_GRAPH", "StoreError", "is_oxigraph_spec", "is_endpoint_spec",
           "open_graph", "open_oxigraph", "resolve_build_file", "oxigraph_dataset", "load_dataset", "load_files", "load_nquads", "to_ox",
           "from_ox", "rows_from_ox", "write_fast", "infer_closure"]

OXIGRAPH_PREFIX = "oxigraph:"
# From this many statements a build takes the large-build graph stage (kg/fastgraph.py) and
# rdflib-held graphs are serialized by Oxigraph: rdflib's store, pySHACL and pretty-printing
# Turtle serializer cost seconds per 10 K triples (a 52 K-triple build: 15 s of graph stage
# against 1.5 s of extraction). The seeds and the tests' builds (≈ 6 K) stay below it.
LARGE_GRAPH = 20_000

_FILE_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld",
                 ".json": "json-ld", ".rdf": "xml", ".owl": "xml"}
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
               "nquads": ox.RdfFormat.N_QUADS}


class StoreError(Exception):
    """A graph spec that cannot be opened (missing file, unknown format, locked store …)."""


def is_oxigraph_spec(spec: str | Path) -> bool:
    return isinstance(spec, str) and spec.startswith(OXIGRAPH_PREFIX)


def is_endpoint_spec(spec: str | Path) -> bool:
    return isinstance(spec, str) and spec.startswith(("http://", "https://"))


# -- rdflib <-> Oxigraph terms ---------------------------------------------------------------

def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as an Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_new_str = str.__new__


def _iri(value: str) -> URIRef:
    # Oxigraph's IRIs are valid already: skip rdflib's check (a regex per IRI)
    return _new_str(URIRef, value)


def _string_literal(value: str, lang: str | None) -> Literal:
    """``Literal(value, lang=lang)`` for a plain or language-tagged string, built directly: the
    same object (its slots as ``Literal.__new__`` sets them for a ``str``), without the checks
    and datatype casting that made converting query rows cost more than the query."""
    lit = _new_str(Literal, value)
    lit._language = lang  # noqa: SLF001
    lit._datatype = None  # noqa: SLF001
    lit._value = value  # noqa: SLF001
    lit._ill_typed = None  # noqa: SLF001
    return lit


def from_ox(term: object) -> Node | None:
    """An Oxigraph term (or ``None``) as an rdflib term."""
    cls = type(term)
    if cls is ox.NamedNode:
        return _iri(term.value)  # type: ignore[attr-defined]
    if cls is ox.Literal:
        lang = term.language  # type: ignore[attr-defined]
        if lang:
            return _string_literal(term.value, lang)  # type: ignore[attr-defined]
        dt = term.datatype.value  # type: ignore[attr-defined]
        # rdflib gives plain literals no datatype; keep them equal to rdflib's own results
        if dt == _XSD_STRING:
            return _string_literal(term.value, None)  # type: ignore[attr-defined]
        return Literal(term.value, datatype=_iri(dt))  # type: ignore[attr-defined]
    if term is None:
        return None
    if cls is ox.BlankNode:
        return BNode(term.value)  # type: ignore[attr-defined]
    raise TypeError(f"unexpected Oxigraph term {term!r}")


def rows_from_ox(solutions: Iterable[Iterable[object]]) -> list[tuple[Node | None, ...]]:
    """Oxigraph query solutions as tuples of rdflib terms (unbound values ``None``).

    Aggregations return many rows naming the same people and themes: each distinct term is
    converted once.
    """
    seen: dict[object, Node | None] = {None: None}

    def conv(term: object) -> Node | None:
        hit = seen.get(term)
        if hit is None and term is not None:
            hit = seen[term] = from_ox(term)
        return hit

    # a solution iterates its values in variable order, unbound ones as None
    return [tuple(map(conv, sol)) for sol in solutions]


def _graph_name(ctx: object) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    ident = getattr(ctx, "identifier", ctx)
    if ident is None or ident == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    return to_ox(ident)  # type: ignore[return-value]


def _ox_quads(data: Graph | Dataset) -> Iterator[ox.Quad]:
    if isinstance(data, Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), _graph_name(g))
    else:
        for s, p, o in data:
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph())


# -- Oxigraph stores ---------------------------------------------------------------------------

def _store_dir(spec: str | Path) -> Path:
    text = str(spec)
    return Path(text[len(OXIGRAPH_PREFIX):] if text.startswith(OXIGRAPH_PREFIX) else text)


def open_oxigraph(spec: str | Path, *, read_only: bool = False) -> ox.Store:
    """The Oxigraph store at ``oxigraph:DIR`` (or ``DIR``), created if missing unless ``read_only``."""
    path = _store_dir(spec)
    try:
        if read_only:
            if not path.is_dir():
                raise StoreError(f"no Oxigraph store at {path} (write one with `jiyao build … --store oxigraph:{path}`)")
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"cannot open the Oxigraph store at {path}: {e}") from e


def oxigraph_dataset(store: ox.Store) -> Dataset:
    """An rdflib :class:`Dataset` over ``store`` (SPARQL runs in Oxigraph; default graph = union)."""
    from oxrdflib import OxigraphStore

    from .graph import bind_prefixes

    ds = Dataset(store=OxigraphStore(store=store), default_union=True)
    bind_prefixes(ds)
    return ds


def load_dataset(ds: Dataset, store: ox.Store) -> list[str]:
    """Put every graph of ``ds`` into ``store``, replacing graphs of the same name (idempotent).

    Graphs of ``store`` that ``ds`` does not have are left alone, so several builds can share
    a store; returns the names of the graphs written.
    """
    names: list[str] = []
    quads = list(_ox_quads(ds))
    for name in {q.graph_name for q in quads}:
        if isinstance(name, ox.DefaultGraph):
            store.clear_graph(name)
        elif store.contains_named_graph(name):
            store.remove_graph(name)
        names.append(getattr(name, "value", ""))
    store.bulk_extend(quads)
    store.flush()
    return sorted(names)


def load_nquads(store: ox.Store, data: bytes, replace: Iterable[str] = ()) -> None:
    """Bulk-load N-Quads text into ``store``, first removing the named graphs ``replace``
    (``<iri>`` terms) that it already holds, so loading a build again replaces its graphs."""
    for name in replace:
        node = ox.NamedNode(name[1:-1])
        if store.contains_named_graph(node):
            store.remove_graph(node)
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)


def load_files(store: ox.Store, paths: Iterable[Path]) -> None:
    """Bulk-load RDF files into ``store`` without going through rdflib (large builds)."""
    for path in paths:
        fmt = _FILE_FORMATS.get(path.suffix.lower())
        if fmt not in _OX_FORMATS:
            raise StoreError(f"{path}: cannot bulk-load this format (use .trig, .nq, .ttl or .nt)")
        store.bulk_load(path=str(path), format=_OX_FORMATS[fmt])
    store.flush()


# -- opening a graph spec ----------------------------------------------------------------------

def resolve_build_file(path: Path) -> Path:
    """``path`` itself if a file, else the ``graph.trig`` (or ``graph.ttl``, or a streamed build's
    ``graph.nq``) of a build folder."""
    if path.is_dir():
        for name in ("graph.trig", "graph.ttl", "graph.nq"):
            if (path / name).is_file():
                return path / name
        raise StoreError(f"{path} holds no graph.trig, graph.ttl or graph.nq (is it a build folder?)")
    if not path.is_file():
        raise StoreError(f"no such file: {path}")
    return path


def open_graph(spec: str | Path, *, infer: str | None = None, default_graph: str | None = None) -> Graph:
    """Open a graph spec (see the module docstring) for querying.

    ``infer`` (``"rdfs"`` or ``"owlrl"``) adds the entailment closure; the result is then an
    in-memory copy. ``default_graph`` is the graph an endpoint should query (default: the
    server's default graph).
    """
    g: Graph
    if is_endpoint_spec(spec):
        from .push import endpoint_graph

        g = endpoint_graph(str(spec), default_graph=default_graph)
    elif is_oxigraph_spec(spec):
        g = oxigraph_dataset(open_oxigraph(spec, read_only=True))
    else:
        path = resolve_build_file(Path(spec))
        fmt = _FILE_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise StoreError(f"{path}: unknown RDF format (expected one of {', '.join(sorted(_FILE_FORMATS))})")
        from .graph import bind_prefixes

        if fmt in ("trig", "nquads"):
            g = Dataset(default_union=True)
        else:
            g = Graph()
        bind_prefixes(g)
        try:
            g.parse(path, format=fmt)
        except Exception as e:  # noqa: BLE001 - any parser error is the file's problem, say which file
            raise StoreError(f"{path}: cannot parse as {fmt}: {e}") from e
    return infer_closure(g, infer) if infer else g


def infer_closure(g: Graph, semantics: str = "owlrl") -> Graph:
    """A copy of ``g`` (all its graphs, merged) with the RDFS or OWL-RL closure added (owlrl)."""
    import owlrl

    from .graph import bind_prefixes

    kinds = {"rdfs": owlrl.RDFS_Semantics, "owlrl": owlrl.OWLRL_Semantics}
    if semantics not in kinds:
        raise StoreError(f"unknown inference {semantics!r} (use rdfs or owlrl)")
    closed = Graph()
    bind_prefixes(closed)
    for t in (g.triples((None, None, None)) if not isinstance(g, Dataset) else
              ((s, p, o) for s, p, o, _ in g.quads((None, None, None, None)))):
        closed.add(t)
    # owlrl replaces rdflib's lexical-to-value converters process-wide, and its gMonthDay one
    # rejects valid "--10-18": every later literal of that type would be ill-typed and fail
    # SHACL. Put rdflib's own converters back once the closure is computed.
    from rdflib.term import _toPythonMapping

    saved = dict(_toPythonMapping)
    try:
        owlrl.DeductiveClosure(kinds[semantics]).expand(closed)
    finally:
        _toPythonMapping.clear()
        _toPythonMapping.update(saved)
    return closed


# -- fast serialization ------------------------------------------------------------------------

def write_fast(data: Graph | Dataset, dest: Path | IO[bytes], fmt: str) -> None:
    """Serialize ``data`` with Oxigraph: ``fmt`` is ``turtle``, ``trig``, ``nt`` or ``nquads``.

    A :class:`Dataset` keeps its named graphs in TriG/N-Quads; Turtle/N-Triples take the triples.
    """
    if fmt not in _OX_FORMATS:
        raise ValueError(f"Oxigraph serialization supports {sorted(_OX_FORMATS)}, not {fmt!r}")
    prefixes = {p: str(ns) for p, ns in data.namespaces() if p}
    items: Iterable[ox.Quad] | Iterable[ox.Triple] = _ox_quads(data)
    if fmt in ("turtle", "nt"):
        items = (q.triple for q in _ox_quads(data))
    out = str(dest) if isinstance(dest, Path) else dest
    kwargs = {"prefixes": prefixes} if fmt in ("turtle", "trig") else {}
    ox.serialize(items, out, format=_OX_FORMATS[fmt], **kwargs)
