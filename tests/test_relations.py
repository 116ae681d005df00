"""Roles read as a careful reader reads them: chair, speakers, participants, per meeting."""

from __future__ import annotations

import pytest

from kg.records import SourceDoc


def _extract(extractor, text: str):  # noqa: ANN202 - a FileResult
    return extractor.extract(SourceDoc("t.txt", "t.txt", text, "utf-8"))


def _roles(extractor, text: str) -> dict[str, dict[str, set[str]]]:
    fr = _extract(extractor, text)
    out: dict[str, dict[str, set[str]]] = {}
    for r in fr.articles:
        names = {m.key: m.name for m in r.meetings}
        for rel in r.relations:
            if rel.role in ("chair", "speaker", "participant"):
                out.setdefault(names[rel.meeting], {}).setdefault(rel.role, set()).add(rel.value)
    return out


def test_chair_speakers_and_participants(extractor):
    text = ("本报讯 3月2日，县委书记钱某某主持召开全县安全生产工作会议并讲话。县长孙某某提出工作要求。"
            "县领导吴某、郑某某，县政府办公室主任冯某在主会场或分会场参加会议。钱某某强调，要压实安全生产责任。（记者 甲乙）")
    roles = _roles(extractor, text)["全县安全生产工作会议"]
    assert roles["chair"] == {"钱某某"}
    assert roles["speaker"] == {"钱某某", "孙某某"}
    # everyone present but the chair, speakers included
    assert roles["participant"] == {"孙某某", "吴某", "郑某某", "冯某"}


def test_follow_up_meeting_gets_its_own_chair(extractor):
    text = ("本报讯 2月5日下午，省长褚某某主持召开全省防汛视频会议。省领导魏某参加会议。"
            "县长冯某某在县分会场参加会议并召开续会，县领导陶某、姜某参加并讲了意见。")
    roles = _roles(extractor, text)
    assert roles["全省防汛视频会议"]["chair"] == {"褚某某"}
    assert roles["全省防汛视频会议"]["participant"] == {"魏某", "冯某某"}
    assert roles["续会"]["chair"] == {"冯某某"}
    assert roles["续会"]["speaker"] == {"陶某", "姜某"}


def test_mentioned_leaders_are_not_participants(extractor):
    text = "本报讯 5月1日，县委召开常委会会议，传达学习邓某某总书记重要讲话精神。县委书记钱某某主持会议。"
    fr = _extract(extractor, text)
    r = fr.articles[0]
    assert "邓某某" in r.people and "邓某某" in r.mentioned_only
    assert all(rel.value != "邓某某" for rel in r.relations)


def test_meeting_date_year_from_publication(extractor):
    from datetime import date

    doc = SourceDoc("t.txt", "t.txt", "5月17日上午，县委召开全县干部大会。县长孙某主持会议。", "utf-8",
                    published=date(2023, 5, 18))
    m = extractor.extract(doc).articles[0].meetings[0]
    assert (m.date, m.date_derivation) == ("2023-05-17", "publication")


def test_evidence_offsets_point_at_the_source_text(extractor):
    text = "本报讯 3月2日，縣委書記錢某某主持召開全縣安全生產工作會(huì)議。"
    fr = _extract(extractor, text)
    rel = next(r for r in fr.articles[0].relations if r.role == "chair")
    written = text[rel.evidence.start: rel.evidence.end]
    assert written.startswith("本报讯") and written.endswith("會(huì)議。")  # as written, pinyin and all
    assert rel.evidence.sentence == written  # quoted as written
    assert fr.originals["钱某某"] == "錢某某"


def test_attendance_written_before_or_after_the_names(extractor):
    text = ("本报讯 6月3日，县委召开全县防汛工作会议。会议由县委副书记冯某某主持。周某、吴某某等县领导参加会议。"
            "出席会议的还有郑某某、韩某。县长陶某某代表县委县政府讲话。")
    roles = _roles(extractor, text)["全县防汛工作会议"]
    assert roles["chair"] == {"冯某某"}
    assert roles["participant"] == {"周某", "吴某某", "郑某某", "韩某", "陶某某"}
    assert roles["speaker"] == {"陶某某"}


def test_visit_makes_an_inspection_event(extractor):
    text = "本报讯 4月9日，省委常委、副省长魏某某来我县调研乡村振兴工作。县委书记钱某某陪同。"
    fr = _extract(extractor, text)
    m = fr.articles[0].meetings[0]
    assert m.kind == "inspection"
    assert {r.value for r in fr.articles[0].relations if r.role == "participant"} == {"魏某某", "钱某某"}


def test_going_somewhere_to_inspect_is_an_inspection(extractor):
    text = "本报讯 5月6日，省委书记沈某某到我市部分企业调研。市委书记钱某某陪同调研。"
    r = _extract(extractor, text).articles[0]
    assert [m.kind for m in r.meetings] == ["inspection"]
    assert {x.value for x in r.relations if x.role == "participant"} == {"沈某某", "钱某某"}


def test_overlapping_meeting_words_and_dateline_reporter(extractor):
    text = "本报讯 记者李某某报道 9月9日，市委理论学习中心组举行专题学习会。市委书记钱某某主持并讲话。"
    r = _extract(extractor, text).articles[0]
    assert r.article.reporters == ["李某某"]
    assert [(m.name, m.kind) for m in r.meetings] == [("专题学习会", "study-session")]


