"""SPARQL over the graph: canned queries (``kg/queries/*.rq``), ad hoc queries, ``jiyao query``.

A query file starts with a header comment: a description, then one line per parameter::

    # Meetings chaired by a person, with their dates.
    #
    # @param person zh           the chair's name
    # @param from   date optional first day of the window

Parameter types say how ``--param key=value`` becomes an RDF term: ``zh`` a literal tagged
``@zh`` (labels are tagged, so a plain name matches them), ``string`` a plain literal,
``date`` an ``xsd:date`` (``2023-05-17``) or ``xsd:gMonthDay`` (``--05-17``), ``int`` an
``xsd:integer``, ``iri`` an IRI (``<…>``, ``https://…`` or a known prefix such as ``jy:chair``).

Values are *bound* to the query's variables as RDF terms, never spliced into its text as
strings: rdflib's ``initBindings`` in memory; for Oxigraph stores and remote endpoints, which take
query text only, a ``VALUES`` block of terms serialized by rdflib's ``n3()`` (every quote, brace
and newline escaped) at the top of the WHERE group. A value such as ``x" } ; DROP ALL ; #`` is
one literal that matches nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD, NamespaceManager
from rdflib.term import Node

from .cli import command

__all__ = ["QUERIES_DIR", "PARAM_TYPES", "Param", "QuerySpec", "QueryError", "Rows", "canned", "load_query",
           "parse_header", "to_term", "bind_params", "check_syntax", "inject_values", "run_query", "format_rows",
           "query_variables"]

QUERIES_DIR = Path(__file__).parent / "queries"
PARAM_TYPES = ("zh", "string", "date", "int", "iri")

_PREFIXES = {
    "jy": "https://w3id.org/jiyao/ontology#",
    "jyk": "https://w3id.org/jiyao/kind/",
    "jyt": "https://w3id.org/jiyao/theme/",
    "jyid": "https://w3id.org/jiyao/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
}


class QueryError(Exception):
    """A problem the user can fix: unknown query or parameter, bad value, syntax error."""


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter of a query."""

    name: str
    type: str = "zh"
    required: bool = True
    help: str = ""


@dataclass(frozen=True, slots=True)
class QuerySpec:
    """A query's text with what its header declares."""

    name: str
    text: str
    description: str = ""
    params: dict[str, Param] = field(default_factory=dict)
    path: Path | None = None

    @property
    def declared(self) -> bool:
        """Whether the header declares parameters (else any variable may be bound)."""
        return bool(self.params)


class Rows(list):
    """Query results: a list of tuples of rdflib terms (``None`` when unbound), plus ``columns``."""

    def __init__(self, columns: Sequence[str], rows: Sequence[tuple[Node | None, ...]] = ()) -> None:
        super().__init__(rows)
        self.columns = list(columns)


# -- query files -------------------------------------------------------------------------------

_PARAM_LINE = re.compile(r"^@param\s+(\w+)\s+(\w+)(\s+optional)?\s*(.*)$")


def parse_header(text: str) -> tuple[str, dict[str, Param]]:
    """The description and declared parameters of a query's leading comment block."""
    desc: list[str] = []
    params: dict[str, Param] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        body = stripped.lstrip("#").strip()
        m = _PARAM_LINE.match(body)
        if m:
            name, typ, optional, help_ = m.groups()
            if typ not in PARAM_TYPES:
                raise QueryError(f"parameter {name}: unknown type {typ!r} (use one of {', '.join(PARAM_TYPES)})")
            params[name] = Param(name, typ, not optional, help_.strip())
        elif not params:
            desc.append(body)
    description = " ".join(" ".join(desc).split())
    return description, params


def _spec(name: str, text: str, path: Path | None) -> QuerySpec:
    description, params = parse_header(text)
    return QuerySpec(name, text, description, params, path)


def canned() -> dict[str, QuerySpec]:
    """The queries shipped in ``kg/queries``, by name (file name without ``.rq``)."""
    return {p.stem: _spec(p.stem, p.read_text(encoding="utf-8"), p) for p in sorted(QUERIES_DIR.glob("*.rq"))}


def load_query(name_or_path: str) -> QuerySpec:
    """A canned query by name, a ``.rq`` file, or ``-`` for standard input."""
    if name_or_path == "-":
        return _spec("<stdin>", sys.stdin.read(), None)
    queries = canned()
    if name_or_path in queries:
        return queries[name_or_path]
    path = Path(name_or_path)
    if path.is_file():
        return _spec(path.name, path.read_text(encoding="utf-8"), path)
    hint = "no such file" if path.suffix == ".rq" or "/" in name_or_path else "unknown query"
    raise QueryError(f"{hint}: {name_or_path!r} (canned queries: {', '.join(queries)}; see `jiyao query --list`)")


