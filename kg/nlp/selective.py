"""Selective segmentation: run pkuseg's model only where a word boundary can change a result.

The rule engines read text with regular expressions; the only thing they take from the
segmenter is the set of token starts, and :class:`~kg.nlp.people.PeopleFinder` consults it
in one place: ``name_at`` uses it to choose between two readings of a name's length
(``fits`` with more than one length). So a Doc needs pkuseg's boundaries exactly at those
positions and nowhere else.

pkuseg itself cuts a text into independent *pieces* (split at whitespace, then at words of
the user dictionary, which become tokens of their own) and runs its CRF on each piece
separately. :class:`SelectiveSegmenter` reproduces that split with pkuseg's own
preprocessor, runs the CRF (``_cut`` + postprocessor, exactly as ``pkuseg.cut`` does) only
on pieces holding a consulted position, and keeps every other piece as one token. Every
consulted boundary is therefore identical to a full segmentation, and so is every result
of the rules; only the (unused) token granularity elsewhere differs.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

__all__ = ["SelectiveSegmenter"]

# name_at is called right after a role word, a group label, or a list separator
# (、，,和与及以及: people._read_list); these are the characters such a position follows
_SEPARATORS = "、，,和与及"
_WS = re.compile(r"\S+")


class SelectiveSegmenter:
    """Makes Docs for a pipeline loaded with ``segmenter="pkuseg"``, segmenting selectively."""

    def __init__(self, nlp: Language) -> None:
        seg = getattr(nlp.tokenizer, "pkuseg_seg", None)
        if seg is None:
            raise ValueError("SelectiveSegmenter needs a pipeline loaded with the pkuseg segmenter")
        self.vocab = nlp.vocab
        self.seg = seg
        finder = nlp.get_pipe("jy_people")._engine()
        self.finder = finder
        lex = finder.lex
        triggers = set(lex.roles) | set(lex.group_labels)
        self.ends_with: dict[str, list[str]] = defaultdict(list)  # last character -> trigger words
        for w in sorted(triggers, key=len, reverse=True):
            self.ends_with[w[-1]].append(w)
        heads = {s[0] for s in lex.surnames} | {s[0] for s in lex.compound_surnames}
        before = set(_SEPARATORS) | set(self.ends_with)
        # a possible name start (a family name's first character) after a possible trigger end
        self.candidates = re.compile(f"(?<=[{_class(before)}])(?=[{_class(heads)}])")
        self.pieces_total = 0
        self.pieces_cut = 0
        self.chars_total = 0
        self.chars_cut = 0

    # -- where boundaries matter -------------------------------------------------------------

    def consulted(self, text: str) -> set[int]:
        """Positions whose being a token start can change what the people rules find."""
        out: set[int] = set()
        f = self.finder
        for m in self.candidates.finditer(text):
            p = m.start()
            prev = text[p - 1]
            if prev not in _SEPARATORS and not any(text.endswith(w, 0, p) for w in self.ends_with[prev]):
                continue
            # the same test as PeopleFinder.name_at: boundaries only break ties between lengths
            fits = [n for n in (2, 3, 4) if f.is_name(text[p: p + n]) and f.after_name.match(text, p + n)]
            if len(fits) > 1:
                out.update(p + n for n in fits)
                out.add(p + 2)
        return out

    # -- the Doc -------------------------------------------------------------------------------

    def words(self, text: str, full: bool = False) -> list[str]:
        """pkuseg's words for ``text``, except that pieces without a consulted position stay whole."""
        need = sorted(self.consulted(text)) if not full else []
        seg = self.seg
        words: list[str] = []
        k = 0  # index into need
        for chunk in _WS.finditer(text):
            pos = chunk.start()
            lst, isword, _ = seg.preprocesser.solve(chunk.group(0))
            for w, isw in zip(lst, isword):
                end = pos + len(w)
                if isw:
                    words.append(w)
                else:
                    while k < len(need) and need[k] <= pos:
                        k += 1
                    self.pieces_total += 1
                    self.chars_total += len(w)
                    if full or (k < len(need) and need[k] < end):
                        self.pieces_cut += 1
                        self.chars_cut += len(w)
                        words.extend(seg.postprocesser(seg._cut(w)))
                    else:
                        words.append(w)
                pos = end
        return words

    def __call__(self, text: str) -> Doc:
        words, spaces = get_words_and_spaces(self.words(text), text)
        return Doc(self.vocab, words=words, spaces=spaces)


def _class(chars: set[str]) -> str:
    """A regex character-class body for ``chars``."""
    return "".join(re.escape(c) for c in sorted(chars))