def test_speaker_verb_after_a_jiu_topic(extractor):
    # X就TOPIC提出要求 / 作具体部署: the verb comes after the topic; without 就 nothing changes
    text = ("本报讯 3月2日，县委召开全县工作会议。县长孙某某主持会议。副县长吴某就做好下一步工作作具体部署。"
            "县委副书记郑某就抓好会议精神落实提出要求。县委常委冯某参加会议。")
    roles = _roles(extractor, text)["全县工作会议"]
    assert roles["speaker"] == {"吴某", "郑某"}
    assert roles["participant"] == {"吴某", "郑某", "冯某"}


def test_meeting_spirit_does_not_make_the_subject_mention_only(extractor):
    # 会议精神 is the meeting's; a leader's 重要讲话精神 still marks the leader as only mentioned
    text = ("本报讯 3月2日，县委召开常委会会议，传达学习邓某某总书记重要讲话精神。县委书记钱某某主持会议。"
            "县长孙某某就贯彻会议精神提出要求。")
    r = _extract(extractor, text).articles[0]
    assert "邓某某" in r.mentioned_only and "孙某某" not in r.mentioned_only
    assert {rel.value for rel in r.relations if rel.role == "speaker"} == {"孙某某"}


def test_bracketed_markers_split_items_and_spaced_bylines_keep_every_name(extractor):
    text = ("某某日报 2025年1月8日 星期三 第A02版：要闻\n"
            "【本报讯】（记者 甲乙丙 丁戊 通讯员 己庚辛）昨日下午，全市安全生产视频会议召开。副市长钱某主持会议。\n"
            "【本报讯】昨日，市委书记孙某某深入企业调研，强调要推进科技创新。（记者 丁戊）\n")
    arts = _extract(extractor, text).articles
    assert len(arts) == 2  # without the brackets a 本报讯 already splits; with them it must too
    assert arts[0].article.reporters == ["甲乙丙", "丁戊", "己庚辛"]
    assert arts[0].meetings[0].date == "2025-01-07"
    assert arts[1].article.reporters == ["丁戊"] and "孙某某" in arts[1].people


def test_media_centre_header_gives_the_publication_date(extractor):
    # a county media centre's name over the date is a page header: 昨天 resolves against it
    text = "某县融媒体中心 2024年5月17日\n昨天上午，全县乡村振兴推进会召开。县长孙某某主持会议。\n"
    m = _extract(extractor, text).articles[0].meetings[0]
    assert m.date == "2024-05-16"
    plain = "昨天上午，全县乡村振兴推进会召开。县长孙某某主持会议。\n"
    assert _extract(extractor, plain).articles[0].meetings[0].date is None


def test_visit_in_the_first_clause_is_the_event_even_with_a_later_verb(extractor):
    # 深入…企业调研，强调…: the visit is the event; without the later 强调 it already was
    for tail in ("，强调要推进科技创新。", "。"):
        text = f"本报讯 5月3日，市委书记孙某某深入某开发区企业调研{tail}副市长钱某陪同调研。"
        ms = _extract(extractor, text).articles[0].meetings
        assert len(ms) == 1 and ms[0].kind == "inspection" and ms[0].name != "陪同调研"


def _people(extractor, text: str) -> dict[str, tuple[str, ...]]:
    fr = _extract(extractor, text)
    return {name: posts for r in fr.articles for name, posts in r.people.items()}


def test_a_reception_held_somewhere_has_its_host(extractor):
    """某某在市委会见…: the place between host and verb; the guest's title starts after the verb."""
    text = ("本报讯 11月3日下午，市委书记易某某在市委会见某某集团董事长陈某某一行，双方就扩大投资进行交流。"
            "市委常委、秘书长邹某某参加会见。")
    roles = _roles(extractor, text)
    (meeting,) = roles.values()
    assert meeting["participant"] == {"易某某", "邹某某"}  # the guest, named only as the one received, is not read
    assert _people(extractor, text)["陈某某"] == ("某某集团董事长",)


def test_he_or_she_goes_on_speaking_for_the_last_subject(extractor):
    text = ("本报讯 11月3日，市委书记易某某会见客商代表团一行。易某某对客人的到来表示欢迎。"
            "他指出，要持续优化营商环境。她表示，将扩大投资。")
    roles = _roles(extractor, text)
    (meeting,) = roles.values()
    assert meeting["speaker"] == {"易某某"}  # 她 has the same referent: nobody else was named since


def test_a_pronoun_after_several_people_names_nobody(extractor):
    text = ("本报讯 3月2日，县委书记钱某某主持召开县委常委会会议。县长孙某某、副县长吴某出席会议。"
            "他强调，要压实安全生产责任。")
    assert "speaker" not in _roles(extractor, text)["县委常委会会议"]


def test_attendance_list_after_a_group_label_and_more_verbs(extractor):
    text = ("本报讯 1月8日，全市乡村振兴工作推进会召开。会议由市委副书记欧阳某某主持。"
            "市委书记贺某某出席会议并讲话，副市长司马某对具体工作作了部署。"
            "出席会议的还有市领导魏某某、晏某。")
    roles = _roles(extractor, text)["全市乡村振兴工作推进会"]
    assert roles["chair"] == {"欧阳某某"}
    assert roles["speaker"] == {"贺某某", "司马某"}
    assert roles["participant"] == {"贺某某", "司马某", "魏某某", "晏某"}


def test_declaring_works_open_is_being_there(extractor):
    text = "本报讯 9月6日上午，全市重大项目集中开工仪式举行。市委书记史某某宣布项目开工，市长俞某某致辞。"
    roles = _roles(extractor, text)["全市重大项目集中开工仪式"]
    assert roles["participant"] == {"史某某", "俞某某"} and roles["speaker"] == {"俞某某"}


