"""Policy themes: labels of the SKOS theme scheme found in text, and discovered candidates.

A meeting's themes are what its 强调/指出/要求/部署 passages keep returning to; candidates
are quoted slogans and numbered programmes (“四敢”, “465”现代产业集群) that the scheme does
not know yet. They are kept as *discovered* themes, never dropped silently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .lexicons import Lexicons, alternation

__all__ = ["ThemeHit", "ThemeFinder"]

_EMPHASIS = re.compile(r"强调|指出|要求|部署|提出|希望|要|坚持|推动|加快|着力|聚焦|统筹|深化|落实|抓好|做好|扎实|全力|确保|研究|听取")
_QUOTED = re.compile(r"“([^“”]{2,10})”([\u4e00-\u9fff]{0,6}?(?:行动|工程|计划|战略|理念|要求|担当|集群|产业链|机制|体系|活动))?")
_NUMERAL = re.compile(r"[0-9一二三四五六七八九十百千万两]")


@dataclass(frozen=True, slots=True)
class ThemeHit:
    iri: str
    start: int
    end: int


class ThemeFinder:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        labels = [label for label in lex.theme_by_label if len(label) >= 2]
        self.pattern = re.compile(alternation(labels)) if labels else None

    def find(self, text: str) -> list[ThemeHit]:
        if self.pattern is None:
            return []
        return [ThemeHit(self.lex.theme_by_label[m.group(0)], m.start(), m.end()) for m in self.pattern.finditer(text)]

    def rank(self, sentences: list[tuple[str, float]], limit: int = 6, floor: float = 1.0) -> list[str]:
        """Theme IRIs of a meeting, best first: each sentence's hits weighted by the sentence's weight."""
        score: dict[str, float] = defaultdict(float)
        first: dict[str, int] = {}
        for k, (sentence, weight) in enumerate(sentences):
            w = weight * (1.0 if _EMPHASIS.search(sentence) else 0.5)
            for hit in {h.iri for h in self.find(sentence)}:
                score[hit] += w
                first.setdefault(hit, k)
        ranked = sorted((iri for iri, s in score.items() if s >= floor), key=lambda i: (-score[i], first[i], i))
        return ranked[:limit]

    def candidates(self, text: str) -> list[str]:
        """Quoted numbered programmes and slogans not in the scheme (e.g. “四敢”, “465”现代产业集群)."""
        out = []
        for m in _QUOTED.finditer(text):
            quote, tail = m.group(1), m.group(2) or ""
            if not _NUMERAL.search(quote) and not tail:
                continue
            if re.search(r"[，。、；：！？,]", quote) or quote in self.lex.theme_by_label:
                continue
            label = f"“{quote}”{tail}" if tail or quote.isdigit() else quote
            if quote.isdigit() and not tail:
                continue
            out.append(label)
        return list(dict.fromkeys(out))
