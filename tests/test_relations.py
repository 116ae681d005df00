"""Roles read as a careful reader reads them: chair, speakers, participants, per meeting."""

from __future__ import annotations

from kg.records import SourceDoc


def _roles(extractor, text: str) -> dict[str, dict[str, set[str]]]:
    fr = extractor.extract(SourceDoc("t.txt", "t.txt", text, "utf-8"))
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
    fr = extractor.extract(SourceDoc("t.txt", "t.txt", text, "utf-8"))
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
    fr = extractor.extract(SourceDoc("t.txt", "t.txt", text, "utf-8"))
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
    fr = extractor.extract(SourceDoc("t.txt", "t.txt", text, "utf-8"))
    m = fr.articles[0].meetings[0]
    assert m.kind == "inspection"
    assert {r.value for r in fr.articles[0].relations if r.role == "participant"} == {"魏某某", "钱某某"}


def test_going_somewhere_to_inspect_is_an_inspection(extractor):
    text = "本报讯 5月6日，省委书记沈某某到我市部分企业调研。市委书记钱某某陪同调研。"
    r = extractor.extract(SourceDoc("t.txt", "t.txt", text, "utf-8")).articles[0]
    assert [m.kind for m in r.meetings] == ["inspection"]
    assert {x.value for x in r.relations if x.role == "participant"} == {"沈某某", "钱某某"}


def test_overlapping_meeting_words_and_dateline_reporter(extractor):
    text = "本报讯 记者李某某报道 9月9日，市委理论学习中心组举行专题学习会。市委书记钱某某主持并讲话。"
    r = extractor.extract(SourceDoc("t.txt", "t.txt", text, "utf-8")).articles[0]
    assert r.article.reporters == ["李某某"]
    assert [(m.name, m.kind) for m in r.meetings] == [("专题学习会", "study-session")]
