"""The rule engines behind the spaCy components: people, meetings, dates, themes."""

from __future__ import annotations

from datetime import date

import pytest

from kg.nlp.dates import day_only, find_dates, on_day, resolve
from kg.nlp.meetings import MeetingFinder
from kg.nlp.people import PeopleFinder
from kg.nlp.themes import ThemeFinder


@pytest.fixture(scope="module")
def people(lexicons):
    return PeopleFinder(lexicons)


def _found(finder, text, **kw):
    return {(p.name, p.posts, p.how) for p in finder.find(text, **kw) if p.how != "bare"}


def test_chained_titles_split_at_dunhao(people):
    found = _found(people, "县委常委、组织部部长钱某某，副县长、县公安局局长孙某参加会议。")
    assert ("钱某某", ("县委常委", "组织部部长"), "titled") in found
    assert ("孙某", ("副县长", "县公安局局长"), "titled") in found


def test_org_prefix_kept_as_written_and_leading_verbs_dropped(people):
    found = _found(people, "会议为某某科技集团有限公司首席质量官周某某颁奖，省农业农村厅副厅长吴某某出席。")
    assert ("周某某", ("某某科技集团有限公司首席质量官",), "titled") in found
    assert ("吴某某", ("省农业农村厅副厅长",), "titled") in found


def test_name_length_from_what_follows(people):
    assert {p.name for p in people.find("县长冯建设提出要求。副县长包平主持会议。")} == {"冯建设", "包平"}


def test_an_unlisted_family_name_in_an_attendance_list(people):
    # 閤 is in no family-name list: read only between a title and an attendance verb, or after a
    # listed person in the middle of an attendance list, so the list keeps every member
    found = _found(people, "县长钱某，县委常委、常务副县长閤某某，副县长孙某某出席会议。")
    assert {("钱某", ("县长",), "titled"), ("閤某某", ("县委常委", "常务副县长"), "titled"),
            ("孙某某", ("副县长",), "titled")} <= found
    assert ("閤某某", ("县政府秘书长",), "titled") in _found(people, "县政府秘书长閤某某出席会议。")
    assert ("閤某某", ("县政协主席",), "titled") in _found(people, "县政协主席閤某某主持并讲话。")
    # what may follow a name is no name: 书记亲自主持
    assert _found(people, "县委书记亲自主持会议。") == set()
    # elsewhere the characters after a title are no name
    assert {p.name for p in people.find("会议为获得市长质量奖，副市长孙某某出席。")} == {"孙某某"}
    assert {p.name for p in people.find("副市长閤某某讲话。")} == set()


@pytest.mark.parametrize("text,expected", [
    # a transliterated name without a dot, before an attendance verb and as a list item
    ("旗委书记、旗委巡察工作领导小组组长宝音德力格尔出席会议。",
     {("宝音德力格尔", ("旗委书记", "旗委巡察工作领导小组组长"), "titled")}),
    ("旗领导敖日格乐、赵某某、隗某某出席会议。",
     {("敖日格乐", (), "list"), ("赵某某", (), "list"), ("隗某某", (), "list")}),
    # 会 stands in names (石会林), 都 in transliterations (阿布都热合曼)
    ("县政府办公室主任石会林出席会议。", {("石会林", ("县政府办公室主任",), "titled")}),
    ("副州长帕丽达·阿布都热合曼，州政府秘书长冯某某参加慰问。",
     {("帕丽达·阿布都热合曼", ("副州长",), "titled"), ("冯某某", ("州政府秘书长",), "titled")}),
    # a dotted name holds no role word: the title is read from 副主任, not from 常委
    ("州人大常委会副主任艾尔肯·吐尔逊出席。", {("艾尔肯·吐尔逊", ("州人大常委会副主任",), "titled")}),
    # a body's name may hold a character that elsewhere ends a title (数据, 经济, 对外, 共和国)
    ("市政务服务和数据管理局局长詹某出席。", {("詹某", ("市政务服务和数据管理局局长",), "titled")}),
    ("市经济和信息化局局长王某某出席。", {("王某某", ("市经济和信息化局局长",), "titled")}),
    ("市人民对外友好协会会长王某某出席。", {("王某某", ("市人民对外友好协会会长",), "titled")}),
    ("副市长端木某，某某共和国驻华使馆经济商务参赞卡塔琳娜·诺瓦科娃参加会见。",
     {("端木某", ("副市长",), "titled"), ("卡塔琳娜·诺瓦科娃", ("某某共和国驻华使馆经济商务参赞",), "titled")}),
    # titles chained across a comma, when no name comes between
    ("旗委常委、纪委书记、监委主任，旗委巡察工作领导小组副组长侯某某提出要求。",
     {("侯某某", ("旗委常委", "纪委书记", "监委主任", "旗委巡察工作领导小组副组长"), "titled")}),
    ("市人大代表金某某先后发言。", {("金某某", ("市人大代表",), "titled")}),
    ("某某食品有限公司执行董事洪某某先后发言。", {("洪某某", ("某某食品有限公司执行董事",), "titled")}),
    # a place in a company's name; 签订 after a name
    ("某某科技（江苏）有限公司董事长庞某某签订了投资协议。",
     {("庞某某", ("某某科技（江苏）有限公司董事长",), "titled")}),
    # an unlisted name at the head of a list, when the list's next person follows it
    ("州委副书记、州长吉克伍呷，州委常委、常务副州长杜某某，副州长沙马阿果陪同督导。",
     {("吉克伍呷", ("州委副书记", "州长"), "titled"), ("杜某某", ("州委常委", "常务副州长"), "titled"),
      ("沙马阿果", ("副州长",), "titled")}),
    # one character that may follow a name opens a full name of three (同 is a family name too)
    ("县人大常委会主任孙某某，县政协主席同振西出席会议。", {("同振西", ("县政协主席",), "titled")}),
    ("会议听取了规划建设局局长卜某某关于厂房建设进度的汇报。", {("卜某某", ("规划建设局局长",), "titled")}),
])
def test_names_and_titles_of_other_regions(people, text, expected):
    assert expected <= _found(people, text)