def test_a_meeting_held_after_a_visit_and_its_speaker_after_a_setting(extractor):
    """随后召开的座谈会 is a 座谈会; 在…上，某某… opens with a setting, then its subject, whom 他 continues."""
    text = ("本报讯 8月15日，省委常委、副省长郝某某一行来我市调研。市委书记龚某某陪同调研。"
            "在随后召开的座谈会上，郝某某听取了我市工作情况汇报。他强调，要统筹发展和安全。")
    roles = _roles(extractor, text)
    assert "的座谈会" not in roles and roles["座谈会"]["speaker"] == {"郝某某"}


def test_signing_for_both_sides(extractor):
    text = ("本报讯 3月28日，市政府与省某银行签署战略合作协议。市长万某某出席签约仪式。"
            "副市长单某某与省某银行副行长阮某代表双方签约。")
    roles = _roles(extractor, text)
    assert {"单某某", "阮某", "万某某"} <= set().union(*(r.get("participant", set()) for r in roles.values()))


def test_seated_on_the_rostrum_and_a_work_report(extractor):
    text = ("本报讯（通讯员 钮某）1月10日，中共某市纪委五届三次全会召开。市委书记封某某出席会议并讲话。"
            "市纪委书记、市监委主任厉某某主持会议并代表市纪委常委会作工作报告。市领导 甘某某 庞某 在主席台就座。")
    fr = _extract(extractor, text)
    assert fr.articles[0].article.reporters == ["钮某"]  # a dateline byline of a 通讯员 alone
    roles = _roles(extractor, text)["中共某市纪委五届三次全会"]
    assert roles["chair"] == {"厉某某"} and roles["speaker"] == {"封某某", "厉某某"}
    assert roles["participant"] == {"封某某", "甘某某", "庞某"}


def _meetings(extractor, text: str) -> list[tuple[str, str | None]]:
    fr = _extract(extractor, text)
    return [(m.name, m.date) for r in fr.articles for m in r.meetings]


def test_a_tour_its_later_session_and_its_day(extractor):
    text = ("本报讯 3月6日至7日，全市重点项目建设现场观摩会举行。市委书记岑某某，市委副书记、市长闫某某带领观摩团，"
            "先后深入各县实地观摩重点项目。7日下午，观摩点评会召开。岑某某作点评讲话，闫某某主持。")
    roles = _roles(extractor, text)
    assert roles["全市重点项目建设现场观摩会"]["participant"] == {"岑某某", "闫某某"}
    assert roles["观摩点评会"]["chair"] == {"闫某某"}
    assert _meetings(extractor, text) == [("全市重点项目建设现场观摩会", "--03-06"), ("观摩点评会", "--03-07")]


def test_a_day_alone_in_a_report_dated_by_its_paper(extractor):
    text = ("本报讯 七日下午，全县森林防火工作会议召开。县委书记赵某某主持会议。\n"
            "来源：某某日报  2024年11月8日\n")
    assert _meetings(extractor, text) == [("全县森林防火工作会议", "2024-11-07")]


def test_an_unlisted_family_name_does_not_cost_the_list_its_verb(extractor):
    text = "本报讯 3月2日，全县防汛工作会议召开。县长钱某，县委常委、常务副县长閤某某，副县长孙某某出席会议。"
    assert _roles(extractor, text)["全县防汛工作会议"]["participant"] == {"钱某", "閤某某", "孙某某"}


@pytest.mark.parametrize("sentence,role,names", [
    ("市委副书记、市长钱某某等市委常委出席会议。", "participant", {"钱某某"}),
    ("县人大常委会副主任钱某某，县人大常委会秘书长孙某某及常委会组成人员共21人出席会议。", "participant", {"钱某某", "孙某某"}),
    ("会上，市委常委、常务副市长钱某某，市科技局局长孙某某结合分管工作作交流发言。", "speaker", {"钱某某", "孙某某"}),
    ("市委副书记、市长钱某某应邀出席并讲话。", "speaker", {"钱某某"}),
    ("某某商会会长钱某某到会致辞。", "speaker", {"钱某某"}),
    ("市政协领导钱某某、孙某，副市长吴某某出席会议。", "participant", {"钱某某", "孙某", "吴某某"}),
    ("市委书记钱某某受市委常委会委托作工作报告。", "speaker", {"钱某某"}),
    ("区委书记钱某某在植树间隙强调，要推进国土绿化。", "speaker", {"钱某某"}),
    ("副市长钱某某，市民政局局长孙某某到会应询。市人大常委会委员吴某某先后就养老服务问题进行询问。",
     "speaker", {"钱某某", "孙某某", "吴某某"}),
    ("市长钱某某代表市人民政府向大会作政府工作报告。", "speaker", {"钱某某"}),
    ("市法院院长钱某某，市检察院检察长孙某某，部分市政协委员列席大会。", "participant", {"钱某某", "孙某某"}),
    ("在主席台就座的市领导有：钱某某、孙某某。", "participant", {"钱某某", "孙某某"}),
    ("市卫生健康委主任钱某某、乡村医生代表某某某作交流发言。", "speaker", {"钱某某"}),
    ("会议听取了规划建设局局长钱某某关于厂房建设进度的汇报。", "speaker", {"钱某某"}),
    ("副县长钱某某就下阶段重点工作作了具体安排。", "speaker", {"钱某某"}),
    # talks the verb lexicon does not spell out
    ("市委党校常务副校长钱某某作专题辅导报告。", "speaker", {"钱某某"}),
    ("某科技公司副总裁钱某某、某产业联盟秘书长孙某某分别作主旨演讲。", "speaker", {"钱某某", "孙某某"}),
    # a report made on a body's behalf, heard or adopted
    ("会议听取了副市长钱某某受市人民政府委托所作的关于全市环境状况的报告。", "speaker", {"钱某某"}),
    ("会议审议通过了市纪委书记钱某某所作的工作报告。", "speaker", {"钱某某"}),
    # the unnamed counted between the named and their verb
    ("乡人大主席钱某某，乡党委副书记孙某，各村党组织书记、护林员代表共计86人参加会议。", "participant", {"钱某某", "孙某"}),
    ("受市人民政府委托，副市长钱某某作了关于全市生态环境状况的报告。", "speaker", {"钱某某"}),
    ("市统计局局长钱某某对主要经济指标进行了分析。", "speaker", {"钱某某"}),
    ("督导组副组长钱某某到会指导。", "participant", {"钱某某"}),
    ("县委副书记、县长钱某某等常委班子成员逐一作个人对照检查发言。", "speaker", {"钱某某"}),
    ("某县委副书记、县长钱某某等各县（市、区）和某经济技术开发区负责同志在分会场参加会议。", "participant", {"钱某某"}),
    ("县委办公室主任岩温，副县长玉香，县林草局、县农业农村局主要负责人陪同调研。", "participant", {"岩温", "玉香"}),
])
def test_what_may_stand_between_people_and_their_verb(extractor, sentence: str, role: str, names: set[str]) -> None:
    text = "本报讯 3月2日，市委理论学习中心组举行专题学习会。市委书记冯某主持。" + sentence
    assert _roles(extractor, text)["专题学习会"][role] >= names


