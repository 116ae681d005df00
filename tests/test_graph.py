"""Records → RDF: exact triples, deterministic IRIs, provenance reachable by SPARQL."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS, XSD

from kg.graph import build_dataset, union_graph
from kg.iris import mint
from kg.namespace import JY
from kg.records import SourceDoc

TEXT = ("本报讯 3月2日，县委书记钱某某主持召开全县安全生产工作会议。县长孙某某参加会议。"
        "钱某某强调，要抓好安全生产。（记者 甲乙）")


def _graph(extractor, text: str = TEXT, name: str = "t.txt"):
    fr = extractor.extract(SourceDoc(name, name, text, "utf-8"))
    return union_graph(build_dataset(fr.articles, {name: fr.originals}, include_vocabularies=False))


def test_exact_triples_of_a_small_report(extractor):
    g = _graph(extractor)
    article = mint("article", "t.txt#1")
    meeting = mint("meeting", "t.txt#1/m1")
    chair, other = mint("person", "钱某某"), mint("person", "孙某某")
    post = mint("post", "县委书记")
    expected = {
        (article, RDF.type, JY.Article), (article, JY.sourceFile, Literal("t.txt")),
        (meeting, RDF.type, JY.Meeting), (meeting, JY.reportedIn, article),
        (meeting, RDFS.label, Literal("全县安全生产工作会议", lang="zh")),
        (meeting, JY.date, Literal("--03-02", datatype=XSD.gMonthDay)),
        (meeting, JY.chair, chair), (meeting, JY.speaker, chair), (meeting, JY.participant, other),
        (chair, RDFS.label, Literal("钱某某", lang="zh")), (chair, JY.holdsPost, post),
        (post, RDFS.label, Literal("县委书记", lang="zh")), (article, JY.mentions, chair),
        (article, JY.reporter, mint("person", "甲乙")),
    }
    assert expected <= set(g)
    assert (meeting, JY.participant, chair) not in g  # the chair is not a participant


def test_iris_are_deterministic_and_independent_of_text_quirks():
    assert mint("person", "钱某某") == mint("person", " 钱某某 ")
    assert mint("person", "钱某某") != mint("person", "钱某")
    assert str(mint("person", 'x" } ; DROP ALL ; #')).rsplit("/", 1)[1].isalnum()


def test_every_relation_has_evidence_reachable_by_sparql(extractor):
    g = _graph(extractor)
    rows = list(g.query("""
        PREFIX jy: <https://w3id.org/jiyao/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?p ?sentence ?file ?start ?end WHERE {
          ?m ?p ?who . FILTER(?p IN (jy:chair, jy:speaker, jy:participant))
          ?ev rdf:subject ?m ; rdf:predicate ?p ; rdf:object ?who ; prov:wasDerivedFrom ?a ;
              jy:sentence ?sentence ; jy:sourceFile ?file ; jy:start ?start ; jy:end ?end . }"""))
    assert len(rows) == 3
    for _, sentence, file, start, end in rows:
        assert str(file) == "t.txt" and 0 <= start.toPython() < end.toPython() <= len(TEXT)
        assert str(sentence) == TEXT[start.toPython(): end.toPython()]  # quoted as written


def test_same_name_in_different_jurisdictions_is_two_people(extractor):
    text1 = "本报讯 3月2日，甲县县委书记钱某某主持召开县委常委会会议。"
    text2 = "本报讯 3月5日，乙县县委书记钱某某主持召开县委常委会会议。"
    f1 = extractor.extract(SourceDoc("a.txt", "a.txt", text1, "utf-8"))
    f2 = extractor.extract(SourceDoc("b.txt", "b.txt", text2, "utf-8"))
    g = union_graph(build_dataset(f1.articles + f2.articles, include_vocabularies=False))
    people = set(g.subjects(RDFS.label, Literal("钱某某", lang="zh")))
    assert len(people) == 2


def test_two_holders_of_one_seat_on_one_date_are_flagged(extractor):
    text = ("本报讯 3月2日，县长钱某某主持召开县政府常务会议。（甲乙）\n"
            "本报讯 3月2日，县长孙某某来到某镇调研。（丙丁）")
    fr = extractor.extract(SourceDoc("t.txt", "t.txt", text, "utf-8"))
    g = union_graph(build_dataset(fr.articles, include_vocabularies=False))
    flagged = {(str(a), str(b)) for a, b in g.subject_objects(JY.conflictsWith)}
    assert len(flagged) == 2  # both ways
    holders = {str(o) for h, _ in g.subject_objects(JY.conflictsWith) for o in g.objects(h, JY.holder)}
    assert holders == {str(mint("person", "钱某某")), str(mint("person", "孙某某"))}


@pytest.mark.parametrize("parts", [("张三",), ("ＡＢＣ　１２", "x y"), ("https://w3id.org/jiyao/id/person/ab", 3, 17),
                                   ("市委\u3000书记", "Ⅻ")])
def test_mint_text_is_the_minted_iri_of_the_nfkc_key(parts):
    import hashlib
    import unicodedata

    from kg.iris import mint_text

    key = "\x1f".join("".join(unicodedata.normalize("NFKC", str(p)).split()) for p in parts)
    expected = f"https://w3id.org/jiyao/id/post/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"
    assert mint_text("post", *parts) == str(mint("post", *parts)) == expected


# one name in two jurisdictions (two people: keys that are not the name), two holders of one
# seat on one date in one paper (a conflict across articles), traditional script (the spelling kept)
SHARED = {
    "a.txt": "本报讯 3月2日，甲县县委书记钱某某主持召开县委常委会会议。县长孙某某参加会议。（记者 甲乙）\n"
             "本报讯 3月2日，县长李某某来到某镇调研。（丙丁）",
    "b.txt": "本报讯 3月5日，乙县县委书记钱某某主持召开县委常委会会议，强调要抓好安全生产。",
    "d.txt": "本報訊 3月9日，縣長孫某某主持召開縣政府常務會議。",
}


def test_statements_built_with_the_extraction_are_the_graph_stages(extractor):
    """Each file's statements, built where it is extracted (person keys taken to be the names),
    are the rows the graph stage would build; an article keyed on a name that turns out to be
    shared by people of several jurisdictions is built again, with the resolved keys."""
    from kg.graph import attach_statements, build_quads
    from kg.reading import discover, read_source
    from kg.resolve import Resolver

    from conftest import SEEDS

    docs = [read_source(f) for f in discover([SEEDS])[0]]
    docs += [SourceDoc(name, name, text, "utf-8") for name, text in SHARED.items()]
    results, originals = [], {}
    for doc in docs:
        fr = extractor.extract(doc)
        attach_statements(fr.articles, fr.originals)
        results += fr.articles
        originals[fr.source] = fr.originals
    shared = Resolver(results).ambiguous()
    assert shared == {"钱某某"}
    rebuilt = [r.article.source_file for r in results if r.statements.names & shared]
    assert sorted(rebuilt) == ["a.txt", "b.txt"] and len(results) > 10
    taken = build_quads(results, originals).rows
    for r in results:
        r.statements = None
    assert taken == build_quads(results, originals).rows
    assert any("conflictsWith" in p for _, p, _, _ in taken) and any("@zh-hant" in o for _, _, o, _ in taken)
