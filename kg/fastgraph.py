"""The graph stage at scale: :class:`kg.graph.Quads` to validated exports without an rdflib store.

Small builds parse their quads into an rdflib Dataset (``kg/graph.py``) and use rdflib's
writers, whose layout the committed exports follow. At hundreds of thousands of triples that
costs more than the extraction itself (an rdflib term and three index entries per statement,
pySHACL over every node), so large builds take this path instead:

- the statements stay N-Triples text, and every RDF export is written from that text:
  ``graph.nt`` is their sorted distinct lines, Turtle and JSON-LD group those by subject, TriG
  groups the quads by graph (no parser, no Python object per term);
- a :class:`TripleIndex` (rdflib terms made once per distinct term, per-predicate lookups
  built on first use) answers the ``subjects``/``objects`` lookups that the CSV tables, the
  GraphML/GEXF network, the HTML page and the SHACL check make;
- SHACL runs as the compiled checks of :mod:`kg.shacl` over that index.

The result is the same graph as the small path's (``tests/test_fastgraph.py`` builds the seeds
both ways: isomorphic RDF, identical tables and network files).
"""

from __future__ import annotations

import re
from json.encoder import encode_basestring as _json_str  # C-accelerated, non-ASCII kept
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from rdflib import BNode, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from .graph import VOCAB_GRAPH, Quads
from .store import _iri, _string_literal

__all__ = ["TripleIndex", "vocabulary_rows", "term", "FastGraph", "validate_index", "write_build"]

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if m.group(3) is None
                       else _SIMPLE.get(m.group(3), m.group(3)), text)


def term(text: str) -> Node:
    """The rdflib term for one N-Triples term (``<iri>``, ``_:b``, ``"x"``, ``"x"@zh``, ``"1"^^<dt>``)."""
    # the build wrote these terms (valid IRIs, lower-case tags): rdflib's constructors' checks
    # would only cost time (kg.store builds terms the same way from Oxigraph's)
    if text[0] == "<":
        return _iri(text[1:-1])
    if text[0] == "_":
        return BNode(text[2:])
    q = text.rindex('"')
    lexical = _unescape(text[1:q])
    rest = text[q + 1:]
    if rest.startswith("@"):
        return _string_literal(lexical, rest[1:])
    if rest.startswith("^^"):
        return Literal(lexical, datatype=_iri(rest[3:-1]))
    return _string_literal(lexical, None)


def vocabulary_rows() -> list[tuple[str, str, str, str]]:
    """The vocabulary graph's statements as N-Triples text, blank nodes labelled canonically
    (the labels :func:`kg.export.stable_blank_nodes` gives them), computed once per process."""
    if not _VOCAB_ROWS:
        from rdflib import Graph
        from rdflib.compare import to_canonical_graph

        from .graph import load_vocabularies, nt_term

        vocab = load_vocabularies()
        blank = Graph()
        rows = []
        for t in vocab:
            if isinstance(t[0], BNode) or isinstance(t[2], BNode):
                blank.add(t)
            else:
                rows.append(t)
        rows.extend(to_canonical_graph(blank))
        g = f"<{VOCAB_GRAPH}>"
        _VOCAB_ROWS.extend(sorted((nt_term(s), nt_term(p), nt_term(o), g) for s, p, o in rows))
    return _VOCAB_ROWS


_VOCAB_ROWS: list[tuple[str, str, str, str]] = []


