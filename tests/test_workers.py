"""--workers N: a forked process pool gives the same exports as one process."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

import pytest

from kg.pipeline import BuildOptions, _Executor, extract_task, run

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


def test_the_graph_stage_is_prepared_while_the_pool_starts(tmp_path, extractor, monkeypatch):
    """With a pool, the graph stage's modules, lexicons and vocabularies are loaded once, while
    the workers start (the model loads in the fork server meanwhile); extracting in this
    process, they are loaded when the graph stage needs them, as before."""
    import multiprocessing as mp

    import kg.pipeline as pipeline

    calls: list[tuple[bool, int]] = []
    prepare = pipeline._prepare_graph_stage

    def recorded(stream: bool) -> None:
        calls.append((stream, len(mp.active_children())))
        prepare(stream)

    monkeypatch.setattr(pipeline, "_prepare_graph_stage", recorded)
    _build(tmp_path / "one", workers=1)  # the seeds are small: extracted in this process
    assert calls == []
    report = _build(tmp_path / "two", workers=2)
    assert [stream for stream, _ in calls] == [False] and calls[0][1] >= 1  # the pool was there
    assert report.triples > 0 and not report.problems
    _build(tmp_path / "stream", workers=2, stream=True)
    assert [stream for stream, _ in calls] == [False, True]


def test_workers_are_processes_for_every_stage():
    """--workers N is N processes for the whole build: the graph stage's jobs follow it unless
    --graph-workers says otherwise."""
    from kg.pipeline import _graph_workers

    assert _graph_workers(BuildOptions(inputs=[])) == 1
    assert _graph_workers(BuildOptions(inputs=[], workers=3)) == 3
    assert _graph_workers(BuildOptions(inputs=[], workers=3, graph_workers=1)) == 1
    assert _graph_workers(BuildOptions(inputs=[], workers=0)) == 1


def _dies_on_boom(doc, segmenter):  # noqa: ANN001, ANN202 - a task for the pool (pickled by name)
    if doc.name.startswith("boom"):
        os._exit(3)  # as the OOM killer or a segfault would end it: no exception, no result
    return extract_task(doc, segmenter)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_that_dies_costs_only_its_file(tmp_path, extractor, monkeypatch, workers):
    """A worker process that dies takes every file in flight with it: those are extracted again,
    the file that kills it again is reported, and the graph is that of the other files."""
    monkeypatch.setattr("kg.pipeline.SEPARATE_EXTRACTION_BYTES", 0)  # one worker is a process too
    seeds = sorted(SEEDS.glob("*.txt"))[:3]
    src, good = tmp_path / "in", tmp_path / "good"
    src.mkdir()
    good.mkdir()
    for i, seed in enumerate(seeds):
        shutil.copy(seed, good / f"{i}.txt")
        shutil.copy(seed, src / f"{i}.txt")
        if i < 2:
            (src / f"boom{i}.txt").write_bytes(seed.read_bytes())
    common = dict(html=False, progress=False, cache=False, validate=False, formats=("graph.nt",))
    monkeypatch.setattr(_Executor, "task", staticmethod(_dies_on_boom))
    report = run(BuildOptions(inputs=[src], out=tmp_path / "out", workers=workers, **common))
    assert report.files == 3
    assert sorted((p.file, "worker process died" in p.reason) for p in report.problems) == [
        ("boom0.txt", True), ("boom1.txt", True)]
    monkeypatch.undo()
    reference = run(BuildOptions(inputs=[good], out=tmp_path / "ref", **common))
    assert (tmp_path / "out" / "graph.nt").read_bytes() == (tmp_path / "ref" / "graph.nt").read_bytes()


def test_cli_reports_a_dead_graph_stage_process(tmp_path, monkeypatch, capsys):
    from concurrent.futures.process import BrokenProcessPool

    from kg.cli import main

    def broken(options):  # noqa: ANN001, ANN202
        raise BrokenProcessPool("a child process terminated abruptly")

    monkeypatch.setattr("kg.pipeline.run", broken)
    assert main(["build", str(SEEDS), "--out", str(tmp_path), "-q"]) == 1
    assert "a process of the graph stage died" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
