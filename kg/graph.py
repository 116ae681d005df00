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
from collections.abc import Iterable, Iterator

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from .iris import mint_text
from .namespace import BASE, JY, JYK
from .nlp.lexicons import ONTOLOGY_DIR
from .records import ArticleResult, Evidence, Statements
from .resolve import Resolver

__all__ = ["Quads", "attach_statements", "build_quads", "build_dataset", "VOCAB_GRAPH", "union_graph",
           "bind_prefixes", "load_vocabularies", "prefixes", "nt_term"]

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


def prefixes() -> dict[str, str]:
    """The prefixes exports declare: rdflib's defaults and the project's."""
    g = Graph()
    bind_prefixes(g)
    return {p: str(ns) for p, ns in g.namespaces() if p}


_VOCAB_CACHE: dict[str, Graph] = {}


def load_vocabularies() -> Graph:
    """``jiyao.ttl`` and ``themes.ttl`` in one graph (parsed once per process)."""
    if "v" not in _VOCAB_CACHE:
        g = Graph()
        for name in ("jiyao.ttl", "themes.ttl"):
            g.parse(ONTOLOGY_DIR / name, format="turtle")
        _VOCAB_CACHE["v"] = g
    return _VOCAB_CACHE["v"]


_NT_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD = str(XSD)
_STRING = f"<{_XSD}string>"


def _u(iri: str) -> str:
    """An IRI as an N-Triples term."""
    return f"<{iri}>"


