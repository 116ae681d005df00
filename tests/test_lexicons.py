"""Lexicon helpers: the trie alternation and the people rules' word search match what a flat,
longest-first alternation matches (the semantics the rules were written against)."""

from __future__ import annotations

import random
import re

import pytest

from kg.nlp.lexicons import alternation
from kg.nlp.people import _leftmost_longest


def _flat(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _samples(words: list[str], rng: random.Random, n: int = 200) -> list[str]:
    alphabet = sorted(set("".join(words)))
    return ["".join(rng.choice(words) if rng.random() < 0.3 else rng.choice(alphabet) for _ in range(50))
            for _ in range(n)]


def test_alternation_is_a_trie_preferring_the_longest_word():
    assert alternation(["市委", "市委书记", "市长", "书记"]) == "(?:书记|市(?:委(?:书记)?|长))"
    assert re.fullmatch(alternation(["a.b"]), "a.b") and not re.fullmatch(alternation(["a.b"]), "axb")


@pytest.mark.parametrize("kind", ["roles", "meeting_words", "theme_by_label", "group_labels", "toy"])
def test_alternation_matches_and_backtracks_like_the_flat_one(lexicons, kind):
    words = ["a", "ab", "abc", "b", "bcd", "x.y"] if kind == "toy" else [w for w in getattr(lexicons, kind) if w]
    rng = random.Random(kind)
    trie, flat = re.compile(alternation(words)), re.compile(_flat(words))
    for text in _samples(words, rng):
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
        # inside a larger pattern, a failing continuation must fall back to shorter words alike
        tail = re.escape(text[-1])
        wrapped = [re.compile(f"(?:{p}){tail}") for p in (alternation(words), _flat(words))]
        assert [m.span() for m in wrapped[0].finditer(text)] == [m.span() for m in wrapped[1].finditer(text)]


def test_leftmost_longest_is_finditer_of_the_alternation():
    rng = random.Random(3)
    names = ["王某", "王某某", "某某", "李四", "四五"]
    flat = re.compile(_flat(names))
    for text in _samples(names, rng, 300):
        assert list(_leftmost_longest(text, names)) == [(m.start(), m.group(0)) for m in flat.finditer(text)]


def test_lexicons_are_loaded_once_per_process_whatever_the_call():
    from kg.nlp.lexicons import load_lexicons

    assert load_lexicons() is load_lexicons("", "") is load_lexicons(data_dir="", themes_path="")
