"""The build loop: selective segmentation gives the same results as a full one; streaming records."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.pipeline import BuildOptions, FileResult, extract_task, run
from kg.reading import discover, read_source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _texts() -> list[str]:
    """The seeds and a few generated reports (invented names; their lists give length ties)."""
    from kg.bench import _World, synthetic_report

    rng = random.Random(7)
    world = _World(rng, "\n".join(f.read_text(encoding="utf-8") for f in SEEDS.glob("*.txt")), people=200)
    return [read_source(f).text for f in discover([SEEDS])[0]] + [synthetic_report(world, rng, i) for i in range(8)]


@pytest.fixture(scope="module")
def full_extractor(nlp):
    """The pipeline with pkuseg on every piece of text (the reference)."""
    from kg.pipeline import Extractor

    return Extractor("pkuseg", selective=False)


def test_full_words_are_pkuseg_cut(nlp):
    from kg.nlp.selective import SelectiveSegmenter

    seg = SelectiveSegmenter(nlp)
    for f in discover([SEEDS])[0]:
        text = read_source(f).text
        assert seg.words(text, full=True) == nlp.tokenizer.pkuseg_seg.cut(text)


def test_selective_doc_keeps_text_and_consulted_boundaries(nlp):
    """Every position the people rules test is a token start in the selective Doc iff it is in pkuseg's."""
    from kg.nlp.selective import SelectiveSegmenter, _Asked

    seg = SelectiveSegmenter(nlp)
    finder = seg.finder
    checked = reused = 0
    for text in _texts():
        full = {t.idx for t in nlp.tokenizer(text)} | {len(text)}
        doc = seg(text)
        assert doc.text == text
        sel = {t.idx for t in doc} | {len(text)}
        asked = _Asked(full)
        finder.find(text, asked)
        assert {q for q in asked.asked if q in full} == {q for q in asked.asked if q in sel}
        assert finder.find(text, sel) == finder.find(text, full)
        # the rules' first step, run by the segmenter's last round, is left on the Doc for the
        # people component: it must be what the component would compute on the Doc itself
        if doc._.jy_titled is not None:
            reused += 1
            assert doc._.jy_titled == finder.find_titled(text, sel)
        assert doc.user_data["jy_text"] == doc.text
        checked += len(asked.asked)
    assert checked > 0 and reused > 0
    assert 0 < seg.chars_cut < seg.chars_total  # the model ran on some pieces, not on all


def test_selective_extraction_equals_full(extractor, full_extractor):
    for f in discover([SEEDS])[0]:
        doc = read_source(f)
        assert extractor.extract(doc) == full_extractor.extract(doc), f.name


def test_extract_task_drops_bodies_and_reports_failures(extractor, monkeypatch):
    doc = read_source(sorted(SEEDS.glob("*.txt"))[0])
    fr = extract_task(doc)
    assert isinstance(fr, FileResult) and fr.articles
    assert all(r.article.body == "" for r in fr.articles)

    def boom(*a, **k):
        raise ValueError("bad")

    monkeypatch.setattr("kg.pipeline.extract_source", boom)
    p = extract_task(doc)
    assert p.file == doc.name and "ValueError: bad" in p.reason


def test_run_reports_stages_and_chars(tmp_path, extractor):
    report = run(BuildOptions(inputs=[SEEDS], out=tmp_path, html=False, progress=False, cache=False,
                              validate=False, formats=("graph.nt",)))
    assert report.files == 5
    assert report.chars == sum(len(read_source(f).text) for f in discover([SEEDS])[0])
    assert report.extract_seconds > 0 and report.export_seconds > 0
    # in-process extraction: its CPU time is within this process's, and some of it
    assert 0 < report.extract_cpu_seconds <= report.extract_seconds + 0.5
    assert not (tmp_path / ".jiyao-cache").exists()


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path, extractor):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes((SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_bytes())
    (src / "empty.txt").write_bytes(b"")
    report = run(BuildOptions(inputs=[src], out=tmp_path / "out", html=False, progress=False, validate=False,
                              formats=("graph.nt",)))
    assert report.files == 1
    assert [p.file for p in report.problems] == ["empty.txt"]


def test_ordered_batches_files_and_keeps_input_order():
    """Files go out in batches of about ``batch_chars`` (a file alone when larger, a cache hit
    never in a batch), at most ``window`` batches in flight, and come back in input order."""
    from kg.pipeline import _ordered
    from kg.records import SourceDoc

    sizes = [10, 10, 10, 40, 5, 5, 5, 5, 5]
    docs = [SourceDoc(f"/in/{i}.txt", f"{i}.txt", "字" * n, "utf-8") for i, n in enumerate(sizes)]
    sent: list[list[str]] = []
    flight = {"now": 0, "most": 0}

    def submit(batch):  # noqa: ANN001, ANN202
        sent.append([d.name for d in batch])
        flight["now"] += 1
        flight["most"] = max(flight["most"], flight["now"])

        def handle():  # noqa: ANN202
            flight["now"] -= 1
            return [f"result of {d.name}" for d in batch]
        return handle

    class Cache:
        def get(self, key):  # noqa: ANN001, ANN202
            return "cached 5.txt" if key == "k5" else None

    items = [(Path(d.path), d, f"k{i}") for i, d in enumerate(docs)]
    out = list(_ordered(items, submit, Cache(), window=2, batch_chars=25))
    assert [(d.name, r, cached) for d, _, r, cached in out] == [
        (d.name, "cached 5.txt" if d.name == "5.txt" else f"result of {d.name}", d.name == "5.txt") for d in docs]
    assert sent == [["0.txt", "1.txt", "2.txt"], ["3.txt"], ["4.txt"], ["6.txt", "7.txt", "8.txt"]]
    assert flight["most"] == 2
    # batch_chars 0: one file per task (a build in this process)
    sent.clear()
    list(_ordered(items, submit, None, window=2))
    assert sent == [[d.name] for d in docs]


def test_gc_pauses_nest():
    """The collector stays paused until the outermost pause ends (the build pauses it while
    workers extract, and again for the graph stage), then everything frozen is thawed."""
    import gc

    from kg.pipeline import _gc_paused

    assert gc.isenabled()
    with _gc_paused():
        with _gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
