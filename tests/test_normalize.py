"""Normalization steps, each on its own, and the offset map back to the source."""

from __future__ import annotations

import pytest

from kg.normalize import (Edit, collapse_spaces, fix_mojibake, html_to_text, join_broken_lines, normalize,
                          strip_boilerplate, strip_pinyin, to_simplified, unify_punctuation)


def test_pinyin_annotations_are_removed_and_offsets_skip_them():
    src = "代市長(zhǎng)主持召開會(huì)議"
    e = strip_pinyin(Edit.of(src))
    assert e.text == "代市長主持召開會議"
    # every character maps back to the same character of the source
    assert all(src[o] == ch for ch, o in zip(e.text, e.origin))


def test_traditional_to_simplified_keeps_length_and_offsets():
    e = to_simplified(Edit.of("市政府秘書長張立軍參加會議"))
    assert e.text == "市政府秘书长张立军参加会议"
    assert e.origin == list(range(len(e.text)))


def test_ascii_punctuation_in_chinese_becomes_full_width():
    assert unify_punctuation(Edit.of("5月17日上午,市委召开会议;研究(讨论)")).text == "5月17日上午，市委召开会议；研究（讨论）"


def test_boilerplate_is_dropped_and_its_metadata_kept():
    page = ("打造网上平台 致力于事业\n您现在的位置:首页 > 新闻 > 文字新闻\n全县安全生产推进会召开\n"
            "发布时间:2024-03-02  来源:某县日报  浏览次数:12\n3月1日，县委召开全县安全生产推进会，部署当前工作。\n"
            "上一条:别的新闻\n下一条:另一条新闻\nCopyright © 2024 版权所有")
    e, published, source, headline = strip_boilerplate(Edit.of(page))
    text = collapse_spaces(e).text
    assert "县委召开全县安全生产推进会" in text
    for noise in ("您现在的位置", "发布时间", "上一条", "Copyright", "打造网上平台"):
        assert noise not in text
    assert str(published) == "2024-03-02" and source == "某县日报" and headline == "全县安全生产推进会召开"


def test_column_breaks_are_joined_but_paragraph_and_article_breaks_stay():
    column = "\n".join(["本报讯 3月2日，县委书记王某某主", "持召开县委常委会会议，研究部署", "当前重点工作。县领导李某、张某",
                        "参加会议。", "", "会议强调，要抓好安全生产，守牢", "", "安全底线，确保社会大局稳定。", "（记者 某某）",
                        "本报讯 3月3日，县长赵某某来到某镇调", "研安全生产工作，强调要压实责任，", "抓好隐患排查整改。（某某）"])
    text = collapse_spaces(join_broken_lines(Edit.of(column))).text
    assert "县委书记王某某主持召开县委常委会会议" in text
    assert "守牢安全底线" in text  # a blank line inside a word is a page break
    assert "\n本报讯3月3日" in text  # a marker always starts a new line


def test_html_page_becomes_text():
    page = "<html><head><title>t</title><script>var x=1;</script></head><body><div>县委召开会议。</div><p>县长讲话。</p></body></html>"
    e = html_to_text(Edit.of(page))
    assert "县委召开会议。" in e.text and "var x" not in e.text
    i = e.text.index("县委")
    assert page[e.origin[i]: e.origin[i] + 2] == "县委"


def test_mojibake_line_is_repaired():
    garbled = "市委召开会议".encode("utf-8").decode("cp1252", errors="ignore")
    if garbled:  # cp1252 cannot hold every byte; latin-1 can
        garbled = "市委召开会议".encode("utf-8").decode("latin-1")
    assert fix_mojibake(Edit.of(garbled)).text == "市委召开会议"


def test_normalize_maps_every_character_back_into_the_source():
    src = "10月18日,代市長(zhǎng)趙建軍主持召開會(huì)議。\n\n市領(lǐng)導(dǎo)蔣某、周某參加會(huì)議。"
    n = normalize(src)
    assert n.script == "traditional"
    assert "代市长赵建军主持召开会议" in n.text
    for i, ch in enumerate(n.text):
        o = n.offsets.start(i)
        assert 0 <= o < len(src)
        if ch not in "，\n":
            assert to_simplified(Edit.of(src[o])).text == ch


def test_epaper_header_gives_the_publication_date():
    n = normalize("某某日报 2024年3月5日 星期二 第A01版：要闻\n本报讯 3月4日，县委召开会议。")
    assert str(n.published) == "2024-03-05" and n.text.startswith("本报讯")


