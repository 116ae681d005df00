"""The hostile corpus (tests/hostile/make_corpus.py) through ``jiyao build``: every kind of broken or
hostile input gives the right output or one clear message, and never costs another file's triples.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDF, RDFS

sys.path.insert(0, str(Path(__file__).parent))
from make_corpus import HOSTILE_STRINGS, KINDS, Case, make_corpus, report  # noqa: E402

from kg.fuzz import valid_iri  # noqa: E402
from kg.namespace import JY  # noqa: E402
from kg.reading import decode  # noqa: E402

MAX_BYTES = 1_000_000
EXPORTS = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld")


def jiyao(*args: str) -> tuple[int, list[str]]:
    """``jiyao ARGS`` in this process (the pipeline stays loaded); returns the exit status and stderr lines."""
    from kg.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(list(args))
    return status, [line for line in err.getvalue().splitlines() if line.startswith("jiyao: ")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, nlp) -> tuple[Path, list[Case]]:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("hostile")
    return folder, make_corpus(folder)


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001, ANN201
    """The whole corpus built in one go: (exit status, messages, out folder, union graph)."""
    folder, _ = corpus
    out = tmp_path_factory.mktemp("hostile-out")
    status, messages = jiyao("build", str(folder), "--out", str(out), "--no-html", "--max-bytes", str(MAX_BYTES))
    union = Graph().parse(out / "graph.ttl", format="turtle")
    return status, messages, out, union


def article_triples(out: Path) -> set:
    """The triples of a build's article graphs (the vocabulary graph is the same in every build)."""
    from kg.graph import VOCAB_GRAPH

    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    return {(s, p, o) for s, p, o, g in ds.quads((None, None, None, None)) if g != VOCAB_GRAPH}


def cases(corpus, refused: bool | None = None) -> list[Case]:  # noqa: ANN001
    return [c for c in corpus[1] if refused is None or (c.refused is not None) == refused]


def test_the_corpus_has_every_kind_of_the_issue(corpus) -> None:  # noqa: ANN001
    assert {c.kind for c in corpus[1]} == set(KINDS)
    assert all(c.refused or c.people for c in corpus[1])  # each file says what must come of it


def test_some_files_failing_gives_exit_status_2(built) -> None:  # noqa: ANN001
    status, _, out, _ = built
    assert status == 2
    assert all((out / name).is_file() for name in EXPORTS)


def test_each_refused_file_gets_one_message_naming_it_and_the_reason(built, corpus) -> None:  # noqa: ANN001
    _, messages, _, _ = built
    for c in cases(corpus, refused=True):
        mine = [m for m in messages if m.startswith(f"jiyao: {c.name}: ")]
        assert len(mine) == 1, (c.name, messages)
        assert c.refused in mine[0], mine[0]
    read = {c.name for c in cases(corpus, refused=False)}
    assert not [m for m in messages if m.split(": ")[1] in read]


def _people_of(union: Graph, file: str) -> set[str]:
    q = """SELECT ?name WHERE { ?a a jy:Article ; jy:sourceFile ?file ; jy:mentions ?p .
                               ?p a jy:Person ; rdfs:label ?name }"""
    rows = union.query(q, initNs={"jy": JY._NS, "rdfs": RDFS}, initBindings={"file": Literal(file)})
    return {str(r[0]) for r in rows}


def test_every_readable_file_has_its_people_in_the_graph(built, corpus) -> None:  # noqa: ANN001
    *_, union = built
    for c in cases(corpus, refused=False):
        assert set(c.people) <= _people_of(union, c.name), c.name


def test_refused_files_leave_nothing_in_the_graph(built, corpus) -> None:  # noqa: ANN001
    *_, union = built
    files = {str(o) for o in union.objects(None, JY.sourceFile)}
    assert files == {c.name for c in cases(corpus, refused=False)}


def test_other_files_triples_are_all_there(built, corpus, tmp_path: Path) -> None:  # noqa: ANN001
    """The readable files alone give a graph whose every triple is in the hostile build's graph."""
    folder, _ = corpus
    clean = tmp_path / "clean"
    clean.mkdir()
    for c in cases(corpus, refused=False):
        (clean / c.name).write_bytes((folder / c.name).read_bytes())
    status, messages = jiyao("build", str(clean), "--out", str(tmp_path / "out"), "--no-html")
    assert (status, messages) == (0, [])
    *_, out, _ = built
    alone = article_triples(tmp_path / "out")
    assert len(alone) > 1000
    assert alone == article_triples(out)


def test_exact_text_reaches_the_graph_and_page_furniture_does_not(built, corpus) -> None:  # noqa: ANN001
    *_, out, _ = built
    literals = [str(o) for _, _, o in article_triples(out) if isinstance(o, Literal)]
    for c in cases(corpus, refused=False):
        for text in c.literals:
            assert any(text in lit for lit in literals), (c.name, text)
        for text in c.absent:
            assert not any(text in lit for lit in literals), (c.name, text)


