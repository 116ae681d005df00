"""Splitting files into articles: markers, bylines, headlines before or after bodies."""

from __future__ import annotations

import pytest

from kg.articles import reporters_of, split_articles
from kg.normalize import normalize
from kg.records import SourceDoc


def _split(text: str):
    doc = SourceDoc("x.txt", "x.txt", text, "utf-8")
    return split_articles(doc, normalize(text))


def test_headline_after_body_goes_with_its_body():
    text = ("本报讯 3月2日，县委书记王某某主持召开全县项目建设推进会，部署重点工作。（记者 甲乙丙）\n\n"
            "王某某在全县项目建设推进会上强调\n\n抓项目促发展\n\n"
            "本报讯 3月3日，县长赵某某来到某镇接待来访群众。（丁戊）\n\n赵某某接待来访群众")
    arts = _split(text)
    assert [a.index for a in arts] == [1, 2]
    assert "项目建设推进会" in arts[0].headline and arts[1].headline == "赵某某接待来访群众"
    assert arts[0].reporters == ["甲乙丙"] and arts[1].reporters == ["丁戊"]
    assert "（" not in arts[0].body[-3:]  # the byline is not body text


def test_headline_before_body_and_stray_column_name():
    text = "某某副刊\n本报讯 5月1日，县委召开会议。（甲乙）\n县长调研安全生产\n本报讯 5月2日，县长赵某某调研安全生产。（丙丁）"
    arts = _split(text)
    assert len(arts) == 2 and arts[1].headline == "县长调研安全生产"


def test_page_without_marker_is_one_article_with_its_page_headline():
    text = "全县安全生产推进会召开\n发布时间:2024-03-02  来源:某县日报\n3月1日，县委召开全县安全生产推进会。"
    arts = _split(text)
    assert len(arts) == 1
    assert arts[0].headline == "全县安全生产推进会召开" and str(arts[0].published) == "2024-03-02"
    assert arts[0].body.startswith("3月1日")


def test_reporters_of_bylines():
    assert reporters_of("本报记者 李某某 通讯员 王某") == ["李某某", "王某"]
    assert reporters_of("甲乙丙、丁戊") == ["甲乙丙", "丁戊"]
    assert reporters_of("讨论稿") == []


@pytest.mark.parametrize("text", [
    "本报讯 记者 王建华 刘晓东 报道 3月5日上午，市委常委会召开会议，市委书记孙立新主持会议。\n",
    "市政府召开常务会议\n本报记者 王建华 刘晓东\n3月5日上午，市政府召开第十二次常务会议，市长孙立新主持会议。\n",
    "本报记者 王建华 通讯员 刘晓东\n3月5日上午，市政府召开第十二次常务会议，市长孙立新主持会议。\n",
    "本报讯 3月5日上午，市政府召开第十二次常务会议，市长孙立新主持会议。（记者 王建华 刘晓东）\n",
])
def test_bylines_with_names_separated_by_spaces(text: str) -> None:
    """Unbracketed bylines (a line of their own, or 记者 … 报道 in the lead) give each name, not one string."""
    from kg.normalize import normalize
    from kg.records import SourceDoc

    doc = SourceDoc("x", "x.txt", text, "utf-8")
    articles = split_articles(doc, normalize(doc.text, None, None))
    assert [a.reporters for a in articles] == [["王建华", "刘晓东"]]
    assert "王建华" not in (articles[0].headline or "")  # the byline is not taken for a headline
    assert "孙立新主持会议" in articles[0].body


def test_file_without_datelines_splits_at_a_dated_lead_after_a_headline():
    """Two stories, each headline after its body, no 本报讯: the second story opens with its date."""
    text = ("2月20日，全区优化营商环境大会召开。区委书记丁某某出席会议并讲话，区长温某某主持会议。\n"
            "会上，区发展改革局作了交流发言。\n"
            "全区优化营商环境大会召开\n"
            "2月21日，区长温某某带队到辖区重点企业调研，实地察看项目建设进展情况。副区长付某某陪同调研。\n"
            "温某某指出，要强化要素保障，全力推动项目早开工。\n"
            "区长温某某调研重点项目建设\n")
    arts = _split(text)
    assert [a.headline for a in arts] == ["全区优化营商环境大会召开", "区长温某某调研重点项目建设"]
    assert arts[0].body.endswith("作了交流发言。") and arts[1].body.startswith("2月21日")


