"""Determinism and idempotence: the same inputs give byte-identical exports whatever the file order,
the number of workers or the process (string hashing); building the same file twice adds nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.pipeline import BuildOptions, run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
from make_corpus import make_corpus  # noqa: E402

# exports that must be byte-identical (GraphML and GEXF: see test_network_exports_identical_across_processes)
STABLE = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld")


def _exports(out: Path, names: tuple[str, ...] = STABLE) -> dict[str, bytes]:
    files = {n: (out / n).read_bytes() for n in names}
    files.update({f"tables/{p.name}": p.read_bytes() for p in sorted((out / "tables").glob("*.csv"))})
    return files


def _build(inputs: list[Path], out: Path, workers: int = 1) -> dict[str, bytes]:
    report = run(BuildOptions(inputs=inputs, out=out, progress=False, html=False, cache=False, workers=workers))
    assert not report.failed, report.problems
    return _exports(out)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, nlp) -> list[Path]:  # noqa: ANN001
    """The seeds and three hostile-corpus files in other encodings and an HTML page."""
    folder = tmp_path_factory.mktemp("det-in")
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(f, folder / f.name)
    corpus = tmp_path_factory.mktemp("det-corpus")
    make_corpus(corpus)
    for name in ("gb18030.txt", "big5.txt", "saved-page.html"):
        shutil.copyfile(corpus / name, folder / name)
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def reference(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _build(inputs, tmp_path_factory.mktemp("det-ref"))


def test_file_order_gives_identical_exports(inputs: list[Path], reference: dict[str, bytes], tmp_path: Path) -> None:
    assert len(reference) > len(STABLE)  # the tables too
    assert _build(list(reversed(inputs)), tmp_path / "reversed") == reference
    shuffled = inputs[3:] + inputs[:3]
    assert _build(shuffled, tmp_path / "shuffled") == reference
    assert _build([inputs[0].parent], tmp_path / "folder") == reference


def test_workers_1_and_2_give_identical_exports(inputs: list[Path], reference: dict[str, bytes],
                                                tmp_path: Path) -> None:
    assert _build(list(reversed(inputs)), tmp_path / "two", workers=2) == reference


@pytest.fixture(scope="module")
def other_processes(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two builds in fresh processes with different string-hash seeds."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path_factory.mktemp(f"det-proc{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg", "build", str(inputs[0].parent), "--out", str(out), "--no-html",
                        "--no-cache", "-q"], check=True, capture_output=True, env=env, timeout=300)
        outs.append(out)
    return outs


def test_another_process_gives_identical_exports(other_processes: list[Path], reference: dict[str, bytes]) -> None:
    for out in other_processes:
        assert _exports(out) == reference


def test_network_exports_identical_across_processes(other_processes: list[Path]) -> None:
    a, b = (_exports(out, ("graph.graphml", "graph.gexf")) for out in other_processes)
    assert a == b


def test_building_the_same_file_twice_adds_nothing(inputs: list[Path], tmp_path: Path) -> None:
    one = inputs[0]
    once = _build([one], tmp_path / "once")
    # the same file named twice, by another spelling of its path, and through its folder's copy
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(one, copy / one.name)
    again = run(BuildOptions(inputs=[one, one, one.parent / ".." / one.parent.name / one.name, copy],
                             out=tmp_path / "twice", progress=False, html=False, cache=False))
    assert len(again.problems) == 1 and not again.problems[0].fatal
    assert again.problems[0].file == str(copy / one.name)
    assert again.problems[0].reason.startswith("same content as ") and one.name in again.problems[0].reason
    assert again.files == 1
    assert _exports(tmp_path / "twice") == once
    # and building again into the same folder (the per-file cache on) rewrites the same bytes
    for _ in range(2):
        run(BuildOptions(inputs=[one], out=tmp_path / "rebuilt", progress=False, html=False))
        assert _exports(tmp_path / "rebuilt") == once
