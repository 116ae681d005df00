"""Stage 6: write the exports, each atomically (a temporary file renamed into place).

A build killed at any point leaves every previous export whole: a file is either the old
one or the complete new one, never half written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Dataset, Graph

__all__ = ["atomic_write", "commit", "discard", "deferred_renames", "stable_blank_nodes", "write_rdf", "write_all",
           "RDF_FORMATS", "EXTRA_OUTPUTS"]

# file name -> (rdflib format, whole dataset?)
RDF_FORMATS: dict[str, tuple[str, bool]] = {
    "graph.ttl": ("turtle", False),
    "graph.trig": ("trig", True),
    "graph.nt": ("nt", False),
    "graph.jsonld": ("json-ld", False),
}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# read once: os.umask can only be read by setting it, which is not thread-safe
_UMASK = _umask()


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` for a temporary file beside ``path``, then rename it to ``path``.

    The new file gets the old one's permissions, or those of a plainly created file
    (``mkstemp`` would leave it readable by its owner only); the rename is made durable by
    syncing the folder too. Inside :func:`deferred_renames` the rename waits for
    :func:`commit`, so a set of files can be replaced only once all are written and checked.
    """
    tmp = _stage(path, write)
    if _DEFERRED is not None:
        _DEFERRED.append((tmp, path))
        return
    commit([(tmp, path)])


def _stage(path: Path, write: Callable[[Path], None]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def commit(staged: list[tuple[Path, Path]]) -> None:
    """Rename staged ``(tmp, path)`` files into place and sync their folders."""
    for tmp, path in staged:
        os.replace(tmp, path)
    for folder in sorted({path.parent for _, path in staged}):
        _fsync_dir(folder)


def discard(staged: list[tuple[Path, Path]]) -> None:
    """Delete staged files (the build failed: the previous exports stay)."""
    for tmp, _ in staged:
        Path(tmp).unlink(missing_ok=True)


_DEFERRED: list[tuple[Path, Path]] | None = None


@contextmanager
def deferred_renames() -> Iterator[list[tuple[Path, Path]]]:
    """Within the block, :func:`atomic_write` stages files without renaming; yields the list of
    ``(tmp, path)`` pairs to :func:`commit` or :func:`discard`."""
    global _DEFERRED
    previous, _DEFERRED = _DEFERRED, []
    try:
        yield _DEFERRED
    finally:
        _DEFERRED = previous


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def stable_blank_nodes(ds: Dataset, union: Graph) -> None:
    """Relabel the blank nodes of ``ds`` and ``union`` (in place) from the graph's structure.

    Blank nodes (the OWL lists of the vocabulary; entities are never blank, their IRIs are
    minted) get a random label each time a process parses the ontology, which would make
    every export differ from one build to the next; rdflib's canonical labelling names each
    one by a hash of its surroundings instead, so the same inputs give byte-identical files.
    Only the vocabulary graph may hold blank nodes (:func:`kg.graph.build_dataset`).
    """
    from rdflib import BNode
    from rdflib.compare import to_canonical_graph

    from .graph import VOCAB_GRAPH

    vocab = ds.graph(VOCAB_GRAPH)
    blank = [t for t in vocab if isinstance(t[0], BNode) or isinstance(t[2], BNode)]
    if blank:
        sub = Graph()
        for t in blank:
            sub.add(t)
        canonical = list(to_canonical_graph(sub))
        for t in blank:
            vocab.remove(t)
        for t in canonical:
            vocab.add(t)
    if union.store is ds.store:
        return  # a union view over the dataset (large builds): it follows the dataset's insertion order
    # rdflib keeps named graphs and each graph's triples in sets, iterated in an order that changes
    # with each process's string hashing; JSON-LD, GraphML and GEXF follow the union's iteration
    # order, so the union is rebuilt in sorted order
    ordered = sorted({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})
    union.remove((None, None, None))
    for t in ordered:
        union.add(t)


def _jsonld_sorted(graph: Graph, path: Path) -> None:
    """JSON-LD with the nodes of ``@graph`` in ``@id`` order (rdflib emits them in set order)."""
    import json

    from .jsonld import write_jsonld

    def ordered(value: object, key: str = "") -> object:
        # arrays of values are unordered in RDF (except @list): sort them by their JSON text
        if isinstance(value, dict):
            return {k: ordered(v, k) for k, v in value.items()}
        if isinstance(value, list):
            items = [ordered(v) for v in value]
            return items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True,
                                                                                        ensure_ascii=False))
        return value

    write_jsonld(graph, path)
    doc = ordered(json.loads(path.read_text(encoding="utf-8")))
    path.write_text(json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False), encoding="utf-8")


def _trig_sorted(ds: Dataset, path: Path) -> None:
    """TriG with the named graphs in IRI order (rdflib's own writer takes them in set order)."""
    prefixes: set[str] = set()
    blocks: list[str] = []
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if len(g) == 0:
            continue
        body = []
        for line in g.serialize(format="turtle").splitlines():
            if line.startswith("@prefix "):
                prefixes.add(line)
            else:
                body.append(line)
        text = "\n".join(body).strip("\n")
        default = g.identifier == ds.default_graph.identifier
        blocks.append(text if default else f"<{g.identifier}> {{\n{text}\n}}")
    path.write_text("\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")