class TripleIndex:
    """A read-only triple set with rdflib's lookup methods (``subjects``, ``objects``,
    ``subject_objects``, ``in``, ``len``), built from N-Triples text.

    Each distinct term becomes one rdflib term; each predicate's subject→objects and
    object→subjects maps are built the first time a lookup needs them.
    """

    def __init__(self, triples: Iterable[tuple[str, str, str]]) -> None:
        memo: dict[str, Node] = {}

        def conv(t: str) -> Node:
            hit = memo.get(t)
            if hit is None:
                hit = memo[t] = term(t)
            return hit

        by_p: dict[Node, list[tuple[Node, Node]]] = {}
        n = 0
        for s, p, o in triples:
            pairs = by_p.get(p)  # type: ignore[call-overload]
            if pairs is None:
                pairs = by_p[p] = []  # type: ignore[index]
            pairs.append((conv(s), conv(o)))
            n += 1
        self._by_p = {conv(p): pairs for p, pairs in by_p.items()}  # type: ignore[arg-type]
        self._len = n
        self._sp: dict[Node, dict[Node, list[Node]]] = {}
        self._op: dict[Node, dict[Node, list[Node]]] = {}

    def __len__(self) -> int:
        return self._len

    def _forward(self, p: Node) -> dict[Node, list[Node]]:
        idx = self._sp.get(p)
        return idx if idx is not None else self._build(p, self._sp, 0)

    def _backward(self, p: Node) -> dict[Node, list[Node]]:
        idx = self._op.get(p)
        return idx if idx is not None else self._build(p, self._op, 1)

    def _build(self, p: Node, cache: dict[Node, dict[Node, list[Node]]], key: int) -> dict[Node, list[Node]]:
        """``p``'s subject→objects (``key`` 0) or object→subjects (1) map, kept in ``cache``."""
        idx: dict[Node, list[Node]] = {}
        for pair in self._by_p.get(p, ()):
            idx.setdefault(pair[key], []).append(pair[1 - key])
        cache[p] = idx
        return idx

    def objects_map(self, predicate: Node) -> dict[Node, list[Node]]:
        """``subject -> [objects]`` for one predicate (read-only; for bulk lookups)."""
        return self._forward(predicate)

    def triples(self, pattern: tuple[Any, Any, Any]) -> Iterator[tuple[Node, Node, Node]]:
        s, p, o = pattern
        preds = [p] if p is not None else list(self._by_p)
        for pred in preds:
            if s is not None:
                for obj in self._forward(pred).get(s, ()):
                    if o is None or obj == o:
                        yield s, pred, obj
            elif o is not None:
                for subj in self._backward(pred).get(o, ()):
                    yield subj, pred, o
            else:
                for subj, obj in self._by_p.get(pred, ()):
                    yield subj, pred, obj

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return self.triples((None, None, None))

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        return next(self.triples(triple), None) is not None

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Iterator[Node]:  # noqa: A002
        if predicate is not None and object is not None:
            idx = self._op.get(predicate)
            return iter((idx if idx is not None else self._backward(predicate)).get(object, ()))
        return self._distinct((s for s, _, _ in self.triples((None, predicate, object))), unique)

    def objects(self, subject: Any = None, predicate: Any = None, unique: bool = False) -> Iterator[Node]:
        # the hot path (tables, network, SHACL): one dict lookup, no generator frame
        if subject is not None and predicate is not None:
            idx = self._sp.get(predicate)
            return iter((idx if idx is not None else self._forward(predicate)).get(subject, ()))
        return self._distinct((o for _, _, o in self.triples((subject, predicate, None))), unique)

    @staticmethod
    def _distinct(nodes: Iterator[Node], unique: bool) -> Iterator[Node]:
        return iter(dict.fromkeys(nodes)) if unique else nodes

    def subject_objects(self, predicate: Any = None, unique: bool = False) -> Iterator[tuple[Node, Node]]:
        for s, _, o in self.triples((None, predicate, None)):
            yield s, o

    def predicate_objects(self, subject: Any = None, unique: bool = False) -> Iterator[tuple[Node, Node]]:
        for _, p, o in self.triples((subject, None, None)):
            yield p, o


_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


