"""Stage 4: mentions of one article → meetings and role relations, each with its evidence.

The genre reports a meeting in a fixed order: a dateline, who convened or chaired what
(``市委书记X主持召开Y会``), who attended (``市领导A、B参加会议``), what was emphasized
(``会议强调`` / ``X指出``). The extractor walks the sentences in order with a *current
meeting*: a verb that introduces a meeting (召开, 举行, 主持召开, ``Y会举行``, a paragraph
opening with ``Y座谈会，``) makes a new one current; every other role verb applies to the
current meeting. A role verb goes to the *subject group* right before it: the people
listed together (``A、B，TITLE C和D``) with only connectors between them and the verb
(在主会场或分会场, 分别, 等市领导 …). Chained verbs (``主持会议并讲话``, ``…，强调``) share
the subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .nlp.dates import DateSpan, cn_number, day_only, on_day, resolve
from .nlp.lexicons import Lexicons, alternation
from .nlp.meetings import MeetingFinder, MeetingSpan
from .nlp.people import DATE_WORDS as _DATE_WORDS
from .nlp.people import LIST_INTRO as _LIST_INTRO  # 出席会议的还有A、B: the verb comes before the people
from .nlp.themes import ThemeFinder
from .records import Article, ArticleResult, Evidence, Meeting, Mention, Relation

__all__ = ["RelationExtractor", "sentence_spans"]

# the unnamed people of a body, present beside the named (及巡视组全体成员, 及有关部门负责人)
_UNNAMED = "全体成员|成员|负责同志|负责人|有关人员|工作人员"
# what an attendance list of the unnamed ends in before its verb
_UNNAMED_TAIL = "参加|出席|列席|陪同"
_SENT_END = re.compile(r"[。！？!?]+[”’」）)]*|\n")
_CONNECTOR = (r"(?:(?:在[^，。；！？]{0,30}?(?:会场|现场|会上|上|后|时|中(?!心)|期间|之际|间隙)(?:(?:或|和|及|、)[^，。；！？]{0,10}?(?:会场|现场))?)"
              # where a visit or a reception took place: 某某在市委会见 / 在北京出席; not before 讲话, nor
              # 主持…的, where 在 may open a clause about someone else (在乙主持召开的会上讲话)
              r"|在[^，。；！？、]{1,16}?(?=会见|会谈|接见|接待|看望|慰问|调研|考察|视察|出席|参加|就座"
              r"|主持召开(?!的)|主持(?![^，。；！？]{0,4}的))|分别|一同|共同|也|还|又|并|亦|均|都|随后|先后"
              # a delegation's head: 甲率县党政代表团赴…
              r"|率[^，。；！？]{1,12}?(?:代表团|考察团|调研组|工作组)"
              r"|面[向对]国[旗徽]|亲自|专门|再次|逐项|逐一|依次|认真|仔细|详细|当场|现场|同时|最后|首先|一行|同志|等[^，。；！？]{0,24}?(?:常委|委员|成员|领导|同志|负责人|负责同志|代表)(?:班子)?(?:成员)?|应邀|受邀|到会|到场|莅临|受[^，。；！？]{1,16}?委托"
              # the unnamed members present beside the named (及常委会组成人员共21人出席)
              r"|(?:及|和|以及|(?=部分|全体|有关))[^，。；！？]{0,20}?(?:组成人员|委员|领导|" + _UNNAMED + ")"
              r"(?:共?[0-9０-９一二三四五六七八九十百]+[人名])?|等{group}|等|专程|深入|亲切|面对面|就{topic}|对{topic}|向{topic}"
              r"|代表[^，。；！？]{1,16}?(?={verb})"
              # unnamed office holders listed after the named: 甲等领导，县法院院长、检察院检察长，各部门主要负责同志参加
              r"|[，、][^，。；！？]{0,24}?(?:院长|检察长|局长|主任|负责同志|负责人|班子成员)(?=[，、及和]|" + _UNNAMED_TAIL
              # …or before the talks they all gave: 甲，市某局主要负责同志作交流发言
              + r"|(?:先后|分别|依次)?作[^，。；！？]{0,4}发言)"
              # the unnamed counted after the named: 甲，乙，各村党组织书记、护林员代表共计86人参加
              r"|[，、](?:各|有关|相关|部分|全体)[^，。；！？]{1,30}?[0-9０-９一二三四五六七八九十百千余多]+[人名](?=" + _UNNAMED_TAIL + ")"
              # …or named by their kind: 甲，各设区的市人大常委会负责同志，部分全国人大代表和省人大代表列席
              r"|[，、](?:各|有关|相关|部分|全体)[^，。；！？]{1,30}(?:代表|委员|负责同志|负责人|同志|人员)(?=[，、]|"
              + _UNNAMED_TAIL + ")"
              # a parenthetical after a name: 邬明达（无党派人士）分别作发言
              r"|[（(][^（）()，。；！？]{1,12}[）)]"
              # 作为企业代表发言
              r"|作为[^，。；！？]{0,16}?代表(?=向|致辞|讲话|发言|表示|作)"
              # a representative named beside officials, no official himself (甲、乡村医生代表乙作交流发言)
              r"|[、，和及][^，。；！？、]{1,10}?代表[\u4e00-\u9fff]{2,3}(?=作|发言|讲话|致辞|先后|分别)"
              # 结合分管工作作交流发言 / 围绕主题谈体会
              r"|(?:结合|围绕|联系){topic}"
              # a date or time between subject and verb: 某某9月3日上午主持召开 / 某某昨天下午出席
              r"|" + _DATE_WORDS + r"|[0-9０-９]{1,4}\s*号|[一二三四五六七八九十]{1,3}日|晚间)*")
# 来我市调研 / 赴某县检查: an inspection verb inside the first clause
_VISIT = re.compile(r"[^，。；！？]{0,24}?(调研|考察|视察|检查|督导|督查|暗访|走访|察看|慰问|看望)")
# a sentence that moves on from the meeting reported (会后，甲率队深入某区察看…): a visit in it is
# an event of its own
_MOVED_ON = re.compile(r"\s*(?:[^，。；]{0,8}?会[前后]|会议结束后|随后|当天下午|当日下午|次日|第二天)")
# …or opening the clause after a delegation's lead (率队深入某区，实地察看…)
_VISIT_NEXT = re.compile(r"(?:实地|现场|先后|深入|一同)?(察看|调研|考察|视察|检查|督导|暗访|走访|查看)(?![组团队])")
_CLAUSE_STARTS = re.compile(r"[，,；]|并|后")
_PARTICIPANT_EVENT = {"来到": "inspection", "调研": "inspection", "考察": "inspection", "视察": "inspection",
                      "检查": "inspection", "督导": "inspection", "暗访": "inspection", "走访": "inspection", "察看": "inspection",
                      "接待": "reception", "会见": "reception", "会见了": "reception", "看望": "other", "慰问": "other"}
_GOING = {"到", "赴", "来到", "前往"}  # a journey, whose visit names the event
_VISITS = {"inspection", "reception", "other"}  # kinds of events that are no sitting meeting
_LEADING = {"率队", "带队", "带领", "率领"}  # leading a delegation: the visit it makes is the event
_ORG_INTRO = {"召开", "主持召开", "举行", "举办", "组织召开"}
_GENERIC_BACKREF = {"座谈会", "视频会议", "仪式", "专题会议", "常委会", "常务会议", "全体会议", "主题活动", "现场会"}
_RECEPTION = re.compile(r"接访|接待来访|信访|来访群众")
# the cue that opens a broadcast's sound bite, the speaker's title and name right after it
_SOUND_BITE = ("【同期声】", "【录音】")
# a headline's credit: 某某主持并讲话 / 某某出席会议并讲话 (the name alone, as headlines give it)
_HEADLINE_SPEECH = re.compile(r"(?:主持|出席)(?:会议|大会)?并(?:发表)?(?:重要)?讲话")

# a body's term and session (八届四次全会, 第八届…委员会第四次全体会议): one sitting however named
_TERM_SESSION = re.compile(r"第?([一二三四五六七八九十\d]{1,3})届[^，。；！？]{0,24}?第?([一二三四五六七八九十\d]{1,3})次")


def _same_sitting(a: str, b: str) -> bool:
    """Whether meeting names ``a`` and ``b`` give one term's session, ending in one word."""
    ka, kb = _TERM_SESSION.search(a), _TERM_SESSION.search(b)
    return ka is not None and kb is not None and a[-2:] == b[-2:] \
        and [cn_number(x) for x in ka.groups()] == [cn_number(x) for x in kb.groups()]