def _nt_sorted(graph: Graph, path: Path) -> None:
    data = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(set(data.decode("utf-8").splitlines()))
    path.write_text("\n".join(line for line in lines if line) + "\n", encoding="utf-8")


class _OxQuads:
    """The dataset's quads as Oxigraph terms, converted once and sorted, for every fast format.

    Sorting by the terms' N-Triples text makes the files the same for the same graph in every
    process (rdflib iterates its sets in an order that follows string hashing).
    """

    def __init__(self, ds: Dataset) -> None:
        from .store import _graph_name, to_ox

        memo: dict[object, tuple[object, str]] = {}

        def conv(term: object, graph: bool = False) -> tuple[object, str]:
            hit = memo.get(term)
            if hit is None:
                t = _graph_name(term) if graph else to_ox(term)  # type: ignore[arg-type]
                hit = memo[term] = (t, str(t))
            return hit

        rows = []
        # graph by graph: Dataset.quads looks up every triple's graphs again (3x slower)
        for graph in ds.graphs():
            gs, gk = conv(graph.identifier, True)
            for s, p, o in graph:
                (ss, sk), (ps, pk), (os_, ok) = conv(s), conv(p), conv(o)
                rows.append(((sk, pk, ok, gk), (ss, ps, os_, gs)))
        self.prefixes = {p: str(ns) for p, ns in ds.namespaces() if p}
        rows.sort(key=lambda r: (r[0][3], r[0][0], r[0][1], r[0][2]))
        import pyoxigraph as ox

        self.quads = [ox.Quad(*terms) for _, terms in rows]
        # each triple once, in (s, p, o) order, for the triple formats
        triples: dict[tuple[str, str, str], tuple] = {}
        for keys, terms in rows:
            triples.setdefault(keys[:3], terms[:3])
        self.triples = [ox.Triple(*triples[k]) for k in sorted(triples)]

    def write(self, path: Path, fmt: str) -> None:
        import pyoxigraph as ox

        if fmt == "nt":
            # one line per triple, sorted as the small-graph writer sorts them (by line text)
            data = ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            lines = sorted(set(data.splitlines()))
            path.write_text("\n".join(line for line in lines if line) + "\n", encoding="utf-8")
        elif fmt == "json-ld":
            # expanded JSON-LD, one node object per subject (triples come grouped by subject)
            ox.serialize(self.triples, str(path), format=ox.RdfFormat.JSON_LD)
        elif fmt == "trig":
            ox.serialize(self.quads, str(path), format=ox.RdfFormat.TRIG, prefixes=self.prefixes)
        else:
            ox.serialize(self.triples, str(path), format=ox.RdfFormat.TURTLE, prefixes=self.prefixes)


def write_rdf(ds: Dataset, union: Graph, out: Path, formats: tuple[str, ...] = tuple(RDF_FORMATS),
              fast: bool = False) -> list[Path]:
    """Write the RDF exports named in ``formats`` into ``out``; returns the paths written.

    ``fast``: Turtle, TriG and N-Triples are written by Oxigraph's serializer (for large graphs;
    same triples, plainer layout).
    """
    stable_blank_nodes(ds, union)
    written = []
    if fast:
        # Oxigraph writes every format from one conversion of the quads
        quads = _OxQuads(ds)
        for name in formats:
            fmt = RDF_FORMATS[name][0]
            atomic_write(out / name, lambda p, f=fmt: quads.write(p, f))
            written.append(out / name)
        return written
    for name in formats:
        fmt, whole = RDF_FORMATS[name]
        path = out / name
        if fmt == "nt":
            atomic_write(path, lambda p: _nt_sorted(union, p))
        elif fmt == "json-ld":
            atomic_write(path, lambda p: _jsonld_sorted(union, p))
        elif fmt == "trig":
            atomic_write(path, lambda p: _trig_sorted(ds, p))
        else:
            source = ds if whole else union
            atomic_write(path, lambda p, s=source, f=fmt: s.serialize(destination=str(p), format=f, encoding="utf-8"))
        written.append(path)
    return written


# written by write_all besides the RDF formats
EXTRA_OUTPUTS = ("graph.graphml", "graph.gexf", "tables/")


def write_all(ds: Dataset, union: Graph, out: Path, formats: tuple[str, ...] = tuple(RDF_FORMATS),
              store: str | None = None) -> list[Path]:
    """Every export of a build: the RDF ``formats``, GraphML, GEXF and ``tables/*.csv``.

    Large graphs (:data:`kg.store.LARGE_GRAPH` triples or more) are serialized by Oxigraph.
    ``store`` (``oxigraph:DIR``) also loads the dataset into that persistent store, replacing
    the graphs of the same names, so ``jiyao query --graph oxigraph:DIR`` needs no parsing.
    """
    from .netexport import write_network
    from .store import LARGE_GRAPH, load_dataset, open_oxigraph
    from .tables import write_tables

    written = write_rdf(ds, union, out, formats, fast=len(union) >= LARGE_GRAPH)
    written += write_network(union, out)
    written += write_tables(union, out / "tables")
    if store:
        ox_store = open_oxigraph(store)
        load_dataset(ds, ox_store)
        del ox_store  # release the RocksDB lock now, so the store can be queried right away
        written.append(Path(store.removeprefix("oxigraph:")))
    return written