def test_evidence_offsets_point_at_the_sentence_in_every_encoding(built, corpus) -> None:  # noqa: ANN001
    """``source[start:end]`` is the evidence sentence, for GB18030, Big5, UTF-16, BOM, HTML, Extension B…"""
    folder, _ = corpus
    *_, union = built
    for c in cases(corpus, refused=False):
        source, _ = decode(c.data, c.name)
        checked = 0
        for ev in union.subjects(JY.sourceFile, Literal(c.name)):
            if (ev, RDF.type, JY.Evidence) not in union:
                continue
            start, end = int(union.value(ev, JY.start)), int(union.value(ev, JY.end))
            assert source[start:end].strip() == str(union.value(ev, JY.sentence)), (c.name, start, end)
            checked += 1
        assert checked >= 3, c.name
        for text in c.source_spans:
            spans = [(int(union.value(ev, JY.start)), int(union.value(ev, JY.end)))
                     for ev in union.subjects(RDF.type, JY.Evidence)
                     if str(union.value(ev, JY.sourceFile)) == c.name]
            assert any(text in source[s:e] for s, e in spans), (c.name, text)


def test_every_export_parses_to_the_same_triples_with_valid_iris(built) -> None:  # noqa: ANN001
    *_, out, union = built
    nt = Graph().parse(out / "graph.nt", format="nt")
    js = Graph().parse(out / "graph.jsonld", format="json-ld")
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    quads = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        quads.add((s, p, o))
    # blank nodes (OWL lists of the vocabulary) get new labels in each parse: compare up to isomorphism
    assert to_isomorphic(nt) == to_isomorphic(union) == to_isomorphic(js) == to_isomorphic(quads)
    iris = {str(t) for triple in union for t in triple if isinstance(t, URIRef)}
    assert all(valid_iri(i) for i in iris)
    assert not [i for i in iris if any(h in i for h in ("<", "alert", "onerror", "DROP", "{", "\\", '"'))]


def test_hostile_headlines_are_only_text(built, corpus) -> None:  # noqa: ANN001
    """Markup, quotes, braces, backslashes and SPARQL in a headline come back exactly, as one literal."""
    *_, union = built
    hostile = [c for c in corpus[1] if c.kind == "hostile-text"]
    assert {c.extra["hostile"] for c in hostile} == set(HOSTILE_STRINGS)
    for c in hostile:
        headline = c.literals[0]
        rows = list(union.query("SELECT ?a ?file WHERE { ?a jy:headline ?h ; jy:sourceFile ?file }",
                                initNs={"jy": JY._NS}, initBindings={"h": Literal(headline)}))
        assert [str(r[1]) for r in rows] == [c.name]
        art = rows[0][0]
        assert (art, RDFS.label, Literal(headline, lang="zh")) in union


def test_hostile_report_gives_the_same_facts_as_a_plain_one(extractor) -> None:  # noqa: ANN001
    from kg.records import SourceDoc

    def facts(text: str) -> tuple:
        fr = extractor.extract(SourceDoc("h.txt", "h.txt", text, "utf-8"))
        return tuple(sorted((rel.role, rel.value) for r in fr.articles for rel in r.relations
                            if rel.role != "candidateTheme")), tuple(p for r in fr.articles for p in r.people)

    plain = facts(report("谷雨辰", "苗青禾", "尤立方", headline="市委召开常委会会议"))
    assert plain[1] == ("谷雨辰", "苗青禾", "尤立方")
    for s in HOSTILE_STRINGS:
        assert facts(report("谷雨辰", "苗青禾", "尤立方", headline=f"{s}市委召开常委会会议")) == plain, s


def test_extension_b_characters_survive(built, corpus) -> None:  # noqa: ANN001
    *_, union = built
    case = next(c for c in corpus[1] if c.kind == "ext-b-names")
    sentences = {str(o) for o in union.objects(None, JY.sentence)}
    assert case.literals[1] in sentences
    assert (None, JY.headline, Literal(case.literals[0])) in union


def test_extension_b_names_are_people(built, corpus) -> None:  # noqa: ANN001
    *_, union = built
    case = next(c for c in corpus[1] if c.kind == "ext-b-names")
    assert case.extra["ext_b_person"] in _people_of(union, case.name)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_strict_fails_with_status_1_and_writes_nothing(corpus, tmp_path: Path) -> None:  # noqa: ANN001
    folder, _ = corpus
    out = tmp_path / "out"
    out.mkdir()
    for name in EXPORTS:
        (out / name).write_text(f"previous {name}\n", encoding="utf-8")
    before = _snapshot(out)
    status, messages = jiyao("build", str(folder), "--out", str(out), "--no-html", "--strict",
                             "--max-bytes", str(MAX_BYTES))
    assert status == 1
    assert any("empty.txt: empty file" in m for m in messages)
    assert _snapshot(out) == before