class _Abbreviator:
    """N-Triples term → the same term with a declared namespace as a prefix (memoized: a large
    build names each term many times)."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self._ns: dict[str, str] = {}
        for prefix, ns in sorted(prefixes.items(), key=lambda kv: (len(kv[0]), kv[0])):
            self._ns.setdefault(ns, prefix)  # the shortest prefix of a namespace named twice
        self._memo: dict[str, str] = {}

    def __call__(self, term: str) -> str:
        if term[0] != "<":
            if term[-1] == ">" and term[0] == '"':  # a typed literal: its datatype IRI
                lexical, _, datatype = term.rpartition("^^")
                return f"{lexical}^^{self(datatype)}"
            return term  # plain and language-tagged literals, blank nodes (not memoized: mostly unique)
        hit = self._memo.get(term)
        if hit is None:
            hit = self._memo[term] = self._abbreviate(term)
        return hit

    def _abbreviate(self, term: str) -> str:
        iri = term[1:-1]
        cut = max(iri.rfind("#"), iri.rfind("/")) + 1
        prefix = self._ns.get(iri[:cut]) if cut else None
        if prefix is None or not _PLAIN_LOCAL.fullmatch(iri[cut:]):
            return term
        return f"{prefix}:{iri[cut:]}"


def _write_text(path: Path, chunks: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(chunks)


def _nt_lines(triples: Iterable[tuple[str, str, str]]) -> Iterator[str]:
    # sorting the (s, p, o) tuples orders their lines as sorting the lines would
    for s, p, o in triples:
        yield f"{s} {p} {o} .\n"


def _prefix_lines(prefixes: dict[str, str]) -> Iterator[str]:
    for prefix, ns in sorted(prefixes.items()):
        yield f"@prefix {prefix}: <{ns}> .\n"


_RDF_TYPE = f"<{RDF.type}>"


def _turtle_statements(triples: Iterable[tuple[str, str, str]], short: _Abbreviator, indent: str) -> Iterator[str]:
    """Turtle (and TriG) statements for ``triples``: consecutive statements of a subject share
    it (``;``), of a subject and predicate share both (``,``); each statement ends in `` .``."""
    last_s = last_p = None
    for s, p, o in triples:
        if s != last_s:
            yield f"{' .' if last_s is not None else ''}\n{indent}{short(s)} "
        elif p != last_p:
            yield f" ;\n{indent}    "
        else:
            yield f", {short(o)}"
            continue
        yield f"{'a' if p == _RDF_TYPE else short(p)} {short(o)}"
        last_s, last_p = s, p
    if last_s is not None:
        yield " .\n"


def turtle_lines(triples: Iterable[tuple[str, str, str]], prefixes: dict[str, str]) -> Iterator[str]:
    """Turtle for N-Triples-term ``triples`` (sorted, so that each subject's statements are one
    block): the prefixes, then the statements, IRIs in a declared namespace prefixed."""
    yield from _prefix_lines(prefixes)
    yield from _turtle_statements(triples, _Abbreviator(prefixes), "")


def _json_id(term: str) -> str:
    """An IRI or blank node term as a JSON string (``<iri>`` → ``"iri"``, ``_:b`` → ``"_:b"``)."""
    return _json_str(_unescape(term[1:-1]) if term[0] == "<" else term)


def _json_term(term: str, memo: dict[str, str]) -> str:
    """An N-Triples object as an expanded JSON-LD value object (IRIs and blank nodes memoized)."""
    if term[0] != '"':
        hit = memo.get(term)
        if hit is None:
            hit = memo[term] = '{"@id":' + _json_id(term) + "}"
        return hit
    q = term.rindex('"')
    value = _json_str(_unescape(term[1:q]))
    rest = term[q + 1:]
    if rest.startswith("@"):
        return '{"@language":' + _json_str(rest[1:]) + ',"@value":' + value + "}"
    if rest.startswith("^^"):
        return '{"@type":' + _json_id(rest[2:]) + ',"@value":' + value + "}"
    return '{"@value":' + value + "}"


def jsonld_chunks(triples: Iterable[tuple[str, str, str]]) -> Iterator[str]:
    """Expanded JSON-LD for N-Triples-term ``triples`` (sorted: one node object per subject, one
    array per predicate), in Oxigraph's layout: compact, keys in its order, ``rdf:type`` as a
    plain property."""
    memo: dict[str, str] = {}
    keys: dict[str, str] = {}
    last_s = last_p = None
    yield "["
    for s, p, o in triples:
        obj = _json_term(o, memo)
        if s != last_s:
            key = keys.get(p) or keys.setdefault(p, _json_id(p))
            node = _json_id(s)
            yield f'{"]}," if last_s is not None else ""}{{"@id":{node},{key}:[{obj}'
        elif p != last_p:
            key = keys.get(p) or keys.setdefault(p, _json_id(p))
            yield f"],{key}:[{obj}"
        else:
            yield f",{obj}"
        last_s, last_p = s, p
    yield "]}]" if last_s is not None else "]"


class FastGraph:
    """A large build's graph: its quads (article graphs + vocabulary) as text, the distinct
    triples, and a :class:`TripleIndex` over them (built on first use)."""

    def __init__(self, quads: Quads, prefixes: dict[str, str]) -> None:
        self.rows = quads.rows + vocabulary_rows()
        self.prefixes = prefixes
        # distinct triples in build order (deterministic for the same inputs)
        self.triples = list(dict.fromkeys((s, p, o) for s, p, o, _ in self.rows))
        self._index: TripleIndex | None = None

    def __len__(self) -> int:
        return len(self.triples)

    @property
    def index(self) -> TripleIndex:
        if self._index is None:
            self._index = TripleIndex(self.triples)
        return self._index

    def nt_lines(self) -> list[str]:
        """The union as N-Triples lines, one per distinct triple, sorted (``graph.nt``)."""
        return list(_nt_lines(sorted(self.triples)))

    def nt_bytes(self) -> bytes:
        return "".join(self.nt_lines()).encode("utf-8")

    def _graphs(self) -> list[tuple[str, Iterable[tuple[str, str, str]]]]:
        """Each graph's distinct statements in build order, graphs in IRI order."""
        graphs: dict[str, dict[tuple[str, str, str], None]] = {}
        for s, p, o, g in self.rows:
            triples = graphs.get(g)
            if triples is None:
                triples = graphs[g] = {}
            triples[(s, p, o)] = None
        return [(g, graphs[g]) for g in sorted(graphs)]

    def nquads_lines(self) -> Iterator[str]:
        """N-Quads grouped by graph (graphs in IRI order, each graph's statements in build order)."""
        for g, triples in self._graphs():
            for s, p, o in triples:
                yield f"{s} {p} {o} {g} .\n"

    def nquads_bytes(self) -> bytes:
        return "".join(self.nquads_lines()).encode("utf-8")

    def write_union(self, out: Path, names: dict[str, str]) -> None:
        """Write the union formats in ``names`` (``{"nt"|"turtle"|"json-ld": file name}``) into ``out``.

        All three are written as text from the distinct triples, sorted once: N-Triples lines,
        Turtle with each subject's statements grouped, and expanded JSON-LD (the bytes Oxigraph's
        writer gives for the same sorted triples, without parsing them into Python objects
        first, which took 0.8 s per 700 K triples and 5.6 s per 3.3 M).
        """
        from .export import atomic_write

        ordered = sorted(self.triples)
        writers: dict[str, Callable[[], Iterable[str]]] = {
            "nt": lambda: _nt_lines(ordered),
            "turtle": lambda: turtle_lines(ordered, self.prefixes),
            "json-ld": lambda: jsonld_chunks(ordered),
        }
        for fmt, name in names.items():
            atomic_write(out / name, lambda path, chunks=writers[fmt]: _write_text(path, chunks()))

    def trig_lines(self) -> Iterator[str]:
        """TriG: the prefixes, then one block per graph (graphs in IRI order, each graph's
        statements in build order, a subject's consecutive statements grouped).

        Written here rather than by Oxigraph, which had to parse the N-Quads into Python
        objects first: on 10 M chars (4 M quads) that took 15 s, this 3 s. Terms are the
        N-Triples ones (valid TriG); IRIs in a declared namespace whose local part is plain
        (letters, digits, ``_``, ``-``) are written as prefixed names.
        """
        short = _Abbreviator(self.prefixes)
        yield from _prefix_lines(self.prefixes)
        for g, triples in self._graphs():
            yield f"\n{short(g)} {{"
            yield from _turtle_statements(triples, short, "    ")
            yield "}\n" if triples else "\n}\n"

    def write_trig(self, path: Path) -> None:
        from .export import atomic_write

        atomic_write(path, lambda tmp: _write_text(tmp, self.trig_lines()))

    def load_into(self, store: Any) -> list[str]:
        """Put the build's graphs into an Oxigraph store, replacing graphs of the same name."""
        from .store import load_nquads

        names = sorted({g for *_, g in self.rows})
        load_nquads(store, self.nquads_bytes(), replace=names)
        store.flush()
        return [n[1:-1] for n in names]