def test_groups_and_bodies_are_not_names(people):
    assert _found(people, "县领导班子成员、各乡镇主要负责人参加会议。") == set()
    assert _found(people, "县长助理出席会议。") == set()
    assert {p.name for p in people.find("获得市长质量奖，副市长孙某某出席。")} == {"孙某某"}
    assert _found(people, "县长陪同参加。") == set()
    assert {p.name for p in people.find("部分政协委员和企业代表提出意见建议。")} == set()
    assert {p.name for p in people.find("市人大常委会主任祁某某主持会议。")} == {"祁某某"}


def test_secretary_general_before_surname_jiang(people):
    # 秘书长 + 江…: the title is 秘书长, not 秘书 + 长江
    assert ("江涛", ("县政府秘书长",), "titled") in _found(people, "县政府秘书长江涛参加会议。")


def test_group_label_lists_are_people_without_posts(people):
    found = _found(people, "县领导钱某、孙某某，吴某和县总工会主席郑某某参加活动。")
    assert {("钱某", (), "list"), ("孙某某", (), "list"), ("吴某", (), "list"),
            ("郑某某", ("县总工会主席",), "titled")} <= found
    assert not any(p[1] == ("县领导",) for p in found)  # a group label is not a post


def test_national_title_after_name_is_mention_only(people):
    spans = people.find("深入学习贯彻邓某某总书记重要讲话精神。")
    assert [(p.name, p.posts, p.mention_only) for p in spans] == [("邓某某", ("总书记",), True)]


def test_private_citizens_are_not_people(people):
    assert people.find("市民付先生反映道路裂缝，革命伤残军人华老伯来信。") == []


def test_bare_repeats_of_known_names(people):
    spans = people.find("钱某某强调，要抓好落实。", known={"钱某某"})
    assert [(p.name, p.how) for p in spans] == [("钱某某", "bare")]


def test_meeting_names_and_kinds(lexicons):
    mf = MeetingFinder(lexicons)
    found = {(m.name, m.kind, m.ordinal) for m in mf.find(
        "县委书记王某主持召开县委常委会第12次会议，研究工作。全县防汛工作视频调度会在县行政中心举行。")}
    assert ("县委常委会第12次会议", "standing-committee-meeting", 12) in found
    assert ("全县防汛工作视频调度会", "video-conference", None) in found