def test_a_section_heading_inside_a_story_does_not_split_it():
    text = ("3月1日，县委召开全县安全生产工作会议，县委书记钱某某主持会议并讲话。\n"
            "一、压实安全生产责任\n"
            "3月2日，县安委办召开专题会议，部署隐患排查整治。\n"
            "会议强调，要抓好隐患排查整治。\n")
    assert len(_split(text)) == 1


def test_byline_in_a_file_without_datelines_needs_its_role_word():
    story = "4月6日上午，市长孟某某主持召开市政府常务会议，研究城市更新工作。\n副市长蔡某某出席会议。\n"
    assert _split(story + "（记者 邵某）\n")[0].reporters == ["邵某"]
    assert _split(story + "（孟某某）\n")[0].reporters == []


def test_a_bulleted_byline_line():
    arts = _split("■本报记者 祝某某\n\n11月20日，县委常委会召开第48次会议。县委书记花某某主持会议。\n")
    assert [a.reporters for a in arts] == [["祝某某"]]


def test_a_text_and_photo_credit_line():
    arts = _split("文/图 本报记者 冀某某\n\n本报讯 4月9日，市长龚某某赴开发区检查安全生产工作。\n")
    assert [a.reporters for a in arts] == [["冀某某"]]


def test_a_transliterated_reporter_name():
    arts = _split("本报讯（记者 阿依古丽·买买提）8月3日，市长张某某主持召开市政府专题会议。")
    assert arts[0].reporters == ["阿依古丽·买买提"]


def test_transliterated_names_in_a_closing_byline():
    arts = _split("本报讯 8月3日，市长张某某主持召开市政府专题会议。\n（记者 马某某 阿依努尔·艾山 通讯员 帕提古丽·热西提）")
    assert arts[0].reporters == ["马某某", "阿依努尔·艾山", "帕提古丽·热西提"]


def test_a_dateline_and_its_byline_on_a_line_of_their_own_open_the_body():
    # a newspaper column: 本报讯（记者…） alone, the story on the lines below it
    column = ("3月7日，市长丙某某主持召开市政府第二十六次常务会议，传达学习全国两会精神，研究优化营商环境、"
              "春季农业生产等工作。会议强调，营商环境就是生产力、竞争力，各部门要对照评价中暴露的短板弱项，逐项制定整改措施。")
    lines = "\n".join(column[i: i + 14] for i in range(0, len(column), 14))
    arts = _split("某川日报\n要闻 A2\n\n本报讯（记者 甲某某 乙某某）\n" + lines)
    assert len(arts) == 1
    assert arts[0].body.startswith("本报讯") and "会议强调" in arts[0].body
    assert arts[0].reporters == ["甲某某", "乙某某"]


@pytest.mark.parametrize("text, openings, reporters", [
    # a story without a dateline after stories with one
    ("本报讯（记者甲某某）27日，市政协常委会会议召开。市政协主席乙某某主持会议。\n"
     "市政协常委会举行第九次会议\n\n芦湾镇召开人居环境整治推进会\n"
     "近日，芦湾镇召开人居环境整治推进会。镇党委书记丙某某主持会议并讲话。（通讯员丁某某）",
     ["本报讯（记者", "近日，芦湾镇"], [["甲某某"], ["丁某某"]]),
    # a story opened by its byline and then its date
    ("某市常委会召开会议\n（某江日报全媒体记者 甲某某 乙某某）8月14日，市委书记丙某某主持召开市委常委会会议。\n"
     "市政府召开常务会议\n本报讯 8月16日，市长丁某某主持召开市政府常务会议。",
     ["（某江日报全媒体", "本报讯8月16日"], [["甲某某", "乙某某"], []]),
])
def test_stories_a_page_of_datelines_opens_otherwise(text: str, openings: list[str], reporters: list[list[str]]) -> None:
    arts = _split(text)
    assert [a.body[: len(o)] for a, o in zip(arts, openings)] == openings and len(arts) == len(openings)
    assert [a.reporters for a in arts] == reporters