def _lit(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal as an N-Triples term (plain, language-tagged or typed)."""
    text = '"' + value.translate(_NT_ESCAPE) + '"'
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^<{datatype}>"
    return text


def nt_term(term: Node) -> str:
    """An rdflib term as N-Triples text (the inverse of :func:`kg.fastgraph.term`)."""
    if isinstance(term, Literal):
        return _lit(str(term), term.language, str(term.datatype) if term.datatype else None)
    return term.n3()


def _int(value: int) -> str:
    return f'"{value}"^^<{_XSD}integer>'


def _date_literal(value: str) -> str:
    return _lit(value, datatype=_XSD + ("gMonthDay" if value.startswith("--") else "date"))


def _role_title(post: str, roles: Iterable[str]) -> str | None:
    """The role word a post ends with; ``roles`` longest first."""
    for r in roles:
        if post.endswith(r):
            return r
    return None


def _terms(ns: object, *names: str) -> tuple[str, ...]:
    return tuple(_u(str(getattr(ns, n))) for n in names)


# the vocabulary's terms as N-Triples text, formatted once
(_A, _SUBJECT, _PREDICATE, _OBJECT) = (_u(str(RDF.type)), _u(str(RDF.subject)), _u(str(RDF.predicate)),
                                       _u(str(RDF.object)))
_LABEL, _ALT, _PREF, _CONCEPT = _u(str(RDFS.label)), _u(str(SKOS.altLabel)), _u(str(SKOS.prefLabel)), _u(str(SKOS.Concept))
_DERIVED = _u(str(PROV.wasDerivedFrom))
(_EVIDENCE, _ORGANIZATION, _PERSON, _POST, _HOLDING, _MEETING, _KIND, _ARTICLE, _THEME) = _terms(
    JY, "Evidence", "Organization", "Person", "Post", "PostHolding", "Meeting", "MeetingKind", "Article", "Theme")
(_SOURCE_FILE, _SENTENCE, _START, _END, _ARTICLE_INDEX, _HEADLINE, _PUBLISHED, _PUBLISHER, _URL, _REPORTER,
 _MENTIONS, _ROLE_TITLE, _POST_IN, _HOLDS_POST, _HOLDER, _POST_P, _OBSERVED_IN, _OBSERVED_ON, _REPORTED_IN,
 _KIND_P, _DATE, _DATE_DERIVATION, _ORDINAL, _LOCATION, _ORGANIZER, _CONTINUES, _EMPHASIZES, _CANDIDATE,
 _DISCOVERED, _CONFLICTS) = _terms(
    JY, "sourceFile", "sentence", "start", "end", "articleIndex", "headline", "published", "publisher", "url",
    "reporter", "mentions", "roleTitle", "postIn", "holdsPost", "holder", "post", "observedIn", "observedOn",
    "reportedIn", "kind", "date", "dateDerivation", "ordinal", "location", "organizer", "continues", "emphasizes",
    "candidateTheme", "discovered", "conflictsWith")
_ROLE_TERMS = {role: _u(str(prop)) for role, prop in _ROLE_PROPS.items()}
_TRUE = f'"true"^^<{_XSD}boolean>'
_ORG_SUFFIX = re.compile(r"(委|政府|局|厅|部|办|院|会|中心|公司|集团|大学|政协|人大)$")


class Quads:
    """A build's statements as N-Triples term text: rows of (subject, predicate, object, graph).

    The one representation every later stage starts from: small builds parse it into an rdflib
    :class:`~rdflib.Dataset` (:meth:`dataset`), large ones bulk-load it into Oxigraph and write
    the exports from it without making an rdflib term per statement (``kg/fastgraph.py``).
    Rows are in build order (deterministic for the same inputs); a statement may repeat.
    """

    __slots__ = ("rows",)

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def __len__(self) -> int:
        return len(self.rows)

    def nquads(self) -> str:
        """Every row as an N-Quads line."""
        return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in self.rows)

    def dataset(self, include_vocabularies: bool = True) -> Dataset:
        """The rows as an rdflib Dataset (one graph per article), plus the vocabulary graph."""
        ds = Dataset()
        bind_prefixes(ds)
        if self.rows:
            ds.parse(data=self.nquads(), format="nquads")
        if include_vocabularies:
            vg = ds.graph(VOCAB_GRAPH)
            for t in load_vocabularies():
                vg.add(t)
        return ds


class _Builder:
    """Writes each article's statements into :class:`Quads`, in the article's named graph."""

    def __init__(self, quads: Quads, resolver: Resolver | _NameKeys, roles: frozenset[str]) -> None:
        self.rows = quads.rows
        self.resolver = resolver
        self.roles = sorted(roles, key=len, reverse=True)  # longest first: 副市长 before 市长
        # (post, date, paper) -> [(holding, person, article graph)] for single-seat posts
        self.seats: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
        self._minted: dict[tuple[str, ...], str] = {}

    def mint(self, kind: str, *parts: str) -> str:
        key = (kind, *parts)
        hit = self._minted.get(key)
        if hit is None:
            hit = self._minted[key] = f"<{mint_text(kind, *parts)}>"
        return hit

    def evidence(self, g: str, s: str, p: str, o: str, ev: Evidence, article: str) -> None:
        # the evidence IRI hashes the IRIs themselves (s, p, o without their <>)
        node = f"<{mint_text('evidence', s[1:-1], p[1:-1], o[1:-1], ev.article_id, ev.start, ev.end)}>"
        self.rows.extend((
            (node, _A, _EVIDENCE, g), (node, _SUBJECT, s, g), (node, _PREDICATE, p, g), (node, _OBJECT, o, g),
            (node, _DERIVED, article, g), (node, _SOURCE_FILE, _lit(ev.source_file), g),
            (node, _SENTENCE, _lit(ev.sentence), g), (node, _START, _int(ev.start), g),
            (node, _END, _int(max(ev.start, ev.end)), g)))

    def org(self, g: str, name: str) -> str:
        iri = self.mint("org", name)
        self.rows.extend(((iri, _A, _ORGANIZATION, g), (iri, _LABEL, _lit(name, "zh"), g)))
        return iri

    def person(self, g: str, article_id: str, name: str, original: str | None = None) -> str:
        iri = self.mint("person", self.resolver.key(article_id, name))
        self.rows.extend(((iri, _A, _PERSON, g), (iri, _LABEL, _lit(name, "zh"), g)))
        if original and original != name:
            # lower case, as Oxigraph and N-Triples canonical form write tags (they are case-insensitive)
            self.rows.append((iri, _ALT, _lit(original, "zh-hant"), g))
        return iri

    def add(self, r: ArticleResult, originals: dict[str, str]) -> None:
        a = r.article
        rows = self.rows
        art = g = f"<{mint_text('article', a.id)}>"
        rows.extend(((art, _A, _ARTICLE, g), (art, _SOURCE_FILE, _lit(a.source_file), g),
                     (art, _ARTICLE_INDEX, _int(a.index), g), (art, _LABEL, _lit(a.headline or a.id, "zh"), g)))
        if a.headline:
            rows.append((art, _HEADLINE, _lit(a.headline), g))
        if a.published:
            rows.append((art, _PUBLISHED, _lit(a.published.isoformat(), datatype=_XSD + "date"), g))
        if a.publisher:
            rows.append((art, _PUBLISHER, _lit(a.publisher), g))
        if a.url:
            rows.append((art, _URL, _lit(a.url, datatype=_XSD + "anyURI"), g))
        for name in a.reporters:
            rows.append((art, _REPORTER, self.person(g, a.id, name), g))

        observed: str | None = next((m.date for m in r.meetings if m.date), None)
        people: dict[str, str] = {}
        for name, posts in r.people.items():
            p = self.person(g, a.id, name, originals.get(name))
            people[name] = p
            rows.append((art, _MENTIONS, p, g))
            for post in posts:
                post_iri = self.mint("post", post)
                rows.extend(((post_iri, _A, _POST, g), (post_iri, _LABEL, _lit(post, "zh"), g)))
                role = _role_title(post, self.roles)
                if role:
                    rows.append((post_iri, _ROLE_TITLE, _lit(role), g))
                    prefix = post[: -len(role)]
                    if len(prefix) >= 2 and _ORG_SUFFIX.search(prefix):
                        rows.append((post_iri, _POST_IN, self.org(g, prefix), g))
                rows.append((p, _HOLDS_POST, post_iri, g))
                if name in r.person_evidence:
                    self.evidence(g, p, _HOLDS_POST, post_iri, r.person_evidence[name], art)
                holding = self.mint("holding", self.resolver.key(a.id, name), post, a.id)
                rows.extend(((holding, _A, _HOLDING, g), (holding, _HOLDER, p, g), (holding, _POST_P, post_iri, g),
                             (holding, _OBSERVED_IN, art, g)))
                if observed:
                    rows.append((holding, _OBSERVED_ON, _date_literal(observed), g))
                    if role in SINGLE_SEAT:
                        paper = a.publisher or a.source_file
                        self.seats.setdefault((post, observed, paper), []).append((holding, p, g))

        meetings: dict[str, str] = {}
        for m in r.meetings:
            mi = self.mint("meeting", m.key)
            meetings[m.key] = mi
            kind = _u(str(JYK[m.kind]))
            rows.extend(((mi, _A, _MEETING, g), (mi, _LABEL, _lit(m.name, "zh"), g), (mi, _REPORTED_IN, art, g),
                         (mi, _KIND_P, kind, g), (kind, _A, _KIND, g)))
            if m.date:
                rows.extend(((mi, _DATE, _date_literal(m.date), g),
                             (mi, _DATE_DERIVATION, _lit(m.date_derivation or ""), g)))
            if m.ordinal is not None:
                rows.append((mi, _ORDINAL, _int(m.ordinal), g))
            if m.location:
                rows.append((mi, _LOCATION, _lit(m.location), g))
            for org in m.organizers:
                o = self.org(g, org)
                rows.extend(((mi, _ORGANIZER, o, g), (art, _MENTIONS, o, g)))
                self.evidence(g, mi, _ORGANIZER, o, m.evidence, art)
        for m in r.meetings:
            if m.continues and m.continues in meetings:
                rows.append((meetings[m.key], _CONTINUES, meetings[m.continues], g))

        for rel in r.relations:
            mi = meetings.get(rel.meeting)
            if mi is None:
                continue
            if rel.role in _ROLE_TERMS:
                prop = _ROLE_TERMS[rel.role]
                p = people.get(rel.value) or self.person(g, a.id, rel.value)
                rows.append((mi, prop, p, g))
                self.evidence(g, mi, prop, p, rel.evidence, art)
            elif rel.role == "emphasizes":
                t = _u(rel.value)
                rows.extend(((mi, _EMPHASIZES, t, g), (t, _A, _THEME, g), (art, _MENTIONS, t, g)))
                self.evidence(g, mi, _EMPHASIZES, t, rel.evidence, art)
            elif rel.role == "candidateTheme":
                t = self.mint("theme", rel.value)
                label = _lit(rel.value, "zh")
                rows.extend(((t, _A, _THEME, g), (t, _A, _CONCEPT, g), (t, _PREF, label, g), (t, _LABEL, label, g),
                             (t, _DISCOVERED, _TRUE, g), (mi, _CANDIDATE, t, g)))
                self.evidence(g, mi, _CANDIDATE, t, rel.evidence, art)

    def conflicts(self) -> None:
        """Flag two holders of one single-seat post on one date (in the first holding's graph)."""
        for holders in self.seats.values():
            for h1, p1, g1 in holders:
                for h2, p2, _ in holders:
                    if p1 != p2:
                        self.rows.append((h1, _CONFLICTS, h2, g1))


class _NameKeys:
    """A resolver's stand-in where the rest of the build is unknown: every person key is the
    name (what :meth:`Resolver.key` gives unless the name is shared); it notes the names asked."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def key(self, article_id: str, name: str) -> str:
        self.names.add(name)
        return name


def attach_statements(results: list[ArticleResult], originals: dict[str, str]) -> None:
    """Build each article's statements where it was extracted (``r.statements``), so that the
    graph stage, the one serial stage of a build, only has to check the person keys and take
    them: a worker process or a cluster does this part of the graph stage's work in parallel.
    ``originals``: the file's traditional spellings of names."""
    from .nlp.lexicons import load_lexicons

    keys = _NameKeys()
    builder = _Builder(Quads(), keys, load_lexicons().roles)
    for r in results:
        builder.rows, builder.seats, keys.names = [], {}, set()
        builder.add(r, originals)
        seats = [(seat, holding) for seat, holdings in builder.seats.items() for holding in holdings]
        r.statements = Statements(builder.rows, seats, frozenset(keys.names))


def build_quads(results: list[ArticleResult], originals: dict[str, dict[str, str]] | None = None) -> Quads:
    """The statements for ``results`` (all files of a build, in a stable order), vocabularies excluded."""
    quads = Quads()
    for batch in quad_batches(results, Resolver(results), originals or {}):
        quads.rows.extend(batch)
    return quads


def quad_batches(results: Iterable[ArticleResult], resolver: Resolver, originals: dict[str, dict[str, str]],
                 batch_rows: int | None = None) -> Iterator[list[tuple[str, str, str, str]]]:
    """:func:`build_quads`' rows in batches of about ``batch_rows`` (all of them in one if None),
    cut between articles, so that a streamed build holds one batch at a time.

    ``resolver`` must have seen every result already (person keys depend on all of them);
    ``results`` may be an iterator (read back from disk); ``originals`` maps a source file
    to its traditional spellings, and may be filled while ``results`` is consumed. A result's
    :class:`Statements`, if it has them, are taken instead of building them again, unless a
    name they were keyed on is shared by several people (then its key is not the name). The last
    batch (possibly empty) holds only the statements that need the whole build, two holders
    of one seat, which go into graphs of earlier batches.
    """
    from .nlp.lexicons import load_lexicons

    quads = Quads()
    builder = _Builder(quads, resolver, load_lexicons().roles)
    shared = resolver.ambiguous()
    for r in results:
        pre = r.statements
        if pre is not None and not (pre.names & shared):  # built already, with the right person keys
            builder.rows.extend(pre.rows)
            for seat, holding in pre.seats:
                builder.seats.setdefault(seat, []).append(holding)
        else:
            builder.add(r, originals.get(r.article.source_file, {}))
        if batch_rows is not None and len(quads.rows) >= batch_rows:
            yield quads.rows
            quads.rows = builder.rows = []
            builder._minted.clear()  # a memo: IRIs are the same when minted again
    if quads.rows:
        yield quads.rows
        quads.rows = builder.rows = []
    builder.conflicts()
    yield quads.rows


def build_dataset(results: list[ArticleResult], originals: dict[str, dict[str, str]] | None = None,
                  include_vocabularies: bool = True) -> Dataset:
    """The rdflib dataset for ``results``: :func:`build_quads`, parsed (small builds, tests)."""
    return build_quads(results, originals).dataset(include_vocabularies)


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
