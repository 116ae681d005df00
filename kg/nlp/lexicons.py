"""Lexicons: data files of role words, group labels, meeting words, verbs, surnames and themes.

Loaded once into an immutable :class:`Lexicons`; nothing here is mutated at run time.
Themes come from the SKOS scheme ``ontology/themes.ttl`` (prefLabel and altLabels).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["Lexicons", "Theme", "DATA_DIR", "ONTOLOGY_DIR", "load_lexicons", "alternation"]

DATA_DIR = Path(__file__).parent / "data"
# the repository's ontology/ (an editable install keeps it beside the package)
ONTOLOGY_DIR = Path(os.environ.get("JIYAO_ONTOLOGY", Path(__file__).resolve().parents[2] / "ontology"))


@dataclass(frozen=True, slots=True)
class Theme:
    iri: str
    label: str  # simplified-Chinese prefLabel
    labels: tuple[str, ...]  # prefLabel first, then altLabels
    broader: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicons:
    roles: frozenset[str]
    group_labels: frozenset[str]
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    meeting_words: dict[str, str]  # word -> kind
    verbs: dict[str, str]  # verb -> role
    themes: dict[str, Theme] = field(default_factory=dict)  # iri -> Theme
    core_themes: frozenset[str] = frozenset()  # IRIs of the major themes (data/core_themes.txt)
    framing_themes: frozenset[str] = frozenset()  # IRIs of framing themes (data/framing_themes.txt)
    framing_phrases: frozenset[str] = frozenset()  # labels used as stock exhortation (data/theme_framing_phrases.txt)
    theme_by_label: dict[str, str] = field(default_factory=dict)  # label -> iri

    def user_dict(self) -> list[str]:
        """Words for the segmenter's user dictionary (titles, meeting words, theme labels)."""
        words = set(self.roles) | set(self.group_labels) | set(self.meeting_words) | set(self.theme_by_label)
        return sorted(w for w in words if len(w) >= 2)


def _lines(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if line:
            out.append(line)
    return out


def _pairs(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _lines(path):
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out


_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SKOS_CONCEPT, _SKOS_PREF, _SKOS_ALT, _SKOS_BROADER = (_SKOS + s for s in ("Concept", "prefLabel", "altLabel", "broader"))


def load_themes(path: Path) -> tuple[dict[str, Theme], dict[str, str]]:
    """Read a SKOS scheme: concept IRI → Theme, and every @zh label → concept IRI.

    Parsed with pyoxigraph (5 ms, where rdflib took 0.2 s of every worker's start-up); a concept
    with several @zh prefLabels takes the first in the file as its label.
    """
    import pyoxigraph as ox

    concepts: set[str] = set()
    pref: dict[str, list[str]] = {}
    alts: dict[str, set[str]] = {}
    broader: dict[str, set[str]] = {}
    for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        s, p, o = t.subject, t.predicate.value, t.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == _RDF_TYPE and isinstance(o, ox.NamedNode) and o.value == _SKOS_CONCEPT:
            concepts.add(s.value)
        elif p in (_SKOS_PREF, _SKOS_ALT) and isinstance(o, ox.Literal) and (o.language or "").startswith("zh"):
            if p == _SKOS_PREF:
                pref.setdefault(s.value, []).append(o.value)
            else:
                alts.setdefault(s.value, set()).add(o.value)
        elif p == _SKOS_BROADER and isinstance(o, ox.NamedNode):
            broader.setdefault(s.value, set()).add(o.value)
    themes: dict[str, Theme] = {}
    by_label: dict[str, str] = {}
    for c in sorted(concepts):
        if c not in pref:
            continue
        labels = tuple(dict.fromkeys([pref[c][0], *sorted(alts.get(c, ()))]))
        themes[c] = Theme(c, pref[c][0], labels, tuple(sorted(broader.get(c, ()))))
        for label in labels:
            by_label.setdefault(label, c)
    return themes, by_label


def load_lexicons(data_dir: str = "", themes_path: str = "") -> Lexicons:
    """Load every lexicon; cached, so pipelines built in one process share it."""
    # one cache key for load_lexicons() and load_lexicons("", ""), which lru_cache tells apart
    return _load_lexicons(data_dir, themes_path)


@lru_cache(maxsize=4)
def _load_lexicons(data_dir: str, themes_path: str) -> Lexicons:
    d = Path(data_dir) if data_dir else DATA_DIR
    surnames = set()
    for line in _lines(d / "surnames.txt"):
        surnames.update(line.split())
    tp = Path(themes_path) if themes_path else ONTOLOGY_DIR / "themes.ttl"
    themes, by_label = load_themes(tp) if tp.exists() else ({}, {})
    return Lexicons(
        roles=frozenset(_lines(d / "roles.txt")),
        group_labels=frozenset(_lines(d / "group_labels.txt")),
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        meeting_words=_pairs(d / "meeting_words.tsv"),
        verbs=_pairs(d / "verbs.tsv"),
        themes=themes,
        theme_by_label=by_label,
        core_themes=frozenset(by_label[t] for t in _lines(d / "core_themes.txt") if t in by_label),
        framing_themes=frozenset(by_label[t] for t in _lines(d / "framing_themes.txt") if t in by_label),
        framing_phrases=frozenset(_lines(d / "theme_framing_phrases.txt")),
    )


def alternation(words: object) -> str:
    """A regex alternation of ``words`` that prefers the longest word at a position.

    It matches, and backtracks through, exactly what ``"|".join`` of the words sorted
    longest first would (the words matching at one position are prefixes of one another, so
    trying a longer one first is trying the deeper end of one path); written as a trie
    (市(?:委(?:书记)?|长)), so the regex engine tests one branch per character instead of
    every word at every position. Theme labels number in the thousands.
    """
    trie: dict[str, dict] = {}
    for w in set(words):  # type: ignore[call-overload]
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie, top=True)


def _trie_pattern(node: dict[str, dict], top: bool = False) -> str:
    branches = [re.escape(ch) + _trie_pattern(node[ch]) for ch in sorted(node) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not top else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the longer ones are tried first, then this one
        return body + "?" if body.startswith("(?:") or len(body) == 1 else f"(?:{body})?"
    return body