def test_items_of_a_digest_numbered_or_bulleted():
    numbered = _split("一周要闻\n1. 3月25日，市长甲某某主持召开市政府常务会议。（记者乙某某）\n市政府召开常务会议\n"
                      "2. 3月27日，全省防汛工作电视电话会议召开。副市长丙某某在分会场参加会议。\n我市收听收看全省防汛工作会议")
    assert [a.body[:9] for a in numbered] == ["1. 3月25日，", "2. 3月27日，"]
    assert numbered[0].reporters == ["乙某某"] and numbered[1].headline == "我市收听收看全省防汛工作会议"
    bulleted = _split("■ 甲某某走访慰问困难群众\n本报讯2月5日，市委书记甲某某走访慰问困难群众。（通讯员丁某某）\n"
                      "■ 本报讯2月3日，市人大常委会主任乙某某走访慰问驻地部队官兵。（通讯员戊某某）")
    assert len(bulleted) == 2 and bulleted[1].reporters == ["戊某某"]


def test_a_byline_naming_its_outlet_closes_the_body_and_is_no_dateline():
    # 通讯员 holds 讯: a closing byline with a 通讯员 is not a dateline that opens an article
    text = ("全市科技创新大会召开\n来源：某某日报　　发布时间：2024-04-24 08:45\n"
            "4月23日，全市科技创新大会召开。市委书记甲某某出席并讲话。\n甲某某强调，要强化企业科技创新主体地位。\n"
            "（某某日报全媒体记者 乙某某　通讯员 丙某）\n")
    arts = _split(text)
    assert len(arts) == 1
    assert arts[0].headline == "全市科技创新大会召开" and arts[0].body.startswith("4月23日")
    assert arts[0].reporters == ["乙某某", "丙某"]


def test_a_lead_byline_naming_its_outlet():
    arts = _split("本报讯（某某县融媒体中心记者 甲某某）3月2日，县委召开常委会会议。")
    assert arts[0].reporters == ["甲某某"]


def test_a_byline_line_naming_its_outlet():
    arts = _split("市人代会隆重开幕\n某某日报全媒体记者 甲某某 乙某某\n2024年1月8日上午，市人代会开幕。市长孙某某作政府工作报告。")
    assert arts[0].reporters == ["甲某某", "乙某某"] and arts[0].headline == "市人代会隆重开幕"


def test_a_unit_credit_closes_a_body():
    text = ("本报讯 11月15日上午，某巡察组反馈会召开。县委常委、县纪委书记钱某某出席会议并讲话。\n"
            "（县委巡察办汤某某）")
    [a] = _split(text)
    assert a.reporters == ["汤某某"] and a.headline is None and a.body.endswith("讲话。")


def test_a_story_without_a_dateline_on_a_page_of_them():
    text = ("本报讯（记者 钱某某）4月9日，全州人才工作会议召开。州委书记孙某某出席会议并讲话。\n\n"
            "咖啡红了 日子甜了\n\n本报记者 金某某\n\n走进某镇某村，成片的咖啡林郁郁葱葱。\n\n"
            "州中院州检察院召开联席会议\n\n本报讯（通讯员 李某某）4月8日，两院召开联席会议。")
    articles = _split(text)
    assert [a.reporters for a in articles] == [["钱某某"], ["金某某"], ["李某某"]]
    assert articles[1].body.startswith("走进某镇") and articles[1].headline == "咖啡红了日子甜了"


