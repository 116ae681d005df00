"""CSV tables of a build for spreadsheets and pandas: people, posts, meetings, roles, themes, evidence.

Files are UTF-8 with a byte-order mark (so spreadsheet programs detect the encoding of the
Chinese text) and one header row. Every text cell that a spreadsheet would run as a formula
(it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with a single
quote — report text is untrusted input. Note that this includes month-day dates (``--04-27``),
which are therefore written ``'--04-27``. Lists are joined with ``"; "``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from .namespace import JY
from .shacl import values_of

__all__ = ["TABLES", "safe_cell", "table_rows", "write_tables", "label"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ROLES = {JY.chair: "chair", JY.speaker: "speaker", JY.participant: "participant"}
_LABEL_PROPS = (RDFS.label, SKOS.prefLabel)  # namespace attribute lookups are slow: once, here
_EVIDENCE_PROPS = (RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom, JY.sourceFile)


def safe_cell(value: object) -> object:
    """``value`` made inert for spreadsheets: text starting with = + - @ (tab, CR) gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def label(g: Graph, node: Node) -> str:
    """The node's name: its ``@zh`` rdfs:label or skos:prefLabel, else any label, else ''."""
    found = ""
    for prop in _LABEL_PROPS:
        for lit in g.objects(node, prop):
            if isinstance(lit, Literal) and lit.language == "zh":
                return str(lit)
            found = found or str(lit)
    return found


def _text(values: Sequence[Node]) -> str:
    """The value as text (the smallest, as text, if several; '' if none)."""
    if len(values) == 1:
        return str(values[0])
    return min(str(o) for o in values) if values else ""


def _one(g: Graph, s: Node, p: URIRef) -> str:
    """The value of ``p`` (the smallest, as text, if several)."""
    return _text(list(g.objects(s, p)))


def _joined(values: Iterable[str]) -> str:
    return "; ".join(sorted(set(v for v in values if v)))


def _people(g: Graph) -> list[list[object]]:
    rows = []
    for p in sorted(set(g.subjects(RDF.type, JY.Person))):
        meetings = {m for prop in _ROLES for m in g.subjects(prop, p)}
        rows.append([str(p), label(g, p), _joined(str(x) for x in g.objects(p, SKOS.altLabel)),
                     _joined(label(g, post) for post in g.objects(p, JY.holdsPost)), len(meetings),
                     len(set(g.subjects(JY.mentions, p)))])
    return rows


def _posts(g: Graph) -> list[list[object]]:
    rows = []
    for h in set(g.subjects(RDF.type, JY.PostHolding)):
        person = next(g.objects(h, JY.holder), None)
        post = next(g.objects(h, JY.post), None)
        article = next(g.objects(h, JY.observedIn), None)
        org = next(g.objects(post, JY.postIn), None) if post is not None else None
        rows.append([str(person or ""), label(g, person) if person else "", str(post or ""),
                     label(g, post) if post else "", _one(g, post, JY.roleTitle) if post else "",
                     label(g, org) if org is not None else "", _one(g, h, JY.observedOn), str(article or ""),
                     _one(g, article, JY.sourceFile) if article else ""])
    return sorted(rows, key=lambda r: [str(c) for c in r])


def _meetings(g: Graph) -> list[list[object]]:
    rows = []
    for m in sorted(set(g.subjects(RDF.type, JY.Meeting))):
        article = next(g.objects(m, JY.reportedIn), None)
        rows.append([str(m), label(g, m), _one(g, m, JY.date), _one(g, m, JY.dateDerivation),
                     _one(g, m, JY.kind), str(article or ""), _one(g, article, JY.sourceFile) if article else "",
                     _joined(label(g, o) for o in g.objects(m, JY.organizer)),
                     _joined(label(g, t) for t in g.objects(m, JY.emphasizes))])
    return rows


def _roles(g: Graph) -> list[list[object]]:
    rows = [[str(m), label(g, m), str(p), label(g, p), role]
            for prop, role in _ROLES.items() for m, p in g.subject_objects(prop)]
    return sorted(rows)


def _themes(g: Graph) -> list[list[object]]:
    themes = set(g.subjects(RDF.type, JY.Theme))
    rows = []
    for t in sorted(themes):
        rows.append([str(t), label(g, t), _joined(str(b) for b in g.objects(t, SKOS.broader)),
                     "true" if (t, JY.discovered, Literal(True)) in g else "false",
                     len(set(g.subjects(JY.emphasizes, t)))])
    return rows


def _evidence(g: Graph) -> list[list[object]]:
    # the largest table (nine statements per relation): each column's lookup made once
    text_columns = [values_of(g, p) for p in _EVIDENCE_PROPS]
    start_of, end_of, sentence_of = values_of(g, JY.start), values_of(g, JY.end), values_of(g, JY.sentence)
    rows = []
    for ev in set(g.subjects(RDF.type, JY.Evidence)):
        start, end = start_of(ev), end_of(ev)
        rows.append([str(ev), *(_text(col(ev)) for col in text_columns),
                     start[0].toPython() if start else "", end[0].toPython() if end else "",
                     _text(sentence_of(ev))])
    return sorted(rows, key=lambda r: (r[5], r[6] if isinstance(r[6], int) else -1, r[0]))


# table name -> (columns, rows from the union graph)
TABLES: dict[str, tuple[Sequence[str], Callable[[Graph], list[list[object]]]]] = {
    "people": (("person", "name", "alt_names", "posts", "meetings", "articles"), _people),
    "posts": (("person", "name", "post", "post_name", "role_title", "organization", "observed_on", "article",
               "source_file"), _posts),
    "meetings": (("meeting", "name", "date", "date_derivation", "kind", "article", "source_file", "organizers",
                  "themes"), _meetings),
    "roles": (("meeting", "meeting_name", "person", "person_name", "role"), _roles),
    "themes": (("theme", "label", "broader", "discovered", "meetings"), _themes),
    "evidence": (("evidence", "subject", "predicate", "object", "article", "source_file", "start", "end",
                  "sentence"), _evidence),
}


def table_rows(g: Graph, name: str) -> tuple[Sequence[str], list[list[object]]]:
    """The columns and rows of table ``name`` (unescaped values) for the union graph ``g``."""
    columns, rows = TABLES[name]
    return columns, rows(g)


def write_tables(g: Graph, folder: Path) -> list[Path]:
    """Write ``folder/<table>.csv`` for every table, each file atomically; returns the paths."""
    from .export import atomic_write

    written = []
    for name in TABLES:
        columns, rows = table_rows(g, name)

        def write(tmp: Path, columns: Sequence[str] = columns, rows: list[list[object]] = rows) -> None:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
                w = csv.writer(f)
                w.writerow(columns)
                w.writerows([safe_cell(c) for c in row] for row in rows)

        path = folder / f"{name}.csv"
        atomic_write(path, write)
        written.append(path)
    return written
