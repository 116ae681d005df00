"""Crash safety: a build killed with SIGKILL at any point leaves every previous export whole.

Each export is written to a temporary file and renamed (kg/export.atomic_write), so after a kill
each one is either the previous file or the complete new one, byte for byte; never a mix.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.export import atomic_write

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EXPORTS = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld")


def _build_cmd(inputs: list[Path], out: Path) -> list[str]:
    # --no-cache: every run extracts afresh, so each kill lands in the same phases
    return [sys.executable, "-m", "kg", "build", *map(str, inputs), "--out", str(out), "--no-html", "-q", "--no-cache"]


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every export (RDF, GraphML, GEXF, tables/*.csv), by path in ``out``; hidden files left out."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


def _parses(name: str, data: bytes) -> int:
    if name == "graph.trig":
        ds = Dataset()
        ds.parse(data=data, format="trig")
        return len(ds)
    fmt = {"graph.ttl": "turtle", "graph.nt": "nt", "graph.jsonld": "json-ld"}[name]
    return len(Graph().parse(data=data, format=fmt))


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], dict[str, bytes], dict[str, bytes]]:
    """Inputs of the killed builds, the previous exports (two seed files) and the complete new ones (all seeds)."""
    tmp = tmp_path_factory.mktemp("crash")
    seeds = sorted(SEEDS.glob("*.txt"))
    old_out, new_out = tmp / "old", tmp / "new"
    for inputs, out in ((seeds[:2], old_out), (seeds, new_out)):
        subprocess.run(_build_cmd(inputs, out), check=True, capture_output=True, timeout=300)
    old, new = _snapshot(old_out), _snapshot(new_out)
    assert set(old) == set(new) >= set(EXPORTS)
    assert all(old[n] != new[n] for n in EXPORTS)
    return seeds, old, new


def _kill_when(seeds: list[Path], old: dict[str, bytes], out: Path, ready) -> float:  # noqa: ANN001
    """Start a build over the previous exports in ``out``, SIGKILL it once ``ready(out)``; returns when."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name, data in old.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    proc = subprocess.Popen(_build_cmd(seeds, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.monotonic()
    try:
        while proc.poll() is None and not ready(out) and time.monotonic() - t0 < 120:
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    return time.monotonic() - t0


def _temp_exists(out: Path) -> bool:
    return any(p.name.startswith(".graph.") and p.name.endswith(".tmp") for p in out.iterdir())


def _first_replaced(old: dict[str, bytes]):  # noqa: ANN202
    def ready(out: Path) -> bool:
        return any((out / n).stat().st_size != len(old[n]) for n in EXPORTS if (out / n).exists())
    return ready


@pytest.mark.parametrize("moment", ["while loading", "while extracting", "while writing", "between two writes"])
def test_sigkill_leaves_each_export_old_or_new_never_half(before_and_after, tmp_path: Path, moment: str) -> None:  # noqa: ANN001
    seeds, old, new = before_and_after
    ready = {
        "while loading": lambda out: False,  # killed by the time limit below, long before extraction
        "while extracting": lambda out: False,
        "while writing": _temp_exists,
        "between two writes": _first_replaced(old),
    }[moment]
    if moment in ("while loading", "while extracting"):
        delay = 0.3 if moment == "while loading" else 4.0
        t_end = time.monotonic() + delay
        ready = (lambda out, t_end=t_end: time.monotonic() >= t_end or _temp_exists(out))  # noqa: E731
    _kill_when(seeds, old, tmp_path / "out", ready)
    after = _snapshot(tmp_path / "out")
    assert set(after) == set(old)
    for name, data in after.items():
        if name.startswith("graph.g"):
            # GraphML/GEXF bytes vary between processes (see test_determinism): whole XML is enough
            import xml.etree.ElementTree as ET

            ET.fromstring(data)
            continue
        assert data in (old[name], new[name]), f"{name} is neither the previous export nor the new one"
        if name in EXPORTS:
            assert _parses(name, data) > 1000


def test_a_build_after_a_kill_completes_and_replaces_everything(before_and_after, tmp_path: Path) -> None:  # noqa: ANN001
    seeds, old, new = before_and_after
    out = tmp_path / "out"
    _kill_when(seeds, old, out, _temp_exists)
    subprocess.run(_build_cmd(seeds, out), check=True, capture_output=True, timeout=300)
    after = _snapshot(out)
    assert {n: d for n, d in after.items() if not n.startswith("graph.g")} == \
        {n: d for n, d in new.items() if not n.startswith("graph.g")}


def test_atomic_write_keeps_the_old_file_when_the_writer_fails(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o640)

    def half(p: Path) -> None:
        p.write_text("half of the new", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, half)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temporary file left behind
    atomic_write(path, lambda p: p.write_text("new\n", encoding="utf-8"))
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640  # the replaced file's permissions, not mkstemp's 0600


def test_a_new_export_is_readable_like_any_created_file(tmp_path: Path) -> None:
    old_mask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "graph.nt", lambda p: p.write_text("\n", encoding="utf-8"))
    finally:
        os.umask(old_mask)
    assert (tmp_path / "graph.nt").stat().st_mode & 0o777 == 0o644


def test_every_module_that_writes_files_uses_atomic_write() -> None:
    """A module of kg/ that writes a file must hand its writer to atomic_write, or be a known non-export."""
    import re

    writes = re.compile(r"\.write_text\(|\.write_bytes\(|open\([^)]*['\"][wa]b?['\"]|serialize\(destination|os\.fdopen")
    not_exports = {
        "jsonld.py", "store.py",  # write_jsonld / write_fast: writers their callers hand to atomic_write
        "corpus.py", "bench.py",  # benchmark input corpora and timing reports, not exports
        "fuzz.py",  # saves failing inputs for the developer
        "cache.py",  # the per-file result cache: written atomically there (mkstemp + os.replace)
    }
    offenders = [py.name for py in sorted((ROOT / "kg").rglob("*.py"))
                 if writes.search(text := py.read_text(encoding="utf-8")) and "atomic_write" not in text
                 and py.name not in not_exports]
    assert offenders == []
    assert "os.replace" in (ROOT / "kg" / "cache.py").read_text(encoding="utf-8")
