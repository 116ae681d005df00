"""Officials in running text: titles, names, lists, and later bare repeats.

The genre names an official as ``TITLE(、TITLE)* NAME`` (市委常委、统战部部长钱某某), lists
them after group labels (市领导孙某、李某某), gives national leaders' titles after the name
(…总书记), and later repeats the bare name (王某某强调). Titles are recognized from their
role word (书记, 市长, 局长 …; a lexicon) with the organization read from the text before
it; names from a family-name lexicon and what may follow a name (a verb, punctuation).
Nothing here knows any person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator

from ..records import Mention
from .lexicons import Lexicons, alternation

__all__ = ["PeopleFinder"]

CJK = "\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f"  # Extension B and later hold real names
# dates and times written between a name and its verb (某某9月3日上午主持召开, 某某昨天出席); the
# relation connector (kg/relations.py) allows these and a few more
DATE_WORDS = r"[0-9０-９]{1,4}\s*[年月日]|[一二三四五六七八九十]{1,3}月|今天|昨天|今日|昨日|近日|日前|当天|当日|上午|下午|晚上"
# what may directly follow a name
_AFTER_NAME = (
    r"(?:[，。、；：！？“”（）《》\s,.;:!?()\"']|$|和|与|及|以及|等|同志|主持|参加|出席|列席|讲话|强调|指出|说|表示|提出(?!席)"
    r"|要求|在|到|赴|来到|深入|率|带队|带领|一行|前往|走访|调研|考察|视察|检查|看望|慰问|会见|会谈|接见|接待|宣读|通报"
    r"|介绍|致辞|作为|作|做|所作|随团|随同|边走边|座谈|家中|对|就|为|向|代表|分别|依次|一同|陪同|共同|也|还|又|先后|随后|专程|亲自|听取|审议|部署|主讲|点评|颁发"
    r"|颁奖|揭牌|出任|任|兼|当选|同|陪|已|曾|现场|通过|围绕|带头|签署|签约|宣布|发表|发布|作出|批示|指示|寄语|答|回答"
    r"|接受|领学|传达|汇报|反馈|分析|建议|发言|希望|以|认为|坚持|用|从|把|将|则|更|亲切|仔细|详细|逐项|逐一|认真|充分|全面|首先|最后|总结"
    r"|主动|积极|高度|重申|叮嘱|询问|了解|面向|面对|察看|勉励|感谢|祝贺|结合|肯定|表彰|嘱托|要|是|的|一起|会同|共|均|都|各|即|曾经"
    r"|参与|收听收看|观摩|见证|出发|抵达|回顾|宣布|讲|谈|上台|走进|来|去|带|赶赴|主持召开|召开|部署|应邀|受邀|受|签订|关于"
    # a date or time between the name and the verb: 市委书记某某9月3日上午主持召开… / 某某昨天…
    r"|" + DATE_WORDS + ")")
# (not 月, which many a given name holds: 梁月娥, 卢月; a month is written with a figure)
_BAD_NAME_CHARS = set("的了是与及等议委局厅部处记年日时该本我你他她它这那之其并而或就都也还又再被把将对向从为以于"
                      "到至给让使由经按据")
_GIVEN_OPENERS = set("向")  # …which open given names of two characters all the same
_HARD_STOP = set("的了是为并由向对把被让经请据将从于给在跟")
_PLACE_LEVEL = set("市省区县州镇乡全中国")
# words that read as a family name and one more character: a body's (县委常委班子召开…), and what
# follows a group's label where a list of names may (政协委员来自各行各业, 市级领导信访接待日)
_NOT_NAMES = {"班子", "常委班子", "信访", "来自", "来到", "包括", "全体", "全部"}
# words of bodies' names that hold a _HARD_STOP character
_ORG_WORDS = {"从严", "经济", "经开", "经信", "经贸", "经营", "经管", "数据", "对外", "为民", "给水", "供给", "将乐"}
_LEAD_STRIP = re.compile(
    r"(?:本报讯|[年月日号]|上午|下午|晚上|晚间|近日|日前|当天|今天|昨天|今日|昨日|随后|同时|其中|此外|另外|会上|会后|"
    r"听取|陪同|会见|看望|慰问|来到|会议(?=特?邀)|邀请|欢迎|感谢|宣读|带领|率领|接受|会同|随同|与会|来自|包括|特邀|暨|及其|并|同|与|和|及|"
    r"对|请|以|等|其|还有|有|通过|出席|参加|列席|主持|召开|举行|获得|荣获|获评|授予)+")
# a name transliterated from Uyghur, Tibetan, Mongolian…: parts joined by ·, each of one to eight characters
_DOTTED_NAME = re.compile(f"[{CJK}]{{1,8}}(?:·[{CJK}]{{1,8}}){{1,3}}")
# one in running text ends at the shortest last part that something a name may precede follows
# (not at 都, which transliterations hold: 阿布都热合曼)
_DOTTED_NAME_AT = re.compile(f"[{CJK}]{{1,8}}(?:·[{CJK}]{{1,8}}){{0,2}}·[{CJK}]{{2,8}}?(?=(?!都){_AFTER_NAME})")
# a name whose family name the lexicon lacks, read only where nothing but a person can stand:
# between a title and an attendance verb or 主持 (市政府秘书长某某某出席), or in the middle of an
# attendance list, after a listed person (甲，TITLE 某某某，乙出席)
# (up to six characters: names transliterated without a dot, 宝音德力格尔, are as long), or an item
# of a list that reaches such a verb (旗领导甲甲甲甲、乙某某出席)
_ATTENDING = "出席|参加|列席|陪同"
_UNLISTED = f"([{CJK}]{{2,6}}?)"
_UNLISTED_NAME_AT = re.compile(f"{_UNLISTED}(?=(?:应邀|受邀|一同|也|还|均)?等?(?:{_ATTENDING})|主持"
                               # …or before the venue where they attend: 在某县分会场参加会议, 在主席台就座
                               f"|在[^，。；！？]{{1,16}}?会场(?:{_ATTENDING}|收听收看)|在主席台(?:前排)?就座)")
# …and, four characters or more, before the place of a reception or a visit (市长某某某某在市行政中心会见…)
# or leading a delegation (市长某某某某带队慰问…)
_UNLISTED_LONG_VISIT = re.compile(f"([{CJK}]{{4,6}}?)(?=在[^，。；！？]{{1,16}}?(?:会见|会谈|接见|调研|考察)|带队|率队|率领)")
# …and a transliteration of four characters or more before what a titled official does in a
# report's own words (旗长某某某某介绍…), where a shorter phrase may stand (局长简要地介绍)
_ACTING = "介绍|致辞|发言|汇报|通报|宣读|分析"
_SPEAKING = (f"(?:{_ACTING}|作[^，。；]{{0,8}}?(?:讲话|发言|报告|说明)|代表[^，。；、]{{1,20}}?(?:讲话|发言|致辞|作)"
             # 州长某某某某就贯彻落实会议精神提出要求
             f"|就[^，。；]{{1,24}}?(?:提出(?:具体)?要求|作(?:出)?部署))")
_UNLISTED_LONG_AT = re.compile(f"((?:(?!{_ACTING}|作|代表)[{CJK}]){{4,6}}?)(?={_SPEAKING})")
_UNLISTED_IN_LIST = re.compile(f"{_UNLISTED}(?=[，、][^。；！？]{{2,40}}?(?:{_ATTENDING}))")
# …or at the head of a list, when the list's next person follows it
_UNLISTED_AHEAD = re.compile(f"{_UNLISTED}(?=[，、][^。；！？]{{2,120}}?(?:{_ATTENDING}|就座|发言|汇报|讲话|主持|致辞|揭牌|会见))")
_UNLISTED_ITEM = re.compile(f"{_UNLISTED}(?=、|等?(?:{_ATTENDING}))")
_LIST_ITEM3 = re.compile(f"([{CJK}]{{3}})(?=[、，])")
_LABELLED_ITEM = re.compile(f"([{CJK}]{{2,4}}?)(?=[、，]|等|(?:{_ATTENDING}))")
# what no name holds, though a group or a body of people may (班子成员, 各部门负责人)
# (日 and 月 stand in transliterated names: 敖日格乐)
_NOT_IN_UNLISTED = (_BAD_NAME_CHARS - set("日月")) | _HARD_STOP | set("会员长人部门位班组们者处科室镇乡村街区县市省州各全有关企业单位代表干群众奖制况个户")
# …but a transliteration of four characters or more holds these past its first (才让多杰,
# 乌云其木格, 巴图那顺, 阿苦日者, 那仁满都拉), where no phrase between a title and its verb does
_IN_TRANSLITERATION = set("让其那者都")


def _rules_out(cand: str, surnames: Collection[str], listed: bool = False) -> bool:
    """Whether a character of ``cand`` is one no unlisted name holds where it stands (a family
    name may open one of four characters or more, 那仁满都拉, or of three in a list of titled
    people, ``listed``: 市委书记那日苏，市长某某出席)."""
    long = len(cand) >= 4
    return any(ch in _NOT_IN_UNLISTED and not ((long and ch in _IN_TRANSLITERATION) if i
                                               else (long or listed) and ch in surnames)
               for i, ch in enumerate(cand))
# a title for many (部分政协委员, 各县区委书记, 6名市人大代表): whatever follows is no name
# (8位委员: the counter opens the post, its figure not being part of any title)
_MANY = re.compile(r"部分|全体|各级|各|有关|广大|多名|一些|其他|其余|[0-9０-９一二三四五六七八九十]*[名位](?!誉)")
# posts that many hold at once, whatever their role word (a list after one shares it)
_SEATS_OF_MANY = ("常委", "委员", "执行主席", "常务主席", "代表")
# what a person does, right after the name: 和 before one ends a name (那顺孟和主持), not a list
_VERB_AFTER = re.compile(r"(?:主持(?!人)|出席|参加|列席|讲话|强调|指出|表示|介绍|作|致辞|宣读|汇报|在)")
# verbs no title contains, so a title found behind one starts after it
_VERB_IN_TITLE = re.compile(r"会见|接见|会谈|陪同|率领|带领|欢迎|邀请")
# 会议精神/全会精神 is a meeting's, not the person's: 某某就抓好会议精神落实提出要求 is a speaker at work
_MENTION_ONLY_AFTER = re.compile(r"^[^，。；！？]{0,16}?(?:(?<!会议)(?<!全会)(?<!大会)精神|思想|论述|重要讲话|重要指示|批示|指示|部署要求|重要要求|殷殷嘱托|嘱托)")
_MENTION_ONLY_BEFORE = re.compile(r"(?:学习|贯彻|落实|按照|根据|遵循|践行|领会|牢记|对标|遵照|依照|宣传)[^，。；]{0,6}$")
_NATIONAL_AFTER = ("总书记", "总理", "委员长")
# a body of thought or of works named after a leader (the name before it is the person's)
_THOUGHT = re.compile(f"(?=([{CJK}]{{2,3}})(?:新时代中国特色社会主义思想|(?:法治|生态文明|经济|强军|外交|文化)思想"
                      f"|著作选读|著作|文选|谈治国理政))")
# local titles written after a name (…、张某市长、…): only between list boundaries
_LOCAL_AFTER = ("书记", "副书记", "市长", "副市长", "县长", "副县长", "区长", "副区长", "省长", "副省长", "主席", "副主席",
                "主任", "部长", "局长")
LIST_INTRO = re.compile(r"(?:(?:出席|参加|列席)(?:会议|活动|仪式|座谈会)?的(?:领导|嘉宾|人员)?(?:同志)?(?:还)?有"
                        r"|与会(?:领导|人员)有|(?:在主席台)?就座的[^，。：；]{0,20}?有)[：:]?")
_BYLINE_PARENS = re.compile(r"[（(][^（()）]{0,12}(?:记者|通讯员|实习生)[^（()）]{0,40}[）)]")


class PeopleFinder:
    """Finds person mentions in a text with the project's lexicons."""

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.after_name = re.compile(_AFTER_NAME)
        self.role_re = re.compile(alternation(lex.roles))
        self.group_re = re.compile(f"(?:{alternation(lex.group_labels)})")
        self.role_lengths = sorted({len(r) for r in lex.roles}, reverse=True)
        national = "|".join(_NATIONAL_AFTER)
        self.after_title_re = re.compile(f"(?=([{CJK}]{{2,3}})(?:{national}))")
        local = alternation(_LOCAL_AFTER)
        self.local_after_re = re.compile(rf"(?:^|(?<=[、，,；：\s有]))([{CJK}]{{2,3}}?)({local})(?=[、，,；。]|等|和|与|及|同志)")
        # (…and the deputies or members a list ends in: 甲、乙、丙等代表结合各自工作实际踊跃发言)
        self.before_label_re = re.compile(f"等(?:{alternation(lex.group_labels)}|代表|委员)")

    # -- names ---------------------------------------------------------------------------

    def _family(self, name: str) -> str:
        """The family name ``name`` would open with: a compound one (欧阳, 沙马) or its first character."""
        return name[:2] if name[:2] in self.lex.compound_surnames else name[:1]

    def is_name(self, cand: str) -> bool:
        if "·" in cand:  # a transliterated name (阿不都热合曼·吐尔逊): no Han family name to check, but
            # none of the words that make a phrase of it (市长在线·民声留言板)
            # nor a role word (人大常委会副主任某某·某某 read from 常委: 会副主任…)
            return bool(_DOTTED_NAME.fullmatch(cand)) and not any(ch in _HARD_STOP for ch in cand) \
                and not self.role_re.search(cand)
        if cand.startswith(tuple(_NOT_NAMES)):
            return False
        if not (2 <= len(cand) <= 4) or not re.fullmatch(f"[{CJK}]+", cand):
            return False
        if len(cand) == 4 and cand[:2] not in self.lex.compound_surnames:
            return False
        head = self._family(cand)
        if head not in self.lex.surnames and head not in self.lex.compound_surnames:
            return False
        given = cand[len(head):]
        # (向 opens many a given name of two, 荆向东, where after a name it is a preposition: 李明向各位…)
        return not any(ch in _BAD_NAME_CHARS and not (i == 0 and len(given) == 2 and ch in _GIVEN_OPENERS)
                       for i, ch in enumerate(given))

    def _name_before(self, m: re.Match[str]) -> tuple[int, int] | None:
        """``(start, end)`` of the name in ``m``'s group 1 (two or three characters just before
        what ``m`` looked ahead for): all three characters, else the last two."""
        cand = m.group(1)
        if len(cand) == 3 and not self.is_name(cand):
            cand = cand[1:]
        if not self.is_name(cand):
            return None
        return m.end(1) - len(cand), m.end(1)

    def name_at(self, text: str, pos: int, boundaries: Collection[int] = ()) -> int | None:
        """Length of the name starting at ``pos``, judged by what follows it; None if there is none."""
        dotted = _DOTTED_NAME_AT.match(text, pos)
        if dotted and self.is_name(dotted.group(0)):
            return dotted.end() - pos
        fits = [n for n in (2, 3, 4) if self.is_name(text[pos: pos + n]) and self.after_name.match(text, pos + n)
                and not text.startswith("中共", pos + n - 1)]  # 委员和中共…: 和 joins, 中共 is a word
        past_he = pos + max(fits) + 1 if fits and text.startswith("和", pos + max(fits)) else None
        after_he = self.after_name.match(text, past_he) if past_he is not None else None
        if past_he is not None and (_VERB_AFTER.match(text, past_he) or text[past_he: past_he + 1] in ("，", "、", "；", "。")
                                    or (after_he is not None and len(after_he.group(0)) > 1)):
            # 旗委书记那顺孟和主持 / 市长巴图孟和，/ 巴图孟和深入…: 和 joins no one to a verb, a comma
            # or what follows a name, so it ends the name
            return max(fits) + 1
        if fits and text.startswith("都", pos + max(fits)):
            # 副总指挥那仁满都拉通报: 都 inside a transliteration, where a longer reading reaches the verb
            longer = self._unlisted_at(text, pos)
            if longer is not None and longer > max(fits) + 1:
                return longer
        if not fits:
            return self._unlisted_at(text, pos)
        if 4 in fits and text[pos: pos + 2] in self.lex.compound_surnames:
            # 沙马阿各主持: a two-character family name mostly has two after it, unless a verb of two
            # starts at the fourth (县长尉迟兰陪同调研)
            after = self.after_name.match(text, pos + 3)
            return 3 if 3 in fits and after is not None and len(after.group(0)) > 1 else 4
        if len(fits) > 1 and boundaries:
            on_token = [n for n in fits if pos + n in boundaries]
            if len(on_token) == 1:
                return on_token[0]
        if len(fits) > 1 and 3 in fits:
            # a two-character name before a one-character word that could also end a name: prefer
            # the three-character reading unless a longer verb follows the two-character one
            m = self.after_name.match(text, pos + 2)
            if m and len(m.group(0)) >= 2 and pos + 2 in (boundaries or {pos + 2}):
                return 2
            return 3
        return fits[0]

    def _unlisted_at(self, text: str, pos: int) -> int | None:
        """Length of a name the family-name list lacks at ``pos``, read where only a person can
        stand: before an attendance verb or 主持, or, four characters or more, before what an
        official does (介绍, 作…讲话 …)."""
        for pattern in (_UNLISTED_NAME_AT, _UNLISTED_LONG_AT, _UNLISTED_LONG_VISIT):
            n = self._unlisted(pattern, text, pos)
            if n is not None:
                return n
        return None

    def _unlisted(self, pattern: re.Pattern[str], text: str, pos: int) -> int | None:
        """Length of a name the family-name list lacks at ``pos``, read by one of the
        ``_UNLISTED_…`` patterns, unless something rules a name out: a character no name holds, a
        role word (人大常委会主任某某 is no name 会主任某某), or what may follow a name in its place
        (书记亲自主持; one such character only opens a full three: 同某某)."""
        m = pattern.match(text, pos)
        listed = pattern is _UNLISTED_AHEAD or pattern is _UNLISTED_IN_LIST
        if m is None or _rules_out(m.group(1), self.lex.surnames, listed) or self.role_re.search(m.group(1)):
            return None
        after = self.after_name.match(text, pos)
        if after is not None and (len(after.group(0)) > 1 or len(m.group(1)) < 3):
            return None
        return len(m.group(1))

    # -- titles --------------------------------------------------------------------------

    def _prefix_start(self, text: str, role_start: int, floor: int) -> int:
        i = role_start
        while i > floor:
            ch = text[i - 1]
            if ch in "）)":  # a place in a company's name: 某某科技（江苏）有限公司
                opening = max(text.rfind("（", floor, i - 1), text.rfind("(", floor, i - 1))
                if 0 <= opening and i - 1 - opening <= 8 and re.fullmatch(f"[{CJK}]+", text[opening + 1: i - 1]):
                    i = opening
                    continue
            if not re.match(f"[{CJK}·]", ch) or (ch in _HARD_STOP and text[i - 1: i + 1] not in _ORG_WORDS
                                                 and text[i - 2: i] not in _ORG_WORDS):
                break  # (not inside a word of a body's name: 全面从严治党领导小组, 市经济和信息化局, 市数据局)
            if ch in "和与及" and ((text[i: i + 1] in _PLACE_LEVEL and text[i - 2: i + 1] != "共和国")
                                   or text[max(floor, i - 4): i - 1].endswith(("代表", "同志", "负责人"))):
                break  # (…窗口代表和某某公司总经理: the group before 和 is no part of the title)
            i -= 1
        # a long body's name only when the list it stands in bounds it (，斯洛伐克共和国驻华使馆经济商务参赞)
        if role_start - i > (32 if i == floor or text[i - 1] in "，、；：,;:" else 20):
            return role_start
        # 某某在市委会见某集团董事长陈某: the guest's title starts after the verb
        verbs = list(_VERB_IN_TITLE.finditer(text, i, role_start))
        if verbs:
            i = verbs[-1].end()
        lead = _LEAD_STRIP.match(text, i, role_start)
        if lead and lead.end() < role_start:
            i = lead.end()
        elif lead:
            i = role_start
        return i

    def _role_ending(self, text: str, end: int) -> int:
        """Length of the longest role word ending at ``end`` (0 if none): a look-up per length,
        not a scan of the lexicon."""
        return next((n for n in self.role_lengths if n <= end and text[end - n: end] in self.lex.roles), 0)

    def _role_word(self, post: str) -> str:
        """The role word ``post`` ends with (副市长 of 市政府副市长), or ""."""
        return post[len(post) - self._role_ending(post, len(post)):]

    def _title_before(self, text: str, end: int, floor: int) -> tuple[int, str] | None:
        """A title ending exactly at ``end`` (its role word last): ``(start, title)``."""
        n = self._role_ending(text, end)
        if not n:
            return None
        s = self._prefix_start(text, end - n, floor)
        return s, text[s:end]

    # -- the finder ----------------------------------------------------------------------

    def find(self, text: str, boundaries: Collection[int] = (), known: Iterable[str] = (),
             exclude: Iterable[tuple[int, int]] = ()) -> list[Mention]:
        """All person mentions in ``text`` (sorted by position, not overlapping)."""
        return self.with_repeats(text, self.find_titled(text, boundaries, exclude), known, exclude)

    def find_titled(self, text: str, boundaries: Collection[int] = (),
                    exclude: Iterable[tuple[int, int]] = ()) -> list[Mention]:
        """The mentions :meth:`find` makes before bare repeats: titled, titles after, lists.

        The only part that consults ``boundaries``; :meth:`with_repeats` completes it, so a
        caller that learns more names (``known``) redoes only that step.
        """
        blocked = [(m.start(), m.end()) for m in _BYLINE_PARENS.finditer(text)] + list(exclude)
        spans: list[Mention] = []
        add = self._adder(spans, blocked)

        floor = 0
        # unlisted names followed by the next person of their list, kept until that person is found:
        # (name start, name end, title start, posts)
        heads: list[tuple[int, int, int, tuple[str, ...]]] = []
        for m in self.role_re.finditer(text):
            if text.startswith("制", m.end()):
                continue  # 河长制, 田长制工作情况: a system of posts, not a title
            if m.group(0).endswith("主席") and text.startswith(("台", "团"), m.end()):
                continue  # 在主席台前排就座, 大会主席团: the rostrum and the presidium, not a chairman
            n = self.name_at(text, m.end(), boundaries)
            if n == 2 and text[m.end()] in "和与及":
                n = None  # 驻村第一书记和工作队: the title and what follows, no one named 和工
            ahead = None if n is not None else self._unlisted(_UNLISTED_AHEAD, text, m.end())
            if n is None and not spans and ahead is None:
                continue
            s = self._prefix_start(text, m.start(), floor)
            posts = [text[s: m.end()]]
            # chained titles: 副市长、市公安局局长吴某 / 市委常委兼秘书长X
            while s > 1 and text[s - 1] in "、兼，":
                prev = self._title_before(text, s - 1, floor)
                if prev is None or prev[0] >= s - 1:
                    break
                s = prev[0]
                posts.insert(0, prev[1])
            if _MANY.match(posts[0]):
                continue  # 部分政协委员和企业代表: no one person
            if n is None and spans and spans[-1].end == s - 1 and text[s - 1] in "，、":
                n = self._unlisted(_UNLISTED_IN_LIST, text, m.end())
            if n is None:
                if ahead is not None and (s == 0 or text[s - 1] in "，、。；：！？\n"):
                    heads.append((m.end(), m.end() + ahead, s, tuple(p for p in posts if p)))
                continue
            name = text[m.end(): m.end() + n]
            add(Mention(name, m.end(), m.end() + n, s, tuple(p for p in posts if p)))
            floor = m.end() + n

        # an unlisted name at the head of a list is one when the list's next person follows it: a
        # titled one, another such head, or a name sharing its title (副主席甲甲甲甲、乙某某、丙某)
        titled_starts = {p.title_start for p in spans}
        for start, end, title_start, posts in reversed(heads):
            if end + 1 in titled_starts or (text.startswith("、", end) and (
                    self.name_at(text, end + 1, boundaries) or self._list_item3(text, end + 1))):
                add(Mention(text[start:end], start, end, title_start, posts))
                titled_starts.add(title_start)

        for m in self.after_title_re.finditer(text):
            found = self._name_before(m)
            if found is not None:
                start, end = found
                post = next(t for t in _NATIONAL_AFTER if text.startswith(t, end))
                add(Mention(text[start:end], start, end, start, (post,), how="after"))

        # 某某新时代中国特色社会主义思想 / 某某法治思想: a leader named by his thought, with no title
        for m in _THOUGHT.finditer(text):
            found = self._name_before(m)
            if found is not None:
                start, end = found
                add(Mention(text[start:end], start, end, start, (), how="after"))

        for m in self.local_after_re.finditer(text):
            # 常务副市长, 党组书记: the "name" is the front of a longer title
            if self.is_name(m.group(1)) and m.group(1) + m.group(2) not in self.lex.roles \
                    and not any(r.endswith(m.group(1) + m.group(2)) for r in self.lex.roles):
                add(Mention(m.group(1), m.start(1), m.end(1), m.start(1), (m.group(2),), how="after"))

        # lists after group labels, and bare names after a listed person: 市领导A、B，C和TITLE D
        titled_at = {p.title_start: p for p in spans}
        for g in self.group_re.finditer(text):
            self._read_list(text, g.end(), boundaries, titled_at, add, labelled=True)
        for g in LIST_INTRO.finditer(text):
            self._read_list(text, g.end(), boundaries, titled_at, add)
        for g in self.before_label_re.finditer(text):
            self._read_list_backward(text, g.start(), titled_at, add)
        for p in list(spans):
            if text[p.end: p.end + 1] == "、":
                self._read_list(text, p.end + 1, boundaries, titled_at, add, self._shared_post(p))
        return spans

    def with_repeats(self, text: str, titled: list[Mention], known: Iterable[str] = (),
                     exclude: Iterable[tuple[int, int]] = ()) -> list[Mention]:
        """``titled`` (from :meth:`find_titled`, left as it is) with the bare repeats of its names
        and of ``known`` added: every mention, sorted by position."""
        blocked = [(m.start(), m.end()) for m in _BYLINE_PARENS.finditer(text)] + list(exclude)
        spans = list(titled)
        add = self._adder(spans, blocked)
        names = {p.name for p in spans} | set(known)
        if names:
            roles = tuple(self.lex.roles)
            for start, name in _leftmost_longest(text, names):
                end = start + len(name)
                if self.after_name.match(text, end) or text.startswith(roles, end):
                    add(Mention(name, start, end, start, how="bare"))
        refs = self._references(titled)
        for start, ref in _leftmost_longest(text, refs):
            end = start + len(ref)
            if self.after_name.match(text, end):
                add(Mention(refs[ref], start, end, start, how="ref"))
        spans.sort(key=lambda p: p.start)
        for p in spans:
            p.mention_only = self._mention_only(text, p)
        return spans

    def _references(self, titled: list[Mention]) -> dict[str, str]:
        """What names an official by family name and title (嵇书记, 晁县长) → the full name, for the
        titled officials whose family name and role word no other of them shares."""
        refs: dict[str, set[str]] = {}
        for p in titled:
            if p.how != "titled" or len(p.name) < 2 or "·" in p.name:
                continue
            family = self._family(p.name)
            for post in p.posts:
                role = self._role_word(post)
                if role:
                    refs.setdefault(family + role, set()).add(p.name)
        return {ref: next(iter(names)) for ref, names in refs.items() if len(names) == 1}

    @staticmethod
    def _adder(spans: list[Mention], blocked: list[tuple[int, int]]) -> Callable[[Mention], None]:
        """``add(mention)``: appends to ``spans`` unless it overlaps a blocked span or a mention."""
        def add(p: Mention) -> None:
            if any(p.title_start < be and bs < p.end for bs, be in blocked):
                return
            if not any(p.start < q.end and q.start < p.end for q in spans):
                spans.append(p)

        return add

    def _read_list(self, text: str, pos: int, boundaries: Collection[int], titled_at: dict[int, Mention],
                   add: callable, shared: str | None = None, labelled: bool = False) -> None:  # type: ignore[valid-type]
        """Names listed from ``pos``; a bare name right after 、 shares the post ``shared`` of the
        titled name before it (副市长甲、乙 → 乙 is a 副市长 too; see :meth:`_shared_post`); after a
        group's label (``labelled``) see :meth:`_labelled_item`."""
        while pos < len(text):
            if pos in titled_at:
                span = titled_at[pos]
                pos = span.end
                shared = self._shared_post(span)
                if span.how == "after":  # 王某某市长: the title follows the name
                    pos += len(next((t for t in span.posts if text.startswith(t, pos)), ""))
            else:
                n = self.name_at(text, pos, boundaries)
                if n is None:
                    n = self._unlisted(_UNLISTED_ITEM, text, pos)
                if n is None:  # 副县长甲、乙乙乙乙，TITLE 丙参加: the list goes on past a comma
                    n = self._unlisted(_UNLISTED_IN_LIST, text, pos)
                if n is None and text[pos - 1: pos] == "、" and self._list_item3(text, pos):
                    n = 3
                if n is None and labelled:
                    n = self._labelled_item(text, pos)
                if n is None:
                    return
                add(Mention(text[pos: pos + n], pos, pos + n, pos, (shared,) if shared else (), how="list"))
                pos += n
            sep = re.match(r"、|，|,|和|与|及|以及", text[pos: pos + 2])
            if not sep:
                return
            if sep.group(0) != "、":
                shared = None  # 副市长甲，乙: past a comma the title no longer reaches
            pos += len(sep.group(0))

    def _list_item3(self, text: str, pos: int) -> bool:
        """Whether three characters at ``pos``, after a 、 of a list of names and before the next
        separator, are a name whatever their first character (把某某, 其其格)."""
        item = _LIST_ITEM3.match(text, pos)
        # (its last two characters as a transliteration's: 其 stands in 其其格, 了 in no name)
        return bool(item and not any(ch in _NOT_IN_UNLISTED and ch not in _IN_TRANSLITERATION for ch in item.group(1)[1:])
                    and not self.role_re.search(item.group(1)))

    def _labelled_item(self, text: str, pos: int) -> int | None:
        """Length of the name at ``pos`` in a list after a group's label (市领导…), where an item of
        two to four characters opening with a family name is one whatever else it holds (谷丰年, 温以恒)."""
        item = _LABELLED_ITEM.match(text, pos)
        cand = item.group(1) if item else ""
        if cand[:1] in self.lex.surnames and not cand.startswith(tuple(_NOT_NAMES)) and not self.role_re.search(cand) \
                and not any(ch in _NOT_IN_UNLISTED and ch not in "年以" for ch in cand[1:]):
            return len(cand)
        return None

    def _shared_post(self, p: Mention) -> str | None:
        """The post of ``p`` that names listed right after it share: one several people hold at
        once (副市长, 副书记, 市委常委, 市政协委员, 大会执行主席), never a single seat (市长, 书记:
        市长甲、乙 lists two people)."""
        if p.how != "titled" or not p.posts:
            return None
        post = p.posts[-1]
        return post if self._role_word(post).startswith("副") or post.endswith(_SEATS_OF_MANY) else None

    def _read_list_backward(self, text: str, end: int, titled_at: dict[int, Mention],
                            add: callable) -> None:  # type: ignore[valid-type]
        """Names listed before a group label: 甲某、乙某某等市领导参加."""
        titled_end = {p.end: p for p in titled_at.values()}
        pos = end
        while pos > 0:
            if pos in titled_end:
                pos = titled_end[pos].title_start
            else:
                for n in (3, 2, 4):
                    cand = text[max(0, pos - n): pos]
                    before = text[pos - n - 1: pos - n] if pos - n > 0 else ""
                    if self.is_name(cand) and (before == "" or before in "、，,：:；" or not re.match(f"[{CJK}]", before)):
                        add(Mention(cand, pos - n, pos, pos - n, how="list"))
                        pos -= n
                        break
                else:
                    # an item the family-name list lacks, whole between the list's marks (甲、乙、巴图孟和等代表)
                    start = max(text.rfind(mark, 0, pos) for mark in "、，,：:；") + 1
                    cand = text[start:pos]
                    if not (2 <= len(cand) <= 6 and re.fullmatch(f"[{CJK}]+", cand)) \
                            or _rules_out(cand, self.lex.surnames, True) or self.role_re.search(cand):
                        return
                    add(Mention(cand, start, pos, start, how="list"))
                    pos = start
            if text[pos - 1: pos] not in ("、", "，", ","):
                return
            pos -= 1

    def _mention_only(self, text: str, p: Mention) -> bool:
        after = text[p.end: p.end + 24]
        for post in _NATIONAL_AFTER:
            if after.startswith(post):
                after = after[len(post):]
        if _MENTION_ONLY_AFTER.match(after):
            return True
        return bool(_MENTION_ONLY_BEFORE.search(text[max(0, p.title_start - 10): p.title_start])) \
            and any(t in p.posts for t in _NATIONAL_AFTER)


def _leftmost_longest(text: str, words: Iterable[str]) -> Iterator[tuple[int, str]]:
    """``(start, word)`` as ``re.finditer`` of the longest-first alternation of ``words`` finds
    them (leftmost, then longest, not overlapping), without compiling a pattern per word set."""
    hits = sorted((i, -len(w), w) for w in set(words) if w for i in _occurrences(text, w))
    pos = 0
    for i, _, w in hits:
        if i >= pos:
            yield i, w
            pos = i + len(w)


def _occurrences(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)