def test_a_follow_up_meeting_named_in_full_is_the_follow_up_its_attendees_join(extractor):
    text = ("本报讯 7月16日下午，全省防汛工作视频调度会召开，副省长钱某某出席并讲话。市委书记孙某某在分会场参加会议。"
            "省视频调度会结束后，孙某某主持召开全市防汛工作专题调度会，对贯彻落实工作进行安排。"
            "市委常委、秘书长吴某某，副市长冯某参加续会。")
    roles = _roles(extractor, text)
    assert list(roles) == ["全省防汛工作视频调度会", "全市防汛工作专题调度会"]
    assert roles["全市防汛工作专题调度会"]["participant"] == {"吴某某", "冯某"}


def test_a_part_of_a_session_is_that_session(extractor):
    text = "本报讯 21日上午，市十七届人大常委会第十九次会议举行联组会议。市人大常委会主任钱某某主持会议。"
    assert list(_roles(extractor, text)) == ["市十七届人大常委会第十九次会议联组会议"]


def test_a_meeting_on_the_next_day_is_another_meeting(extractor):
    text = ("本报讯 3月14日至15日，副省长钱某某来我市调研重点项目建设。市委书记孙某某陪同。"
            "15日上午，钱某某主持召开座谈会，听取我市经济社会发展情况汇报。孙某某参加座谈会。")
    assert [m for m in _meetings(extractor, text)][1] == ("座谈会", "--03-15")


def test_who_convened_a_meeting_attends_it_when_another_chairs_it(extractor):
    text = ("本报讯 8月22日下午，县长钱某某率县直有关部门负责人深入某某公司，召开企业发展专题协调会。"
            "副县长孙某某主持会议。钱某某指出，要优化营商环境。")
    roles = _roles(extractor, text)["企业发展专题协调会"]
    assert roles["chair"] == {"孙某某"} and "钱某某" in roles["participant"]


def test_the_short_name_of_the_meeting_reported_is_that_meeting(extractor):
    text = ("本报讯 9月12日，市政府新闻办召开新闻发布会，市政府副秘书长于某某介绍有关情况。"
            "市发展改革委主任雍某、市市场监管局局长权某某参加发布会并答问。")
    roles = _roles(extractor, text)
    assert list(roles) == ["新闻发布会"]
    assert roles["新闻发布会"]["speaker"] == {"于某某", "雍某", "权某某"}


def test_a_visit_led_by_a_delegation_head_is_named_from_the_visit(extractor):
    text = "本报讯 4月9日，市长龚某某率队赴开发区检查安全生产工作，副市长聂某某参加检查。"
    assert [name for name, _ in _meetings(extractor, text)] == ["检查安全生产工作"]


@pytest.mark.parametrize("text, meeting, present", [
    # divided by semicolons
    ("本报讯 12月28日，全市表彰大会举行。会议由市委副书记、市长储某某主持。"
     "市委副书记冼某；市委常委、秘书长岳某，市委常委、组织部部长喻某等出席。", "全市表彰大会", {"冼某", "岳某", "喻某"}),
    # a body's unnamed members do not split it
    ("本报讯 3月20日，省委第三巡视组巡视某市工作动员会召开。省委第三巡视组副组长寇某某及巡视组全体成员，"
     "市委副书记、市人民政府市长仲某某出席会议。", "省委第三巡视组巡视某市工作动员会", {"寇某某", "仲某某"}),
    # nor do unnamed office holders between the named and their verb
    ("11月21日上午，某旗召开领导干部会议。旗人大常委会主任钱某某，旗政协主席孙某某，旗委副书记王某等旗四大班子领导，"
     "旗法院院长、检察院检察长，各苏木镇、旗直各部门主要负责同志参加会议。", "领导干部会议", {"钱某某", "孙某某", "王某"}),
])
def test_an_attendance_list_reaches_its_verb(extractor, text: str, meeting: str, present: set[str]) -> None:
    assert _roles(extractor, text)[meeting]["participant"] == present


