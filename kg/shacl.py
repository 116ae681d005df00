"""A compiled SHACL Core checker for large builds: the project's shapes, without pySHACL's per-run cost.

pySHACL is the reference (and validates every small build, see :mod:`kg.validate`). At a
million triples it costs tens of seconds, most of it generic machinery the project's shapes
never use. This module compiles ``ontology/shapes.ttl`` once into plain Python checks over
any object with rdflib's ``subjects``/``objects`` lookups (an rdflib Graph or the read-only
:class:`kg.fastgraph.TripleIndex`), and checks focus nodes one by one.

It implements the node-local subset of SHACL Core the shapes use: ``sh:targetClass`` (with
``rdfs:subClassOf`` in the data, as pySHACL reads it), ``sh:property`` with an IRI path,
``sh:nodeKind``, ``minCount``/``maxCount``, ``datatype`` (ill-typed literals fail, a plain
literal is an ``xsd:string``), ``class``, ``in``, ``hasValue``, ``languageIn`` (basic
language-range matching), ``minLength``/``maxLength``, ``pattern``, the four range
comparisons, ``uniqueLang``, ``lessThan``/``lessThanOrEquals``, ``or``/``and``/``not`` and
``qualifiedValueShape`` over nested shapes of these. A shapes graph that uses anything else
makes :func:`compile_shapes` raise :class:`Unsupported`, and the caller falls back to pySHACL
— never a silently weaker check. ``tests/test_shacl.py`` checks that both engines find the same
(focus node, path) violations on corrupted graphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

__all__ = ["Unsupported", "Violation", "CompiledShapes", "compile_shapes", "check", "values_of"]


class Unsupported(Exception):
    """The shapes use a SHACL feature this checker does not implement (use pySHACL)."""


class Lookup(Protocol):
    def subjects(self, predicate: Any = None, object: Any = None) -> Iterable[Node]: ...  # noqa: A002
    def objects(self, subject: Any = None, predicate: Any = None) -> Iterable[Node]: ...


@dataclass(frozen=True, slots=True)
class Violation:
    """One failed constraint: the focus node, the property path (or ``None``), the value, a message."""

    focus: Node
    path: Node | None
    value: Node | None
    message: str

    def __str__(self) -> str:
        where = f" {self.path.n3()}" if self.path is not None else ""
        value = f" value {self.value.n3()}" if self.value is not None else ""
        return f"Focus Node: {self.focus.n3()}{where}{value}: {self.message}"


# a check on one value node: True when it conforms
ValueCheck = Callable[[Node, Lookup], bool]

_NODE_KINDS: dict[URIRef, Callable[[Node], bool]] = {
    SH.IRI: lambda n: isinstance(n, URIRef),
    SH.BlankNode: lambda n: isinstance(n, BNode),
    SH.Literal: lambda n: isinstance(n, Literal),
    SH.BlankNodeOrIRI: lambda n: isinstance(n, (BNode, URIRef)),
    SH.BlankNodeOrLiteral: lambda n: isinstance(n, (BNode, Literal)),
    SH.IRIOrLiteral: lambda n: isinstance(n, (URIRef, Literal)),
}
# annotations and result-shaping terms: no effect on conformance (severity: every result fails the build)
_IGNORED = {SH.message, SH.name, SH.description, SH.severity, SH.order, SH.group, SH.defaultValue, RDF.type,
            RDFS.label, RDFS.comment}
_VALUE_TERMS = {SH.nodeKind, SH.datatype, SH["class"], SH["in"], SH.hasValue, SH.languageIn, SH.minLength,
                SH.maxLength, SH.pattern, SH.flags, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
                SH.maxExclusive, SH["or"], SH["and"], SH["not"]}
_PROPERTY_TERMS = _VALUE_TERMS | {SH.path, SH.minCount, SH.maxCount, SH.uniqueLang, SH.lessThan,
                                  SH.lessThanOrEquals, SH.qualifiedValueShape, SH.qualifiedMinCount,
                                  SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.deactivated}
_NODE_SHAPE_TERMS = _VALUE_TERMS | {SH.targetClass, SH.property, SH.deactivated}


def _one(g: Graph, s: Node, p: URIRef) -> Node | None:
    return next(iter(g.objects(s, p)), None)


def _lang_matches(tag: str, ranges: list[str]) -> bool:
    tag = tag.lower()
    return any(r == "*" or tag == r or tag.startswith(r + "-") for r in ranges)


_XSD_STRING, _LANG_STRING = XSD.string, RDF.langString  # namespace attribute lookups are slow: once, here


def _well_typed(v: Literal, datatype: URIRef) -> bool:
    if datatype == _XSD_STRING and v.datatype is None:
        return v.language is None
    if datatype == _LANG_STRING:
        return v.language is not None
    return v.datatype == datatype and not getattr(v, "ill_typed", False)


def _compare(a: Node, b: Node) -> int | None:
    """-1/0/1 when both are comparable literals (numbers with numbers, dates with dates …), else None."""
    if not isinstance(a, Literal) or not isinstance(b, Literal):
        return None
    x, y = a.toPython(), b.toPython()
    if isinstance(x, Literal) or isinstance(y, Literal):
        return None  # no Python value: ill-typed or an unknown datatype
    try:
        return (x > y) - (x < y)
    except TypeError:
        return None


@dataclass(slots=True)
class _PropertyShape:
    path: URIRef
    min_count: int | None = None
    max_count: int | None = None
    unique_lang: bool = False
    less_than: list[tuple[URIRef, bool]] = field(default_factory=list)  # (other path, or equal)
    qualified: list[tuple[list[ValueCheck], int | None, int | None]] = field(default_factory=list)
    values: list[tuple[str, ValueCheck]] = field(default_factory=list)  # (message, check)


@dataclass(slots=True)
class _NodeShape:
    name: Node
    classes: list[URIRef]
    focus: list[tuple[str, ValueCheck]]
    properties: list[_PropertyShape]


@dataclass(slots=True)
class CompiledShapes:
    """The shapes as Python checks; :func:`check` runs them."""

    shapes: list[_NodeShape]


def _list(g: Graph, head: Node) -> list[Node]:
    return list(Collection(g, head))


def _value_checks(g: Graph, shape: Node, allowed: set[URIRef]) -> list[tuple[str, ValueCheck]]:
    """The value-node constraints of ``shape`` (node kind, datatype, class, ranges, logic …)."""
    checks: list[tuple[str, ValueCheck]] = []
    for p, o in g.predicate_objects(shape):
        if p in _IGNORED:
            continue
        if p not in allowed:
            raise Unsupported(f"{p.n3()} on shape {shape.n3()}")
        if p not in _VALUE_TERMS:
            continue
        checks.append(_value_check(g, shape, p, o))
    return checks


def _nested(g: Graph, shape: Node) -> list[ValueCheck]:
    if any(True for _ in g.objects(shape, SH.property)):
        raise Unsupported(f"property shapes inside a logical constraint ({shape.n3()})")
    return [c for _, c in _value_checks(g, shape, _VALUE_TERMS | {SH.deactivated})]


def _all(checks: list[ValueCheck]) -> ValueCheck:
    return lambda v, data: all(c(v, data) for c in checks)


def _value_check(g: Graph, shape: Node, p: URIRef, o: Node) -> tuple[str, ValueCheck]:
    if p == SH.nodeKind:
        kind = _NODE_KINDS.get(o)  # type: ignore[arg-type]
        if kind is None:
            raise Unsupported(f"sh:nodeKind {o.n3()}")
        return f"not a {o.n3()}", lambda v, _data: kind(v)
    if p == SH.datatype:
        dt = o
        return (f"not an {dt.n3()} literal",
                lambda v, _data: isinstance(v, Literal) and _well_typed(v, dt))  # type: ignore[arg-type]
    if p == SH["class"]:
        cls = o
        seen: dict[tuple[int, Node], bool] = {}  # the same people and articles are values again and again

        def instance(v: Node, data: Lookup) -> bool:
            key = (id(data), v)
            hit = seen.get(key)
            if hit is None:
                hit = seen[key] = _instance_of(data, v, cls)
            return hit

        return f"not an instance of {cls.n3()}", instance
    if p == SH["in"]:
        allowed = set(_list(g, o))
        return "not one of the allowed values", lambda v, _data: v in allowed
    if p == SH.hasValue:
        want = o
        return f"not {want.n3()}", lambda v, _data: v == want
    if p == SH.languageIn:
        ranges = [str(x).lower() for x in _list(g, o)]
        return (f"language not in {ranges}",
                lambda v, _data: isinstance(v, Literal) and bool(v.language) and _lang_matches(v.language, ranges))
    if p in (SH.minLength, SH.maxLength):
        n = int(o)  # type: ignore[arg-type]
        ok = (lambda k: k >= n) if p == SH.minLength else (lambda k: k <= n)
        return f"length against {n}", lambda v, _data: not isinstance(v, BNode) and ok(len(str(v)))
    if p == SH.pattern:
        flags = "".join(str(f) for f in g.objects(shape, SH.flags))
        rx = re.compile(str(o), re.IGNORECASE if "i" in flags else 0)
        return f"does not match {o}", lambda v, _data: not isinstance(v, BNode) and rx.search(str(v)) is not None
    if p == SH.flags:
        return "", lambda v, _data: True  # read with sh:pattern
    if p in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
        bound = o
        want = {SH.minInclusive: (0, 1), SH.maxInclusive: (-1, 0), SH.minExclusive: (1,),
                SH.maxExclusive: (-1,)}[p]
        return (f"out of range ({p.n3()} {o.n3()})",
                lambda v, _data: _compare(v, bound) in want)
    if p == SH["or"]:
        branches = [_all(_nested(g, s)) for s in _list(g, o)]
        return "matches none of the sh:or shapes", lambda v, data: any(b(v, data) for b in branches)
    if p == SH["and"]:
        branches = [_all(_nested(g, s)) for s in _list(g, o)]
        return "fails an sh:and shape", lambda v, data: all(b(v, data) for b in branches)
    if p == SH["not"]:
        inner = _all(_nested(g, o))
        return "matches an sh:not shape", lambda v, data: not inner(v, data)
    raise Unsupported(p.n3())


def _instance_of(data: Lookup, v: Node, cls: Node) -> bool:
    if isinstance(v, Literal):
        return False
    seen: set[Node] = set()
    todo = list(data.objects(v, RDF.type))
    while todo:
        c = todo.pop()
        if c == cls:
            return True
        if c in seen:
            continue
        seen.add(c)
        todo.extend(data.objects(c, RDFS.subClassOf))
    return False


def compile_shapes(g: Graph) -> CompiledShapes:
    """Compile every ``sh:NodeShape`` of ``g`` with ``sh:targetClass`` targets; raise :class:`Unsupported`
    for any other target or constraint (then pySHACL must be used)."""
    for bad in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.sparql, SH.target):
        if any(True for _ in g.subject_objects(bad)):
            raise Unsupported(bad.n3())
    for s in g.subjects(RDF.type, RDFS.Class):
        if (s, RDF.type, SH.NodeShape) in g:
            raise Unsupported("implicit class targets")
    out = []
    for shape in sorted(set(g.subjects(RDF.type, SH.NodeShape)), key=str):
        if _one(g, shape, SH.deactivated) == Literal(True):
            continue
        classes = sorted(g.objects(shape, SH.targetClass), key=str)
        focus = _value_checks(g, shape, _NODE_SHAPE_TERMS)
        props = []
        for ps in sorted(g.objects(shape, SH.property), key=lambda n: sorted(map(str, g.predicate_objects(n)))):
            if _one(g, ps, SH.deactivated) == Literal(True):
                continue
            path = _one(g, ps, SH.path)
            if not isinstance(path, URIRef):
                raise Unsupported("a path that is not a single IRI")
            prop = _PropertyShape(path, values=_value_checks(g, ps, _PROPERTY_TERMS))
            if (n := _one(g, ps, SH.minCount)) is not None:
                prop.min_count = int(n)  # type: ignore[arg-type]
            if (n := _one(g, ps, SH.maxCount)) is not None:
                prop.max_count = int(n)  # type: ignore[arg-type]
            prop.unique_lang = _one(g, ps, SH.uniqueLang) == Literal(True)
            for other in g.objects(ps, SH.lessThan):
                prop.less_than.append((other, False))  # type: ignore[arg-type]
            for other in g.objects(ps, SH.lessThanOrEquals):
                prop.less_than.append((other, True))  # type: ignore[arg-type]
            for q in g.objects(ps, SH.qualifiedValueShape):
                if _one(g, ps, SH.qualifiedValueShapesDisjoint) == Literal(True):
                    raise Unsupported("sh:qualifiedValueShapesDisjoint")
                lo, hi = _one(g, ps, SH.qualifiedMinCount), _one(g, ps, SH.qualifiedMaxCount)
                prop.qualified.append((_nested(g, q), None if lo is None else int(lo),  # type: ignore[arg-type]
                                       None if hi is None else int(hi)))  # type: ignore[arg-type]
            props.append(prop)
        out.append(_NodeShape(shape, classes, focus, props))  # type: ignore[arg-type]
    return CompiledShapes(out)


def _subclasses(data: Lookup, cls: Node) -> set[Node]:
    seen, todo = {cls}, [cls]
    while todo:
        for c in data.subjects(RDFS.subClassOf, todo.pop()):
            if c not in seen:
                seen.add(c)
                todo.append(c)
    return seen


def values_of(data: Lookup, path: Node) -> Callable[[Node], list[Node]]:
    """``node -> its values of path``: one dict lookup on a TripleIndex, rdflib's lookup otherwise
    (for bulk lookups of one predicate: the checks here, the CSV tables)."""
    forward = getattr(data, "objects_map", None)
    if forward is not None:
        table = forward(path)
        return lambda f: table.get(f, [])
    return lambda f: list(data.objects(f, path))


def _check_property(prop: _PropertyShape, focus: list[Node], data: Lookup) -> Iterator[Violation]:
    values_of_focus = values_of(data, prop.path)
    lo, hi = prop.min_count, prop.max_count
    for f in focus:
        values = values_of_focus(f)
        if lo is not None and len(values) < lo:
            yield Violation(f, prop.path, None, f"fewer than {lo} values")
        if hi is not None and len(values) > hi:
            yield Violation(f, prop.path, None, f"more than {hi} values")
        if not values:
            continue
        for message, ok in prop.values:
            for v in values:
                if not ok(v, data):
                    yield Violation(f, prop.path, v, message)
        if prop.unique_lang:
            langs = [v.language.lower() for v in values if isinstance(v, Literal) and v.language]
            if len(langs) != len(set(langs)):
                yield Violation(f, prop.path, None, "two values share a language tag")
        for other, equal in prop.less_than:
            for w in data.objects(f, other):
                for v in values:
                    c = _compare(v, w)
                    if c is None or c > 0 or (c == 0 and not equal):
                        yield Violation(f, prop.path, v, f"not less than {other.n3()}")
        for checks, qlo, qhi in prop.qualified:
            n = sum(1 for v in values if all(c(v, data) for c in checks))
            if (qlo is not None and n < qlo) or (qhi is not None and n > qhi):
                yield Violation(f, prop.path, None, f"{n} values match the qualified shape")


def check(data: Lookup, compiled: CompiledShapes) -> Iterator[Violation]:
    """Every violation of ``compiled`` in ``data``: shape by shape, then per constraint, focus
    nodes in IRI order (the same violations as pySHACL finds, in a fixed order)."""
    for shape in compiled.shapes:
        found: set[Node] = set()
        for cls in shape.classes:
            for c in _subclasses(data, cls):
                found.update(data.subjects(RDF.type, c))
        focus = sorted(found, key=lambda n: (type(n).__name__, str(n)))
        for message, ok in shape.focus:
            for f in focus:
                if not ok(f, data):
                    yield Violation(f, None, f, message)
        for prop in shape.properties:
            yield from _check_property(prop, focus, data)