def test_no_readable_file_gives_status_1_and_writes_nothing(corpus, tmp_path: Path) -> None:  # noqa: ANN001
    folder, _ = corpus
    bad = tmp_path / "bad"
    bad.mkdir()
    for c in cases(corpus, refused=True):
        if c.kind in ("empty", "binary"):
            (bad / c.name).write_bytes(c.data)
    status, messages = jiyao("build", str(bad), "--out", str(tmp_path / "out"), "--no-html")
    assert status == 1
    assert len(messages) == 4
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("graph.*"))


def test_all_files_fine_gives_status_0_and_a_warning_is_not_a_failure(corpus, tmp_path: Path) -> None:  # noqa: ANN001
    folder, _ = corpus
    src = tmp_path / "src"
    src.mkdir()
    for name in ("gb18030.txt", "boilerplate.txt"):
        (src / name).write_bytes((folder / name).read_bytes())
    status, messages = jiyao("build", str(src), "--out", str(tmp_path / "out"), "--no-html", "--strict")
    assert status == 0
    assert messages == ["jiyao: boilerplate.txt: no report text (only web-page furniture or markup)"]


def test_same_name_in_two_folders_is_refused_not_merged(corpus, tmp_path: Path) -> None:  # noqa: ANN001
    folder, _ = corpus
    for sub, name in (("a", "gb18030.txt"), ("b", "utf8-bom.txt"), ("c", "gb18030.txt")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_bytes((folder / name).read_bytes())
    status, messages = jiyao("build", str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "c"),
                             "--out", str(tmp_path / "out"), "--no-html")
    assert status == 2
    assert len(messages) == 2
    assert "another input file has the same name" in messages[0] and "/b/report.txt" in messages[0]
    assert "same content as" in messages[1] and "/c/report.txt" in messages[1]
    union = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert _people_of(union, "report.txt") == {"欧阳明远", "沈立群", "邵春阳"}


# --- limits ----------------------------------------------------------------------------------

def test_max_bytes_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sparse 64 GiB file is refused from its size alone: reading it would never finish."""
    from kg.reading import ReadError, read_source

    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(64 << 30)

    def no_read(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    monkeypatch.setattr(Path, "open", no_read)
    with pytest.raises(ReadError, match=r"file of 68719476736 bytes exceeds the limit of 1000 bytes \(--max-bytes\)"):
        read_source(big, max_bytes=1000)


def test_a_multi_megabyte_line_within_the_limit_is_read_and_chunked(corpus, extractor, monkeypatch) -> None:  # noqa: ANN001
    """The same one-line file under a larger --max-bytes: decoded, and split into bounded chunks for NLP."""
    from kg.articles import chunk_article, split_articles
    from kg.normalize import normalize
    from kg.reading import read_source

    folder, _ = corpus
    doc = read_source(folder / "huge-one-line.txt", max_bytes=os.path.getsize(folder / "huge-one-line.txt"))
    assert "\n" not in doc.text and len(doc.text) > 800_000
    norm = normalize(doc.text)
    articles = split_articles(doc, norm)
    chunks = [c for a in articles for c in chunk_article(a)]
    assert len(chunks) > 40
    for c in chunks:
        assert 0 < len(c.body) <= 20_000
        assert norm.text[c.body_start: c.body_start + len(c.body)] == c.body
    assert "".join(c.body for c in chunks) == "".join(a.body for a in articles)


def test_a_long_article_gives_the_same_facts_in_chunks(extractor, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Cut into chunks of 250 characters, an article of many sentences gives the facts it gives whole."""
    from kg.records import SourceDoc

    names = ["欧阳明远", "沈立群", "邵春阳", "鲁建明", "谭志远", "程一鸣", "孟庆瑜", "唐文博", "杭书恒", "严慕白",
             "季良弼", "韦知秋"]
    body = "".join(f"{i % 9 + 3}月{i + 10}日，市委书记{names[i]}主持召开专题会议，研究部署近期工作。"
                   "会议强调，要扎实推进乡村振兴，持续优化营商环境，切实抓好各项工作落实。" for i in range(len(names)))
    text = "本报讯 " + body + "\n"
    doc = SourceDoc("long.txt", "long.txt", text, "utf-8")

    def facts() -> tuple:
        fr = extractor.extract(doc)
        assert len(fr.articles) == 1
        r = fr.articles[0]
        for ev in [rel.evidence for rel in r.relations] + [m.evidence for m in r.meetings]:
            assert text[ev.start: ev.end].strip() == ev.sentence
        keys = [m.key for m in r.meetings]
        assert len(set(keys)) == len(keys)
        assert {rel.meeting for rel in r.relations} <= set(keys)
        # who did what, where: meeting identity (and so which meeting a theme goes to) is left out,
        # as a meeting named again in a later chunk is a meeting of its own
        return (sorted(r.people.items()),
                sorted((rel.role, rel.value, rel.evidence.start, rel.evidence.end) for rel in r.relations
                       if rel.role in ("chair", "speaker", "participant")))

    whole = facts()
    monkeypatch.setattr(extractor, "chunk_chars", 250)
    assert len(text) > 750
    assert facts() == whole
    assert len(whole[0]) == len(names) and sum(role == "chair" for role, *_ in whole[1]) == len(names)
