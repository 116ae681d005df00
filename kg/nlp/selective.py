"""Selective segmentation: run pkuseg's model only where a word boundary can change a result.

The rule engines read text with regular expressions; the only thing they take from the
segmenter is the set of token starts (``boundaries``), which
:class:`~kg.nlp.people.PeopleFinder` consults to break ties between readings of a name's
length. So a Doc needs pkuseg's boundaries exactly at the positions the rules ask about,
and nowhere else.

pkuseg itself cuts a text into independent *pieces* (split at whitespace, then at words of
the user dictionary, which become tokens of their own) and runs its CRF on each piece
separately. :class:`SelectiveSegmenter` reproduces that split with pkuseg's own
preprocessor, keeps every piece as one token, and asks the people rules which positions
they consult (a set that records membership tests); pieces holding a consulted position get
the CRF (``_cut`` + postprocessor, exactly as ``pkuseg.cut`` does), and the rules are asked
again until every position they consult is answered as a full segmentation would answer
it. From then on the rules take the same path as with a full segmentation, so every result
is identical; only the token granularity elsewhere (which nothing reads) differs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

from ..records import Mention
from .components import keep_text  # (also registers the jy_titled extension set below)

__all__ = ["SelectiveSegmenter"]

_WS = re.compile(r"\S+")
_MAX_ROUNDS = 8


class _Asked(set):
    """Token starts that remember which positions were tested for membership."""

    def __init__(self, items: set[int]) -> None:
        super().__init__(items)
        self.asked: set[int] = set()

    def __contains__(self, pos: object) -> bool:
        self.asked.add(pos)  # type: ignore[arg-type]
        return super().__contains__(pos)

    def __iter__(self) -> Iterator[int]:
        # the rules read boundaries by membership only; anything else cannot be recorded
        raise _Unrecordable


class _Unrecordable(Exception):
    pass


class SelectiveSegmenter:
    """Makes Docs for a pipeline loaded with ``segmenter="pkuseg"``, segmenting selectively.

    ``segmenter(text)`` returns a Doc whose token starts equal pkuseg's at every position the
    people rules consult; ``words(text, full=True)`` is exactly ``pkuseg.cut(text)``.
    """

    def __init__(self, nlp: Language) -> None:
        seg = getattr(nlp.tokenizer, "pkuseg_seg", None)
        if seg is None:
            raise ValueError("SelectiveSegmenter needs a pipeline loaded with the pkuseg segmenter")
        self.vocab = nlp.vocab
        self.seg = seg
        self.finder = nlp.get_pipe("jy_people")._engine()
        self.chars_total = 0  # characters in CRF pieces, and those actually cut (for the benchmark)
        self.chars_cut = 0

    def _pieces(self, text: str) -> list[tuple[int, str, bool]]:
        """pkuseg's pieces: ``(start, text, is_user_word)``, as ``pkuseg.cut`` forms them."""
        out = []
        for chunk in _WS.finditer(text):
            pos = chunk.start()
            lst, isword, _ = self.seg.preprocesser.solve(chunk.group(0))
            for w, isw in zip(lst, isword):
                out.append((pos, w, isw))
                pos += len(w)
        return out

    def _cut(self, piece: str) -> list[str]:
        return self.seg.postprocesser(self.seg._cut(piece))

    def words(self, text: str, full: bool = False) -> list[str]:
        """pkuseg's words for ``text``, except that pieces no rule looks into stay whole."""
        return self._words(text, full)[0]

    def _words(self, text: str, full: bool = False) -> tuple[list[str], list[Mention] | None]:
        """The words, and the people rules' first step on them when they converged (else None)."""
        pieces = self._pieces(text)
        titled: list[Mention] | None = None
        cut: dict[int, list[str]] = {}
        crf = [i for i, (_, w, isw) in enumerate(pieces) if not isw and len(w) > 1]
        self.chars_total += sum(len(pieces[i][1]) for i in crf)
        if full:
            cut = {i: self._cut(pieces[i][1]) for i in crf}
        else:
            starts = [p[0] for p in pieces]
            for _ in range(_MAX_ROUNDS):
                words = _assemble(pieces, cut)
                asked = _Asked(_token_starts(words, text))
                try:
                    found = self.finder.find_titled(text, asked)
                except _Unrecordable:
                    cut = {i: self._cut(pieces[i][1]) for i in crf}
                    break
                new = set()
                for q in asked.asked:
                    i = bisect.bisect_right(starts, q) - 1
                    # a position inside a piece (not at its start) is only right once the piece is cut
                    if i >= 0 and starts[i] < q < starts[i] + len(pieces[i][1]) and not pieces[i][2] and i not in cut:
                        new.add(i)
                if not new:
                    titled = found  # converged: these words answer every consulted position
                    break
                for i in new:
                    cut[i] = self._cut(pieces[i][1])
            else:
                cut = {i: self._cut(pieces[i][1]) for i in crf}
        self.chars_cut += sum(len(pieces[i][1]) for i in cut)
        return _assemble(pieces, cut), titled

    def __call__(self, text: str) -> Doc:
        words, titled = self._words(text)
        doc = Doc(self.vocab, *get_words_and_spaces(words, text))
        keep_text(doc, text)
        # the last round answered every position it consulted as this Doc does: the people
        # component takes its result instead of running the rules again
        doc._.jy_titled = titled
        return doc


def _assemble(pieces: list[tuple[int, str, bool]], cut: dict[int, list[str]]) -> list[str]:
    words: list[str] = []
    for i, (_, w, _isw) in enumerate(pieces):
        if i in cut:
            words.extend(cut[i])
        else:
            words.append(w)
    return words


def _token_starts(words: list[str], text: str) -> set[int]:
    """What ``{t.idx for t in doc} | {len(text)}`` is for the Doc made of ``words``."""
    ws, spaces = get_words_and_spaces(words, text)
    out = {len(text)}
    pos = 0
    for w, sp in zip(ws, spaces):
        out.add(pos)
        pos += len(w) + (1 if sp else 0)
    return out
