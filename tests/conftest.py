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