def test_an_epaper_header_in_chinese_numerals_gives_the_publication_date():
    n = normalize("某某日报　二〇二四年三月十二日　星期二　第1版\n本报讯 三月十一日下午，市委召开会议。")
    assert str(n.published) == "2024-03-12" and n.text.startswith("本报讯")


def test_a_column_break_between_two_names_of_a_byline_keeps_them_apart():
    lines = ["某某日报讯（记者 甲某某 ", "乙某某）2024年7月16日下", "午，全省防汛工作视频调度会召开", "，副省长丙某某出席并讲话，对当",
             "前全省防汛抢险救灾工作进行再部", "署。市委书记丁某某，市委副书", "记、市长戊某某在分会场参加会", "议。会议强调，要抓好防汛工作。"]
    assert normalize("\n".join(lines)).text.startswith("某某日报讯（记者甲某某、乙某某）2024年7月16日下午，")


def test_a_column_page_that_indents_its_paragraphs():
    """An indented line opens a paragraph; a line that is not continues one (though the line
    before it is short), or, after a sentence's end and before a gap, is a headline."""
    lines = ["　　本报讯 4月8日上午，全市重点项", "目集中开工活动举行。市委书记钱", "某某出席并讲话，市长孙某某主持。",
             "　　钱某某强调，项目是经济工", "作的“牛鼻子”。各地各部门要坚持", "“项目为王”，强化要素保障，持续",
             "优化营商环境，推动项目早见效。", "全市重点项目集中开工", "",
             "　　本报讯 4月8日下午，全市创建", "文明城市推进会召开。副市长吴某", "某主持会议，市长孙某某讲话。",
             "　　孙某某强调，要深化志愿服务。"]
    text = normalize("\n".join(lines)).text
    assert text.split("\n") == [
        "本报讯4月8日上午，全市重点项目集中开工活动举行。市委书记钱某某出席并讲话，市长孙某某主持。",
        "钱某某强调，项目是经济工作的“牛鼻子”。各地各部门要坚持“项目为王”，强化要素保障，持续优化营商环境，推动项目早见效。",
        "全市重点项目集中开工",
        "本报讯4月8日下午，全市创建文明城市推进会召开。副市长吴某某主持会议，市长孙某某讲话。",
        "孙某某强调，要深化志愿服务。"]


def test_short_lines_of_running_text_are_not_a_column():
    """A few short paragraphs have a low median line length too, but their lines do not fill a
    common width: a headline after a body keeps its own line."""
    text = "\n".join(["2月21日，区长温某某带队到辖区重点企业调研，实地察看项目建设进展情况，听取企业意见建议。",
                      "副区长付某某陪同调研。", "温某某指出，要强化要素保障，全力推动项目早开工、早投产、早见效。",
                      "区长温某某调研重点项目建设", "2月22日，区委书记丁某某主持召开区委常委会会议。", "会议强调，要抓好安全生产。",
                      "区委常委会召开会议", "（记者 某某）"])
    assert join_broken_lines(Edit.of(text)).text == text


def test_a_narrow_column_is_still_joined():
    lines = ["本报讯 3月2日，县委书记王某某主", "持召开县委常委会会议，研究部署", "当前重点工作。县领导李某、张某",
             "参加会议。会议强调，要抓好安全生", "产，守牢安全底线，确保社会大局", "稳定，持续优化营商环境，全力以", "赴抓好招商引资和项目建设工作，", "推动高质量发展。"]
    assert join_broken_lines(Edit.of("\n".join(lines))).text == "".join(lines)


def test_names_listed_with_spaces_after_a_list_intro_and_padded_names():
    text = normalize("在主席台就座的大会主席团成员和市领导有：杭某某 甄某某 司马俊 黎　盛 蔺某某。").text
    assert text == "在主席台就座的大会主席团成员和市领导有：杭某某、甄某某、司马俊、黎盛、蔺某某。"


def test_names_listed_with_spaces_after_a_group_label_are_kept_apart():
    text = collapse_spaces(Edit.of("市领导 甘某某 庞某 邰某 在主席台就座。市领导 出席会议。")).text
    assert text == "市领导甘某某、庞某、邰某在主席台就座。市领导出席会议。"


def test_an_annotated_word_in_a_simplified_text_is_simplified():
    """市長(shi4 zhang3) in a simplified report: the annotated characters only, the rest as written."""
    rest = "龚某某指出，要压紧压实安全生产责任，扎实开展重大事故隐患专项排查整治，坚决防范遏制各类生产安全事故。"
    src = "本报讯 4月9日，市長(shi4 zhang3)龚某某赴开发区检查。" + rest
    n = normalize(src)
    assert n.script == "simplified" and n.text == "本报讯4月9日，市长龚某某赴开发区检查。" + rest
    assert n.offsets.start(n.text.index("长")) == src.index("長")
    assert n.offsets.start(n.text.index("龚")) == src.index("龚")


