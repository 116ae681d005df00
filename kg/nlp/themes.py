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

# what a meeting asks for: 会议强调… / X指出… / 一要… / 要…
_EMPHASIS = re.compile(r"强调|指出|要求|部署|提出|希望|[一二三四五六七八九十]要|^要|，要|坚持|推动|加快|着力|聚焦|统筹|深化|抓好|做好|扎实|全力|确保")
# what happened or was reported: background, not emphasis
_BACKGROUND = re.compile(r"^(?:近年来|去年|过去|今年以来|此前|目前|据悉|据了解|会上|当天|现场|活动现场|会议审议|会议听取|会议宣读|大会宣读|会议揭晓|会议还)")
# theme words inside these are names or framing, not topics: 《…》 titles, 以…为指导, 学习贯彻…精神
_OPAQUE = re.compile(r"《[^》]{0,60}》|以[^，。；]{0,40}为指导|(?:学习|贯彻|落实|宣传)[^，。；]{0,30}(?:精神|思想)"
                     r"|为[^，。；]{0,30}(?:提供|作出|营造|打下|奠定|贡献|汇聚)"  # purpose clauses: framing
                     r"|[^，。；]{0,40}等(?:有关|相关)?(?:部门|单位|机构|企业)")  # lists of departments and firms
# topic lists: 研究部署A、B和C等工作 / 抓紧抓实A、B等重点工作 / 在A上…，在B上…
_TOPIC_LIST = re.compile(r"(?:研究部署|部署|抓好|抓紧抓实|统筹抓好|统筹|做好|推进|聚焦|围绕|听取|抓实)([^，。；：]{2,80}?)等?(?:各项|重点|相关|方面|领域)?(?:工作|任务|领域|事项)"
                         r"|(?:^|[。；])在([^，。；]{2,8})上")
_ITEM_HEAD = re.compile(r"^[一二三四五六七八九十]要[^。；]{2,40}[。；]?$")
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

    def find(self, text: str, skip: list[tuple[int, int]] = ()) -> list[ThemeHit]:  # type: ignore[assignment]
        """Theme labels in ``text``, leaving out those inside ``skip`` spans and 《…》 titles."""
        if self.pattern is None:
            return []
        opaque = [(m.start(), m.end()) for m in _OPAQUE.finditer(text)] + list(skip)
        hits = []
        for m in self.pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in opaque):
                continue
            outer = self.lex.theme_by_label[m.group(0)]
            hits.append(ThemeHit(outer, m.start(), m.end()))
            # a long label may hold another theme's name (高质量发展综合考核 ⊃ 高质量发展)
            for k in range(len(m.group(0)) - 2):
                inner = self.pattern.match(m.group(0), k, len(m.group(0)) - (1 if k == 0 else 0))
                if inner is None or inner.group(0) == m.group(0) or len(inner.group(0)) < 3:
                    continue
                iri = self.lex.theme_by_label[inner.group(0)]
                if iri != outer and self.lex.themes[iri].label == inner.group(0):
                    hits.append(ThemeHit(iri, m.start() + k, m.start() + inner.end()))
        return hits

    @staticmethod
    def weight(sentence: str) -> float:
        """How much a sentence speaks for what a meeting emphasized."""
        if _BACKGROUND.match(sentence):
            return 0.25
        return 1.0 if _EMPHASIS.search(sentence) else 0.4

    def rank(self, sentences: list[tuple[str, float, list[tuple[int, int]]]], limit: int = 6,
             floor: float = 1.0, name: str = "") -> list[str]:
        """Theme IRIs of a meeting, best first.

        ``sentences`` are ``(text, weight, skip spans)``: each distinct theme in a sentence scores
        the sentence's weight times :meth:`weight`, doubled when the sentence lists it as a topic
        (研究部署A、B等工作) or heads a numbered requirement with it (一要…); themes under
        ``floor`` are dropped, and a broader theme gives way to a narrower one that is chosen.
        Themes in the meeting's own ``name`` (质量强市建设…大会) are its topic: they score 2 more.
        A category word (a two-character top concept such as 安全) lends its score to its best-scoring narrower
        theme in the passage (安全生产) instead of competing with it.
        """
        score: dict[str, float] = defaultdict(float)
        first: dict[str, int] = {}
        for k, (sentence, weight, skip) in enumerate(sentences):
            w = weight * self.weight(sentence)
            hits = self.find(sentence, skip)
            topical = [(m.start(), m.end()) for m in _TOPIC_LIST.finditer(sentence)]
            head = bool(_ITEM_HEAD.match(sentence))
            best: dict[str, float] = {}
            for h in hits:
                boost = 2.0 if head or any(s <= h.start and h.end <= e for s, e in topical) else 1.0
                best[h.iri] = max(best.get(h.iri, 0.0), w * boost)
            for iri, v in best.items():
                prior = 1.5 if iri in self.lex.core_themes else 0.5 if iri in self.lex.framing_themes else 1.0
                score[iri] += v * prior
                first.setdefault(iri, k)
        for iri in {h.iri for h in self.find(name)}:
            score[iri] += 2.0
            first.setdefault(iri, -1)
        themes = self.lex.themes
        # category words (安全, 考核, 民生: a top concept named in two characters)
        for top in [i for i in score if i in themes and not themes[i].broader and len(themes[i].label) <= 2]:
            narrower = [i for i in score if i != top and top in themes.get(i, themes[top]).broader]
            if narrower:
                best = max(narrower, key=lambda i: (score[i], i in self.lex.core_themes, i))
                score[best] += score.pop(top)
        ranked = sorted((iri for iri, s in score.items() if s >= floor),
                        key=lambda i: (-score[i], first[i], i))
        chosen = ranked[:limit]
        # a category word gives way to a narrower theme that is chosen
        narrower_of = {b for iri in chosen for b in self.lex.themes[iri].broader
                       if b in self.lex.themes and not self.lex.themes[b].broader and len(self.lex.themes[b].label) <= 2}
        kept = [iri for iri in chosen if iri not in narrower_of]
        # refill the places of dropped broader themes from the ranking
        for iri in ranked[limit:]:
            if len(kept) >= limit:
                break
            if iri not in narrower_of and iri not in kept:
                kept.append(iri)
        return kept

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
