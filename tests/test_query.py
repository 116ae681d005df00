"""Canned and ad hoc SPARQL queries (kg/query.py, kg/queries/*.rq) on the seeds' build.

Each canned query's rows are checked exactly against an oracle written in plain Python over the
graph's triples (no SPARQL), and anchored in the seeds' gold annotations where the graph agrees
with them (chairs and their meeting dates, posts by date, a person's posts over time).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.namespace import JY
from kg.query import QueryError, Rows, bind_params, canned, format_rows, inject_values, load_query, run_query

from conftest import SEEDS

CANNED = ("chaired-meetings", "co-attendance", "evidence", "organizer-meetings", "person-posts", "post-holders",
          "theme-attendees", "themes-by-month")
PRESENT = (JY.chair, JY.speaker, JY.participant)
INJECTION = 'x" } ; DROP ALL ; #'


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _date_key(d: Literal | None) -> str:
    return "" if d is None else str(d)


def _dates(g: Graph, m: URIRef) -> list[Literal | None]:
    return list(g.objects(m, JY.date)) or [None]


def _files(g: Graph, m: URIRef, prop: URIRef = JY.reportedIn) -> list[Literal]:
    return [f for a in g.objects(m, prop) for f in g.objects(a, JY.sourceFile)]


# -- oracles: the queries' meaning in plain Python ---------------------------------------------

def oracle_meetings_of(g: Graph, prop: URIRef, name: str) -> list[tuple]:
    rows = {(m, n, d, k, f)
            for x in g.subjects(RDFS.label, zh(name)) for m in g.subjects(prop, x)
            for n in g.objects(m, RDFS.label) for k in g.objects(m, JY.kind) for f in _files(g, m)
            for d in _dates(g, m)}
    return sorted(rows, key=lambda r: (_date_key(r[2]), str(r[1]), str(r[0]), str(r[3]), str(r[4])))


def oracle_theme_attendees(g: Graph, theme: str) -> list[tuple]:
    todo = list(g.subjects(SKOS.prefLabel, zh(theme)))
    themes = set(todo)
    while todo:
        for t in g.subjects(SKOS.broader, todo.pop()):
            if t not in themes:
                themes.add(t)
                todo.append(t)
    meetings: dict[tuple, set] = defaultdict(set)
    for t in themes:
        for m in g.subjects(JY.emphasizes, t):
            for prop in PRESENT:
                for p in g.objects(m, prop):
                    for n in g.objects(p, RDFS.label):
                        meetings[(p, n)].add(m)
    rows = [(p, n, Literal(len(ms))) for (p, n), ms in meetings.items()]
    return sorted(rows, key=lambda r: (-int(r[2]), str(r[1]), str(r[0])))


def _in_window(d: Literal | None, lo: Literal | None, hi: Literal | None) -> bool:
    for bound, ok in ((lo, lambda a, b: a >= b), (hi, lambda a, b: a <= b)):
        if bound is None:
            continue
        if d is None or d.datatype != bound.datatype or not ok(str(d), str(bound)):
            return False
    return True


def oracle_co_attendance(g: Graph, lo: Literal | None = None, hi: Literal | None = None) -> list[tuple]:
    shared: dict[tuple, set] = defaultdict(set)
    for m in g.subjects(RDF.type, JY.Meeting):
        if not any(_in_window(d, lo, hi) for d in _dates(g, m)):
            continue
        people = {p for prop in PRESENT for p in g.objects(m, prop)}
        for a in people:
            for b in people:
                if str(a) < str(b):
                    for na in g.objects(a, RDFS.label):
                        for nb in g.objects(b, RDFS.label):
                            shared[(a, na, b, nb)].add(m)
    rows = [(a, na, b, nb, Literal(len(ms))) for (a, na, b, nb), ms in shared.items()]
    return sorted(rows, key=lambda r: (-int(r[4]), str(r[1]), str(r[3]), str(r[0]), str(r[2])))


def oracle_post_holders(g: Graph, date: Literal, post: str | None = None) -> list[tuple]:
    rows = {(n, pl, f, p)
            for h in g.subjects(JY.observedOn, date) if (h, RDF.type, JY.PostHolding) in g
            for p in g.objects(h, JY.holder) for n in g.objects(p, RDFS.label)
            for po in g.objects(h, JY.post) for pl in g.objects(po, RDFS.label)
            for f in _files(g, h, JY.observedIn) if post is None or pl == zh(post)}
    return sorted(rows, key=lambda r: tuple(str(x) for x in r))


def oracle_person_posts(g: Graph, person: str) -> list[tuple]:
    rows = {(d, pl, f)
            for x in g.subjects(RDFS.label, zh(person)) for h in g.subjects(JY.holder, x)
            for po in g.objects(h, JY.post) for pl in g.objects(po, RDFS.label)
            for f in _files(g, h, JY.observedIn) for d in (list(g.objects(h, JY.observedOn)) or [None])}
    return sorted(rows, key=lambda r: (_date_key(r[0]), str(r[1]), str(r[2])))


def _month(d: Literal) -> Literal:
    return Literal(str(d)[:4] if d.datatype == XSD.gMonthDay else str(d)[:7])


def oracle_themes_by_month(g: Graph, person: str | None = None) -> list[tuple]:
    counts: dict[tuple, set] = defaultdict(set)
    for prop in PRESENT:
        for m, p in g.subject_objects(prop):
            for n in g.objects(p, RDFS.label):
                if person is not None and n != zh(person):
                    continue
                for d in g.objects(m, JY.date):
                    for t in g.objects(m, JY.emphasizes):
                        for tl in g.objects(t, SKOS.prefLabel):
                            if tl.language == "zh":
                                counts[(p, n, _month(d), tl)].add(m)
    rows = [(n, month, tl, Literal(len(ms))) for (p, n, month, tl), ms in counts.items()]
    return sorted(rows, key=lambda r: (str(r[0]), str(r[1]), -int(r[3]), str(r[2])))


def oracle_evidence(g: Graph, s: URIRef | None = None, p: URIRef | None = None, o: URIRef | None = None) -> list:
    rows = []
    for ev in g.subjects(RDF.type, JY.Evidence):
        vals = [list(g.objects(ev, x)) for x in (RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom,
                                                 JY.sourceFile, JY.start, JY.end, JY.sentence)]
        for row in _product(vals):
            if all(want is None or got == want for want, got in zip((s, p, o), row)):
                rows.append(row)
    return sorted(rows, key=lambda r: (str(r[4]), int(r[5]), int(r[6]), str(r[0]), str(r[1]), str(r[2])))


def _product(lists: list[list]) -> list[tuple]:
    out: list[tuple] = [()]
    for values in lists:
        out = [t + (v,) for t in out for v in values]
    return out


# -- the canned queries, exact rows -----------------------------------------------------------

def _gold_chairs(gold: list[dict]) -> dict[str, list[dict]]:
    chairs: dict[str, list[dict]] = defaultdict(list)
    for doc in gold:
        for m in doc["meetings"]:
            for c in m["chairs"]:
                chairs[c].append(m)
    return chairs


def _date_str(d: Literal | None) -> str | None:
    return None if d is None else str(d)


def test_canned_queries_are_listed_with_headers() -> None:
    specs = canned()
    assert tuple(specs) == CANNED
    for spec in specs.values():
        assert spec.description and spec.params, spec.name
        assert all(p.help for p in spec.params.values()), spec.name


def test_chaired_meetings_match_gold_chairs_and_dates(seeds_dataset, seeds_union, gold) -> None:
    chairs = _gold_chairs(gold)
    assert chairs
    for name, meetings in chairs.items():
        rows = run_query(seeds_dataset, load_query("chaired-meetings"), {"person": name})
        assert rows.columns == ["meeting", "name", "date", "kind", "file"]
        assert rows == oracle_meetings_of(seeds_union, JY.chair, name)
        # gold: one row per chaired meeting, with the gold dates, named as in the text
        assert Counter(_date_str(r[2]) for r in rows) == Counter(m["date"] for m in meetings), name
        for r in rows:
            assert any(str(r[1]) in m["name"] or m["name"] in str(r[1]) for m in meetings), (name, r[1])


def test_organizer_meetings(seeds_dataset, seeds_union, gold) -> None:
    organizers = Counter(o for doc in gold for m in doc["meetings"] for o in m["organizer"])
    dates = defaultdict(set)
    for doc in gold:
        for m in doc["meetings"]:
            for o in m["organizer"]:
                dates[o].add(m["date"])
    found = 0
    for org in organizers:
        rows = run_query(seeds_dataset, load_query("organizer-meetings"), {"organizer": org})
        assert rows == oracle_meetings_of(seeds_union, JY.organizer, org)
        found += len(rows)
        # every meeting the graph gives an organizer is one of its gold meetings' dates
        assert {_date_str(r[2]) for r in rows} <= dates[org], org
    assert found >= 4


def test_theme_attendees_include_narrower_themes(seeds_dataset, seeds_union) -> None:
    g = seeds_union
    # a theme of the scheme whose narrower themes (not itself) are emphasized by meetings
    roots = sorted({b for t in g.subjects(RDF.type, JY.Theme) for b in g.objects(t, SKOS.broader)
                    if any(g.subjects(JY.emphasizes, t))}, key=str)
    assert roots
    checked = 0
    for root in roots:
        label = next(lab for lab in g.objects(root, SKOS.prefLabel) if lab.language == "zh")
        rows = run_query(seeds_dataset, load_query("theme-attendees"), {"theme": str(label)})
        assert rows.columns == ["person", "name", "meetings"]
        assert rows == oracle_theme_attendees(g, str(label))
        direct = {p for m in g.subjects(JY.emphasizes, root) for prop in PRESENT for p in g.objects(m, prop)}
        if {r[0] for r in rows} - direct:
            checked += 1  # someone present only through a narrower theme: skos:broader* at work
    assert checked


@pytest.mark.parametrize("window", [(None, None), ("--02-01", "--02-28"), ("--01-01", "--12-31"),
                                    ("2023-01-01", "2023-12-31"), ("2000-01-01", None)])
def test_co_attendance(seeds_dataset, seeds_union, window) -> None:
    params = {k: v for k, v in zip(("from", "to"), window) if v}
    rows = run_query(seeds_dataset, load_query("co-attendance"), params)
    lo, hi = (bind_params(load_query("co-attendance"), {k: v}).get(k) if v else None
              for k, v in zip(("from", "to"), window))
    assert rows == oracle_co_attendance(seeds_union, lo, hi)
    if window == (None, None):
        assert len(rows) > 20


def test_co_attendance_window_counts_gold_meeting_pairs(seeds_dataset, gold) -> None:
    # the year-known gold meeting(s): every pair of people gold puts there is a row of that window
    for doc in gold:
        for m in doc["meetings"]:
            if m["date"] and not m["date"].startswith("--"):
                people = set(m["chairs"]) | set(m["speakers"]) | set(m["participants"])
                rows = run_query(seeds_dataset, load_query("co-attendance"), {"from": m["date"], "to": m["date"]})
                pairs = {frozenset((str(r[1]), str(r[3]))) for r in rows}
                assert pairs == {frozenset((a, b)) for a in people for b in people if a < b}


def _gold_single_date_files(gold: list[dict]) -> dict[str, dict]:
    by_date: dict[str, list[dict]] = defaultdict(list)
    for doc in gold:
        dates = {m["date"] for m in doc["meetings"]}
        if len(dates) == 1 and None not in dates:
            by_date[dates.pop()].append(doc)
    return {d: docs[0] for d, docs in by_date.items() if len(docs) == 1}


def test_post_holders_on_a_date_match_gold(seeds_dataset, seeds_union, gold) -> None:
    files = _gold_single_date_files(gold)
    assert len(files) >= 3
    spec = load_query("post-holders")
    for date, doc in files.items():
        rows = run_query(seeds_dataset, spec, {"date": date})
        assert rows.columns == ["name", "post", "file", "person"]
        assert rows == oracle_post_holders(seeds_union, bind_params(spec, {"date": date})["date"])
        expected = {(p["name"], post) for p in doc["people"] for post in p["posts"]}
        assert {(str(r[0]), str(r[1])) for r in rows} == expected, date
        assert {str(r[2]) for r in rows} == {doc["file"]}
    date, doc = next(iter(files.items()))
    post = next(post for p in doc["people"] for post in p["posts"])
    rows = run_query(seeds_dataset, spec, {"date": date, "post": post})
    assert rows and {str(r[1]) for r in rows} == {post}
    assert rows == oracle_post_holders(seeds_union, bind_params(spec, {"date": date})["date"], post)


def test_person_posts_over_time_match_gold(seeds_dataset, seeds_union, gold) -> None:
    # officials with posts who take part in a meeting of each file naming them (leaders only
    # mentioned in passing have holdings dated by meetings they did not attend)
    files_of = Counter(p["name"] for doc in gold for p in doc["people"] if p["posts"]
                       and any(p["name"] in m["chairs"] + m["speakers"] + m["participants"] for m in doc["meetings"]))
    people = [name for name, n in files_of.most_common(2)]
    for name in people:
        rows = run_query(seeds_dataset, load_query("person-posts"), {"person": name})
        assert rows.columns == ["date", "post", "file"]
        assert rows == oracle_person_posts(seeds_union, name)
        expected = set()
        for doc in gold:
            posts = [post for p in doc["people"] if p["name"] == name for post in p["posts"]]
            present = {m["date"] for m in doc["meetings"]
                       if name in m["chairs"] + m["speakers"] + m["participants"]}
            expected |= {(d, post, doc["file"]) for d in present for post in posts}
        assert {(_date_str(r[0]), str(r[1]), str(r[2])) for r in rows} == expected, name


def test_themes_by_month(seeds_dataset, seeds_union, gold) -> None:
    rows = run_query(seeds_dataset, load_query("themes-by-month"), {})
    assert rows.columns == ["person", "month", "theme", "meetings"]
    assert rows == oracle_themes_by_month(seeds_union)
    chair = _gold_chairs(gold)
    name = max(chair, key=lambda n: len(chair[n]))
    mine = run_query(seeds_dataset, load_query("themes-by-month"), {"person": name})
    assert mine == oracle_themes_by_month(seeds_union, name) == [r for r in rows if str(r[0]) == name]
    # gold: the months of the chair's dated gold meetings are the months in the rows
    months = {m["date"][:4] if m["date"].startswith("--") else m["date"][:7] for m in chair[name] if m["date"]}
    assert months <= {str(r[1]) for r in mine}


def test_evidence_behind_triples(seeds_dataset, seeds_union) -> None:
    spec = load_query("evidence")
    everything = run_query(seeds_dataset, spec, {})
    assert everything.columns == ["subject", "predicate", "object", "article", "file", "start", "end", "sentence"]
    assert everything == oracle_evidence(seeds_union)
    # provenance is exact: the offsets cut the sentence out of the source file
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for row in everything:
        assert texts[str(row[4])][int(row[5]):int(row[6])] == str(row[7])
    # one triple, by its IRIs (a prefixed predicate works)
    s, p, o = everything[0][:3]
    rows = run_query(seeds_dataset, spec, {"subject": str(s), "predicate": "jy:" + str(p).split("#")[-1],
                                           "object": f"<{o}>"})
    assert rows == oracle_evidence(seeds_union, s, p, o) and rows
    chair_rows = run_query(seeds_dataset, spec, {"predicate": "jy:chair"})
    assert chair_rows == oracle_evidence(seeds_union, p=JY.chair)
    assert len(chair_rows) == len(set(seeds_union.subject_objects(JY.chair)))


# -- parameters, errors, injection ------------------------------------------------------------

def test_parameters_are_typed_terms() -> None:
    spec = load_query("co-attendance")
    b = bind_params(spec, {"from": "2023-01-01", "to": "--12-31"})
    assert b["from"] == Literal("2023-01-01", datatype=XSD.date)
    assert b["to"] == Literal("--12-31", datatype=XSD.gMonthDay)
    assert bind_params(load_query("chaired-meetings"), {"person": "名字"})["person"] == Literal("名字", lang="zh")
    assert bind_params(load_query("evidence"), {"predicate": "jy:chair"})["predicate"] == JY.chair
    with pytest.raises(QueryError, match="not a date"):
        bind_params(spec, {"from": "yesterday"})
    with pytest.raises(QueryError, match="not an IRI"):
        bind_params(load_query("evidence"), {"subject": "a b"})


def test_unknown_and_missing_parameters_and_names() -> None:
    with pytest.raises(QueryError, match=r"unknown parameter personn \(it takes: person\)"):
        bind_params(load_query("chaired-meetings"), {"personn": "x"})
    with pytest.raises(QueryError, match="missing required parameter person"):
        bind_params(load_query("chaired-meetings"), {})
    with pytest.raises(QueryError, match="unknown query: 'no-such-query'"):
        load_query("no-such-query")
    with pytest.raises(QueryError, match="no such file"):
        load_query("missing.rq")


def test_syntax_error_names_the_line(tmp_path: Path, seeds_union) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# broken\nSELECT ?s WHERE {\n  ?s ?p ?o\n  FILTER(?s = ))\n}\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad.rq: SPARQL syntax error at line 4"):
        run_query(seeds_union, load_query(str(bad)))


def test_ad_hoc_query_binds_its_variables(tmp_path: Path, seeds_union) -> None:
    text = ("PREFIX jy: <https://w3id.org/jiyao/ontology#>\n"
            "SELECT (COUNT(?m) AS ?n) WHERE { ?m a jy:Meeting ; jy:kind ?kind }")
    total = run_query(seeds_union, text)
    assert total.columns == ["n"] and int(total[0][0]) == len(set(seeds_union.subjects(RDF.type, JY.Meeting)))
    kind = next(seeds_union.objects(None, JY.kind))
    one = run_query(seeds_union, text, {"kind": f"<{kind}>"})
    assert int(one[0][0]) == len(set(seeds_union.subjects(JY.kind, kind)))
    with pytest.raises(QueryError, match="unknown parameter"):
        run_query(seeds_union, text, {"nope": "1"})


def test_injection_is_just_a_value(seeds_union) -> None:
    """A parameter cannot alter the query: it is one literal, matched literally."""
    g = Graph()
    g += seeds_union
    before = len(g)
    spec = load_query("chaired-meetings")
    assert run_query(g, spec, {"person": INJECTION}) == []
    assert len(g) == before
    # the VALUES text an endpoint or Oxigraph gets parses to the same query plus one binding
    text = inject_values(spec.text, bind_params(spec, {"person": INJECTION}))
    from rdflib.plugins.sparql import prepareQuery

    values = _values_blocks(prepareQuery(text).algebra)
    assert values == [[{Variable("person"): Literal(INJECTION, lang="zh")}]]
    assert list(g.query(text)) == []
    # a person really named like the attack is found, and only that person
    meeting, evil = URIRef("urn:test:m"), URIRef("urn:test:p")
    g.add((evil, RDFS.label, Literal(INJECTION, lang="zh")))
    g.add((meeting, JY.chair, evil))
    g.add((meeting, RDFS.label, Literal("m")))
    g.add((meeting, JY.kind, URIRef("urn:test:k")))
    g.add((meeting, JY.reportedIn, URIRef("urn:test:a")))
    g.add((URIRef("urn:test:a"), JY.sourceFile, Literal("f.txt")))
    rows = run_query(g, spec, {"person": INJECTION})
    assert [r[0] for r in rows] == [meeting]
    assert run_query(g, spec, {"person": 'x"'}) == []


def _values_blocks(node: object) -> list:
    """The rows of every VALUES block in an rdflib query algebra."""
    from rdflib.plugins.sparql.parserutils import CompValue

    found = []
    if isinstance(node, CompValue):
        if node.name == "values":
            found.append(list(node["res"]))
        for v in node.values():
            found += _values_blocks(v)
    elif isinstance(node, (list, tuple)):
        for v in node:
            found += _values_blocks(v)
    return found


def test_output_formats(seeds_dataset) -> None:
    import csv
    import io
    import json

    rows = Rows(["a", "b", "n"], [(URIRef("https://w3id.org/jiyao/ontology#chair"), Literal("=1+1"), Literal(3)),
                                  (None, Literal("名字"), Literal(12))])
    table = format_rows(rows, "table")
    assert "jy:chair" in table and "(2 rows)" in table
    assert json.loads(format_rows(rows, "json")) == [
        {"a": "https://w3id.org/jiyao/ontology#chair", "b": "=1+1", "n": 3}, {"a": None, "b": "名字", "n": 12}]
    parsed = list(csv.reader(io.StringIO(format_rows(rows, "csv"))))
    assert parsed == [["a", "b", "n"], ["https://w3id.org/jiyao/ontology#chair", "'=1+1", "3"], ["", "名字", "12"]]


def test_cli(seeds_build, capsys, tmp_path: Path, monkeypatch, gold) -> None:
    import io
    import json

    from kg.cli import main

    out, _ = seeds_build
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in CANNED)
    chair = next(iter(_gold_chairs(gold)))
    assert main(["query", "chaired-meetings", "--graph", str(out), "--param", f"person={chair}",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(set(r) == {"meeting", "name", "date", "kind", "file"} for r in rows)
    assert main(["query", "chaired-meetings", "--graph", str(out), "--param", "who=x"]) == 2
    assert "unknown parameter who" in capsys.readouterr().err
    assert main(["query", "nope", "--graph", str(out)]) == 2
    assert "unknown query" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT * WHERE { ?s ?p }"))
    assert main(["query", "-", "--graph", str(out)]) == 2
    assert "syntax error at line 1" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(
        "PREFIX jy: <https://w3id.org/jiyao/ontology#>\nSELECT (COUNT(*) AS ?n) WHERE { ?m a jy:Meeting }"))
    assert main(["query", "-", "--graph", str(out / "graph.ttl"), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == str(len(_meetings(out)))


def _meetings(out: Path) -> set:
    g = Graph().parse(out / "graph.ttl")
    return set(g.subjects(RDF.type, JY.Meeting))


def test_infer_aligned_terms(seeds_build, capsys) -> None:
    from kg.cli import main

    out, _ = seeds_build
    import io
    import sys

    query = ("PREFIX schema: <https://schema.org/>\nPREFIX org: <http://www.w3.org/ns/org#>\n"
             "SELECT (COUNT(DISTINCT ?m) AS ?meetings) (COUNT(DISTINCT ?h) AS ?holders) WHERE {"
             " { ?m schema:attendee ?p } UNION { ?h org:holds ?post } }")
    for flag, expect_zero in ((None, True), ("--infer", False)):
        sys.stdin = io.StringIO(query)
        try:
            args = ["query", "-", "--graph", str(out), "--format", "csv"] + ([flag] if flag else [])
            assert main(args) == 0
        finally:
            sys.stdin = sys.__stdin__
        meetings, holders = (int(x) for x in capsys.readouterr().out.splitlines()[1].split(","))
        g = Graph().parse(out / "graph.ttl")
        if expect_zero:
            assert (meetings, holders) == (0, 0)
        else:
            attended = {m for prop in (JY.chair, JY.participant) for m, _ in g.subject_objects(prop)}
            assert meetings == len(attended)
            assert holders == len(set(g.subjects(JY.holdsPost, None)))
