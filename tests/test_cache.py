"""The content-hash cache: a rebuild re-extracts only changed files and equals a full rebuild."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from kg.cache import CACHE_DIR, ResultCache, code_key, doc_key
from kg.pipeline import BuildOptions, _Executor, run
from kg.records import SourceDoc

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FORMATS = ("graph.ttl", "graph.trig", "graph.nt")


def _build(src: Path, out: Path, cache: bool = True):
    return run(BuildOptions(inputs=[src], out=out, html=False, progress=False, cache=cache, formats=FORMATS))


def test_key_depends_on_text_metadata_and_segmenter():
    a = SourceDoc("x/a.txt", "a.txt", "正文", "utf-8")
    assert doc_key(a, "pkuseg") == doc_key(SourceDoc("y/a.txt", "a.txt", "正文", "utf-8"), "pkuseg")
    assert doc_key(a, "pkuseg") != doc_key(a, "char")
    assert doc_key(a, "pkuseg") != doc_key(SourceDoc("x/a.txt", "a.txt", "正文。", "utf-8"), "pkuseg")
    assert doc_key(a, "pkuseg") != doc_key(SourceDoc("x/b.txt", "b.txt", "正文", "utf-8"), "pkuseg")
    assert doc_key(a, "pkuseg") != doc_key(SourceDoc("x/a.txt", "a.txt", "正文", "utf-8", url="http://e/1"), "pkuseg")
    assert len(code_key()) == 64


def test_corrupt_entry_is_a_miss(tmp_path):
    c = ResultCache(tmp_path)
    c.put("ab" * 32, {"v": 1})
    assert c.get("ab" * 32) == {"v": 1}
    (tmp_path / "ab" / f"{'ab' * 32}.pkl").write_bytes(b"not a pickle")
    assert c.get("ab" * 32) is None
    assert (c.hits, c.misses) == (1, 1)


def test_one_changed_file_is_reextracted_and_graph_equals_full_rebuild(tmp_path, extractor, monkeypatch):
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    first = _build(src, tmp_path / "inc")
    assert (first.cached, first.files) == (0, 5)
    assert (tmp_path / "inc" / CACHE_DIR).is_dir()

    # every file from the cache: no model is loaded and no worker pool started
    def no_start(self) -> None:
        raise AssertionError("the executor started although every file was cached")

    monkeypatch.setattr(_Executor, "_start", no_start)
    again = _build(src, tmp_path / "inc")
    assert again.cached == 5 and again.load_seconds == 0.0 and again.extract_cpu_seconds == 0.0
    monkeypatch.undo()

    # change one file: drop its last paragraph
    victim = sorted(src.glob("*.txt"))[2]
    text = victim.read_text(encoding="utf-8").rstrip("\n")
    victim.write_text(text[: text.rfind("\n")] + "\n", encoding="utf-8")
    inc = _build(src, tmp_path / "inc")
    assert inc.cached == 4 and inc.files == 5

    full = _build(src, tmp_path / "full", cache=False)
    assert (inc.articles, inc.triples) == (full.articles, full.triples)
    for name in FORMATS:
        assert filecmp.cmp(tmp_path / "inc" / name, tmp_path / "full" / name, shallow=False), name