def validate_index(graph: FastGraph, max_lines: int = 40) -> None:
    """Raise :class:`kg.validate.ValidationError` unless ``graph`` conforms to the shapes.

    The compiled checks of :mod:`kg.shacl`; pySHACL (batched) when the shapes use a feature
    they do not implement.
    """
    from .shacl import Unsupported, check, compile_shapes
    from .validate import ValidationError, shapes, validate

    try:
        compiled = compile_shapes(shapes())
    except Unsupported:
        from rdflib import Graph

        validate(Graph().parse(data=graph.nt_bytes(), format="nt"), max_lines)
        return
    problems = []
    for v in check(graph.index, compiled):
        problems.append(str(v))
        if len(problems) >= max_lines:
            break
    if problems:
        raise ValidationError("SHACL violations:\n" + "\n".join(problems))


# -- validating and writing a large build: jobs, in this process or a fork pool -----------------

_JOBS: list[tuple[str, Callable[[], None]]] = []  # inherited by forked workers, never pickled


def _run_job(i: int) -> tuple[str, list[tuple[Path, Path]], str | None, tuple[float, float, int]]:
    """Run job ``i``: its name, the files it staged, its failure (a SHACL report) or None, and
    its cost: CPU seconds, the system's part of them, and page faults."""
    import resource

    from .export import deferred_renames
    from .validate import ValidationError

    name, job = _JOBS[i]
    before = resource.getrusage(resource.RUSAGE_SELF)
    error = None
    with deferred_renames() as staged:
        try:
            job()
        except ValidationError as e:
            error = str(e)
    after = resource.getrusage(resource.RUSAGE_SELF)
    user, sys = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    return name, list(staged), error, (user + sys, sys, after.ru_minflt - before.ru_minflt)