@pytest.mark.parametrize("text, name, kind", [
    ("2月26日晚，某县第十一批援疆干部人才欢迎会召开。", "某县第十一批援疆干部人才欢迎会", "ceremony"),
    ("4月17日，我市举行2023年第一季度重点项目观摩拉练活动。", "2023年第一季度重点项目观摩拉练活动", "analysis-meeting"),
    ("6月20日，全市防汛工作会商会召开。", "全市防汛工作会商会", "analysis-meeting"),
    ("日前，全县安全生产集体约谈会召开。", "全县安全生产集体约谈会", "meeting"),
])
def test_meetings_of_everyday_kinds(lexicons, text: str, name: str, kind: str) -> None:
    assert (name, kind) in {(m.name, m.kind) for m in MeetingFinder(lexicons).find(text)}


def test_follow_up_meeting_is_not_swallowed_by_the_first(lexicons):
    names = [m.name for m in MeetingFinder(lexicons).find("县长在分会场参加会议并召开续会，县领导参加。")]
    assert "续会" in names and not any("并召开" in n for n in names)


@pytest.mark.parametrize("text,published,expected", [
    ("2023年12月30日上午", None, ("2023-12-30", "stated")),
    ("4月27日", None, ("--04-27", "no-year")),
    ("4月27日", date(2023, 5, 1), ("2023-04-27", "publication")),
    ("12月30日", date(2024, 1, 2), ("2023-12-30", "publication")),
    # a page of several reports dated by one of them: a day soon after it is of its year
    ("8月16日", date(2023, 8, 15), ("2023-08-16", "publication")),
    ("10月16日", date(2023, 8, 15), ("2022-10-16", "publication")),
    ("昨天", date(2024, 1, 2), ("2024-01-01", "relative")),
    ("近日", date(2024, 1, 2), (None, None)),
    ("二〇二三年十二月三十日", None, ("2023-12-30", "stated")),
])
def test_dates_take_a_year_only_from_evidence(text, published, expected):
    assert resolve(find_dates(text)[0], published) == expected


@pytest.mark.parametrize("text,day", [
    ("7日下午，观摩点评会召开", 7), ("本报讯 七日上午，全县大会召开", 7), ("二十三日召开", 23), ("十日，", 10),
    ("3月7日下午", None), ("三月七日下午", None), ("七日内完成整改", None), ("2024年", None),
])
def test_a_day_written_alone(text, day):
    assert day_only(text) == day


@pytest.mark.parametrize("day,reference,expected", [
    (7, "2024-03-06", ("2024-03-07", None)),  # the dateline's month (3月6日至7日)
    (7, "--03-06", ("--03-07", None)),
    (31, "2024-04-02", (None, None)),  # no 31 April
    (7, date(2024, 11, 8), ("2024-11-07", "publication")),
    (28, date(2024, 3, 2), ("2024-02-28", "publication")),  # a day after publication is last month's
    (30, date(2024, 1, 3), ("2023-12-30", "publication")),
])
def test_a_day_alone_takes_its_month_from_the_dateline_or_the_paper(day, reference, expected):
    assert on_day(day, reference) == expected


def test_themes_from_topic_lists_beat_passing_mentions(lexicons):
    tf = ThemeFinder(lexicons)
    label = {iri: t.label for iri, t in lexicons.themes.items()}
    ranked = [label[i] for i in tf.rank([("会议研究部署安全生产、乡村振兴等工作。", 1.5, []),
                                         ("近年来，县里体育事业发展较快。", 1.0, [])])]
    assert ranked[:2] == ["安全生产", "乡村振兴"] and "体育" not in ranked


def test_theme_words_inside_titles_and_book_names_do_not_count(lexicons):
    tf = ThemeFinder(lexicons)
    assert tf.find("审议《关于乡村振兴的实施意见》", []) == []


def test_discovered_themes_are_quoted_numbered_programmes(lexicons):
    assert ThemeFinder(lexicons).candidates("坚定深化“三转一提”行动，以“四敢”担当推进") == ["“三转一提”行动", "“四敢”担当"]


def test_titles_after_names_but_not_title_fragments(people):
    found = _found(people, "会上，常务副市长、党组书记等作了发言；出席的有冯某某市长、周某等。")
    assert ("冯某某", ("市长",), "after") in found
    assert not any(name in ("常务", "党组") for name, _, _ in found)


