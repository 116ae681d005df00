"""``jiyao push``: send a build to a SPARQL server, and query servers (``SPARQLStore``).

Two standard protocols, so any SPARQL 1.1 server will do (Oxigraph, Fuseki, GraphDB, Virtuoso …):

- ``gsp`` (default): the SPARQL 1.1 Graph Store HTTP Protocol; ``--endpoint`` is the server's
  graph store URL (Oxigraph: ``http://host:7878/store``). Replace = ``PUT``, add = ``POST``.
- ``update``: SPARQL 1.1 Update; ``--endpoint`` is the update URL (Oxigraph: ``…/update``).
  Replace = ``DROP SILENT GRAPH`` + ``INSERT DATA`` in one request.

Each named graph of the build (one per article, plus the vocabularies) goes to the graph of the
same name, or everything to one graph with ``--graph IRI``. ``replace`` is idempotent: pushing
the same build twice leaves the server as after the first push. (``add`` merges; triples with
blank nodes — the ontology's class unions — are then duplicated, so prefer ``replace``.)

Credentials come from ``JIYAO_SPARQL_USER`` / ``JIYAO_SPARQL_PASSWORD``, else from ``~/.netrc``
(or ``$NETRC``) for the endpoint's host; they are sent as HTTP Basic auth and never printed
(URLs in messages have any ``user:password@`` removed).
"""

from __future__ import annotations

import argparse
import base64
import netrc
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .cli import command

__all__ = ["PushOptions", "PushReport", "PushError", "push", "credentials", "redact", "endpoint_graph",
           "read_build"]

USER_ENV, PASSWORD_ENV = "JIYAO_SPARQL_USER", "JIYAO_SPARQL_PASSWORD"


class PushError(Exception):
    """The server refused a request or cannot be reached (message without credentials)."""


@dataclass(slots=True)
class PushOptions:
    """What ``jiyao push`` does."""

    endpoint: str
    source: str | Path = Path("exports")  # build folder, RDF file or oxigraph:DIR
    graph: str | None = None  # everything into this named graph (default: graph per graph)
    mode: str = "replace"  # replace | add
    protocol: str = "gsp"  # gsp | update
    timeout: float = 120.0


@dataclass(slots=True)
class PushReport:
    graphs: int = 0
    triples: int = 0