def write_build(graph: FastGraph, out: Path, formats: tuple[str, ...], *, validate: bool = True,
                html: bool = True, store: str | None = None, workers: int = 1,
                costs: dict[str, float] | None = None) -> list[Path]:
    """Validate ``graph`` and write every export of a large build into ``out``.

    The checks and the writers are independent jobs (SHACL, the union formats, TriG, the
    network, the tables, the HTML page); with ``workers`` > 1 they run in a pool of forked
    processes that inherit the graph. Every file is staged beside its target and renamed into
    place only when all jobs are done and the graph conforms, so a failed check leaves the
    previous exports as they were. Raises :class:`kg.validate.ValidationError`. ``costs``, if
    given, gets ``index_seconds`` (the index, built here before the jobs), and the jobs' costs
    summed over them: ``jobs_cpu_seconds``, ``jobs_sys_seconds`` (the system's part of that CPU
    time) and ``jobs_page_faults``.
    """
    import multiprocessing as mp
    import time

    from .export import RDF_FORMATS, commit, discard
    from .netexport import write_network
    from .tables import write_tables
    from .validate import ValidationError

    out.mkdir(parents=True, exist_ok=True)
    t_index = time.perf_counter()
    graph.index  # noqa: B018 - built once here, shared by every job (and inherited by forks)
    index_seconds = time.perf_counter() - t_index
    union = {RDF_FORMATS[n][0]: n for n in formats if not RDF_FORMATS[n][1]}  # nt, turtle, json-ld
    # in a pool, longest first, so that the last jobs are short ones and the processes end
    # together (on 2 M chars: the HTML page's layout ≈ 12 s, the union formats 2.3, the tables
    # 1.6, the check 1.2, TriG 1.0, the network 0.9 s); on one process the check goes first,
    # where a failure skips the writing
    check = [("shacl", lambda: validate_index(graph))] if validate else []
    jobs: list[tuple[str, Callable[[], None]]] = []
    if html:
        from .viz import write_html

        jobs.append(("html", lambda: write_html(graph.index, out / "graph.html")))  # type: ignore[arg-type]
    if union:
        jobs.append(("union", lambda: graph.write_union(out, union)))
    jobs.append(("tables", lambda: write_tables(graph.index, out / "tables")))  # type: ignore[arg-type]
    jobs += check
    for n in formats:
        if RDF_FORMATS[n][0] == "trig":
            jobs.append(("trig", lambda n=n: graph.write_trig(out / n)))
    jobs.append(("network", lambda: write_network(graph.index, out, ("graphml", "gexf"))))  # type: ignore[arg-type]
    if workers <= 1:
        jobs.sort(key=lambda job: job[0] != "shacl")  # stable: the check first, the rest in order

    global _JOBS
    _JOBS = jobs
    staged: list[tuple[Path, Path]] = []
    failure: str | None = None
    jobs_cost = [0.0, 0.0, 0]  # CPU seconds, of which system, page faults
    try:
        if workers <= 1 or "fork" not in mp.get_all_start_methods():
            for i in range(len(jobs)):  # the check first: a failure skips the writing
                _, files, failure, cost = _run_job(i)
                staged += files
                jobs_cost = [a + b for a, b in zip(jobs_cost, cost)]
                if failure:
                    break
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            # an executor, not multiprocessing.Pool: a job whose process dies (out of memory)
            # raises BrokenProcessPool here, which discards the staged files, instead of a hang
            with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=mp.get_context("fork")) as pool:
                for done in as_completed([pool.submit(_run_job, i) for i in range(len(jobs))]):
                    _, files, error, cost = done.result()
                    staged += files
                    jobs_cost = [a + b for a, b in zip(jobs_cost, cost)]
                    failure = failure or error
    except BaseException:
        discard(staged)
        raise
    finally:
        _JOBS = []
    if costs is not None:
        costs.update(index_seconds=index_seconds, jobs_cpu_seconds=jobs_cost[0], jobs_sys_seconds=jobs_cost[1],
                     jobs_page_faults=int(jobs_cost[2]))
    if failure:
        discard(staged)
        raise ValidationError(failure)
    commit(staged)
    written = sorted({path for _, path in staged})
    if store:
        from .store import open_oxigraph

        ox_store = open_oxigraph(store)
        graph.load_into(ox_store)
        del ox_store  # release the RocksDB lock now
        written.append(Path(store.removeprefix("oxigraph:")))
    return written
