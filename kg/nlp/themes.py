"""Policy themes: labels of the SKOS theme scheme found in text, and discovered candidates.

A meeting's themes are what its 强调/指出/要求/部署 passages keep returning to; candidates
are quoted slogans and numbered programmes (“四敢”, “465”现代产业集群) that the scheme does
not know yet. They are kept as *discovered* themes, never dropped silently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicons import Lexicons, alternation

__all__ = ["ThemeHit", "ThemeFinder"]

# what a meeting asks for: 会议强调… / X指出… / 一要… / 要…
_EMPHASIS = re.compile(r"强调|指出|要求|部署|提出|希望|[一二三四五六七八九十]要|^[一二三四五六七八九十]是|^要|，要|坚持|推动|加快|着力|聚焦|统筹|深化|抓好|做好|扎实|全力|确保"
                       # 各级各部门要…: a body told what to do
                       r"|(?:各级|部门|单位|干部|同志|大家|全市|全县|全区|全州|全旗|全镇|我们)要")
# what happened or was reported: background, not emphasis
_BACKGROUND = re.compile(r"^(?:近年来|去年|过去|今年以来|此前|目前|据悉|据了解|会上|当天|现场|活动现场|会议审议|会议听取|会议宣读|大会宣读|会议揭晓|会议还)")
# theme words inside these are names or framing, not topics: 《…》 titles, 以…为指导, 学习贯彻…精神
# (not 落实中央八项规定精神: the rules on officials' conduct are a topic)
_OPAQUE = re.compile(r"《[^》]{0,60}》|以[^，。；]{0,40}为指导|(?:学习|贯彻|落实|宣传)[^，。；]{0,30}(?:(?<!规定)精神|思想)"
                     r"|为[^，。；]{0,30}(?:提供|作出|营造|打下|奠定|贡献|汇聚)"  # purpose clauses: framing
                     r"|[^，。；]{0,40}等(?:有关|相关)?(?:部门|单位|机构|企业)")  # lists of departments and firms
# topic lists: 研究部署A、B和C等工作 / 抓紧抓实A、B等重点工作 / 在A上…，在B上…
_TOPIC_LIST = re.compile(r"(?:研究部署|研究|部署|抓好|抓紧抓实|统筹抓好|统筹|做好|推进|聚焦|围绕|听取|抓实)([^，。；：]{2,80}?)等?(?:各项|重点|相关|方面|领域)?(?:工作|任务|领域|事项)"
                         r"|(?:^|[。；])在([^，。；]{2,8})上")
_LIST_SEP = re.compile(r"[、和及]")
# the areas a task covers (聚焦道路交通、危险化学品、城镇燃气等重点行业领域，开展隐患排查): parts of
# the task's theme, not themes of their own
_SUB_AREAS_END = re.compile(r"等(?:(?:重点|重要)(?:行业)?(?:领域|部位|环节|场所|行业)|行业领域|方面|(?:服务|保障|配套)?措施|问题)")
_SUB_AREA_WEIGHT = 0.5


def _clause_start(text: str, end: int) -> int:
    """Where the clause holding ``text[:end]`` starts (after its last ，。；：)."""
    return max(text.rfind(c, 0, end) for c in "，。；：") + 1


def _inside(hit: ThemeHit, spans: list[tuple[int, int]]) -> bool:
    """Whether ``hit`` lies within one of ``spans``."""
    return any(s <= hit.start and hit.end <= e for s, e in spans)


def _is_topic_list(m: re.Match[str]) -> bool:
    """A list of topics, not one task: 部署A等工作 / 抓好A、B和C工作 / 在A上 count; 做好夏季电力保供等工作 does not."""
    body = m.group(1)
    return body is None or m.group(0).startswith(("研究部署", "部署")) or bool(_LIST_SEP.search(body))


# a numbered requirement's heading: 一要…, 一是…, 第一，… (a task of its own, one line)
_ITEM_HEAD = re.compile(r"^(?:[一二三四五六七八九十][要是]|第[一二三四五六七八九十][，、]?)[^。；]{2,40}[。；]?$")
_QUOTED = re.compile(r"“([^“”]{2,10})”([\u4e00-\u9fff]{0,6}?(?:行动|工程|计划|战略|理念|要求|担当|集群|产业链|机制|体系|活动))?")
_NUMERAL = re.compile(r"[0-9一二三四五六七八九十百千万两]")
# a review of what was achieved (会议指出，在全市上下的共同努力下，一季度…稳步恢复): background
# when the sentence asks for nothing
_RETROSPECT = re.compile(r"共同努力下|过去的?一年|去年|(?:今年|年初|上半年|一季度|前期)以来|取得了|实现了|交出了|打赢了|稳住了")
_ASKS = re.compile(r"要|必须|务必|确保|应当|希望")
# a stock phrase of exhortation (data/theme_framing_phrases.txt) counts this much of a hit
_FRAMING_PHRASE_WEIGHT = 0.2
_STRONG = 1.5  # more than one plain mention of an ordinary theme in an emphasis sentence
_FALLBACK = 3  # themes under the floor a meeting with none above it may keep
_ENOUGH = 4  # clear themes that make a meeting's list: the gold lists 2–6, about four on average
# a label followed by these is no topic: 聚焦民生为本 (a guiding value; the task follows),
# 市农业农村局 / 市卫生健康委 (a government body named after its field), 县人大常委会 / 市政协五届…会议
# (a body, however its name reads as a field of work)
_PRINCIPLE = re.compile(r"为[本基根要先]")
_AGENCY = re.compile(r"局|厅|委员会|委(?!员)|常委会|常务委员会|主席会议|党组|机关|第?[一二三四五六七八九十]+届")
# where a visit went (来到市矛盾纠纷调处服务中心接待来访群众): a place in an event's name, not its topic
_PLACE = re.compile(r"[^，。；、：\s]{2,20}?(?:中心|大厅|展馆|纪念馆|基地|公司|集团|站)")


_MEMO_SIZE = 4096  # sentences whose matches ThemeFinder remembers


@dataclass(frozen=True, slots=True)
class ThemeHit:
    iri: str
    start: int
    end: int
    label: str = ""  # the label as matched


class ThemeFinder:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        labels = [label for label in lex.theme_by_label if len(label) >= 2]
        self.pattern = re.compile(alternation(labels)) if labels else None
        self._memo: dict[str, list[tuple[int, int, list[ThemeHit]]]] = {}

    def find(self, text: str, skip: list[tuple[int, int]] = (), committees: bool = False) -> list[ThemeHit]:  # type: ignore[assignment]
        """Theme labels in ``text``, leaving out those inside ``skip`` spans and 《…》 titles.

        With ``committees``, a label that names a committee's field (全面深化改革委员会,
        外事工作委员会) counts: in a meeting's name, the committee's field is the meeting's topic.
        """
        return [h for s, e, hits in self._matches(text, committees) if not any(a < e and s < b for a, b in skip)
                for h in hits]

    def _matches(self, text: str, committees: bool = False) -> list[tuple[int, int, list[ThemeHit]]]:
        """Each label matched in ``text`` outside framing: its span and its hits (it, nested ones).

        Remembered per text: a meeting's sentences are read once to score themes and again to
        find each chosen theme's evidence sentence.
        """
        hit = self._memo.get(text) if not committees else None
        if hit is not None:
            return hit
        out: list[tuple[int, int, list[ThemeHit]]] = []
        if self.pattern is not None:
            opaque = [(m.start(), m.end()) for m in _OPAQUE.finditer(text)]
            for m in self._label_matches(text):
                if any(s < m.end() and m.start() < e for s, e in opaque):
                    continue
                if _AGENCY.match(text, m.end()) and not (committees and text.startswith("委员会", m.end())):
                    continue  # 市农业农村局, 市卫生健康委: a government body's name, not its field as a topic
                if _PRINCIPLE.match(text, m.end()):
                    continue  # 聚焦民生为本: a guiding value of the item, the task follows (优化质量供给)
                label = m.group(0)
                outer = self.lex.theme_by_label[label]
                hits = [ThemeHit(outer, m.start(), m.end(), label)]
                hits.extend(ThemeHit(iri, m.start() + s, m.start() + e, label[s:e])
                            for iri, s, e in self._nested(label, outer))
                out.append((m.start(), m.end(), hits))
        if committees:
            return out
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[text] = out
        return out

    def _label_matches(self, text: str) -> Iterator[re.Match[str]]:
        """The scheme's labels in ``text``, left to right, not overlapping; a label of two
        characters gives way to a longer one that starts at its second (扛稳粮食安全: 粮食安全, not
        稳粮 and then 食安)."""
        assert self.pattern is not None
        pos = 0
        while (m := self.pattern.search(text, pos)) is not None:
            if m.end() - m.start() == 2:
                longer = self.pattern.match(text, m.start() + 1)
                if longer is not None and longer.end() > m.end():
                    pos = m.start() + 1
                    continue
            yield m
            pos = m.end()

    def _nested(self, label: str, outer: str) -> list[tuple[str, int, int]]:
        """Other themes named inside a long label (高质量发展综合考核 ⊃ 高质量发展).

        Only another concept's preferred label of three or more characters counts, and at each
        offset the longest such label: the alternation prefers the longest label of any concept,
        which may be a variant of ``outer`` itself (中央生态环境保护督察 holds 生态环境保护督察,
        a variant of 环保督察, and inside it 生态环境保护).
        """
        out = []
        n = len(label)
        # not a label that straddles the outer theme's own name (促进民营经济发展壮大: 经济发展)
        own = self.lex.themes[outer].label if outer in self.lex.themes else ""
        at = label.find(own) if own else -1
        for k in range(n - 2):
            for end in range(n - (1 if k == 0 else 0), k + 2, -1):
                iri = self.lex.theme_by_label.get(label[k:end])
                if iri is not None and iri != outer and self.lex.themes[iri].label == label[k:end]:
                    if at < 0 or not (k < at < end < at + len(own) or at < k < at + len(own) < end):
                        out.append((iri, k, end))
                    break
        return out

    @staticmethod
    def weight(sentence: str) -> float:
        """How much a sentence speaks for what a meeting emphasized."""
        if _BACKGROUND.match(sentence):
            return 0.25
        if _RETROSPECT.search(sentence) and not _ASKS.search(sentence):
            return 0.4
        return 1.0 if _EMPHASIS.search(sentence) else 0.4

    def rank(self, sentences: list[tuple[str, float, list[tuple[int, int]]]], limit: int = 6,
             floor: float = 1.0, name: str = "") -> list[str]:
        """Theme IRIs of a meeting, best first.

        ``sentences`` are ``(text, weight, skip spans)``: each distinct theme in a sentence scores
        the sentence's weight times :meth:`weight`, doubled when the sentence lists it as a topic
        (研究部署A、B等工作) or heads a numbered requirement with it (一要…); themes under
        ``floor`` are dropped, and a broader theme gives way to a narrower one that is chosen.
        Themes in the meeting's own ``name`` (质量强市建设…大会) are its topic: they score 2 more
        (not those inside a place it names: 来到…调处服务中心). A stock phrase of exhortation
        (主动担当作为, 经济社会发展) counts a fifth; a review of past results (共同努力下…) is background.
        Once a meeting has four clear themes (score 1.5 or more), passing mentions are left out.
        A category word (a two-character top concept such as 安全) lends its score to its best-scoring narrower
        theme in the passage (安全生产) instead of competing with it.
        """
        score, first = self.scores(sentences, name)
        return self.select(score, first, limit, floor)

    def scores(self, sentences: list[tuple[str, float, list[tuple[int, int]]]],
               name: str = "") -> tuple[dict[str, float], dict[str, int]]:
        """Each theme's score over a meeting's passage and the index of its first sentence (see :meth:`rank`)."""
        score: dict[str, float] = defaultdict(float)
        first: dict[str, int] = {}
        for k, (sentence, weight, skip) in enumerate(sentences):
            w = weight * self.weight(sentence)
            head = bool(_ITEM_HEAD.match(sentence))
            hits = self.find(sentence, skip)
            topical = [(m.start(), m.end()) for m in _TOPIC_LIST.finditer(sentence) if _is_topic_list(m)]
            areas = [(_clause_start(sentence, m.start()), m.end()) for m in _SUB_AREAS_END.finditer(sentence)]
            best: dict[str, float] = {}
            for h in hits:
                if _inside(h, areas):
                    boost = _SUB_AREA_WEIGHT
                else:
                    boost = 2.0 if head or _inside(h, topical) else 1.0
                if h.label in self.lex.framing_phrases:
                    boost *= _FRAMING_PHRASE_WEIGHT
                best[h.iri] = max(best.get(h.iri, 0.0), w * boost)
            for iri, v in best.items():
                prior = 1.5 if iri in self.lex.core_themes else 0.5 if iri in self.lex.framing_themes else 1.0
                score[iri] += v * prior
                first.setdefault(iri, k)
        places = [(m.start(), m.end()) for m in _PLACE.finditer(name)]
        named = {h.iri for h in self.find(name, places, committees=True)}
        for iri in named:
            score[iri] += 2.0
            first[iri] = -1  # (a category word named so keeps its place: see select)
        themes = self.lex.themes
        # category words (安全, 考核, 民生: a top concept named in two characters), unless the
        # meeting is named after one (市委全面深化改革委员会会议 is about 改革 as such)
        for top in [i for i in score if i in themes and not themes[i].broader and len(themes[i].label) <= 2
                    and i not in named]:
            narrower = [i for i in score if i != top and top in themes.get(i, themes[top]).broader]
            if narrower:
                best = max(narrower, key=lambda i: (score[i], i in self.lex.core_themes, i))
                score[best] += score.pop(top)
        return dict(score), first

    def select(self, score: dict[str, float], first: dict[str, int], limit: int = 6,
               floor: float = 1.0) -> list[str]:
        """The best ``limit`` themes of ``score`` at or above ``floor``; broader category words give way."""
        order = sorted(score, key=lambda i: (-score[i], first[i], i))
        # a meeting that names only broad framing themes (改革, 现代化) is about them all the same
        ranked = [i for i in order if score[i] >= floor] or [i for i in order if score[i] >= floor / 2][:_FALLBACK]
        # a theme named once in passing only fills a meeting with few clear themes: a meeting
        # that already has _ENOUGH themes said more than once or with weight is not about it
        if sum(score[i] >= _STRONG for i in ranked) >= _ENOUGH:
            ranked = [i for i in ranked if score[i] >= _STRONG]
        chosen = ranked[:limit]
        # a category word gives way to a narrower theme that is chosen
        narrower_of = {b for iri in chosen for b in self.lex.themes[iri].broader
                       if b in self.lex.themes and not self.lex.themes[b].broader and len(self.lex.themes[b].label) <= 2
                       and first.get(b) != -1}
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