def redact(url: str) -> str:
    """``url`` without ``user:password@``."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) for ``url``: environment, then the URL's userinfo, then netrc; else None."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user:
        return user, password or ""
    parts = urllib.parse.urlsplit(url)
    if parts.username:
        return urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
    try:
        entry = netrc.netrc(os.environ.get("NETRC")).authenticators(parts.hostname or "")
    except (OSError, netrc.NetrcParseError):
        return None
    if entry and entry[0]:
        return entry[0], entry[2] or ""
    return None


def _request(url: str, method: str, body: bytes, content_type: str, timeout: float) -> None:
    clean = redact(url)
    req = urllib.request.Request(clean, data=body, method=method, headers={"Content-Type": content_type})
    creds = credentials(url)
    if creds:
        token = base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode("ascii")
        req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - user-given endpoint
            resp.read()
    except urllib.error.HTTPError as e:
        detail = e.read(300).decode("utf-8", "replace").strip()
        raise PushError(f"{method} {clean}: HTTP {e.code} {e.reason}" + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as e:
        raise PushError(f"{method} {clean}: {getattr(e, 'reason', e)}") from None


def read_build(source: str | Path) -> ox.Store:
    """The build at ``source`` (folder, RDF file or ``oxigraph:DIR``) as an Oxigraph store."""
    from .store import OXIGRAPH_PREFIX, StoreError, resolve_build_file, load_files, open_oxigraph

    if str(source).startswith(OXIGRAPH_PREFIX):
        return open_oxigraph(source, read_only=True)
    store = ox.Store()
    try:
        load_files(store, [resolve_build_file(Path(source))])
    except (SyntaxError, ValueError) as e:
        raise StoreError(f"{source}: {e}") from None
    return store


def _batches(store: ox.Store, graph: str | None) -> list[tuple[ox.NamedNode | None, bytes, int]]:
    """(target graph or None for the default graph, N-Triples, triple count) per request."""
    if graph:
        triples = {q.triple for q in store.quads_for_pattern(None, None, None, None)}  # all graphs
        return [(ox.NamedNode(graph), ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples))]
    out = []
    names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    names += sorted(store.named_graphs(), key=str)
    for name in names:
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, name)]
        if not triples:
            continue
        target = None if isinstance(name, ox.DefaultGraph) else name
        if isinstance(target, ox.BlankNode):
            continue  # a blank-node graph name has no identity outside this file
        out.append((target, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples)))
    return out


def push(options: PushOptions) -> PushReport:
    """Send the build ``options.source`` to ``options.endpoint``; raises :class:`PushError`."""
    if options.mode not in ("replace", "add") or options.protocol not in ("gsp", "update"):
        raise PushError("mode must be replace or add, protocol gsp or update")
    if options.graph and (not options.graph.startswith(("http://", "https://", "urn:")) or " " in options.graph):
        raise PushError(f"--graph must be an absolute IRI, not {options.graph!r}")
    report = PushReport()
    for target, data, count in _batches(read_build(options.source), options.graph):
        if options.protocol == "gsp":
            sep = "&" if "?" in options.endpoint else "?"
            query = "default" if target is None else "graph=" + urllib.parse.quote(target.value, safe="")
            _request(options.endpoint + sep + query, "PUT" if options.mode == "replace" else "POST", data,
                     "application/n-triples", options.timeout)
        else:
            nt = data.decode("utf-8")
            if target is None:
                drop, insert = "DROP SILENT DEFAULT ;\n", f"INSERT DATA {{\n{nt}}}"
            else:
                drop, insert = f"DROP SILENT GRAPH <{target.value}> ;\n", f"INSERT DATA {{ GRAPH <{target.value}> {{\n{nt}}} }}"
            text = (drop if options.mode == "replace" else "") + insert
            _request(options.endpoint, "POST", text.encode("utf-8"), "application/sparql-update", options.timeout)
        report.graphs += 1
        report.triples += count
    return report


def endpoint_graph(url: str, default_graph: str | None = None) -> Graph:
    """A read-only rdflib graph over the SPARQL query endpoint ``url`` (``SPARQLStore``).

    Queries read the server's default graph, or ``default_graph`` (sent as default-graph-uri).
    """
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(redact(url), returnFormat="json", auth=credentials(url), method="POST")
    return Graph(store=store, identifier=URIRef(default_graph) if default_graph else DATASET_DEFAULT_GRAPH_ID)


@command("push", "send a build to a SPARQL 1.1 server (Graph Store Protocol or Update), replacing its graphs")
def _push_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--endpoint", required=True,
                   help="graph store URL (gsp, e.g. http://localhost:7878/store) or update URL (--protocol update)")
    p.add_argument("--from", dest="source", default="exports",
                   help="build folder, RDF file or oxigraph:DIR (default: exports)")
    p.add_argument("--graph", metavar="IRI", help="put everything into this named graph (default: one per article)")
    p.add_argument("--mode", choices=("replace", "add"), default="replace",
                   help="replace each graph (idempotent, default) or add to it")
    p.add_argument("--protocol", choices=("gsp", "update"), default="gsp")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    p.add_argument("-q", "--quiet", action="store_true")


@_push_args.run  # type: ignore[attr-defined]
def _push(a: argparse.Namespace) -> int:
    from .store import StoreError

    opts = PushOptions(endpoint=a.endpoint, source=a.source, graph=a.graph, mode=a.mode, protocol=a.protocol,
                       timeout=a.timeout)
    try:
        report = push(opts)
    except (PushError, StoreError) as e:
        print(f"jiyao push: {e}", file=sys.stderr)
        return 1
    if not a.quiet:
        print(f"pushed {report.triples} triples in {report.graphs} graphs to {redact(a.endpoint)} ({a.mode})")
    return 0
