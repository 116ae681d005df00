"""--workers N: a forked process pool gives the same exports as one process."""

from __future__ import annotations

import filecmp
from pathlib import Path

from kg.pipeline import BuildOptions, run

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FORMATS = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld")


def _build(out: Path, **kw) -> object:
    return run(BuildOptions(inputs=[SEEDS], out=out, html=False, progress=False, cache=False, **kw))


def test_two_workers_byte_identical(tmp_path, extractor):
    one = _build(tmp_path / "one", workers=1)
    two = _build(tmp_path / "two", workers=2)
    assert (one.files, one.articles, one.triples) == (two.files, two.articles, two.triples)
    for name in FORMATS:
        assert filecmp.cmp(tmp_path / "one" / name, tmp_path / "two" / name, shallow=False), name


def test_more_workers_than_files(tmp_path, extractor):
    src = tmp_path / "in"
    src.mkdir()
    first = sorted(SEEDS.glob("*.txt"))[0]
    (src / first.name).write_bytes(first.read_bytes())
    report = run(BuildOptions(inputs=[src], out=tmp_path / "out", html=False, progress=False, cache=False,
                              workers=4, validate=False, formats=("graph.nt",)))
    assert report.files == 1 and report.articles > 0


def test_cli_workers_flag(tmp_path, extractor):
    from kg.cli import main

    assert main(["build", str(SEEDS), "--out", str(tmp_path), "--workers", "2", "--no-cache", "--no-html",
                 "--no-validate", "-q"]) == 0
    assert (tmp_path / "graph.ttl").stat().st_size > 0
    assert not (tmp_path / ".jiyao-cache").exists()


def test_workers_are_processes_for_every_stage():
    """--workers N is N processes for the whole build: the graph stage's jobs follow it unless
    --graph-workers says otherwise."""
    from kg.pipeline import _graph_workers

    assert _graph_workers(BuildOptions(inputs=[])) == 1
    assert _graph_workers(BuildOptions(inputs=[], workers=3)) == 3
    assert _graph_workers(BuildOptions(inputs=[], workers=3, graph_workers=1)) == 1
    assert _graph_workers(BuildOptions(inputs=[], workers=0)) == 1
