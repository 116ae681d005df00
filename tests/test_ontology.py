"""The ontology files: they parse, match kg.namespace.JY, keep the SKOS schemes sound,
and the SHACL shapes accept good data and name what is wrong in bad data."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.namespace import JY

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
JYNS = "https://w3id.org/jiyao/ontology#"
JYK = Namespace("https://w3id.org/jiyao/kind/")
JYT = Namespace("https://w3id.org/jiyao/theme/")
ID = Namespace("https://w3id.org/jiyao/id/")

# shared/spec/VOCABULARY.md: the stable core, never renamed or dropped
CORE_TERMS = {
    "Article", "Meeting", "Person", "Organization", "Post", "Theme",
    "sourceFile", "reportedIn", "mentions", "reporter", "chair", "speaker",
    "participant", "organizer", "emphasizes", "date", "holdsPost",
}
KIND_NOTATIONS = {"meeting", "forum", "video-conference", "ceremony", "inspection", "reception", "other"}


def _load(name: str) -> Graph:
    return Graph().parse(ONTOLOGY / name, format="turtle")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return _load("jiyao.ttl")


@pytest.fixture(scope="module")
def themes() -> Graph:
    return _load("themes.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _load("shapes.ttl")


def _declared(onto: Graph) -> set[str]:
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for s in onto.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(JYNS):
                terms.add(str(s)[len(JYNS):])
    return terms


@pytest.mark.parametrize("name", ["jiyao.ttl", "themes.ttl", "shapes.ttl"])
def test_files_parse(name):
    assert len(_load(name)) > 0


def test_declared_terms_match_namespace(onto):
    assert _declared(onto) == set(JY.__annotations__)


def test_core_vocabulary_declared(onto):
    assert CORE_TERMS <= _declared(onto)


def test_every_term_is_labelled_and_typed(onto):
    for name in _declared(onto):
        term = URIRef(JYNS + name)
        langs = {lbl.language for lbl in onto.objects(term, RDFS.label)}
        assert {"en", "zh"} <= langs, name
        assert any(c.language == "en" for c in onto.objects(term, RDFS.comment)), name
        if name[0].islower():
            assert (term, RDFS.domain, None) in onto, name
            assert (term, RDFS.range, None) in onto, name


def _theme_concepts(themes: Graph) -> set[URIRef]:
    return set(themes.subjects(SKOS.inScheme, JYT[""]))


def test_themes_labels(themes):
    concepts = _theme_concepts(themes)
    assert 180 <= len(concepts) <= 400
    pref_owner: dict[str, URIRef] = {}
    for c in concepts:
        assert (c, RDF.type, JY.Theme) in themes and (c, RDF.type, SKOS.Concept) in themes
        zh = [lbl for lbl in themes.objects(c, SKOS.prefLabel) if lbl.language == "zh"]
        assert len(zh) == 1, c
        assert str(zh[0]) not in pref_owner, f"prefLabel {zh[0]} on {c} and {pref_owner.get(str(zh[0]))}"
        pref_owner[str(zh[0])] = c
        assert (c, RDFS.label, zh[0]) in themes, c
    alt_owner: dict[str, URIRef] = {}
    for c in concepts:
        for alt in themes.objects(c, SKOS.altLabel):
            key = str(alt)
            assert key not in alt_owner, f"altLabel {key} on {c} and {alt_owner[key]}"
            alt_owner[key] = c
            assert pref_owner.get(key, c) == c, f"altLabel {key} of {c} is the prefLabel of {pref_owner[key]}"


def test_theme_hierarchy(themes):
    concepts = _theme_concepts(themes)
    broader = {c: set(themes.objects(c, SKOS.broader)) for c in concepts}
    for c, parents in broader.items():
        assert parents <= concepts, c
        if not parents:
            assert (c, SKOS.topConceptOf, JYT[""]) in themes, c
    # no cycles: depth-first search with colouring
    state: dict[URIRef, int] = {}

    def visit(c):
        state[c] = 1
        for p in broader[c]:
            assert state.get(p) != 1, f"skos:broader cycle through {c}"
            if p not in state:
                visit(p)
        state[c] = 2

    for c in concepts:
        if c not in state:
            visit(c)
    must = {
        "绿色发展": "新发展理念", "碳达峰碳中和": "绿色发展", "污染防治": "绿色发展",
        "安全生产": "安全", "防汛": "安全", "外贸": "对外开放", "民生改善": "民生",
        "综合考核": "考核", "技能人才": "人才工作", "青年人才": "人才工作", "质量赋能": "质量强市",
    }
    by_label = {str(l): c for c in concepts for l in themes.objects(c, SKOS.prefLabel) if l.language == "zh"}
    for child, parent in must.items():
        assert by_label[parent] in broader[by_label[child]], child


def test_meeting_kinds(onto):
    kinds = set(onto.subjects(RDF.type, JY.MeetingKind))
    assert JYK["standing-committee-meeting"] in kinds and JYK.other in kinds
    for k in kinds:
        assert (k, SKOS.inScheme, JYK[""]) in onto, k
        notations = {str(n) for n in onto.objects(k, SKOS.notation)}
        assert len(notations) == 1 and notations <= KIND_NOTATIONS, k
        assert {l.language for l in onto.objects(k, SKOS.prefLabel)} >= {"zh", "en"}, k


# ------------------------------------------------------------------ SHACL ---

ARTICLE, MEETING, PERSON, EVIDENCE = ID.article1, ID.meeting1, ID.person1, ID.evidence1


def _valid_data() -> Graph:
    g = Graph()
    g.add((ARTICLE, RDF.type, JY.Article))
    g.add((ARTICLE, JY.sourceFile, Literal("001_c82f54578a695e9c.txt", datatype=rns.XSD.string)))
    g.add((ARTICLE, JY.headline, Literal("市政府召开常务会议")))
    g.add((ARTICLE, JY.published, Literal("2023-04-28", datatype=rns.XSD.date)))
    g.add((PERSON, RDF.type, JY.Person))
    g.add((PERSON, RDFS.label, Literal("张三", lang="zh")))
    g.add((MEETING, RDF.type, JY.Meeting))
    g.add((MEETING, RDFS.label, Literal("市政府第十二次常务会议", lang="zh")))
    g.add((MEETING, JY.reportedIn, ARTICLE))
    g.add((MEETING, JY.chair, PERSON))
    g.add((MEETING, JY.date, Literal("--04-27", datatype=rns.XSD.gMonthDay)))
    g.add((MEETING, JY.kind, JYK["executive-meeting"]))
    g.add((JYK["executive-meeting"], RDF.type, JY.MeetingKind))
    g.add((MEETING, JY.ordinal, Literal(12)))
    g.add((EVIDENCE, RDF.type, JY.Evidence))
    g.add((EVIDENCE, RDF.subject, MEETING))
    g.add((EVIDENCE, RDF.predicate, JY.chair))
    g.add((EVIDENCE, RDF.object, PERSON))
    g.add((EVIDENCE, PROV.wasDerivedFrom, ARTICLE))
    g.add((EVIDENCE, JY.sourceFile, Literal("001_c82f54578a695e9c.txt")))
    g.add((EVIDENCE, JY.sentence, Literal("市长张三主持会议。")))
    g.add((EVIDENCE, JY.start, Literal(10)))
    g.add((EVIDENCE, JY.end, Literal(19)))
    return g


def _validate(data: Graph, shapes: Graph):
    conforms, _, text = validate(data, shacl_graph=shapes, inference="none")
    return conforms, text


def _names(text: str, focus: URIRef, path: str) -> bool:
    """Does the report text name the focus node and the (prefixed) result path?"""
    return f"Focus Node: <{focus}>" in text and f"Result Path: {path}" in text


def test_valid_data_conforms(shapes):
    conforms, text = _validate(_valid_data(), shapes)
    assert conforms, text


def test_themes_and_kinds_conform(shapes, onto, themes):
    conforms, text = _validate(onto + themes, shapes)
    assert conforms, text


def test_blank_node_chair_fails(shapes):
    data = _valid_data()
    data.remove((MEETING, JY.chair, PERSON))
    anon = BNode()
    data.add((anon, RDF.type, JY.Person))
    data.add((anon, RDFS.label, Literal("李四", lang="zh")))
    data.add((MEETING, JY.chair, anon))
    conforms, text = _validate(data, shapes)
    assert not conforms
    assert _names(text, MEETING, "jy:chair"), text
    assert "Person must be an IRI" in text


def test_two_dates_fail(shapes):
    data = _valid_data()
    data.add((MEETING, JY.date, Literal("2023-04-27", datatype=rns.XSD.date)))
    conforms, text = _validate(data, shapes)
    assert not conforms
    assert _names(text, MEETING, "jy:date"), text


def test_evidence_offsets_checked(shapes):
    data = _valid_data()
    data.remove((EVIDENCE, JY.end, None))
    data.add((EVIDENCE, JY.end, Literal(5)))
    conforms, text = _validate(data, shapes)
    assert not conforms
    assert "jy:start is greater than jy:end" in text