@pytest.mark.parametrize("text, names", [
    ("正文，正文。\n记者：图雅　通讯员：阿拉坦仓\n编辑：某某", ["图雅", "阿拉坦仓"]),  # a WeChat page's footer
    ("正文，正文。\n记者：热依拉·吾买尔　李 婷", ["热依拉·吾买尔", "李婷"]),  # OCR split one name
    ("正文，正文。\n（来源：某州日报　记者　樊某某）", ["樊某某"]),  # a source line naming the reporter
    ("发布日期：2024-04-17 09:05    来源：某区融媒体中心    作者：记者 吕某某    浏览量：3127\n正文，正文。",
     ["吕某某"]),  # the page's metadata line
])
def test_bylines_of_web_and_wechat_pages(text, names):
    assert _split(text)[0].reporters == names


def test_photo_credits_and_an_outlet_before_the_role_in_parentheses():
    text = ("本报讯（某某日报全媒体记者 阙某某 邰某某 通讯员 来某某）12月19日，会议召开。\n"
            "图为会议现场。　某某日报全媒体记者 郜某某 摄")
    assert _split(text)[0].reporters == ["阙某某", "邰某某", "来某某", "郜某某"]


def test_a_bulleted_byline_under_a_column_headline_keeps_its_line():
    head = "某某在全市防汛抗旱工作视频调度会上强调\n压紧压实责任 全力以赴打赢防汛抗洪硬仗\n\n■本报记者 宣某某\n\n"
    body = "7月11日晚，市委副书记、市长某某某主持召开全市防汛抗旱工作视频调度会，深入学习贯彻重要指示精神，分析研判当前汛情。" * 3
    column = "\n".join(body[i:i + 19] for i in range(0, len(body), 19))
    [a] = _split(head + column)
    assert a.reporters == ["宣某某"] and a.body.startswith("7月11日晚")


@pytest.mark.parametrize("text, names", [
    ("正文，正文。\n文：龙某某　图：石某\n责任编辑：某某", ["龙某某", "石某"]),  # a page's credit line
    ("正文，正文。\n文字：玉某\n摄影：扎某", ["玉某", "扎某"]),
    ("正文，正文。\n文/图：伍某琪\n编辑：某某", ["伍某琪"]),  # one credit for text and photographs
    ("本报讯（某溪融媒记者 滕某某 张某）3月1日，会议召开。", ["滕某某", "张某"]),  # a county outlet's short name
    ("本报讯（某某日报记者 其木格 图雅 发自上海）11月15日，推介会举行。", ["其木格", "图雅"]),  # where it was filed from
])
def test_credit_lines_and_outlets(text, names):
    assert [n for a in _split(text) for n in a.reporters] == names


@pytest.mark.parametrize("text, names", [
    ("本报讯（融媒体中心记者 牟某某）近日，县委书记甲某某深入某镇调研。", ["牟某某"]),  # the outlet's kind alone
    ("学校召开开学典礼。校长甲某某讲话。\n（文/尹某某　图/龚某某）", ["尹某某", "龚某某"]),  # credits before slashes
    ("医院召开安全工作会议。院长甲某某讲话。\n\n（院办 俞某某）", ["俞某某"]),  # a unit of one character and 办
])
def test_bylines_of_units_and_credits(text, names):
    assert [n for a in _split(text) for n in a.reporters] == names


@pytest.mark.parametrize("text, names", [
    ("发布时间：2024-03-08 09:12:36    来源：县融媒体中心    作者：融媒记者 庞某某 通讯员 申某\n"
     "3月7日，县委召开常委会会议。", ["庞某某", "申某"]),  # a county outlet's short name before the role
    ("3月7日，县委召开常委会会议。\n（融媒记者 沙某某）", ["沙某某"]),
    ("3月7日，县委召开常委会会议。\n（记者莫某某、韦某、摄像、梁某某）", ["莫某某", "韦某", "梁某某"]),  # a camera operator
])
def test_bylines_of_county_outlets_and_broadcasts(text, names):
    assert [n for a in _split(text) for n in a.reporters] == names
