"""The jiyao vocabulary as rdflib namespaces.

``JY`` holds every term of ``ontology/jiyao.ttl``; ``_fail = True`` makes a typo an
``AttributeError`` instead of a silently wrong IRI. ``tests/test_namespace.py`` checks this
module and the ontology against each other, so neither can drift.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["JY", "JYK", "JYT", "ID", "ORG", "SCHEMA", "PROV", "BASE"]

BASE = "https://w3id.org/jiyao/"


class JY(DefinedNamespace):
    """``https://w3id.org/jiyao/ontology#``: the core vocabulary and its extensions."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # core classes (shared/spec/VOCABULARY.md: never rename)
    Article: URIRef
    Meeting: URIRef
    Person: URIRef
    Organization: URIRef
    Post: URIRef
    Theme: URIRef
    # core properties
    sourceFile: URIRef
    reportedIn: URIRef
    mentions: URIRef
    reporter: URIRef
    chair: URIRef
    speaker: URIRef
    participant: URIRef
    organizer: URIRef
    emphasizes: URIRef
    date: URIRef
    holdsPost: URIRef

    # extensions: classes
    Evidence: URIRef  # a reified relation triple with its sentence and offsets
    PostHolding: URIRef  # a post observed held by a person in an article (org:Membership)
    MeetingKind: URIRef  # a concept of the meeting-kind scheme
    # extensions: articles
    headline: URIRef
    published: URIRef
    publisher: URIRef
    url: URIRef
    articleIndex: URIRef
    # extensions: meetings
    kind: URIRef
    ordinal: URIRef
    location: URIRef
    continues: URIRef
    dateDerivation: URIRef
    candidateTheme: URIRef
    # extensions: themes
    discovered: URIRef
    # extensions: posts and holdings
    roleTitle: URIRef
    postIn: URIRef
    holder: URIRef
    post: URIRef
    observedOn: URIRef
    observedIn: URIRef
    conflictsWith: URIRef
    # extensions: evidence
    sentence: URIRef
    start: URIRef
    end: URIRef
    # extensions: analytics (their own named graph)
    degreeCentrality: URIRef
    betweennessCentrality: URIRef
    pageRank: URIRef
    community: URIRef


JYK = Namespace(BASE + "kind/")  # meeting-kind concepts (ontology/jiyao.ttl)
JYT = Namespace(BASE + "theme/")  # theme concepts (ontology/themes.ttl)
ID = Namespace(BASE + "id/")  # minted entity IRIs (kg/iris.py)
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