def test_watching_at_a_branch_venue_then_a_follow_up(extractor):
    text = ("本报讯 2月18日，全省优化营商环境大会以视频形式召开。市委书记邬某某，市委副书记、市长费某某在我市分会场收听收看。"
            "会后，我市随即召开续会。费某某主持续会并讲话。副市长邸某对具体工作作了安排。")
    roles = _roles(extractor, text)
    assert roles["全省优化营商环境大会"]["participant"] == {"邬某某", "费某某"}
    assert roles["续会"]["chair"] == {"费某某"} and roles["续会"]["speaker"] == {"费某某", "邸某"}


def test_a_parenthetical_after_a_name_and_zuo_fayan(extractor):
    text = ("1月23日上午，市委召开党外人士座谈会。会上，民革某市委会主委吴某、市工商联主席孙某某、"
            "市卫生健康委副主任李某某（无党派人士）分别作发言。市国资委主任周某某就方案起草情况作说明。")
    roles = _roles(extractor, text)["党外人士座谈会"]
    # 作说明 on a draft is speaking to the meeting, as 汇报 is
    assert roles["speaker"] == roles["participant"] == {"吴某", "孙某某", "李某某", "周某某"}


def test_a_representative_speaking_as_one(extractor):
    text = "3月14日上午，全市政金企融资对接会举行。副市长吴某主持会议。某糖业集团董事长孙某某作为企业代表发言。"
    assert _roles(extractor, text)["全市政金企融资对接会"]["speaker"] == {"孙某某"}


def test_a_generic_name_later_in_the_day_is_the_meeting_reported(extractor):
    text = ("6月2日，某市委副书记、市长钱某某率党政代表团到某县考察东西部协作工作，并召开东西部协作联席会议暨消费帮扶座谈会。"
            "在随后召开的座谈会上，某县委书记孙某某主持座谈会并表示，感谢大力支持。")
    roles = _roles(extractor, text)
    # the visit the delegation makes, and the one forum (no second 座谈会)
    assert set(roles) == {"考察东西部协作工作", "东西部协作联席会议暨消费帮扶座谈会"}
    assert roles["东西部协作联席会议暨消费帮扶座谈会"]["chair"] == {"孙某某"}
    assert "钱某某" in roles["东西部协作联席会议暨消费帮扶座谈会"]["participant"]


def test_a_story_that_only_quotes_an_official_reports_no_event(extractor):
    text = "走进某村，成片的咖啡林郁郁葱葱。某镇党委副书记、镇长刀某某介绍，近年来，镇里引进咖啡精深加工企业。"
    r = _extract(extractor, text).articles[0]
    assert "刀某某" in r.people and r.meetings == [] and r.relations == []


def test_a_report_under_its_title_and_a_representative_list(extractor):
    text = ("3月8日，市妇女第十次代表大会开幕。市妇联主席闵某某代表市妇联第九届执行委员会作了题为《凝聚巾帼力量》的工作报告。"
            "市领导伏某某、练某某，某半导体有限公司总裁鄢某某等企业家代表参加会议。")
    roles = _roles(extractor, text)["市妇女第十次代表大会"]
    assert roles["speaker"] == {"闵某某"}
    assert roles["participant"] == {"闵某某", "伏某某", "练某某", "鄢某某"}


def test_a_year_s_numbered_session_is_dated_in_that_year(extractor):
    text = "11月14日，县委理论学习中心组2022年第七次集体学习（扩大）会议召开。县委书记王某某主持会议。"
    [m] = _extract(extractor, text).articles[0].meetings
    assert (m.name, m.date, m.date_derivation) == ("县委理论学习中心组2022年第七次集体学习（扩大）会议", "2022-11-14", "stated")


def test_seventh_batch_roles(extractor):
    text = ("3月8日，某镇第十五次党员代表大会开幕。镇党委书记刀某某代表中共某镇第十四届委员会向大会作了题为《牢记嘱托》的工作报告。"
            "县委副书记、县长冉某某主持会议，并就《决定（讨论稿）》作说明。区人大代表区某某建议加快推进老旧小区改造。"
            "街道党工委副书记黎某某，街道人大工委主任麦某某，以及辖区内各级人大代表、政协委员共21人参加会议。")
    roles = _roles(extractor, text)["某镇第十五次党员代表大会"]
    assert roles["speaker"] == {"刀某某", "冉某某", "区某某"}
    assert {"黎某某", "麦某某"} <= roles["participant"]


def test_a_visit_on_another_day_is_an_event_of_its_own(extractor):
    text = ("7月2日晚，全省防汛救灾工作视频会议召开。县委书记钱某某在某县分会场参加会议。"
            "会后，钱某某主持召开全县防汛工作续会。7月3日上午，钱某某带队到某镇检查防汛工作，副县长孙某某陪同。")
    assert _meetings(extractor, text) == [("全省防汛救灾工作视频会议", "--07-02"), ("全县防汛工作续会", "--07-02"),
                                          ("检查防汛工作", "--07-03")]
    assert _roles(extractor, text)["检查防汛工作"]["participant"] == {"钱某某", "孙某某"}


def test_a_reception_in_a_building_whose_name_holds_zhong(extractor):
    # 在市行政中心会见: 中 of 中心 is no 在…中 (in the middle of) before the verb
    text = "2024年7月3日，市委书记钱某某，市长孙某某在市行政中心会见了某市市长吴某某率领的考察团一行。"
    roles = _roles(extractor, text)
    assert len(roles) == 1 and next(iter(roles.values()))["participant"] == {"钱某某", "孙某某", "吴某某"}


