"""A streamed build (kg/stream.py): the ordinary build's statements, written one batch at a time."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Literal
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDFS, SKOS

from kg.namespace import JY

from conftest import SEEDS

# what needs the whole build: one name in two jurisdictions in two files (two people), two
# holders of one seat on one date in two articles of a paper (flagged in the first one's graph,
# written before the second is read), and a traditional-script file (its spellings kept)
REPORTS = {
    "a.txt": "本报讯 3月2日，甲县县委书记钱某某主持召开县委常委会会议。县长孙某某参加会议。（记者 甲乙）\n"
             "本报讯 3月2日，县长李某某来到某镇调研。（丙丁）",
    "b.txt": "本报讯 3月5日，乙县县委书记钱某某主持召开县委常委会会议，强调要抓好安全生产。",
    "d.txt": "本報訊 3月9日，縣長孫某某主持召開縣政府常務會議。",
}


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in REPORTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def _graphs(ds: Dataset) -> dict[str, Dataset]:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def test_a_streamed_build_has_the_statements_of_an_ordinary_build(tmp_path: Path, nlp, monkeypatch) -> None:
    from kg.pipeline import BuildOptions, run

    monkeypatch.setattr("kg.stream.BATCH_ROWS", 20)  # a batch per article: people and seats across batches
    inputs = [SEEDS, _corpus(tmp_path)]
    common = dict(inputs=inputs, progress=False, cache=False, html=False)
    ordinary = run(BuildOptions(out=tmp_path / "a", formats=("graph.trig",), **common))
    store = tmp_path / "store"
    streamed = run(BuildOptions(out=tmp_path / "b", stream=True, store=f"oxigraph:{store}", **common))
    assert not ordinary.problems and not streamed.problems
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["graph.nq"]  # nothing else, no spool left
    assert [(r.articles, r.meetings, r.people, r.themes) for r in (ordinary, streamed)] == \
        [(ordinary.articles, ordinary.meetings, ordinary.people, ordinary.themes)] * 2

    want = _graphs(Dataset().parse(tmp_path / "a" / "graph.trig", format="trig"))
    got_ds = Dataset(default_union=True).parse(tmp_path / "b" / "graph.nq", format="nquads")
    got = _graphs(got_ds)
    assert set(got) == set(want)
    for name, graph in want.items():
        assert to_isomorphic(got[name]) == to_isomorphic(graph), name
    assert len(set(got_ds.subjects(RDFS.label, Literal("钱某某", lang="zh")))) == 2
    assert len(set(got_ds.subject_objects(JY.conflictsWith))) == 2
    assert Literal("孫某某", lang="zh-hant") in set(got_ds.objects(None, SKOS.altLabel))

    lines = (tmp_path / "b" / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert streamed.triples == len(lines) == len(set(lines))
    in_file = _named(ox.parse(path=str(tmp_path / "b" / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    assert _store_quads(store) == (in_file, len(lines))
    # again into the same store: each graph is replaced, none doubled
    run(BuildOptions(out=tmp_path / "c", stream=True, store=f"oxigraph:{store}", **common))
    assert _store_quads(store) == (in_file, len(lines))


def _store_quads(path: Path) -> tuple[set, int]:
    st = ox.Store.read_only(str(path))
    return _named(st), len(st)


def _named(quads) -> set:  # noqa: ANN001 - the quads without blank nodes (relabelled on each parse)
    return {q for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}


def test_the_spool_gives_back_each_files_records_in_order(tmp_path: Path, extractor) -> None:
    from kg.records import SourceDoc
    from kg.stream import Spool

    spool = Spool(tmp_path)
    results = [extractor.extract(SourceDoc(n, n, t, "utf-8")) for n, t in REPORTS.items()]
    for fr in results:
        spool.write(fr)
    originals: dict[str, dict[str, str]] = {}
    back = []
    for r in spool.articles(originals):
        back.append((r.article.id, r.people, dict(originals)))
    assert back == [(r.article.id, r.people, {fr.source: fr.originals}) for fr in results for r in fr.articles]
    assert results[-1].originals  # the traditional file's spellings came along
    assert list(tmp_path.iterdir()) == []  # an anonymous file: nothing left behind
    spool.close()


def test_cli_stream_writes_graph_nq_only(tmp_path: Path, nlp, capsys) -> None:
    from kg.cli import main

    out = tmp_path / "out"
    assert main(["build", str(_corpus(tmp_path)), "--out", str(out), "--stream", "--no-cache"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["graph.nq"]
    printed = capsys.readouterr().out
    assert f"wrote {out / 'graph.nq'}" in printed and " quads, " in printed
    # the folder answers queries like any build's
    assert main(["query", "co-attendance", "--graph", str(out), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "a,nameA,b,nameB,meetings"
    assert any(",孙某某," in r and ",钱某某," in r for r in rows[1:])  # chair and participant in a.txt
