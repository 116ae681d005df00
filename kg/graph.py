"""Stage 5: extraction records → an RDF dataset in the jiyao vocabulary.

One named graph per article (its IRI is the article's), holding everything read from it,
and one graph for the vocabularies (``ontology/jiyao.ttl`` and ``ontology/themes.ttl``)
so exports are self-describing. Every relation triple has a ``jy:Evidence`` node
(``rdf:subject``/``rdf:predicate``/``rdf:object``, the article, the sentence and its
offsets in the source file), so any answer can be checked against the text::

    SELECT ?sentence ?file ?start WHERE {
      ?ev rdf:subject ?meeting ; rdf:predicate jy:chair ; rdf:object ?person ;
          jy:sentence ?sentence ; jy:sourceFile ?file ; jy:start ?start . }
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from .iris import mint
from .namespace import BASE, JY, JYK
from .nlp.lexicons import ONTOLOGY_DIR
from .records import ArticleResult, Evidence
from .resolve import Resolver

__all__ = ["build_dataset", "VOCAB_GRAPH", "union_graph", "bind_prefixes", "load_vocabularies"]

VOCAB_GRAPH = URIRef(BASE + "graph/vocabularies")
# roles one person holds at a time in one body: two holders on one date is a flag, not a fact
SINGLE_SEAT = frozenset({"书记", "市长", "县长", "区长", "省长", "州长", "镇长", "乡长", "代市长", "代县长", "代区长", "代省长",
                         "主席", "局长", "厅长", "部长", "院长", "检察长", "秘书长", "总书记", "总理", "委员长"})
_ROLE_PROPS = {"chair": JY.chair, "speaker": JY.speaker, "participant": JY.participant}


def bind_prefixes(g: Graph | Dataset) -> None:
    g.bind("jy", JY._NS)
    g.bind("jyk", JYK)
    g.bind("jyt", URIRef(BASE + "theme/"))
    g.bind("jyid", URIRef(BASE + "id/"))
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("owl", OWL)


_VOCAB_CACHE: dict[str, Graph] = {}


def load_vocabularies() -> Graph:
    """``jiyao.ttl`` and ``themes.ttl`` in one graph (parsed once per process)."""
    if "v" not in _VOCAB_CACHE:
        g = Graph()
        for name in ("jiyao.ttl", "themes.ttl"):
            g.parse(ONTOLOGY_DIR / name, format="turtle")
        _VOCAB_CACHE["v"] = g
    return _VOCAB_CACHE["v"]


def _date_literal(value: str) -> Literal:
    if value.startswith("--"):
        return Literal(value, datatype=XSD.gMonthDay)
    return Literal(value, datatype=XSD.date)


def _role_title(post: str, roles: Iterable[str]) -> str | None:
    """The role word a post ends with; ``roles`` longest first."""
    for r in roles:
        if post.endswith(r):
            return r
    return None


class _Builder:
    def __init__(self, ds: Dataset, resolver: Resolver, roles: frozenset[str]) -> None:
        self.ds = ds
        self.resolver = resolver
        self.roles = sorted(roles, key=len, reverse=True)  # longest first: 副市长 before 市长
        # (post, date, paper) -> [(holding, person, article graph)] for single-seat posts
        self.seats: dict[tuple[str, str, str], list[tuple[URIRef, URIRef, Graph]]] = {}

    def evidence(self, g: Graph, s: URIRef, p: URIRef, o: URIRef, ev: Evidence, article: URIRef) -> None:
        node = mint("evidence", str(s), str(p), str(o), ev.article_id, ev.start, ev.end)
        g.add((node, RDF.type, JY.Evidence))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, p))
        g.add((node, RDF.object, o))
        g.add((node, PROV.wasDerivedFrom, article))
        g.add((node, JY.sourceFile, Literal(ev.source_file)))
        g.add((node, JY.sentence, Literal(ev.sentence)))
        g.add((node, JY.start, Literal(ev.start)))
        g.add((node, JY.end, Literal(max(ev.start, ev.end))))

    def org(self, g: Graph, name: str) -> URIRef:
        iri = mint("org", name)
        g.add((iri, RDF.type, JY.Organization))
        g.add((iri, RDFS.label, Literal(name, lang="zh")))
        return iri

    def person(self, g: Graph, article_id: str, name: str, original: str | None = None) -> URIRef:
        iri = mint("person", self.resolver.key(article_id, name))
        g.add((iri, RDF.type, JY.Person))
        g.add((iri, RDFS.label, Literal(name, lang="zh")))
        if original and original != name:
            g.add((iri, SKOS.altLabel, Literal(original, lang="zh-Hant")))
        return iri

    def add(self, r: ArticleResult, originals: dict[str, str], theme_iris: set[str]) -> None:
        a = r.article
        art = mint("article", a.id)
        g = self.ds.graph(art)
        g.add((art, RDF.type, JY.Article))
        g.add((art, JY.sourceFile, Literal(a.source_file)))
        g.add((art, JY.articleIndex, Literal(a.index)))
        g.add((art, RDFS.label, Literal(a.headline or a.id, lang="zh")))
        if a.headline:
            g.add((art, JY.headline, Literal(a.headline)))
        if a.published:
            g.add((art, JY.published, Literal(a.published.isoformat(), datatype=XSD.date)))
        if a.publisher:
            g.add((art, JY.publisher, Literal(a.publisher)))
        if a.url:
            g.add((art, JY.url, Literal(a.url, datatype=XSD.anyURI)))
        for name in a.reporters:
            p = self.person(g, a.id, name)
            g.add((art, JY.reporter, p))

        observed: str | None = next((m.date for m in r.meetings if m.date), None)
        people: dict[str, URIRef] = {}
        for name, posts in r.people.items():
            p = self.person(g, a.id, name, originals.get(name))
            people[name] = p
            g.add((art, JY.mentions, p))
            for post in posts:
                post_iri = mint("post", post)
                g.add((post_iri, RDF.type, JY.Post))
                g.add((post_iri, RDFS.label, Literal(post, lang="zh")))
                role = _role_title(post, self.roles)
                if role:
                    g.add((post_iri, JY.roleTitle, Literal(role)))
                    prefix = post[: -len(role)]
                    if len(prefix) >= 2 and re.search(r"(委|政府|局|厅|部|办|院|会|中心|公司|集团|大学|政协|人大)$", prefix):
                        g.add((post_iri, JY.postIn, self.org(g, prefix)))
                g.add((p, JY.holdsPost, post_iri))
                if name in r.person_evidence:
                    self.evidence(g, p, JY.holdsPost, post_iri, r.person_evidence[name], art)
                holding = mint("holding", self.resolver.key(a.id, name), post, a.id)
                g.add((holding, RDF.type, JY.PostHolding))
                g.add((holding, JY.holder, p))
                g.add((holding, JY.post, post_iri))
                g.add((holding, JY.observedIn, art))
                if observed:
                    g.add((holding, JY.observedOn, _date_literal(observed)))
                    if role in SINGLE_SEAT:
                        paper = a.publisher or a.source_file
                        self.seats.setdefault((post, observed, paper), []).append((holding, p, g))

        meetings: dict[str, URIRef] = {}
        for m in r.meetings:
            mi = mint("meeting", m.key)
            meetings[m.key] = mi
            g.add((mi, RDF.type, JY.Meeting))
            g.add((mi, RDFS.label, Literal(m.name, lang="zh")))
            g.add((mi, JY.reportedIn, art))
            g.add((mi, JY.kind, JYK[m.kind]))
            g.add((JYK[m.kind], RDF.type, JY.MeetingKind))
            if m.date:
                g.add((mi, JY.date, _date_literal(m.date)))
                g.add((mi, JY.dateDerivation, Literal(m.date_derivation)))
            if m.ordinal is not None:
                g.add((mi, JY.ordinal, Literal(m.ordinal)))
            if m.location:
                g.add((mi, JY.location, Literal(m.location)))
            for org in m.organizers:
                o = self.org(g, org)
                g.add((mi, JY.organizer, o))
                g.add((art, JY.mentions, o))
                self.evidence(g, mi, JY.organizer, o, m.evidence, art)
        for m in r.meetings:
            if m.continues and m.continues in meetings:
                g.add((meetings[m.key], JY.continues, meetings[m.continues]))

        for rel in r.relations:
            mi = meetings.get(rel.meeting)
            if mi is None:
                continue
            if rel.role in _ROLE_PROPS:
                p = people.get(rel.value) or self.person(g, a.id, rel.value)
                g.add((mi, _ROLE_PROPS[rel.role], p))
                self.evidence(g, mi, _ROLE_PROPS[rel.role], p, rel.evidence, art)
            elif rel.role == "emphasizes":
                t = URIRef(rel.value)
                theme_iris.add(rel.value)
                g.add((mi, JY.emphasizes, t))
                g.add((t, RDF.type, JY.Theme))
                g.add((art, JY.mentions, t))
                self.evidence(g, mi, JY.emphasizes, t, rel.evidence, art)
            elif rel.role == "candidateTheme":
                t = mint("theme", rel.value)
                g.add((t, RDF.type, JY.Theme))
                g.add((t, RDF.type, SKOS.Concept))
                g.add((t, SKOS.prefLabel, Literal(rel.value, lang="zh")))
                g.add((t, RDFS.label, Literal(rel.value, lang="zh")))
                g.add((t, JY.discovered, Literal(True)))
                g.add((mi, JY.candidateTheme, t))
                self.evidence(g, mi, JY.candidateTheme, t, rel.evidence, art)


def build_dataset(results: list[ArticleResult], originals: dict[str, dict[str, str]] | None = None,
                  include_vocabularies: bool = True) -> Dataset:
    """The dataset for ``results`` (all files of a build, in a stable order)."""
    from .nlp.lexicons import load_lexicons

    ds = Dataset()
    bind_prefixes(ds)
    builder = _Builder(ds, Resolver(results), load_lexicons().roles)
    theme_iris: set[str] = set()
    for r in results:
        builder.add(r, (originals or {}).get(r.article.source_file, {}), theme_iris)
    for holders in builder.seats.values():
        for h1, p1, g1 in holders:
            for h2, p2, _ in holders:
                if p1 != p2:
                    g1.add((h1, JY.conflictsWith, h2))
    if include_vocabularies:
        vg = ds.graph(VOCAB_GRAPH)
        for t in load_vocabularies():
            vg.add(t)
    return ds


def union_graph(ds: Dataset, view_from: int | None = None) -> Graph:
    """All named graphs' triples in one graph (what ``graph.ttl`` holds).

    Graphs of ``view_from`` triples or more (default :data:`kg.store.LARGE_GRAPH`) get a
    read-only union *view* over the dataset's store instead of a copy: copying 700 K
    triples into a new rdflib graph costs as much as building the dataset. The view answers
    the same triple patterns (each triple once, whatever graphs hold it); small builds keep
    the copy, so their exports are unchanged.
    """
    if view_from is None:
        from .store import LARGE_GRAPH

        view_from = LARGE_GRAPH
    if len(ds.store) >= view_from:  # distinct triples over all graphs, O(1)
        import warnings

        from rdflib import ConjunctiveGraph

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7 deprecates the class, not the view
            view = ConjunctiveGraph(store=ds.store)  # prefixes live in the store: shared
        return view
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
