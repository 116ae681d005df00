"""End to end: ``jiyao build seeds/`` → graph, validated, scored against the gold, deterministic."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from rdflib import BNode, Graph
from rdflib.namespace import RDF

from conftest import GOLD, ROOT, SHARED

# the accuracy the seeds must keep (scorer figures; see the README's accuracy section)
FLOORS = {"people": 0.95, "posts": 0.95, "reporters": 0.95, "chair": 0.95, "speaker": 0.95, "participant": 0.95,
          "themes": 0.70, "dates": 0.95, "micro": 0.90}


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_build_reports_every_file(seeds_build):
    out, report = seeds_build
    assert report.files == 5 and not report.problems
    assert report.articles == 12 and report.triples > 1000


def test_graph_parses_conforms_and_has_no_blank_entities(seeds_build):
    from kg.validate import validate

    from kg.namespace import JY

    g = Graph().parse(seeds_build[0] / "graph.ttl")
    validate(g)
    # the ontology's owl:unionOf lists are blank nodes; no entity or jy: value ever is
    entities = {s for cls in (JY.Article, JY.Meeting, JY.Person, JY.Organization, JY.Post, JY.Theme, JY.Evidence,
                              JY.PostHolding) for s in g.subjects(RDF.type, cls)}
    assert len(entities) > 300
    assert not [e for e in entities if isinstance(e, BNode)]
    assert not [t for t in g if str(t[1]).startswith(str(JY._NS)) and isinstance(t[2], BNode)]


def test_scorer_figures_on_the_seeds(seeds_build, scorer):
    totals, _, (year_hits, year_total) = scorer.score(GOLD, seeds_build[0] / "graph.ttl")
    f1 = {cat: scorer.prf(*totals[cat])[2] for cat in FLOORS if cat != "micro"}
    heads = scorer.HEADLINE
    f1["micro"] = scorer.prf(sum(totals[c][0] for c in heads), sum(totals[c][1] for c in heads),
                             sum(totals[c][2] for c in heads))[2]
    low = {cat: round(v, 3) for cat, v in f1.items() if v < FLOORS[cat]}
    assert not low, f"below the floor: {low}"
    assert year_hits == year_total


def test_committed_exports_are_rebuilt_byte_identically(seeds_build):
    committed = ROOT / "exports"
    names = sorted(p.name for p in committed.iterdir() if p.is_file() and not p.name.startswith("."))
    assert "graph.ttl" in names and "graph.trig" in names
    for name in names:
        fresh = seeds_build[0] / name
        assert fresh.exists(), f"{name} is committed but no longer built"
        assert fresh.read_bytes() == (committed / name).read_bytes(), f"{name} differs from a fresh build"


def test_python_dash_m_kg_works_like_jiyao():
    out = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "build" in out.stdout
