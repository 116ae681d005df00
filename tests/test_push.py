"""``jiyao push`` against a real SPARQL server: the Oxigraph server from PyPI (``oxigraph serve``)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg.push import PushError, PushOptions, credentials, endpoint_graph, push, redact
from kg.query import load_query, run_query

pytestmark = pytest.mark.server


def _oxigraph_cli() -> str:
    exe = Path(sys.executable).with_name("oxigraph")
    found = str(exe) if exe.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the `oxigraph` server (PyPI package oxigraph, in the dev extra) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A running ``oxigraph serve`` (union default graph); yields its base URL."""
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen([_oxigraph_cli(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("oxigraph serve did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _count(base: str, graph: str | None = None) -> int:
    q = (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}" if graph
         else "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    rows = run_query(endpoint_graph(f"{base}/query"), q)
    return int(rows[0][0])


def test_push_then_same_rows_as_locally(server, seeds_build, seeds_dataset, canned_params) -> None:
    out, _ = seeds_build
    quads = sum(1 for _ in seeds_dataset.quads((None, None, None, None)))
    report = push(PushOptions(endpoint=f"{server}/store", source=out))
    assert report.triples == quads
    assert report.graphs == len([c for c in seeds_dataset.graphs() if len(c)])
    assert _count(server) == quads
    again = push(PushOptions(endpoint=f"{server}/store", source=out))  # replace: idempotent
    assert again.triples == quads and _count(server) == quads
    remote = endpoint_graph(f"{server}/query")
    for name, params in canned_params:
        spec = load_query(name)
        local = run_query(seeds_dataset, spec, params)
        got = run_query(remote, spec, params)
        assert got.columns == local.columns, name
        assert got == local, (name, params)
    assert _count(server) == quads  # the injection parameter changed nothing


def test_push_update_protocol_into_one_graph(server, seeds_build, seeds_union, canned_params) -> None:
    out, _ = seeds_build
    graph = "https://example.org/jiyao/seeds"
    for _ in range(2):
        report = push(PushOptions(endpoint=f"{server}/update", source=out / "graph.trig", graph=graph,
                                  protocol="update"))
        assert report.graphs == 1 and report.triples == len(seeds_union)
        assert _count(server, graph) == len(seeds_union)
    one = endpoint_graph(f"{server}/query", default_graph=graph)
    name, params = canned_params[0]
    assert run_query(one, load_query(name), params) == run_query(seeds_union, load_query(name), params)


def test_cli_push_and_query(server, seeds_build, capsys) -> None:
    from kg.cli import main

    out, _ = seeds_build
    assert main(["push", "--endpoint", f"{server}/store", "--from", str(out)]) == 0
    assert "pushed" in capsys.readouterr().out
    assert main(["query", "co-attendance", "--graph", f"{server}/query", "--format", "csv"]) == 0
    remote = capsys.readouterr().out
    assert main(["query", "co-attendance", "--graph", str(out), "--format", "csv"]) == 0
    assert remote == capsys.readouterr().out


def test_credentials_are_used_but_never_printed(monkeypatch, tmp_path: Path, server, seeds_build, capsys) -> None:
    from kg.cli import main

    monkeypatch.delenv("JIYAO_SPARQL_USER", raising=False)
    monkeypatch.delenv("JIYAO_SPARQL_PASSWORD", raising=False)
    rc = tmp_path / "netrc"
    rc.write_text("machine db.example.org login alice password s3cret-netrc\n", encoding="utf-8")
    rc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(rc))
    assert credentials("https://db.example.org/store") == ("alice", "s3cret-netrc")
    assert credentials("https://other.example.org/store") is None
    assert credentials("http://bob:pw%21@host/x") == ("bob", "pw!")
    monkeypatch.setenv("JIYAO_SPARQL_USER", "carol")
    monkeypatch.setenv("JIYAO_SPARQL_PASSWORD", "s3cret-env")
    assert credentials("https://db.example.org/store") == ("carol", "s3cret-env")
    assert redact("http://bob:s3cret@host:8080/store?x=1") == "http://host:8080/store?x=1"
    # a refused push (nothing listens there) reports the URL without the password
    closed = f"http://bob:s3cret-url@127.0.0.1:{_free_port()}/store"
    with pytest.raises(PushError) as e:
        push(PushOptions(endpoint=closed, source=seeds_build[0], timeout=5))
    assert "s3cret" not in str(e.value) and "127.0.0.1" in str(e.value)
    assert main(["push", "--endpoint", closed, "--from", str(seeds_build[0]), "--timeout", "5"]) == 1
    captured = capsys.readouterr()
    assert "s3cret" not in captured.out + captured.err
    # the server accepts (ignores) Basic auth: a push with credentials still works
    assert push(PushOptions(endpoint=f"{server}/store", source=seeds_build[0])).triples > 0
