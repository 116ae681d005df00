"""Shared fixtures: the pipeline is built once per session, the seeds' build once too."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "seeds-gold"


@pytest.fixture(scope="session")
def lexicons():
    from kg.nlp.lexicons import load_lexicons

    return load_lexicons()


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline: spaCy zh + pkuseg + jiyao components."""
    from kg.nlp import load_pipeline

    return load_pipeline("pkuseg")


@pytest.fixture(scope="session")
def extractor(nlp):
    from kg.pipeline import Extractor

    return Extractor("pkuseg")


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory, nlp):
    """``jiyao build seeds/`` into a temporary folder (the same call the CLI makes)."""
    from kg.pipeline import BuildOptions, run

    out = tmp_path_factory.mktemp("exports")
    report = run(BuildOptions(inputs=[SEEDS], out=out, progress=False))
    return out, report


# -- query / store / exports (tests/test_query.py, test_store.py, test_push.py, test_exports.py) --

@pytest.fixture(scope="session")
def seeds_dataset(seeds_build):
    """The seeds' build as written: graph.trig parsed into a Dataset (default graph = union)."""
    from kg.store import open_graph

    out, _ = seeds_build
    return open_graph(out / "graph.trig")


@pytest.fixture(scope="session")
def seeds_union(seeds_build):
    """The seeds' build as written: graph.ttl parsed into one Graph."""
    from kg.store import open_graph

    out, _ = seeds_build
    return open_graph(out / "graph.ttl")


@pytest.fixture(scope="session")
def gold():
    """The seeds' gold annotations (../shared/eval/seeds-gold/*.json), in file order."""
    import json

    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


@pytest.fixture(scope="session")
def canned_params(seeds_union):
    """(canned query name, parameters) pairs covering every canned query, chosen from the seeds' graph."""
    from rdflib import Literal
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.namespace import JY

    g = seeds_union

    def name_of(node):
        return str(next(lab for lab in g.objects(node, RDFS.label) if isinstance(lab, Literal)))

    chair = min(name_of(p) for p in g.objects(None, JY.chair))
    org = min(name_of(o) for o in g.objects(None, JY.organizer))
    person = min(name_of(p) for p in g.subjects(JY.holdsPost, None))
    date = min(str(d) for d in g.objects(None, JY.observedOn))
    theme = min(str(t) for t in g.objects(None, SKOS.prefLabel) if getattr(t, "language", None) == "zh"
                and any(g.subjects(SKOS.broader, next(g.subjects(SKOS.prefLabel, t)))))
    ev = min(g.subjects(RDF.type, JY.Evidence))
    return [
        ("chaired-meetings", {"person": chair}),
        ("co-attendance", {}),
        ("co-attendance", {"from": "--01-01", "to": "--06-30"}),
        ("evidence", {"predicate": "jy:chair"}),
        ("evidence", {"subject": str(g.value(ev, RDF.subject)), "object": str(g.value(ev, RDF.object))}),
        ("organizer-meetings", {"organizer": org}),
        ("person-posts", {"person": person}),
        ("post-holders", {"date": date}),
        ("theme-attendees", {"theme": theme}),
        ("themes-by-month", {}),
        ("themes-by-month", {"person": chair}),
        ("chaired-meetings", {"person": 'x" } ; DROP ALL ; #'}),
    ]
