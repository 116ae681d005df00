"""SHACL validation of a build with pySHACL against ``ontology/shapes.ttl``.

Builds of :data:`kg.store.LARGE_GRAPH` statements or more are checked by the compiled checks of
:mod:`kg.shacl` instead (``kg/fastgraph.py``), which find the same violations much faster.

Small graphs are validated whole, in this process. Large ones (:data:`BATCH_THRESHOLD`
triples or more) are validated in batches of focus nodes, in a pool of forked processes:
each worker runs pySHACL on the whole graph it inherited from the parent (nothing is copied
or pickled but the report), with shapes whose ``sh:targetClass C`` is replaced by
``sh:targetNode`` for the batch's subjects that are instances of C (:func:`batch_shapes`).

Why this gives the same answer as validating the whole graph at once: every focus node of a
``sh:targetClass`` target has an ``rdf:type`` triple, so it is a subject, and the batches
partition the subjects: each focus node is checked exactly once, against the same shapes
and the same data. Whether it conforms depends only on the data, not on which other nodes
are checked in the same run, as long as the shapes use nothing but targetClass targets and
node-local constraints; :func:`batchable` checks that, and otherwise the whole graph is
validated in one run. Batches go in subject order and the first failing one is reported,
so the message is the same for any number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from .nlp.lexicons import ONTOLOGY_DIR

__all__ = ["ValidationError", "validate", "shapes", "batchable", "subject_batches", "batch_shapes", "BATCH_THRESHOLD",
           "BATCH_TRIPLES"]

# below this many triples the whole graph is validated in-process (the seeds, tests)
BATCH_THRESHOLD = 50_000
# triples per batch: large enough that pySHACL's per-run overhead is small
BATCH_TRIPLES = 40_000

# the SHACL terms the batching is known to handle (see the module docstring); any other term in
# the shapes (other targets, SPARQL constraints …) disables batching rather than risk a difference
_LOCAL_SHACL = {SH[n] for n in (
    "NodeShape", "PropertyShape", "targetClass", "property", "path", "nodeKind", "IRI", "BlankNode", "Literal",
    "BlankNodeOrIRI", "IRIOrLiteral", "BlankNodeOrLiteral", "message", "minCount", "maxCount", "datatype",
    "class", "languageIn", "minLength", "maxLength", "in", "or", "uniqueLang", "qualifiedValueShape",
    "qualifiedMinCount", "qualifiedMaxCount", "lessThanOrEquals", "lessThan", "minInclusive", "maxInclusive",
    "minExclusive", "maxExclusive", "pattern", "flags", "severity", "name", "description", "Violation",
    "Warning", "Info", "deactivated", "hasValue")}


class ValidationError(Exception):
    """The graph violates the shapes; the message lists each focus node and what is wrong."""


@lru_cache(maxsize=1)
def shapes() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    return g


def batchable(shapes_graph: Graph) -> bool:
    """True when every SHACL term ``shapes_graph`` uses is node-local (batching is then exact)."""
    sh = str(SH)
    for t in shapes_graph:
        for term in t:
            if isinstance(term, URIRef) and str(term).startswith(sh) and term not in _LOCAL_SHACL:
                return False
        if t[1] == SH.path and not isinstance(t[2], URIRef):
            return False  # a complex path (inverse, sequence …): keep to the plain case
        if t[1] == RDF.type and t[2] in (RDFS.Class, OWL.Class):
            return False  # an implicit class target, which batch_shapes does not rewrite
    return True


def _check(data: Graph, max_lines: int, shapes_graph: Graph | None = None) -> str | None:
    """pySHACL on ``data``: ``None`` when it conforms, else the report's focus lines."""
    from pyshacl import validate as shacl_validate

    conforms, _, text = shacl_validate(data, shacl_graph=shapes_graph or shapes(), inference="none", advanced=False,
                                       allow_warnings=True)
    if conforms:
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    focus = [line.strip() for line in lines if "Focus Node" in line or "Message" in line or "Result Path" in line]
    return "SHACL violations:\n" + "\n".join((focus or lines)[:max_lines])