def test_a_visit_after_the_meeting_reported_is_an_event_of_its_own(extractor):
    text = ("4月9日，全市经济运行分析会召开。市委书记钱某某讲话，市长孙某某主持会议。"
            "会议结束后当天下午，钱某某、孙某某率队深入某经开区、某县，实地察看重点项目建设情况。")
    roles = _roles(extractor, text)
    assert list(roles) == ["全市经济运行分析会", "察看重点项目建设情况"]
    assert roles["察看重点项目建设情况"]["participant"] == {"钱某某", "孙某某"}


def test_a_reception_before_the_meeting_reported_is_an_event_of_its_own(extractor):
    text = ("3月22日，某市产业合作招商推介会举行。市委常委、常务副市长钱某某主持推介会。"
            "推介会前，市委书记孙某某会见了某科技有限公司董事长吴某某一行。钱某某参加会见。")
    # (the guest, named only as the one received, is not read: see test_a_reception_held_somewhere_has_its_host)
    roles = _roles(extractor, text)
    assert len(roles) == 2 and roles["某市产业合作招商推介会"]["chair"] == {"钱某某"}
    reception = next(r for name, r in roles.items() if name != "某市产业合作招商推介会")
    assert reception["participant"] == {"孙某某", "钱某某"}


def test_thanks_and_hopes_are_words_spoken(extractor):
    text = ("12月18日下午，市长钱某某会见某银行省分行行长孙某某一行。"
            "钱某某感谢某银行对本市发展的支持，希望双方深化合作。")
    (roles,) = _roles(extractor, text).values()
    assert roles["speaker"] == {"钱某某"}


def test_a_story_that_only_quotes_an_official_in_traditional_script_reports_no_event(extractor):
    text = "6月5日，記者從縣教育局獲悉，我縣高考考點準備就緒。縣教育局局長(zhǎng)錢某某介紹，各考點已完成考場檢測。"
    fr = _extract(extractor, text)
    assert [m for r in fr.articles for m in r.meetings] == []


@pytest.mark.parametrize("text, chair", [
    ("2月20日，县委书记钱某某在某镇主持召开座谈会，听取汇报。副县长孙某参加座谈。", {"钱某某"}),
    ("2月20日，县委书记钱某某在孙某主持召开的座谈会上讲话。", set()),  # 在 opens a clause of another's
])
def test_chairing_somewhere(extractor, text: str, chair: set[str]) -> None:
    assert _roles(extractor, text)["座谈会"].get("chair", set()) == chair


def test_a_meeting_held_during_a_visit_and_its_host_named_by_family_name_and_title(extractor):
    text = ("5月23日，县委书记钱某某到某镇调研乡村振兴工作，副县长孙某某陪同调研。"
            "调研期间，钱某某主持召开座谈会，听取汇报。孙某某参加座谈。钱书记指出，要扛稳粮食安全重任。")
    roles = _roles(extractor, text)
    assert list(roles) == ["调研乡村振兴工作", "座谈会"]
    assert roles["座谈会"] == {"chair": {"钱某某"}, "speaker": {"钱某某"}, "participant": {"孙某某"}}


def test_a_delegation_led_to_another_province(extractor):
    text = ("3月19日至21日，县委书记钱某某率县党政代表团赴某省某市、某市开展招商考察活动，拜访重点企业。"
            "县委常委、常务副县长孙某参加考察。")
    (roles,) = _roles(extractor, text).values()
    assert roles["participant"] == {"钱某某", "孙某"}
    assert _meetings(extractor, text)[0][1] == "--03-19"


def _everyone(extractor, text: str, role: str) -> set[str]:
    """Who holds ``role`` at any meeting of ``text``."""
    return {who for roles in _roles(extractor, text).values() for who in roles.get(role, set())}


@pytest.mark.parametrize("text, role, who", [
    # a counter opens no title (8位委员 is no post, 和专家 no name); the members listed speak
    ("本报讯 3月2日，市政协召开专题协商会。会上，市政协委员钱某某、孙某某等8位委员和专家代表作协商发言。",
     "speaker", {"钱某某", "孙某某"}),
    # the unnamed holders of offices after the named, joined by 及 before the verb
    ("本报讯 3月2日，市人大常委会召开会议。副市长钱某某，市监委、市中级法院、市检察院负责同志及市政府有关部门负责同志列席会议。",
     "participant", {"钱某某"}),
    # …or before the talks they all gave
    ("本报讯 3月2日，全市营商环境大会召开。某某新材料集团有限公司董事长钱某某、某某物流有限公司总经理孙某某，"
     "市市场监管局主要负责同志作交流发言。", "speaker", {"钱某某", "孙某某"}),
    # …or named by their kind: 各设区的市人大常委会负责同志，部分全国人大代表和省人大代表
    ("本报讯 4月26日，省人大常委会会议闭幕。副省长钱某某，省法院院长孙某某，各设区的市人大常委会负责同志，"
     "部分全国人大代表和省人大代表列席会议。", "participant", {"钱某某", "孙某某"}),
    # a report under its title; 作为 ends a name of a compound family name and one more
    ("本报讯 1月9日，集团职工代表大会召开。集团党委委员、财务总监钱某某作《2023年度财务决算和2024年度财务预算报告》。",
     "speaker", {"钱某某"}),
    ("本报讯 9月2日，某某大学开学典礼举行。化学化工学院教授欧阳澍作为教师代表发言。", "speaker", {"欧阳澍"}),
    # a spokesperson, and someone named only as an organization's head
    ("本报讯 4月2日，市政府新闻办召开新闻发布会。市人社局副局长、新闻发言人钱某某发布有关情况。", "speaker", {"钱某某"}),
    ("本报讯 11月5日，民营企业家座谈会召开。某某跨境电商产业园负责人单某某等8位企业家代表先后发言。", "speaker", {"单某某"}),
    # an unannounced visit, and those who made it with its leader
    ("本报讯 12月12日，县委书记钱某某带队暗访安全生产工作。县委常委、常务副县长孙某某，县应急管理局局长李某一同暗访。",
     "participant", {"钱某某", "孙某某", "李某"}),
    # a transliterated name of four, no family name listed, before 就…提出要求
    ("本报讯 7月3日，州委召开常委会会议。州委书记钱某某主持会议。州委副书记、州长央金卓玛就贯彻落实会议精神提出要求。",
     "speaker", {"央金卓玛"}),
    # …and one of six heading a long list of titled people
    ("本报讯 7月3日，盟委召开委员会议。盟委书记钱某某主持会议。盟委副书记、盟长额尔敦毕力格，盟人大工委主任孙某某，"
     "盟政协主席李某某，盟委副书记周某某，盟委委员、行署常务副盟长吴某某，盟委委员、纪委书记、监察委员会主任郑某某，"
     "盟委委员、组织部部长王某某出席会议。",
     "participant", {"额尔敦毕力格", "孙某某", "李某某", "周某某", "吴某某", "郑某某", "王某某"}),
])
def test_roles_of_the_fifteenth_to_eighteenth_batches(extractor, text: str, role: str, who: set[str]) -> None:
    assert _everyone(extractor, text, role) == who