def test_a_bare_date_on_a_page_metadata_line_is_the_publication_date():
    page = "县政府召开第31次常务会议\n2024-05-21 09:15 来源：县政府办\n5月20日，县长祁某某主持召开县政府第31次常务会议。"
    n = normalize(page)
    assert str(n.published) == "2024-05-21" and n.publisher == "县政府办"
    assert "来源" not in n.text and n.headline == "县政府召开第31次常务会议"


def test_a_headline_after_its_body_in_a_column_page_keeps_its_line():
    # ten full lines of 15 characters, the last ending a sentence
    body = ("本报讯4月16日，副市长柴某某带队检查城市燃气安全工作。柴某某指出，要深刻汲取事故教训，"
            "扎实开展城镇燃气安全专项整治，坚决守住安全底线。要压实企业主体责任和部门监管责任，加强餐饮场所燃气设施排查，"
            "有序推动城市燃气管道老化更新改造工作。市住建局、市应急管理局、市市场监管局有关部门负责同志一同参加检查。")
    assert len(body) == 150
    column = "\n".join(body[i:i + 15] for i in range(0, len(body), 15))
    text = join_broken_lines(Edit.of(column + "\n\n柴某某检查城市燃气安全工作\n")).text
    assert text.endswith("一同参加检查。\n\n柴某某检查城市燃气安全工作\n") and "带队检查城市燃气" in text


def test_a_stray_space_inside_a_byline_name_is_no_separator():
    assert normalize("正文。\n（通讯员 甄 淑敏）").text.endswith("（通讯员甄淑敏）")
    assert normalize("正文。\n（记者 王 刚 李四）").text.endswith("（记者王刚、李四）")
    assert normalize("正文。\n（记者 郝丽芬 杨剑）").text.endswith("（记者郝丽芬、杨剑）")


def test_a_bulletin_header_with_an_ocr_split_year_and_a_wider_column():
    line = "县人民检察院检察长仝志强出席会议。会上，县信访局局长通报了全县信访工作情况，传"
    body = "".join(line for _ in range(6))
    column = "\n".join(body[i:i + 35] for i in range(0, len(body), 35))
    page = ("某县信访工作简报\n第24期\n某县信访工作联席会议办公室　　　　20 23年12月6日\n\n"
            "全县信访工作联席会议召开\n\n12月4日上午，全县信访工作联席会议召开。\n" + column)
    n = normalize(page)
    assert str(n.published) == "2023-12-06"
    assert "全县信访工作联席会议召开\n12月4日上午" in n.text  # the headline keeps its line
    assert body in n.text.replace("\n", "") and body[:70] in n.text  # the column's lines are joined


def test_a_wechat_timestamp_line_gives_the_publication_date():
    n = normalize("市委召开座谈会\n\n原创 某市统战 某市统一战线 2025-01-24 18:02 江苏\n\n1月23日上午，市委召开座谈会，研究工作。")
    assert str(n.published) == "2025-01-24" and "原创" not in n.text


def test_long_paragraphs_are_no_column_however_short_the_footer_lines():
    para = ("某某强调，入冬以来全旗多地出现降雪降温天气，要提前储备饲草料，做好冬春季牧区防灾减灾工作，"
            "扎实抓好安全生产和年底各项民生保障工作，确保全旗各族群众温暖过冬。")
    assert len(para) > 60
    page = "\n\n".join([para] * 5) + "\n\n记者：某某　通讯员：某某某\n编辑：甲\n审核：乙\n终审：丙\n分享\n阅读 1.2万\n在看\n点赞"
    assert "通讯员：某某某\n" in normalize(page).text


def test_a_story_in_running_text_on_a_page_of_columns_keeps_its_paragraphs():
    column = ("8月27日，市十五届人大常委会第十八次会议在市人大常委会机关会议中心开幕。市人大常委会主任某某某主持会议并讲话。"
              "副市长某某某，市中级人民法院院长某某某，市人民检察院检察长某某列席会议。会议表决通过了有关人事任免事项。")
    lines = "\n".join(column[i:i + 18] for i in range(0, len(column), 18))
    story = ["本报讯（记者某某）27日，政协某市第十届委员会常务委员会第九次会议召开，围绕推进文旅融合开展专题协商议政。"
             "市政协主席某某某主持会议并讲话，市委副书记某某出席会议并讲话。",
             "会议审议通过了有关人事事项和《政协某市委员会关于推进文旅融合高质量发展的建议案》。"]
    text = normalize(lines + "\n\n" + "\n\n".join(story) + "\n\n市政协常委会举行第九次会议\n").text
    assert "讲话。\n会议审议通过" in text  # two paragraphs, not one
    assert text.endswith("建议案》。\n市政协常委会举行第九次会议")  # the headline after its body keeps its line