def subject_batches(data: Graph, batch_triples: int = BATCH_TRIPLES) -> list[list]:
    """The subjects of ``data`` in IRI order, cut into runs of about ``batch_triples`` triples."""
    counts: dict = {}
    for s in data.subjects(unique=False):
        counts[s] = counts.get(s, 0) + 1
    batches: list[list] = [[]]
    size = 0
    for s in sorted(counts, key=lambda n: (type(n).__name__, str(n))):
        if size >= batch_triples:
            batches.append([])
            size = 0
        batches[-1].append(s)
        size += counts[s]
    return [b for b in batches if b]


# the graph a forked worker validates (inherited from the parent, never pickled)
_DATA: Graph | None = None
_SUBCLASS: list[tuple] = []


def batch_shapes(data: Graph, subjects: Sequence, subclass: Sequence[tuple]) -> Graph:
    """The shapes with each ``sh:targetClass C`` replaced by ``sh:targetNode`` for those of
    ``subjects`` that are instances of C (typed C or a subclass of C, as pySHACL reads it)."""
    supers: dict = {}
    for c, _, d in subclass:
        supers.setdefault(c, set()).add(d)

    def closure(c: object) -> set:
        seen, todo = {c}, [c]
        while todo:
            for d in supers.get(todo.pop(), ()):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        return seen

    base = shapes()
    by_class: dict = {}
    for shape, cls in base.subject_objects(SH.targetClass):
        by_class.setdefault(cls, []).append(shape)
    sg = Graph()
    for t in base:
        if t[1] != SH.targetClass:
            sg.add(t)
    cache: dict = {}
    for s in subjects:
        for c in data.objects(s, RDF.type):
            if c not in cache:
                cache[c] = closure(c)
            for cls in cache[c]:
                for shape in by_class.get(cls, ()):
                    sg.add((shape, SH.targetNode, s))
    return sg


def _check_batch(args: tuple[list, int]) -> str | None:
    subjects, max_lines = args
    assert _DATA is not None
    # the whole (inherited) graph as data, only the batch's subjects as targets: no copying
    return _check(_DATA, max_lines, batch_shapes(_DATA, subjects, _SUBCLASS))


def _results(batches: list[list], max_lines: int, workers: int) -> Iterator[str | None]:
    global _DATA, _SUBCLASS
    jobs = [(b, max_lines) for b in batches]
    if workers <= 1:
        yield from map(_check_batch, jobs)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # an executor, not multiprocessing.Pool: a worker that dies (out of memory) raises
    # BrokenProcessPool here instead of leaving the build waiting for ever
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        # map: results in batch order, so the first violation reported is the same for any pool size
        yield from pool.map(_check_batch, jobs)


def validate(data: Graph, max_lines: int = 40, workers: int | None = None,
             threshold: int = BATCH_THRESHOLD, batch_triples: int = BATCH_TRIPLES) -> None:
    """Raise :class:`ValidationError` unless ``data`` conforms to the shapes.

    Graphs of ``threshold`` triples or more are validated in batches of subjects (exactly
    equivalent, see the module docstring), in up to ``workers`` forked processes (default: up
    to 2, bounded by the CPU count); the first failing batch (in subject order) is reported.
    """
    global _DATA, _SUBCLASS
    import multiprocessing as mp

    if len(data) < threshold or not batchable(shapes()):
        text = _check(data, max_lines)
        if text:
            raise ValidationError(text)
        return
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    if "fork" not in mp.get_all_start_methods():
        workers = 1
    batches = subject_batches(data, batch_triples)
    workers = max(1, min(workers, len(batches)))
    _DATA, _SUBCLASS = data, list(data.triples((None, RDFS.subClassOf, None)))
    try:
        for text in _results(batches, max_lines, workers):
            if text:
                raise ValidationError(text)
    finally:
        _DATA, _SUBCLASS = None, []