def test_a_title_before_he_is_no_name_he():
    from kg.nlp.lexicons import load_lexicons
    from kg.nlp.people import PeopleFinder

    found = PeopleFinder(load_lexicons()).find("要管好用好驻村第一书记和工作队，加强农村基层党风廉政建设。")
    assert found == []


def test_a_speech_the_headline_credits(extractor):
    text = ("省委常委会召开会议\n传达学习全国两会精神 研究部署贯彻落实工作\n钱某某主持并讲话\n\n"
            "本报讯（记者 甲某某）3月13日下午，省委书记钱某某主持召开省委常委会会议，研究部署贯彻落实工作。\n"
            "会议强调，要牢牢把握高质量发展这个首要任务。\n省政协主席孙某某列席会议。")
    [r] = _extract(extractor, text).articles
    [speech] = [rel for rel in r.relations if rel.role == "speaker"]
    assert speech.value == "钱某某" and speech.evidence.sentence == "钱某某主持并讲话"
    assert text[speech.evidence.start:speech.evidence.end] == "钱某某主持并讲话"
    assert _roles(extractor, text)["省委常委会会议"]["participant"] == {"孙某某"}


def test_a_caption_naming_the_session_in_full_is_the_meeting_reported(extractor):
    text = ("本报讯 1月22日，中共某某市纪委召开八届四次全体会议。市委书记钱某某出席会议并讲话。市长孙某某主持会议。\n"
            "▲1月22日，中国共产党某某市第八届纪律检查委员会第四次全体会议召开。记者 李某某 摄\n"
            "孙某某在主持会议时要求，各级各部门要认真学习领会会议精神。")
    roles = _roles(extractor, text)
    assert list(roles) == ["八届四次全体会议"]
    assert roles["八届四次全体会议"]["chair"] == {"孙某某"} and roles["八届四次全体会议"]["speaker"] == {"钱某某", "孙某某"}
    assert roles["八届四次全体会议"]["participant"] == {"钱某某"}


def test_a_description_of_a_congress_is_no_meeting(extractor):
    text = ("本报讯 11月6日，市长钱某某主持召开市政府第32次常务会议。会议指出，党的二十大是在关键时刻召开的一次十分重要的大会。"
            "钱某某指出，要紧盯重点指标。")
    roles = _roles(extractor, text)
    assert list(roles) == ["市政府第32次常务会议"] and roles["市政府第32次常务会议"]["speaker"] == {"钱某某"}


def test_a_session_closing_later_in_the_day_and_a_dateline_with_its_place():
    from kg.nlp.lexicons import load_lexicons
    from kg.nlp.meetings import MeetingFinder

    text = "本报某州4月26日讯（记者 甲某某）省十四届人大常委会第九次会议26日上午在某州闭幕。"
    assert [m.name for m in MeetingFinder(load_lexicons()).find(text)] == ["省十四届人大常委会第九次会议"]


def test_a_study_session_enlarged_over_a_column_break(extractor):
    column = "\n".join([" 本报讯（记者 甲某某）3月21", "日上午，县委书记钱某某主持召开", "县委理论学习中心组学习（扩大）",
                        "会议，专题学习习近平总书记关于", "发展新质生产力的重要论述，交流", "研讨学习体会，研究部署我县贯彻",
                        "落实举措。县长孙某某等县四套班子", "领导参加学习。县委常委、组织部", "部长李某某作交流发言。"])
    [r] = _extract(extractor, column).articles
    assert r.article.reporters == ["甲某某"]
    assert _roles(extractor, column) == {"县委理论学习中心组学习（扩大）会议": {
        "chair": {"钱某某"}, "speaker": {"李某某"}, "participant": {"孙某某", "李某某"}}}