@pytest.mark.parametrize("text, listed, post", [
    ("副市长黄某明、张某参加会议。", "张某", ("副市长",)),  # 副市长甲、乙: both vice mayors
    ("出席会议的还有区委常委冉某栋、卜某。", "卜某", ("区委常委",)),
    ("市长林某强、张某出席。", "张某", ()),  # a single seat is not shared
    ("副市长黄某明，张某参加会议。", "张某", ()),  # past a comma the title no longer reaches
])
def test_a_shared_title_reaches_the_names_listed_after_it(people, text: str, listed: str, post: tuple) -> None:
    posts = {p[1] for p in _found(people, text) if p[0] == listed}
    assert posts == {post} if post else not any(posts)


@pytest.mark.parametrize("text", ["市长陈某军3月2日主持召开市政府党组会议。", "市委书记赵某平9月3日上午主持召开常委会会议。",
                                  "副市长李某华昨天下午出席活动。"])
def test_a_date_between_name_and_verb(people, text: str) -> None:
    assert len(people.find(text)) == 1 and people.find(text)[0].posts


def test_a_leader_named_by_his_thought_is_mentioned_only(people):
    found = people.find("会议要求，要深入学习贯彻邓某某法治思想，坚持以邓某某新时代中国特色社会主义思想为指导。")
    assert {(p.name, p.posts, p.mention_only) for p in found} == {("邓某某", (), True)}


def test_a_guest_title_starts_after_the_verb_before_it(people):
    found = _found(people, "市委书记易某某在市委会见某某集团董事长陈某某一行。")
    assert ("陈某某", ("某某集团董事长",), "titled") in found


def test_a_meeting_called_after_a_verb_with_de(lexicons):
    spans = MeetingFinder(lexicons).find("在随后召开的座谈会上，郝某某听取了工作汇报。")
    assert [s.name for s in spans] == ["座谈会"]


@pytest.mark.parametrize("text, name, ordinal", [
    ("县委常委会召开第48次会议，研究近期工作。", "县委常委会第48次会议", 48),
    ("市十七届人大常委会第十二次会议举行第一次全体会议。", "市十七届人大常委会第十二次会议第一次全体会议", 12),
])
def test_a_body_that_holds_its_numbered_session_is_one_meeting(lexicons, text, name, ordinal):
    spans = MeetingFinder(lexicons).find(text)
    assert [(s.name, s.how, s.ordinal) for s in spans] == [(name, "intro", ordinal)]


def test_a_title_may_hold_congyan(people):
    found = _found(people, "市委书记、市委全面从严治党领导小组组长封某某出席会议并讲话。")
    assert ("封某某", ("市委书记", "市委全面从严治党领导小组组长"), "titled") in found


def test_transliterated_names_joined_by_a_dot(people):
    found = people.find("市长阿不都热合曼·吐尔逊主持召开会议。阿不都热合曼·吐尔逊强调，要抓好落实。")
    assert [(p.name, p.posts) for p in found] == [("阿不都热合曼·吐尔逊", ("市长",)), ("阿不都热合曼·吐尔逊", ())]
    assert people.find("“市长在线·民声留言板”收到群众留言。") == []  # a phrase with a dot is no name


def test_a_theory_study_group_names_its_session(lexicons):
    spans = MeetingFinder(lexicons).find("10月12日，县委理论学习中心组（扩大）学习会召开，专题学习《某某著作选读》。")
    assert [s.name for s in spans] == ["县委理论学习中心组（扩大）学习会"]


def test_a_meeting_held_by_video(lexicons):
    spans = MeetingFinder(lexicons).find("2月18日，全省优化营商环境大会以视频形式召开。")
    assert [(s.name, s.how) for s in spans] == [("全省优化营商环境大会", "subject")]