# -- parameters --------------------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DAY = re.compile(r"^--\d{2}-\d{2}$")
_BAD_IRI_CHARS = re.compile(r'[\s<>"{}|^`\\]')


def _iri(value: str) -> URIRef:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif ":" in text and not re.match(r"^[a-zA-Z][\w+.-]*://", text):
        prefix, _, local = text.partition(":")
        if prefix in _PREFIXES:
            text = _PREFIXES[prefix] + local
    if not re.match(r"^[a-zA-Z][\w+.-]*:", text) or _BAD_IRI_CHARS.search(text):
        raise QueryError(f"not an IRI: {value!r} (use <…>, a full http(s) IRI or a prefix: {', '.join(_PREFIXES)})")
    return URIRef(text)


def to_term(value: str, type_: str) -> Node:
    """``value`` as the RDF term of parameter type ``type_`` (see the module docstring)."""
    if type_ == "zh":
        return Literal(value, lang="zh")
    if type_ == "string":
        return Literal(value)
    if type_ == "int":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"not an integer: {value!r}")
        return Literal(int(value), datatype=XSD.integer)
    if type_ == "date":
        if _DATE.match(value):
            return Literal(value, datatype=XSD.date)
        if _MONTH_DAY.match(value):
            return Literal(value, datatype=XSD.gMonthDay)
        raise QueryError(f"not a date: {value!r} (use YYYY-MM-DD, or --MM-DD when the year is unknown)")
    if type_ == "iri":
        return _iri(value)
    raise QueryError(f"unknown parameter type {type_!r}")


def _guess_type(value: str) -> str:
    """The type of an undeclared parameter's value (ad hoc queries without a header)."""
    if _DATE.match(value) or _MONTH_DAY.match(value):
        return "date"
    if re.fullmatch(r"[+-]?\d+", value):
        return "int"
    if (value.startswith("<") and value.endswith(">")) or re.match(r"^https?://\S+$", value):
        return "iri"
    prefix, sep, _ = value.partition(":")
    if sep and prefix in _PREFIXES:
        return "iri"
    return "zh"


def bind_params(spec: QuerySpec, params: Mapping[str, str | Node] | None) -> dict[str, Node]:
    """The bindings for ``params``: checked against the declared parameters, converted to terms."""
    params = dict(params or {})
    if spec.declared:
        known = spec.params
    else:
        known = {v: Param(v, "", False) for v in query_variables(spec.text)}
    unknown = sorted(set(params) - set(known))
    if unknown:
        takes = ", ".join(known) if known else "no parameters"
        raise QueryError(f"{spec.name}: unknown parameter{'s' if len(unknown) > 1 else ''} "
                         f"{', '.join(unknown)} (it takes: {takes})")
    missing = [p.name for p in known.values() if p.required and p.name not in params]
    if missing:
        raise QueryError(f"{spec.name}: missing required parameter{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(missing)} (--param {missing[0]}=…)")
    bindings: dict[str, Node] = {}
    for name, value in params.items():
        if isinstance(value, Node):
            bindings[name] = value
        else:
            typ = known[name].type or _guess_type(value)
            try:
                bindings[name] = to_term(value, typ)
            except QueryError as e:
                raise QueryError(f"{spec.name}: parameter {name}: {e}") from None
    return bindings


# -- SPARQL text -------------------------------------------------------------------------------

