"""Meeting and event names: ``召开/主持召开/举行 NAME``, ``NAME 举行/召开``, and sub-meeting
paragraphs (``NAME，围绕…``). A name ends with a meeting word from the lexicon (座谈会,
视频会议, 续会, 仪式 …); the word also gives the kind. A bare 会议/大会 refers back to the
meeting already introduced, so it is marked ``anaphoric``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicons import Lexicons, alternation

__all__ = ["MeetingSpan", "MeetingFinder"]

_INTRO = r"(?:主持召开|召开了|召开|举行了|举行|举办了|举办|主持|出席|参加|列席|收听收看|组织召开)"
# (a day or a time may come first: 省人大常委会第九次会议26日上午在某地闭幕)
_AFTER = (r"(?:[0-9０-９]{1,2}日|[上下]午|晚上|当天|今天|昨天)*"
          r"(?:在(?P<loc>[^，。；！？]{1,20}?))?(?:以[^，。；！？]{1,8}?(?:形式|方式))?(?:隆重|顺利|正式|圆满)?"
          r"(?:举行|召开|举办|开幕|闭幕|启动)")
_ORDINAL = re.compile(r"第([0-9]+|[一二三四五六七八九十百零〇两]+)次")
# a numbered session of a standing body, named after the verb: 召开第48次会议 / 举行第三次全体会议
_SESSION = re.compile(_ORDINAL.pattern + r"(?:[^，。；！？]{0,6})?(?:会议|全体会议|扩大会议)$")
# a part of a session, named after the verb: 市人大常委会第十九次会议举行联组会议
_PART = re.compile(r"(?:联组会议|分组会议|全体会议|主席团会议|预备会议|开幕会|闭幕会)")
# what a sentence may open with before the name of a meeting it then says was held: a dateline
# (with its byline: 本报某地4月26日讯（记者 某某）), a date, a time of day
_SUBJECT_LEAD = re.compile(r"^(?:本报[^，。（(]{0,16}?讯(?:[（(][^（）()]{0,40}[）)])?|[0-9]+月[0-9]+日|[上下]午|晚上|近日|日前"
                           r"|当天|今天|昨天)+")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "〇": 0, "零": 0}
_NOT_IN_NAME = re.compile(r"并|召开|主持|参加|出席|听取|强调|指出|要求|研究|部署|传达|(?<!集体)(?<!中心组)学习(?!中心组)|审议|举行|举办|代表|通过|提出|精神")
_VAGUE = ("相关", "有关", "各类", "系列", "一系列", "多场", "各项", "一批", "多次", "一次", "一场")


def _UNBALANCED(name: str) -> bool:
    return any(name.count(a) != name.count(b) for a, b in ("“”", "（）", "《》", "()"))


_GENERIC = {"会议", "大会", "会", "活动", "仪式", "座谈会", "续会", "视频会议", "专题会议", "常委会", "常务会议", "全体会议"}


@dataclass(frozen=True, slots=True)
class MeetingSpan:
    name: str
    start: int
    end: int
    kind: str
    how: str  # "intro" (verb NAME), "subject" (NAME 举行), "heading" (paragraph-initial)
    verb: str = ""
    verb_start: int = -1
    ordinal: int | None = None
    location: str | None = None

    @property
    def anaphoric(self) -> bool:
        """A bare 会议/大会: the meeting already being reported, not a new one."""
        return self.name in ("会议", "大会", "会", "活动")


def _ordinal(name: str) -> int | None:
    m = _ORDINAL.search(name)
    if not m:
        return None
    s = m.group(1)
    if s.isdigit():
        return int(s)
    if "百" in s:
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    return _CN.get(s)


class MeetingFinder:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        mw = alternation(lex.meeting_words)
        self.mw_end = re.compile(f"(?:{mw})")
        self.intro = re.compile(_INTRO)
        self.subject = re.compile(
            rf"(?:^|(?<=[，。；！？\n]))(?P<name>[^，。；！？\n]{{2,60}}?(?:{mw})){_AFTER}")
        self.heading = re.compile(rf"(?:^|(?<=[\n。]))(?P<name>[^，。；！？\n]{{2,50}}(?:{mw}))(?=[，,])")
        self.words_longest = sorted(lex.meeting_words, key=len, reverse=True)

    def kind_of(self, name: str) -> str:
        """The kind of the most specific (longest) meeting word in the name; the last one on ties."""
        best: tuple[int, int, str] | None = None
        for w in self.words_longest:
            i = name.rfind(w)
            if i >= 0 and (best is None or (len(w), i) > best[:2]):
                best = (len(w), i, self.lex.meeting_words[w])
        return best[2] if best else "meeting"

    def _before_word(self, name: str) -> str:
        """``name`` without the meeting word it ends with (代表大会: 代表 is the word's, no verb)."""
        word = next((w for w in self.words_longest if name.endswith(w)), name[-2:])
        return name[:-len(word)]

    def _name_after(self, text: str, pos: int) -> tuple[int, int] | None:
        """The longest meeting name starting at ``pos`` within its clause."""
        clause_end = pos
        while clause_end < len(text) and text[clause_end] not in "，。；！？\n" and clause_end - pos < 60:
            clause_end += 1
        # every place a meeting word ends (words overlap: 专题学习会 holds 专题学习 and 学习会)
        ends = sorted({m.end() for k in range(pos, clause_end) if (m := self.mw_end.match(text, k, clause_end))})
        best = None
        for end in ends:
            name = text[pos:end]
            word = next(w for w in self.words_longest if name.endswith(w))
            if _NOT_IN_NAME.search(name[:-len(word)]):
                break
            nxt = text[end: end + 1]
            if nxt and re.match(r"[\u4e00-\u9fff0-9]", nxt) and not re.match(r"[并上时后前中期和暨，]", nxt):
                continue  # 常委会第71次会议: 常委会 is not the end
            best = (pos, end)
        return best

    def find(self, text: str) -> list[MeetingSpan]:
        out: list[MeetingSpan] = []
        seen: set[tuple[int, int]] = set()

        def add(s: int, e: int, how: str, verb: str = "", vs: int = -1, loc: str | None = None) -> None:
            if (s, e) in seen or e - s < 2:
                return
            name = text[s:e]
            if how != "intro" and name in _GENERIC:
                return
            if _UNBALANCED(name) or name.startswith(_VAGUE):
                return
            seen.add((s, e))
            out.append(MeetingSpan(name, s, e, self.kind_of(name), how, verb, vs, _ordinal(name), loc))

        for v in self.intro.finditer(text):
            # 随后召开的座谈会: the verb qualifies the name, which starts after 的
            span = self._name_after(text, v.end() + text.startswith("的", v.end()))
            if span:
                add(span[0], span[1], "intro", v.group(0).rstrip("了"), v.start())
        for m in self.subject.finditer(text):
            name = m.group("name")
            lead = _SUBJECT_LEAD.match(name)
            s = m.start("name") + (lead.end() if lead else 0)
            if _NOT_IN_NAME.search(self._before_word(text[s: m.end("name")])):
                continue
            add(s, m.end("name"), "subject", loc=m.group("loc"))
        for m in self.heading.finditer(text):
            if not _NOT_IN_NAME.search(self._before_word(m.group("name"))):
                add(m.start("name"), m.end("name"), "heading")
        out.sort(key=lambda m: m.start)
        return self._numbered_sessions(out)

    def _numbered_sessions(self, spans: list[MeetingSpan]) -> list[MeetingSpan]:
        """县委常委会召开第48次会议 is one meeting, 县委常委会第48次会议, introduced by 召开; so is a
        session's part: 市人大常委会第十九次会议举行联组会议."""
        subjects = {m.end: m for m in spans if m.how == "subject"}
        out = list(spans)
        for m in spans:
            body = subjects.get(m.verb_start)
            if m.how == "intro" and body is not None and (_SESSION.match(m.name) or _PART.fullmatch(m.name)):
                name = body.name + m.name
                out = [x for x in out if x is not m and x is not body]
                out.append(MeetingSpan(name, body.start, m.end, self.kind_of(name), "intro", m.verb, m.verb_start,
                                       _ordinal(name), body.location))
        return sorted(out, key=lambda m: m.start)