@pytest.mark.parametrize("text, expected", [
    # chief stewards of forests, rivers and farmland: posts held beside a leader's own
    ("市委副书记、市长、市总林长钱某某主持会议。", ("钱某某", ("市委副书记", "市长", "市总林长"))),
    ("市委常委、副市长、市副总河长钱某宣读通报。", ("钱某", ("市委常委", "副市长", "市副总河长"))),
    # transliterated names without a family name: Tibetan (才让…), Mongolian (…其木格, …孟和)
    ("县委副书记、县长才让多杰主持召开县长办公会议。", ("才让多杰", ("县委副书记", "县长"))),
    ("旗委副书记、旗长乌云其木格介绍了全旗经济社会发展情况。", ("乌云其木格", ("旗委副书记", "旗长"))),
    ("会后，旗委书记那顺孟和主持召开旗委常委会会议。", ("那顺孟和", ("旗委书记",))),
    # 以 after a name; 反馈 after a name; an assistant to a prefecture head
    ("区委书记钱某某、区长孙某某以“办事人”身份体验办事流程。", ("孙某某", ("区长",))),
    ("县委第三巡察组组长李某某反馈巡察情况。", ("李某某", ("县委第三巡察组组长",))),
    ("州长助理周某某出席会议。", ("周某某", ("州长助理",))),
    # a transliteration that opens with a family name, or holds 都 (那仁满都拉), before a verb
    ("旗委常委、副旗长那仁满都拉通报了情况。", ("那仁满都拉", ("旗委常委", "副旗长"))),
    ("州委常委、统战部部长吉伍木呷应邀出席。", ("吉伍木呷", ("州委常委", "统战部部长"))),  # 应邀 is no part of it
    ("州政协党组书记、主席阿苦日者作开班动员讲话。", ("阿苦日者", ("州政协党组书记", "主席"))),
    ("工作队队员白玛央宗代表第十二批驻村工作队员作表态发言。", ("白玛央宗", ("工作队队员",))),
    ("地委副书记、行署专员买买提江·吐尔逊参加会见。", ("买买提江·吐尔逊", ("地委副书记", "行署专员"))),
    ("县政协主席贠某某参加会议。", ("贠某某", ("县政协主席",))),
    ("副市长阿依古丽·买买提出席会议并讲话。", ("阿依古丽·买买提", ("副市长",))),  # 提出席 is no 提出
    ("县委副书记、县长泽仁多吉，副县长罗布次仁在某县分会场参加会议。", ("罗布次仁", ("副县长",))),
    ("县委副书记、县长泽仁多吉，副县长罗布次仁在某县分会场参加会议。", ("泽仁多吉", ("县委副书记", "县长"))),
    ("区人大代表区某某建议加快推进老旧小区改造。", ("区某某", ("区人大代表",))),
    # Yi names: a two-character family name, then two, before a character that may follow a name
    ("乡党委书记沙马阿各主持会议并讲话。", ("沙马阿各", ("乡党委书记",))),
    ("县应急管理局局长阿苏拉则到会督导并讲话。", ("阿苏拉则", ("县应急管理局局长",))),
    ("乡党委副书记、乡长吉克曲布对相关工作作具体安排。", ("吉克曲布", ("乡党委副书记", "乡长"))),
    # a Mongolian name opening with a family name that is also a word (那), in a list of titled people
    ("自治区某厅副厅长宝音，市委书记那日苏，市委副书记、市长乌云其木格出席开幕式。", ("那日苏", ("市委书记",))),
    ("自治区某厅副厅长宝音，市委书记那日苏，市委副书记、市长乌云其木格出席开幕式。", ("宝音", ("自治区某厅副厅长",))),
    ("市委书记在市行政中心会见了以董事长、总裁萧某某为团长的考察团一行。", ("萧某某", ("董事长", "总裁"))),
    # a family name of Dai names (岩), a guest going with a delegation, a founder
    ("勐某县委书记岩罕嫩作表态发言。", ("岩罕嫩", ("勐某县委书记",))),
    ("某控股集团有限公司董事长皇甫川随团考察并参加会见。", ("皇甫川", ("某控股集团有限公司董事长",))),
    ("某电商有限公司创始人伍思敏作交流发言。", ("伍思敏", ("某电商有限公司创始人",))),
    # 向 opening a given name of two (a preposition after a name: 李明向各位…)
    ("副市长、市公安局局长荆向东在主会场参加会议。", ("荆向东", ("副市长", "市公安局局长"))),
    ("市长李明向各位来宾表示欢迎。", ("李明", ("市长",))),
    # Mongolian names of five or six characters: a 苏木 head, before where a reception took place, at
    # the head of a list before a ceremony
    ("苏木党委副书记、苏木达乌云格日勒通报了情况。", ("乌云格日勒", ("苏木党委副书记", "苏木达"))),
    ("市委书记巴特尔，市委副书记、市长宝音德力格尔在市行政中心会见了考察团一行。", ("宝音德力格尔", ("市委副书记", "市长"))),
    ("某大学党委副书记、校长额尔敦毕力格，市委书记巴特尔共同为研究院揭牌。", ("额尔敦毕力格", ("某大学党委副书记", "校长"))),
    ("本报讯2月4日，市委副书记、市长乌兰图雅带队慰问环卫工人。", ("乌兰图雅", ("市委副书记", "市长"))),
    # 和 before a comma ends a name; a verb of two at the fourth character ends a compound-surname name
    ("市委副书记、市长巴图孟和，市委常委、常务副市长邬某某等出席会议。", ("巴图孟和", ("市委副书记", "市长"))),
    ("临川县委书记葛某某、县长尉迟兰陪同调研。", ("尉迟兰", ("县长",))),
    ("7月18日，旗委书记巴图孟和深入旗工业园区调研。", ("巴图孟和", ("旗委书记",))),  # 和 before what follows a name
    # experts invited to speak; the head of a section (股); talking on the move
    ("会议特邀省委党校经济学教研部教授黎某某作专题辅导报告。", ("黎某某", ("省委党校经济学教研部教授",))),
    ("据县发展和改革局价格监测股股长上官敏介绍，本周菜价稳中有降。", ("上官敏", ("县发展和改革局价格监测股股长",))),
    ("与某电子董事长饶某某边走边谈。", ("饶某某", ("某电子董事长",))),
    ("与某公司董事长沈某某、总经理邝永胜座谈。", ("邝永胜", ("总经理",))),
    ("来到市人大代表、团结村党总支书记巫建林家中。", ("巫建林", ("市人大代表", "团结村党总支书记"))),
])
def test_titles_and_names_of_other_regions(people, text, expected):
    assert expected in {(p.name, p.posts) for p in people.find(text)}