@pytest.mark.parametrize("text, role, who", [
    # 月 stands in given names; a group before 和 is no part of the title after it
    ("本报讯 2月18日，县优化营商环境大会召开。县政务服务中心“综合窗口”代表和某某农业科技有限公司总经理梁月娥先后发言。",
     "speaker", {"梁月娥"}),
    # township ranks and grid posts; 依次 between names and their verb; 述职 is speaking
    ("本报讯 1月17日，县委召开述职评议会。会上，某镇党委书记刘某某、某乡党委书记晏某某依次进行现场述职。",
     "speaker", {"刘某某", "晏某某"}),
    ("本报讯 3月5日，镇召开三级干部大会。镇党委书记王某主持会议。副镇长戴某某、阳某某，镇党委组织委员、"
     "四级主任科员易某某出席会议。", "participant", {"戴某某", "阳某某", "易某某"}),
    ("本报讯 5月31日，街道召开网格化工作推进会。会上，某片区网格长、专职网格员倪某某作交流发言。", "speaker", {"倪某某"}),
    # a list ending in 等代表, one of its names a transliteration no family name opens
    ("本报讯 1月5日，某代表团审议政府工作报告。审议中，汤某某、纪某某、巴图孟和等代表结合各自工作实际踊跃发言。",
     "speaker", {"汤某某", "纪某某", "巴图孟和"}),
    # the rostrum: names the family-name list lacks before 在主席台就座
    ("本报讯 1月5日，县人大会议开幕。大会执行主席旦增洛布、孟某某、卓玛才旦在主席台前排就座。"
     "县人民法院院长洛桑嘉措、县人民检察院检察长扎西拉姆在主席台就座。", "participant",
     {"旦增洛布", "孟某某", "卓玛才旦", "洛桑嘉措", "扎西拉姆"}),
    # those sworn in are present
    ("本报讯 1月5日，县人大会议闭幕。闭幕会上，新当选的县长罗某某，副县长龙某某、詹某某，县人民检察院检察长单某某"
     "面向国旗进行宪法宣誓。", "participant", {"罗某某", "龙某某", "詹某某", "单某某"}),
    # those who went along on a visit
    ("本报讯 2月6日，县委书记韦某某来到某镇走访慰问困难群众。他叮嘱随行的某镇党委书记杨某某和某村党支部书记、"
     "村委会主任黄某某，要把帮扶落实到每家每户。", "participant", {"韦某某", "杨某某", "黄某某"}),
    # a group's label vouches for names with 年 or 以 in them
    ("本报讯 6月4日，全市营商环境大会召开。市长甲某某主持会议。市领导谷丰年、简某某、尚某某出席会议。",
     "participant", {"谷丰年", "简某某", "尚某某"}),
])
def test_roles_of_the_nineteenth_to_twenty_second_batches(extractor, text: str, role: str, who: set[str]) -> None:
    assert _everyone(extractor, text, role) == who


def test_a_river_and_lake_chief_s_post_written_with_its_bracket():
    from kg.nlp.lexicons import load_lexicons
    from kg.nlp.people import PeopleFinder

    [p] = PeopleFinder(load_lexicons()).find("县委书记、县总河（湖）长、县总林长郑某某在县分会场收听收看会议。")
    assert (p.name, p.posts) == ("郑某某", ("县委书记", "县总河（湖）长", "县总林长"))


def test_a_list_after_a_post_many_hold_shares_it():
    from kg.nlp.lexicons import load_lexicons
    from kg.nlp.people import PeopleFinder

    found = PeopleFinder(load_lexicons()).find("大会执行主席旦增洛布、孟某某、卓玛才旦在主席台前排就座。市政协委员聂某某、苗某某作协商发言。")
    assert {p.name: p.posts for p in found} == {"旦增洛布": ("大会执行主席",), "孟某某": ("大会执行主席",),
                                                "卓玛才旦": ("大会执行主席",), "聂某某": ("市政协委员",),
                                                "苗某某": ("市政协委员",)}


def test_a_broadcast_transcript_its_items_bylines_and_sound_bites(extractor):
    text = ("某某新闻（2023年7月12日 星期三）\n\n主持人：各位观众晚上好。\n\n县委常委会召开会议\n\n"
            "本台消息 今天上午，县委书记覃某某主持召开县委常委会（扩大）会议，研究部署贯彻落实工作。\n\n"
            "（画面：会议现场、与会人员认真记笔记）\n\n会议强调，要压实防汛责任。\n\n【同期声】县委书记 覃某某\n"
            "我们要紧盯全年目标任务不放松。\n\n县领导甘某某、骆某某等参加会议。\n\n（记者 莫某某 韦某 摄像 梁某某）\n\n"
            "主持人：今天下午，县领导督导检查防汛备汛工作。\n\n县长督导检查防汛备汛工作\n\n"
            "本台消息 今天下午，县委副书记、县长华某某带队督导检查防汛备汛工作。\n\n（本台记者柴某报道）")
    arts = _extract(extractor, text).articles
    assert [a.article.reporters for a in arts] == [["莫某某", "韦某", "梁某某"], ["柴某"]]
    roles = _roles(extractor, text)["县委常委会（扩大）会议"]
    assert roles == {"chair": {"覃某某"}, "speaker": {"覃某某"}, "participant": {"甘某某", "骆某某"}}
    assert all(str(m.date) == "2023-07-12" for a in arts for m in a.meetings)


@pytest.mark.parametrize("name_year, date", [("2024年全县优化营商环境大会", "2024-02-18"),
                                             ("2023年度全县工作总结大会", "--02-18")])
def test_the_one_year_a_meeting_s_name_gives(extractor, name_year: str, date: str) -> None:
    [r] = _extract(extractor, f"本报讯 2月18日，县委、县政府召开{name_year}。县委书记甲某某出席会议并讲话。").articles
    assert [m.date for m in r.meetings] == [date]