# Strings (long and short), IRIs, comments, variables, braces and keywords: enough of SPARQL's
# lexical grammar to find the WHERE group and the variables without being fooled by text
# inside strings, IRIs or comments.
_TOKEN = re.compile(r'''
    (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<brace>[{}])
  | (?P<word>[A-Za-z]+)
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)


def _tokens(text: str):  # noqa: ANN202 - an iterator of regex matches
    return _TOKEN.finditer(text)


def query_variables(text: str) -> list[str]:
    """The variable names a query mentions, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in _tokens(text):
        if m.lastgroup == "var":
            seen.setdefault(m.group()[1:], None)
    return list(seen)


def _where_brace(text: str) -> int:
    """Offset just after the ``{`` opening the query's WHERE group."""
    after_where = False
    depth = 0
    form = ""
    for m in _tokens(text):
        kind, tok = m.lastgroup, m.group()
        if kind == "word":
            up = tok.upper()
            if depth == 0 and not form and up in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                form = up
            if depth == 0 and up == "WHERE":
                after_where = True
        elif kind == "brace":
            if tok == "{":
                # WHERE is optional except after a CONSTRUCT template, whose braces come first
                if depth == 0 and (after_where or form != "CONSTRUCT"):
                    return m.end()
                depth += 1
            else:
                depth -= 1
    raise QueryError("cannot find the query's WHERE clause to bind parameters to")


def inject_values(text: str, bindings: Mapping[str, Node]) -> str:
    """``text`` with a ``VALUES`` block binding ``bindings`` at the top of its WHERE group.

    For endpoints, which take query text only. Terms are written by rdflib's ``n3()``, which
    escapes quotes, backslashes and newlines, so a value can never end its literal or IRI.
    """
    if not bindings:
        return text
    for name, term in bindings.items():
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise QueryError(f"bad parameter name {name!r}")
        if isinstance(term, URIRef) and _BAD_IRI_CHARS.search(str(term)):
            raise QueryError(f"bad IRI for {name}: {str(term)!r}")
        if isinstance(term, BNode):
            raise QueryError(f"parameter {name}: blank nodes cannot be bound")
    names = list(bindings)
    block = (" VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
             + " ".join(bindings[n].n3() for n in names) + ") } ")
    at = _where_brace(text)
    return text[:at] + block + text[at:]


def check_syntax(spec: QuerySpec) -> None:
    """Parse ``spec`` with rdflib's SPARQL parser; a syntax error names its line and column."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepareQuery(spec.text)
    except ParseException as e:
        line = e.line.strip() if e.line else ""
        raise QueryError(f"{spec.name}: SPARQL syntax error at line {e.lineno}, column {e.col}: "
                         f"{line!r}") from None
    except Exception as e:  # noqa: BLE001 - rdflib raises plain Exceptions for unknown prefixes etc.
        raise QueryError(f"{spec.name}: invalid SPARQL: {e}") from None


# -- running -----------------------------------------------------------------------------------

def _plain(term: Node | None) -> Node | None:
    """Give every backend's results one form: ``xsd:string`` literals become plain literals."""
    if isinstance(term, Literal) and term.datatype == XSD.string and not term.language:
        return Literal(str(term))
    return term


def _rows_from_result(result) -> Rows:  # noqa: ANN001 - an rdflib Result
    if result.type == "ASK":
        return Rows(["ask"], [(Literal(bool(result.askAnswer)),)])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(result.graph, key=lambda t: tuple(x.n3() for x in t))
        return Rows(["subject", "predicate", "object"], [tuple(t) for t in triples])
    columns = [str(v) for v in result.vars]
    rows = [tuple(_plain(row[i]) if i < len(row) else None for i in range(len(columns))) for row in result]
    return Rows(columns, rows)


def _run_oxigraph(store, text: str, bindings: Mapping[str, Node]) -> Rows:  # noqa: ANN001 - a pyoxigraph Store
    import pyoxigraph as ox

    from .store import from_ox, rows_from_ox

    # Oxigraph's `substitutions` only bind variables of the SELECT clause, so parameters go in
    # as a VALUES block, exactly as for a remote endpoint (which is often Oxigraph too)
    res = store.query(inject_values(text, bindings), use_default_graph_as_union=True)
    if isinstance(res, ox.QueryBoolean):
        return Rows(["ask"], [(Literal(bool(res)),)])
    if isinstance(res, ox.QueryTriples):
        triples = sorted((tuple(from_ox(x) for x in (t.subject, t.predicate, t.object)) for t in res),
                         key=lambda t: tuple(x.n3() for x in t))
        return Rows(["subject", "predicate", "object"], triples)
    return Rows([v.value for v in res.variables], rows_from_ox(res))


def run_query(graph_or_store, query_text: str | QuerySpec, params: Mapping[str, str | Node] | None = None) -> Rows:  # noqa: ANN001
    """Run a SPARQL query with ``params`` bound; returns its rows.

    ``graph_or_store``: an rdflib ``Graph``/``Dataset`` (in memory, Oxigraph-backed, or an
    endpoint's ``SPARQLStore``) or a ``pyoxigraph.Store``. ``params`` values are strings
    (converted by the declared parameter types) or rdflib terms. Raises :class:`QueryError`.
    """
    spec = query_text if isinstance(query_text, QuerySpec) else _spec("<query>", query_text, None)
    check_syntax(spec)
    bindings = bind_params(spec, params)
    try:
        import pyoxigraph as ox

        if isinstance(graph_or_store, ox.Store):
            return _run_oxigraph(graph_or_store, spec.text, bindings)
        from oxrdflib import OxigraphStore
        from rdflib.plugins.stores.sparqlstore import SPARQLStore

        store = getattr(graph_or_store, "store", None)
        if isinstance(store, OxigraphStore):
            # query Oxigraph directly: its `substitutions` only bind projected variables
            return _run_oxigraph(store._inner, spec.text, bindings)  # noqa: SLF001
        if isinstance(store, SPARQLStore):
            ident = graph_or_store.identifier
            default = None if ident == DATASET_DEFAULT_GRAPH_ID or isinstance(ident, BNode) else str(ident)
            return _rows_from_result(store.query(inject_values(spec.text, bindings), None, None, default))
        return _rows_from_result(graph_or_store.query(spec.text, initBindings=bindings))
    except QueryError:
        raise
    except (OSError, ValueError, SyntaxError) as e:
        raise QueryError(f"{spec.name}: query failed: {type(e).__name__}: {e}") from e


# -- output ------------------------------------------------------------------------------------

def _namespace_manager() -> NamespaceManager:
    nsm = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, ns in _PREFIXES.items():
        nsm.bind(prefix, ns)
    return nsm


def _text(term: Node | None, nsm: NamespaceManager | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef) and nsm is not None:
        # display only: the longest known namespace, whatever the local part (jyid:meeting/…)
        text = str(term)
        best = max(((p, ns) for p, ns in nsm.namespaces() if text.startswith(str(ns))),
                   key=lambda pn: len(str(pn[1])), default=None)
        return f"{best[0]}:{text[len(str(best[1])):]}" if best else f"<{text}>"
    return str(term)


def _json_value(term: Node | None) -> object:
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype in (XSD.integer, XSD.int, XSD.long, XSD.decimal, XSD.double,
                                                        XSD.float, XSD.boolean):
        return term.toPython()
    return str(term)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def format_rows(rows: Rows, fmt: str = "table") -> str:
    """``rows`` as an aligned text table (IRIs shortened), CSV (formula-safe) or JSON."""
    if fmt == "json":
        return json.dumps([dict(zip(rows.columns, (_json_value(v) for v in row))) for row in rows],
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        from .tables import safe_cell

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(rows.columns)
        for row in rows:
            w.writerow([safe_cell(_text(v, None)) for v in row])
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r} (table, csv or json)")
    nsm = _namespace_manager()
    cells = [[_text(v, nsm).replace("\n", " ") for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(rows.columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(rows.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def list_queries() -> str:
    """The canned queries with their descriptions and parameters (``jiyao query --list``)."""
    out = []
    for spec in canned().values():
        out.append(f"{spec.name}\n    {spec.description}")
        for p in spec.params.values():
            opt = "" if p.required else ", optional"
            out.append(f"    --param {p.name}=…  ({p.type}{opt}) {p.help}".rstrip())
    return "\n".join(out) + "\n"


# -- jiyao query -------------------------------------------------------------------------------

def _param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected key=value, got {text!r}")
    return key.strip(), value


@command("query", "run a canned (--list) or ad hoc SPARQL query against a build, a store or an endpoint")
def _query_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", help="canned query name, a .rq file, or - for standard input")
    p.add_argument("--graph", default="exports",
                   help="build folder, RDF file, oxigraph:DIR or http(s):// SPARQL endpoint (default: exports)")
    p.add_argument("--param", action="append", type=_param, default=[], metavar="KEY=VALUE",
                   help="bind a query parameter (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--infer", nargs="?", const="owlrl", choices=("rdfs", "owlrl"),
                   help="add the RDFS or OWL-RL closure first (default owlrl) so aligned terms "
                        "(schema:attendee, org:holds …) match")
    p.add_argument("--default-graph", metavar="IRI", help="for endpoints: the named graph to query as default")
    p.add_argument("--list", action="store_true", help="list the canned queries and their parameters")


@_query_args.run  # type: ignore[attr-defined]
def _query(a: argparse.Namespace) -> int:
    from .store import StoreError, open_graph

    if a.list:
        sys.stdout.write(list_queries())
        return 0
    if not a.query:
        print("jiyao query: give a query name, a .rq file or - (see --list)", file=sys.stderr)
        return 2
    params = dict(a.param)
    try:
        spec = load_query(a.query)
        check_syntax(spec)
        bind_params(spec, params)  # fail on parameters before loading a large graph
        graph = open_graph(a.graph, infer=a.infer, default_graph=a.default_graph)
        rows = run_query(graph, spec, params)
    except (QueryError, StoreError) as e:
        print(f"jiyao query: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(format_rows(rows, a.format))
    return 0