@pytest.mark.parametrize("text", [
    "会议听取了耕地保护田长制工作情况汇报。",  # 田长制 is a system of posts, not a title
    "各级林长要履职尽责。",
    "会议传达学习了总书记系列重要讲话精神。",  # not a name before 讲话
    "主任具体介绍了有关情况。",  # two characters before 介绍 are no transliteration
    "副总河长乙某宣读通报。",  # nor four that hold the verb
    "1月26日，某县委常委班子召开专题民主生活会。",  # a body's team, not a name (班 is a family name)
    "某某指出，人大代表和政协委员来自各行各业。",  # what follows a group's label: no list of names
    "昨天是市级领导信访接待日。",
    "大会执行主席在主席台前排就座。",  # the rostrum, not a chairman (台 is a family name)
])
def test_no_name_where_a_phrase_stands(people, text):
    assert [p.name for p in people.find(text)] == []


def test_an_unlisted_name_in_a_shared_title_list_before_a_comma(people):
    found = _found(people, "县委常委、常务副县长钱某某，副县长卓玛措、索南扎西，县政府党组成员郑某参加会议。")
    assert ("索南扎西", ("副县长",), "list") in found



def test_a_name_opening_with_a_word_as_a_list_s_item(people):
    # 其其格: 其 opens no Han name, but a list of names holds it after 、
    found = {p.name for p in people.find("副市长韦某某、聂某某、其其格，市政府秘书长岳某某出席会议。")}
    assert {"韦某某", "聂某某", "其其格", "岳某某"} <= found
    found = {p.name for p in people.find("市政府党组成员莫日根、其其格、甘某某出席会议。")}
    assert {"莫日根", "其其格", "甘某某"} <= found
    assert "研究了" not in {p.name for p in people.find("副市长韦某某、研究了，市长出席会议。")}


def test_an_unlisted_head_of_a_list_sharing_its_title(people):
    found = {(p.name, p.posts) for p in people.find("州政协副主席沙玛石布、王兰英、苏岚，州政协秘书长俄底布哈出席开班式。")}
    assert {("沙玛石布", ("州政协副主席",)), ("王兰英", ("州政协副主席",)), ("苏岚", ("州政协副主席",))} <= found


def test_representatives_are_no_name(people):
    assert "个体工商户" not in {p.name for p in people.find("县政协委员郝某某和个体工商户代表、快递企业代表先后发言。")}


def test_a_name_between_two_dunhao_of_a_list_whatever_its_first_character(people):
    assert [p.name for p in people.find("县领导脱某某、把某某、妥某某陪同考察。")] == ["脱某某", "把某某", "妥某某"]
    assert "把关口" not in {p.name for p in people.find("市领导张某、李某、把关口、做好事参加。")}



def test_he_before_zhonggong_is_no_name(people):
    assert people.find("选举产生了中共某镇第十五届委员会委员和中共某镇第十五届纪律检查委员会委员。") == []
