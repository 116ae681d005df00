"""``jiyao eval``: the scorer's table, then per category the misses and false hits with evidence.

The matching is the scorer's own (``shared/eval/score.py``, loaded from ``--scorer``), so the
report and the grade cannot disagree; this module only explains them: a false hit is shown
with the evidence sentence the graph recorded for it, a miss with the sentences of the
source text that name it.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import re
from collections import defaultdict
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from .cli import command

__all__ = ["Diff", "load_scorer", "diff", "report"]

DEFAULT_SCORER = Path(os.environ.get("JIYAO_SCORER", "../shared/eval/score.py"))
_ROLE_KEYS = {"chair": "chairs", "speaker": "speakers", "participant": "participants"}


@dataclass(slots=True)
class Diff:
    """What one category got wrong in one file."""

    file: str
    category: str
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)


def load_scorer(path: Path = DEFAULT_SCORER) -> ModuleType:
    if not path.exists():
        raise FileNotFoundError(f"scorer not found at {path} (use --scorer or JIYAO_SCORER)")
    spec = importlib.util.spec_from_file_location("jiyao_scorer", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _gold_items(gold: dict, category: str, norm) -> list[str]:  # noqa: ANN001
    meetings = gold.get("meetings", [])
    if category == "people":
        return sorted({norm(p["name"]) for p in gold.get("people", [])})
    if category == "reporters":
        return sorted({norm(r) for r in gold.get("reporters", [])})
    if category in _ROLE_KEYS:
        return sorted({norm(n) for m in meetings for n in m.get(_ROLE_KEYS[category], [])})
    if category == "themes":
        return sorted({norm(t) for m in meetings for t in m.get("themes", [])})
    if category == "dates":
        return sorted({norm(m["date"]) for m in meetings if m.get("date")})
    raise KeyError(category)


def diff(scorer: ModuleType, gold_dir: Path, graph_path: Path) -> list[Diff]:
    """Per file and category, gold items the graph misses and graph items the gold lacks."""
    graph = scorer.load_graph(graph_path)
    view, _ = scorer.system_view(graph)
    same = {"themes": scorer.theme_like, "dates": scorer.date_like}
    out = []
    for gf in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        f = Path(gold["file"]).name
        sv = view.get(f, defaultdict(list))
        for cat in ("people", "reporters", "chair", "speaker", "participant", "themes", "dates"):
            g_items = _gold_items(gold, cat, scorer.norm)
            s_items = list(dict.fromkeys(sv[cat]))
            match = same.get(cat, scorer.exact)
            used: set[int] = set()
            d = Diff(f, cat)
            for g in g_items:
                hit = next((i for i, s in enumerate(s_items) if i not in used and match(g, s)), None)
                if hit is None:
                    d.missed.append(g)
                else:
                    used.add(hit)
            d.false = ["/".join(sorted(s)) for i, s in enumerate(s_items) if i not in used]
            if d.missed or d.false:
                out.append(d)
    return out


_EVIDENCE = """
PREFIX jy: <https://w3id.org/jiyao/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?f ?l ?p ?sentence WHERE {
  ?ev rdf:predicate ?p ; rdf:object ?o ; jy:sentence ?sentence ; jy:sourceFile ?f .
  { ?o rdfs:label ?l } UNION { ?o skos:prefLabel ?l }
}"""


def _evidence_index(graph) -> dict[tuple[str, str], list[tuple[str, str]]]:  # noqa: ANN001
    """``(source file, label) -> [(predicate IRI, sentence), …]`` for every evidenced statement:
    one query over the graph (a query per false hit ran for tens of minutes on a few hundred files)."""
    index: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for f, label, p, sentence in graph.query(_EVIDENCE):
        index.setdefault((str(f), str(label)), []).append((str(p), str(sentence)))
    return index


def _evidence(index: dict[tuple[str, str], list[tuple[str, str]]], label: str, role: str | None,
              file: str) -> list[str]:
    """Up to three sentences that evidence ``label`` in ``file`` (in the role ``role``, if given)."""
    want = f"https://w3id.org/jiyao/ontology#{role}" if role else None
    found = [s for p, s in index.get((file, label.split("/")[0]), []) if want is None or p == want]
    return list(dict.fromkeys(found))[:3]


@lru_cache(maxsize=64)
def _normalized(path: Path) -> str:
    from .normalize import normalize
    from .reading import read_source

    return normalize(read_source(path).text).text


def _source_sentences(source_dir: Path | None, file: str, needle: str) -> list[str]:
    if source_dir is None or not (source_dir / file).exists():
        return []
    text = _normalized(source_dir / file)  # (read and normalized once per file, not once per miss)
    return [s.strip() for s in re.split(r"(?<=[。！？\n])", text) if needle in s][:2]


def report(scorer: ModuleType, gold_dir: Path, graph_path: Path, source_dir: Path | None = None,
           categories: tuple[str, ...] = ()) -> str:
    """The scorer's table followed by the misses and false hits, with evidence."""
    buf = io.StringIO()
    with redirect_stdout(buf):
        import sys

        argv = sys.argv
        sys.argv = ["score.py", "--gold", str(gold_dir), "--graph", str(graph_path)]
        try:
            scorer.main()
        finally:
            sys.argv = argv
    lines = [buf.getvalue().rstrip(), ""]
    evidence = _evidence_index(scorer.load_graph(graph_path))
    for d in diff(scorer, gold_dir, graph_path):
        if categories and d.category not in categories:
            continue
        role = {"themes": "emphasizes", "dates": None, "people": None, "reporters": "reporter"}.get(d.category, d.category)
        for g in d.missed:
            lines.append(f"MISS  {d.category:11} {d.file}: {g}")
            for s in _source_sentences(source_dir, d.file, g if d.category != "dates" else ""):
                lines.append(f"        text: {s[:160]}")
        for s_item in d.false:
            lines.append(f"FALSE {d.category:11} {d.file}: {s_item}")
            for s in _evidence(evidence, s_item, role, d.file):
                lines.append(f"        evidence: {s[:160]}")
    return "\n".join(lines)


@command("eval", "grade a graph against gold annotations and list misses and false hits with evidence")
def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", type=Path, required=True, help="folder of gold JSON files")
    p.add_argument("--graph", type=Path, required=True, help="the exported graph (Turtle, TriG, …)")
    p.add_argument("--source", type=Path, help="folder of the input files, to show the sentences of misses")
    p.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="path of score.py")
    p.add_argument("--only", nargs="*", default=(), help="categories to list (default: all)")


@_args.run  # type: ignore[attr-defined]
def _run(a: argparse.Namespace) -> int:
    print(report(load_scorer(a.scorer), a.gold, a.graph, a.source, tuple(a.only)))
    return 0