# a year's numbered session (2022年第七次集体学习), held in that year (not 2022年度…, a review)
_SESSION_YEAR = re.compile(r"(\d{4})年第[一二三四五六七八九十\d]+次")
_NAMED_YEAR = re.compile(r"(\d{4})年(?!度)")


def _clause_end(text: str, start: int, stop: int) -> int:
    """Where the clause running from ``start`` ends: its comma or full stop, else ``stop``."""
    return min([i for i in (text.find("，", start, stop), text.find("。", start, stop)) if i >= 0] or [stop])


def _valid_date(iso: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True


# a report given under its title: 作了题为《…》的工作报告 (a speech, however its title reads)
_TITLED = "作了?题为"
_TITLED_REPORT = re.compile(_TITLED + r"《[^》]{1,80}》的(?:工作|主题|专题|辅导)?(?:报告|讲话|发言|讲座|党课)")
# a talk of a kind the verb lexicon does not spell out: 作专题辅导报告, 分别作主旨演讲, 作了关于…的报告
# (or under its title: 作《2023年度财务决算和2024年度财务预算报告》)
_MADE = r"作了?(?:关于[^，。；！？]{1,40}?的|《[^《》]{1,60}?(?=(?:报告|讲话)》))?[^，。；！？、]{0,6}?(?:报告|讲话|发言|演讲|讲座)"
_MADE_TALK = re.compile(_MADE)
# an official quoted in a story (某某介绍，… / 某某告诉记者：…), which is no meeting
_QUOTED = re.compile(r"(?:介绍|说|表示|告诉记者|坦言)[，,：:]")
# a report heard from someone (听取了甲关于…的汇报)
_HEARD = re.compile(r"(?:听取|审议|听取和讨论|听取并审议|审议通过)了?$|听了$")
# (受市政府委托所作的关于…的报告: a report made on a body's behalf is its maker's)
_REPORT_OF = re.compile(r"(?:受[^，。；！？]{1,16}?委托)?(?:所?作的)?(?:关于[^，。；！？]{1,40}?)?的?(?:工作|情况|专题)?(?:汇报|报告|说明)")
_AWARD = re.compile(r"颁奖|颁发|授牌|颁证|授予|表彰")
_ORG_SUFFIX = (r"(?:党委|党组|委员会|人民政府|政府|人大常委会|人大|政协|纪委监委|纪委|监委|委|局|厅|办公室|办|部|院|中心|集团|公司"
               r"|指挥部|领导小组|总会|协会|学会|联合会|大学|学院|团委)")
_ORG = re.compile(f"[^、和与及，。]{{0,14}}?{_ORG_SUFFIX}")
# an adverbial that may open a sentence before its subject: 在随后召开的座谈会上，某某…
_SETTING = re.compile(r"在|会上|会后|随后|同时|当天|期间|其间|此后")
# a sentence opening with a third-person pronoun (not 他们, 他人)
_PRONOUN = re.compile(r"\s*[他她](?![们人])")
_SUBJECT_JUNK = re.compile(r"^(?:本报讯|[0-9]+月[0-9]+日|[上下]午|晚上|近日|日前|当天|今天|昨天|今日|昨日)+|(?:分别|共同|联合|隆重|正式|专门|再次|又)+$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as ``(start, end)``: ends after 。！？ (and closing quotes) or at a paragraph break."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.end() if m.group(0) != "\n" else m.start()
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


@dataclass(slots=True)
class _Group:
    people: list[Mention]
    start: int  # first title start
    end: int  # last name end


class RelationExtractor:
    """Turns one article's mentions into meetings and relations."""

    def __init__(self, lex: Lexicons, meetings: MeetingFinder, themes: ThemeFinder, theme_limit: int = 6) -> None:
        self.lex = lex
        self.meetings = meetings
        self.themes = themes
        self.theme_limit = theme_limit
        groups = alternation(lex.group_labels)
        # 就TOPIC then a speaking verb (就做好下一步工作作具体部署): the topic ends where a speaker verb starts,
        # else the lazy topic stops after one character and the verb is never reached
        # (and where 作说明 starts, which is no 说)
        speaking = _TITLED + "|" + _MADE + "|" + alternation([v for v, role in lex.verbs.items() if role == "speaker" or v.startswith("作")])
        self.connector = re.compile(_CONNECTOR.replace("{group}", f"(?:{groups})?")
                                    .replace("{topic}", f"[^，。；]{{1,30}}?(?=(?:{speaking}))")
                                    # 代表…: up to where a verb starts (代表第十二批驻村工作队员作表态发言: not 工作's 作)
                                    .replace("{verb}", f"(?:向|{_TITLED}|{alternation(lex.verbs)})"))
        self.verb = re.compile(alternation(lex.verbs))
        # what may stand between two people of one group: separators, group labels, and the
        # unnamed people of a body (甲及巡视组全体成员，乙出席)
        self.group_gap = re.compile(f"^(?:[、，,；;\\s]|和|与|及|以及|同|等|(?:{groups})"
                                    f"|(?:及|和)[^，。；、]{{1,12}}?(?:{_UNNAMED}))*$")

    # -- helpers -------------------------------------------------------------------------

    def _groups(self, people: list[Mention], text: str) -> list[_Group]:
        groups: list[_Group] = []
        for p in people:
            if groups and self.group_gap.match(text[groups[-1].end: p.title_start]):
                groups[-1].people.append(p)
                groups[-1].end = p.end
            else:
                groups.append(_Group([p], p.title_start, p.end))
        return groups

    def _verbs(self, text: str, start: int, end: int) -> list[tuple[int, str, str]]:
        """Role verbs in a predicate ``text[start:end]``: at its start and at each clause start."""
        out: list[tuple[int, str, str]] = []
        points = [start] + [m.end() for m in _CLAUSE_STARTS.finditer(text, start, end)]
        for pt in points:
            c = self.connector.match(text, pt, end)
            pos = c.end() if c else pt
            v = self.verb.match(text, pos, end) or _TITLED_REPORT.match(text, pos, end) or _MADE_TALK.match(text, pos, end)
            # 重要讲话精神 is a document; 表示祝贺/问候 is a greeting: neither is speaking at the meeting
            if v and not (v.group(0) == "讲话" and text.startswith("精神", v.end())) \
                    and not (v.group(0) == "表示" and text[v.end(): v.end() + 1] not in "，：,:"):
                out.append((v.start(), v.group(0), self.lex.verbs.get(v.group(0), "speaker")))
        # 深入某开发区企业调研，强调…: a visit in the first clause is the event even when a later
        # clause has a role verb
        if not any(pos < points[1] if len(points) > 1 else True for pos, _, _ in out):
            visit = _VISIT.match(text, start, end)
            if visit:
                out.append((visit.start(1), visit.group(1), "participant"))
        return sorted(set(out))

    def _organizers(self, text: str, clause_start: int, verb_start: int) -> list[str]:
        subject = _SUBJECT_JUNK.sub("", text[clause_start:verb_start].strip())
        if not subject or len(subject) > 24:
            return []
        orgs = [m.group(0) for m in _ORG.finditer(subject)]
        return orgs if "".join(orgs) == subject.replace("、", "").replace("和", "").replace("与", "") else []

    # -- the walk ------------------------------------------------------------------------

    @staticmethod
    def _headline_speakers(article: Article, meetings: list[Meeting], relations: list[Relation],
                           source: str | None) -> list[Relation]:
        """The speech a headline credits (某某主持并讲话 over a body that says only 会议强调): the
        speaker of the first meeting the body has the person chair or attend. The evidence is the
        headline's words where the source has them as written, else the meeting's sentence."""
        headline = article.headline or ""
        m = _HEADLINE_SPEECH.search(headline)
        if m is None:
            return []
        # the name the headline's words follow, as the body gives it (the lines of a headline run
        # together: …贯彻落实工作程立衡主持并讲话)
        named = {r.value for r in relations}
        who = next((n for n in sorted(named, key=len, reverse=True) if headline.endswith(n, 0, m.start())), None)
        if who is None:
            return []
        said = headline[m.start() - len(who): m.end()]
        roles = {(r.meeting, r.role) for r in relations if r.value == who}
        for meeting in meetings:
            if (meeting.key, "speaker") in roles:
                return []
            if (meeting.key, "chair") in roles or (meeting.key, "participant") in roles:
                at = source.find(said) if source is not None else -1
                ev = meeting.evidence if at < 0 else Evidence(article.id, article.source_file, said, at, at + len(said))
                return [Relation(meeting.key, "speaker", who, ev)]
        return []

    def extract(self, article: Article, people: list[Mention], meeting_spans: list[MeetingSpan],
                dates: list[DateSpan], to_source: Callable[[int, int], tuple[int, int]],
                source: str | None = None) -> ArticleResult:
        """Meetings and relations of one article.

        ``to_source`` maps offsets of the file's normalized text to the decoded source ``source``;
        evidence sentences are quoted from ``source`` as written (so ``source[start:end]`` is the
        sentence), or from the normalized text when no source is given.
        """
        text = article.body
        sents = sentence_spans(text)

        def evidence(s: int, e: int) -> Evidence:
            while s < e and text[s].isspace():
                s += 1
            a, b = to_source(article.body_start + s, article.body_start + e)
            return Evidence(article.id, article.source_file, source[a:b] if source is not None else text[s:e], a, b)

        def sentence_of(pos: int) -> tuple[int, int]:
            for s, e in sents:
                if s <= pos < e:
                    return s, e
            return (0, len(text))

        def another_day(pos: int, meeting: Meeting) -> bool:
            """Whether the sentence at ``pos`` is dated, to a day other than ``meeting``'s."""
            if meeting.date is None:
                return False
            s, e = sentence_of(pos)
            for d in dates:
                if s <= d.start < e and d.relative not in ("当天", "当日"):
                    value = resolve(d, article.published)[0]
                    return value is not None and value[-5:] != meeting.date[-5:]
            day = day_only(text, s, e)
            return day is not None and on_day(day, meeting.date)[0] not in (None, meeting.date)

        # the dateline date: the first date of the lead sentence
        lead_date: tuple[str | None, str | None] = (None, None)
        if sents:
            for d in dates:
                if d.start < sents[0][1]:
                    if d.relative in ("当天", "当日"):
                        continue
                    lead_date = resolve(d, article.published)
                    break

        head_spans = self.meetings.find(article.headline or "")
        meetings: list[Meeting] = []
        relations: list[Relation] = []
        intro_sentence: dict[str, int] = {}
        # roles read before their meeting: (role, person, evidence, the sentence as normalized)
        pending: list[tuple[str, str, Evidence, str]] = []
        current: Meeting | None = None

        def new_meeting(span: MeetingSpan | None, name: str, kind: str, s: int, e: int) -> Meeting:
            nonlocal current
            if span is not None:
                # a headline often names the event in full where the body abbreviates it
                for h in head_spans:
                    if not h.anaphoric and len(h.name) > len(name) and h.name.endswith(name[-2:]) \
                            and (name in h.name or span.anaphoric):
                        name, kind = h.name, h.kind
            ss, se = sentence_of(s)
            date, how = lead_date
            for d in dates:
                if ss <= d.start < se and d.relative not in ("当天", "当日"):
                    value, derived = resolve(d, article.published)
                    if value:
                        date, how = value, derived
                        break
            else:
                day = day_only(text, ss, se)
                if day and date:
                    # 7日下午，观摩点评会召开: a day of the dateline's month (3月6日至7日 …)
                    date = on_day(day, date)[0] or date
                elif day and article.published:
                    # 七日上午，… in a report dated only by its paper: the last such day before publication
                    date, how = on_day(day, article.published)
            if date and date.startswith("--"):
                # 县委理论学习中心组2022年第七次集体学习: the year's numbered session, in that year
                session = _SESSION_YEAR.search(name) or _SESSION_YEAR.search(text, ss, se)
                # …or the one year its name gives (2024年全县优化营商环境大会), not a year under review (2023年度…)
                years = set(_NAMED_YEAR.findall(name))
                year = session.group(1) if session else years.pop() if len(years) == 1 else None
                if year and _valid_date(f"{year}{date[1:]}"):
                    date, how = f"{year}{date[1:]}", "stated"
            if _RECEPTION.search(text[ss:se]) and kind in ("meeting", "other", "inspection"):
                kind = "reception"
            m = Meeting(key=f"{article.id}/m{len(meetings) + 1}", name=name, kind=kind, article_id=article.id,
                        evidence=evidence(ss, se), date=date, date_derivation=how,
                        ordinal=span.ordinal if span else None, location=span.location if span else None)
            if name.endswith("续会") and current is not None:
                m.continues = current.key
            if span is not None:
                org = re.match(f"^(?:(?:[省市县区州]|[^，。、]{{0,8}}?[省市县区州])(?:委|政府)|[^，。、]{{2,16}}?(?:指挥部|领导小组|委员会))", name)
                if org and org.group(0) != name:
                    m.organizers.append(org.group(0))
            meetings.append(m)
            intro_sentence[m.key] = sents.index((ss, se)) if (ss, se) in sents else 0
            current = m
            for role, who, ev, _ in pending:
                relations.append(Relation(m.key, role, who, ev))  # type: ignore[arg-type]
            pending.clear()
            return m

        def add_role(role: str, who: str, s: int, e: int, meeting: Meeting | None = None) -> None:
            target = meeting or current
            ev = evidence(*sentence_of(s))
            if target is None:
                pending.append((role, who, ev, text[slice(*sentence_of(s))]))
            else:
                relations.append(Relation(target.key, role, who, ev))  # type: ignore[arg-type]

        active = [p for p in people if not p.mention_only]
        spans_by_verb = {m.verb_start: m for m in meeting_spans if m.how == "intro"}
        opened: set[tuple[str, str]] = set()  # (meeting, person) made chair by 召开 alone
        subject: Mention | None = None  # the person the last sentence opened with, alone
        for ss, se in sents:
            sent_people = [p for p in active if ss <= p.start < se]
            groups = self._groups(sent_people, text)
            pronoun = _PRONOUN.match(text, ss, se)
            if pronoun:
                # 他指出 / 她强调: the official the sentences before were about speaks on
                verbs = self._verbs(text, pronoun.end(), groups[0].start if groups else se)
                if subject is not None and verbs and verbs[0][2] == "speaker":
                    add_role("speaker", subject.name, verbs[0][0], verbs[0][0])
            else:
                lead = text[ss:groups[0].start].strip() if groups else ""
                # the sentence's subject: its first person, after nothing but a date or a setting (在…上，)
                opener = groups[0] if groups and (not _SUBJECT_JUNK.sub("", lead.strip("，,"))
                                                  or (_SETTING.match(lead) and lead.endswith(("，", ",")))) else None
                subject = opener.people[0] if opener is not None and len(opener.people) == 1 else None
            events: list[tuple[int, int, object]] = []
            for m in meeting_spans:
                if ss <= m.start < se and not m.anaphoric and m.how != "intro":
                    events.append((m.start, 0, m))
            for m in meeting_spans:
                if m.how == "intro" and ss <= m.verb_start < se and not m.anaphoric and m.verb in _ORG_INTRO:
                    # introduced by an organization (市委召开…) unless a person's verb claims it below
                    events.append((m.verb_start, 1, m))
            for i, g in enumerate(groups):
                stop = groups[i + 1].start if i + 1 < len(groups) else se
                verbs = self._verbs(text, g.end, stop)
                for pos, verb, role in verbs:
                    events.append((pos, 2, (g, verb, role)))
                intro = _LIST_INTRO.search(text, ss, g.start)
                # 出席会议的还有A、B / 出席会议的还有市领导A、B
                if intro and (intro.end() == g.start or self.group_gap.match(text[intro.end():g.start])):
                    events.append((g.start, 2, (g, intro.group(0), "participant")))
                before = text[max(ss, g.start - 3): g.start]
                if ("为" in before or "向" in before) and _AWARD.search(text[g.end: stop]):
                    events.append((g.end, 2, (g, "颁奖", "participant")))
                # 他叮嘱随行的某镇党委书记甲: those who went along on the visit
                if before in ("随行的", "陪同的"):
                    events.append((g.start, 2, (g, "陪同", "participant")))
                # a broadcast's sound bite: 【同期声】县委书记 某某, then his words
                if text.startswith(_SOUND_BITE, ss) and g.start - ss <= max(map(len, _SOUND_BITE)):
                    events.append((g.start, 2, (g, "同期声", "speaker")))
                # 会议听取了某局局长甲关于…的汇报: 甲 reports
                if _HEARD.search(text, max(ss, g.start - 6), g.start) and _REPORT_OF.match(text, g.end, stop):
                    events.append((g.end, 2, (g, "汇报", "speaker")))
            claimed = {pos for pos, kind, _ in events if kind == 2}
            for pos, kind, item in sorted(events, key=lambda x: (x[0], -x[1])):
                if kind in (0, 1):
                    m = item  # type: ignore[assignment]
                    if kind == 1 and m.verb_start in claimed:
                        continue
                    if current is not None and m.name in _GENERIC_BACKREF \
                            and len(m.name) < len(current.name) and current.name.endswith(m.name) \
                            and not another_day(m.start, current):
                        continue  # 在随后召开的座谈会上 after …联席会议暨…座谈会: the meeting reported
                    if current is not None and _same_sitting(m.name, current.name) and not another_day(m.start, current):
                        continue  # a photo's caption naming in full the 八届四次全体会议 reported
                    meeting = new_meeting(m, m.name, m.kind, m.start, m.end)
                    if kind == 1:
                        clause = max(text.rfind("，", ss, m.verb_start), text.rfind("。", ss, m.verb_start), ss - 1) + 1
                        meeting.organizers.extend(o for o in self._organizers(text, clause, m.verb_start)
                                                  if o not in meeting.organizers)
                    continue
                g, verb, role = item  # type: ignore[misc]
                target: Meeting | None = None
                span = spans_by_verb.get(pos)
                if role in ("chair-open", "open", "chair", "participant") and span is not None and not span.anaphoric:
                    if current is not None and not another_day(pos, current) and (
                            (span.name in _GENERIC_BACKREF and not (role == "chair-open" and current.kind in _VISITS))
                            or current.name.endswith(span.name)
                            or (span.name == "续会" and current is not meetings[0])):
                        # 分别参加座谈会 / 参加发布会 (after 新闻发布会): the meeting being reported,
                        # unless the sentence moves to another day (15日上午，…主持召开座谈会), or a
                        # visit's host holds it (调研期间，甲主持召开座谈会: a meeting, no visit)
                        target = current
                    else:
                        target = new_meeting(span, span.name, span.kind, span.start, span.end)
                if role == "open":
                    if target is None:
                        continue
                    role = "chair"
                    opened.update((target.key, p.name) for p in g.people)
                if role == "chair-open":
                    role = "chair"
                # (a visit on another day than the meeting reported, or after it, is an event of its own:
                # 3日上午，甲到某镇检查… / 会后，甲率队深入某区察看…)
                if role == "participant" and target is None and (current is None or another_day(pos, current)
                                                                 or _MOVED_ON.match(text, ss)):
                    clause_end = _clause_end(text, pos, se)
                    visit = _VISIT.match(text, pos, clause_end)
                    if visit is None and verb in _LEADING and text.startswith("，", clause_end):
                        # 率队深入某区，实地察看…: a delegation's visit in the clause after its lead
                        after = _clause_end(text, clause_end + 1, se)
                        visit = _VISIT_NEXT.match(text, clause_end + 1, after)
                        clause_end = after if visit else clause_end
                    kind = _PARTICIPANT_EVENT.get(verb) or (_PARTICIPANT_EVENT.get(visit.group(1), "inspection")
                                                            if visit else None)
                    if kind:  # 来到…接待来访群众 / 到…企业调研: the visit is the event
                        # named from its own verb after a delegation's lead or a journey (率队赴开发区检查…,
                        # 到某镇调研…: 检查…, 调研…)
                        start = visit.start(1) if visit and (verb in _LEADING or verb in _GOING) else pos
                        target = new_meeting(None, text[start:clause_end][:30], kind, start, clause_end)
                for p in g.people:
                    add_role(role, p.name, pos, pos, target)

        # (the sentence as normalized: the evidence quotes the source, perhaps in traditional script)
        if pending and not meetings and not all(role == "speaker" and _QUOTED.search(sentence)
                                                for role, _, _, sentence in pending):
            # (a story that only quotes people, 某某介绍，…, reports no event)
            name = article.headline or "活动"
            new_meeting(None, name[:60], "other", 0, 1)

        relations += self._headline_speakers(article, meetings, relations, source)

        # participants: everyone present but the chair, speakers included
        result_rel: list[Relation] = []
        seen: set[tuple[str, str, str]] = set()
        # who convened a meeting (某某率…召开现场办公会) only attends it when another chairs it (乙主持)
        presided = {r.meeting for r in relations if r.role == "chair" and (r.meeting, r.value) not in opened}
        relations = [Relation(r.meeting, "participant", r.value, r.evidence)
                     if r.role == "chair" and r.meeting in presided and (r.meeting, r.value) in opened else r
                     for r in relations]
        chairs = {(r.meeting, r.value) for r in relations if r.role == "chair"}
        for r in relations:
            roles = [r.role] + (["participant"] if r.role == "speaker" else [])
            for role in roles:
                if role == "participant" and (r.meeting, r.value) in chairs:
                    continue
                key = (r.meeting, role, r.value)
                if key not in seen:
                    seen.add(key)
                    result_rel.append(Relation(r.meeting, role, r.value, r.evidence))  # type: ignore[arg-type]

        def titles_in(s: int, e: int) -> list[tuple[int, int]]:
            """Person titles (市政协主席 …) inside a sentence, relative to it: not themes."""
            return [(p.title_start - s, p.end - s) for p in people if s <= p.title_start < e]

        def attendance(s: int, e: int) -> bool:
            """A sentence that only lists who attended."""
            return bool(re.search(r"(?:参加|出席|列席)(?:会议|活动|座谈会|仪式)?[。！]?$", text[s:e].rstrip("。 ")))

        # themes: each meeting's passage runs from its introduction to the next meeting's
        starts = sorted((intro_sentence[m.key], k) for k, m in enumerate(meetings))
        discovered: list[str] = []
        for idx, (first, k) in enumerate(starts):
            last = starts[idx + 1][0] if idx + 1 < len(starts) and starts[idx + 1][0] > first else len(sents)
            m = meetings[k]
            scope = [(text[s:e], 1.5 if j == first else 1.0, titles_in(s, e))
                     for j, (s, e) in enumerate(sents) if first <= j < last and not attendance(s, e)]
            if k == 0 and article.headline:
                # a report's headline states what the meeting was about (…上强调 / 解决群众“急难愁盼”)
                scope.append((article.headline, 2.5, []))
            hits = [(sents[j], {h.iri for h in self.themes.find(text[slice(*sents[j])])}) for j in range(first, last)]
            for iri in self.themes.rank(scope, self.theme_limit, name=m.name):
                hit_sentence = next((span for span, found in hits if iri in found), sents[first])
                result_rel.append(Relation(m.key, "emphasizes", iri, evidence(*hit_sentence)))
            for j in range(first, last):
                s, e = sents[j]
                for label in self.themes.candidates(text[s:e]):
                    result_rel.append(Relation(m.key, "candidateTheme", label, evidence(s, e)))
                    discovered.append(label)

        people_posts: dict[str, tuple[str, ...]] = {}
        person_ev: dict[str, Evidence] = {}
        for p in people:
            posts = people_posts.get(p.name, ())
            people_posts[p.name] = tuple(dict.fromkeys(posts + p.posts))
            if p.name not in person_ev or (p.posts and not posts):
                person_ev[p.name] = evidence(*sentence_of(p.start))
        mentioned_only = {p.name for p in people} - {p.name for p in active}
        orgs = sorted({o for m in meetings for o in m.organizers})
        return ArticleResult(article, people_posts, mentioned_only, orgs, meetings, result_rel, person_ev,
                             list(dict.fromkeys(discovered)))