def test_a_bulleted_dateline_in_a_column_runs_on_into_its_body():
    body = ("◆ 本报讯 11月15日，全县冬春森林防火工作会议召开。县委常委、常务副县长甲某某出席并讲话，"
            "县应急管理局局长乙某某主持会议。会议通报了今年以来全县森林防火工作情况。")
    column = "\n".join(body[i:i + 14] for i in range(0, len(body), 14))
    text = normalize("◆ 县人大常委会召开会议\n本报讯 11月14日，县人大常委会会议召开。\n\n" + column).text
    assert "◆本报讯11月15日，全县冬春森林防火工作会议召开。" in text.replace(" ", "")


def test_a_digest_s_week_dates_its_items_up_to_its_last_day():
    n = normalize("某市人民政府网 > 信息公开 > 一周要闻\n一周要闻（2024年3月25日—3月31日）\n"
                  "1. 3月25日，市长某某某主持召开市政府常务会议。")
    assert str(n.published) == "2024-03-31" and "一周要闻（" not in n.text


@pytest.mark.parametrize("page, published", [
    ("某州发布\n某州发布  2025年03月12日 19:06  广西\n\n3月12日上午，市委书记某某某参加义务植树活动。", "2025-03-12"),
    ("某县新闻网\u3000２０２４－０９－０２\u3000来源：某县融媒体中心\n\n９月１日上午，开学典礼举行。", "2024-09-02"),
])
def test_a_post_s_timestamp_and_a_full_width_date_give_the_publication_date(page: str, published: str) -> None:
    assert str(normalize(page).published) == published


def test_a_story_under_related_reading_is_no_footer():
    page = ("市政协常委会议召开\n发布日期：2024-09-21    来源：市政协办公室\n"
            "9月20日，市政协常委会议召开，围绕推动冰雪旅游高质量发展开展专题协商。市政协主席某某某主持会议并讲话。\n"
            "相关阅读：\n市政协视察养老服务体系建设情况\n"
            "近日，市政协主席某某某带领部分政协委员视察全市养老服务体系建设情况。市民政局局长某某某陪同视察。\n"
            "【责任编辑：某某某】\n主办单位：某市政协办公室")
    text = normalize(page).text
    assert "近日，市政协主席某某某带领" in text and "主办单位" not in text and "相关阅读" not in text


def test_a_transliterated_author_in_the_metadata():
    n = normalize("某某区融媒体中心\n作者：阿依努尔·买合木提    发布时间：2024-03-29 10:00\n\n3月28日，某某区重大项目集中开工活动举行。")
    assert n.byline == "阿依努尔·买合木提"


def test_a_bulletin_s_masthead_and_rules_go_and_its_issuer_dates_it():
    page = ("                         工  作  动  态\n                            第15期\n\n"
            "某县应急管理局办公室编                              2023年6月2日\n"
            "━━━━━━━━━━━━━━━━━━━━━━━━\n\n全省安全生产电视电话会议召开后\n我县立即召开续会部署落实\n\n"
            "　　6月1日下午，省政府召开全省安全生产电视电话会议，副省长甲某某出席会议并讲话。\n")
    norm = normalize(page)
    assert str(norm.published) == "2023-06-02"
    assert norm.text.startswith("全省安全生产电视电话会议召开后\n我县立即召开续会部署落实")
    for noise in ("动", "第15期", "━", "办公室编"):
        assert noise not in norm.text


def test_a_story_continued_on_another_page_is_joined():
    page = ("本报讯 12月26日，市委经济工作会议召开。市委书记甲某某讲话。\n三要全面\n推进乡村振兴。\n（下转第2版）\n\n"
            "本版责任编辑：乙某某\n\n2  要闻                2023年12月27日 星期三\n\n"
            "（上接第1版）毫不放松抓好粮食生产。四要持续深化改革开放。\n")
    text = normalize(page).text
    assert "推进乡村振兴。\n毫不放松抓好粮食生产。四要持续深化改革开放。" in text
    for noise in ("下转", "上接", "责任编辑", "要闻"):
        assert noise not in text
