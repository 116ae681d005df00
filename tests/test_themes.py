"""Theme extraction (kg/nlp/themes.py): sentences in which a theme must or must not be found,
rankings of invented meeting passages, and the per-file theme figures on the seeds and on the
other-city reports (the scorer's own matching)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import GOLD, ROOT, SEEDS, SHARED

from kg.nlp.themes import ThemeFinder

OTHER = ROOT / "tests" / "data" / "other-cities"


@pytest.fixture(scope="module")
def tf(lexicons) -> ThemeFinder:
    return ThemeFinder(lexicons)


def _found(tf: ThemeFinder, text: str) -> set[str]:
    return {tf.lex.themes[h.iri].label for h in tf.find(text)}


def _ranked(tf: ThemeFinder, sentences: list[str], name: str = "") -> list[str]:
    scope = [(s, 1.5 if k == 0 else 1.0, []) for k, s in enumerate(sentences)]
    return [tf.lex.themes[i].label for i in tf.rank(scope, 6, name=name)]


@pytest.mark.parametrize("text, theme", [
    ("统筹抓好中央生态环境保护督察反馈问题整改", "生态环境保护"),  # inside a longer variant of another theme
    ("统筹抓好中央生态环境保护督察反馈问题整改", "环保督察"),
    ("加快推进农业农村现代化", "农业农村"),
    ("持续保障和改善民生", "民生"),
    ("研究部署安全生产、防汛等工作", "防汛"),
    # themes of reports from other cities
    ("加强森林防灭火工作", "森林防火"),
    ("全面学习运用“千万工程”经验", "千万工程"),
    ("大力发展特色产业，推动农民增收", "特色产业"),
    ("围绕重点议题深入开展协商议政", "政协工作"),
    ("严格落实24小时值班值守制度", "应急值守"),
    ("持续深化专题协商、民主监督", "民主监督"),
    ("跟踪督办审计查出问题整改", "审计"),
    ("切实保障农民工工资支付", "根治欠薪"),
    ("抓好春耕备耕和农资保供", "农业生产"),
    ("开展校园安全和防溺水专项整治", "校园安全"),
    ("推动医养康养深度融合", "医养结合"),
    ("进一步深化经贸往来和人文交流", "经贸合作"),
    ("进一步深化经贸往来和人文交流", "人文交流"),
    ("构建亲清政商关系", "亲清政商关系"),
    ("全面推行林长制，加强森林资源保护", "国土绿化"),
    ("推动各民族广泛交往交流交融", "民族宗教"),
    ("以铸牢中华民族共同体意识为主线", "铸牢中华民族共同体意识"),
    ("抓实易地搬迁后续扶持", "易地搬迁后续扶持"),
    ("建立政金企常态化对接机制，推动银企对接", "融资对接"),
    ("坚持和发展新时代“枫桥经验”", "矛盾纠纷化解"),
    ("统筹抓好草原生态保护和草原畜牧业转型升级", "草原生态保护"),
    # the rules on officials' conduct are a topic, not framing as 学习贯彻…精神 is
    ("要锲而不舍落实中央八项规定精神", "作风建设"),
    ("持续深化整治群众身边不正之风", "作风建设"),
    ("一体推进不敢腐、不能腐、不想腐", "廉政建设"),
    ("要扛稳粮食安全重任", "粮食安全"),
    # a congress's and a political consultative conference's own work
    ("要紧扣全市中心工作依法履职，加强对预算执行的监督", "依法履职"),
    ("要广泛凝聚共识，为全市发展建言献策", "凝聚共识"),
    ("围绕老旧小区改造开展专题协商", "政协工作"),
])
def test_theme_is_found(tf, text, theme):
    assert theme in _found(tf, text)


@pytest.mark.parametrize("text, theme", [
    ("县农业农村局与某学院签署合作协议", "农业农村"),  # a government body, not a topic
    ("区卫生健康委汇报了有关情况", "医疗卫生"),
    ("三要聚焦民生为本，优化质量供给。", "民生"),  # a guiding value; the task is 质量供给
    ("审议《关于乡村振兴的实施意见》", "乡村振兴"),
    ("要扛稳粮食安全重任", "食品安全"),  # 稳粮 then 食安: a label of two gives way to a longer one
])
def test_theme_is_not_found(tf, text, theme):
    assert theme not in _found(tf, text)


def test_a_review_of_results_is_background_unless_it_asks(tf):
    assert tf.weight("会议指出，在全县上下共同努力下，一季度消费需求持续释放。") < 1.0
    assert tf.weight("会议指出，去年全区取得了较好成绩，今年要持续扩大消费。") == 1.0


def test_stock_phrases_of_exhortation_are_not_themes(tf):
    ranked = _ranked(tf, ["会议强调，各部门要主动担当作为，推动全县经济社会发展迈上新台阶。"])
    assert "干部队伍建设" not in ranked and "经济运行" not in ranked


def test_the_new_development_formula_is_framing(tf):
    ranked = _ranked(tf, ["会议强调，要立足新发展阶段、贯彻新发展理念、构建新发展格局，做好营商环境工作。"])
    assert "新发展理念" not in ranked and "营商环境" in ranked


def test_one_task_with_dengongzuo_is_not_a_topic_list(tf):
    # 做好夏季电力保供等工作 is one task of an item; 研究部署A、B等工作 lists the meeting's topics
    score, _ = tf.scores([("要统筹做好夏季电力保供等工作。", 1.0, [])])
    listed, _ = tf.scores([("要统筹抓好电力保供、安全生产等工作。", 1.0, [])])
    power = tf.lex.theme_by_label["电力保供"]
    assert listed[power] == 2 * score[power]


def test_a_place_in_a_visit_name_is_not_its_topic(tf):
    scope = [("县长要求，要把群众诉求放在心上。", 1.5, [])]
    ranked = [tf.lex.themes[i].label for i in tf.rank(scope, 6, name="来到县矛盾纠纷调处服务中心接待来访群众")]
    assert "矛盾纠纷化解" not in ranked and "群众诉求" in ranked


def test_passing_mentions_only_fill_meetings_with_few_themes(tf):
    busy = ["会议研究部署安全生产、防汛、营商环境和招商引资等工作。",
            "会议强调，要抓好安全生产和防汛，优化营商环境，全力抓招商引资。",
            "要落实惠企政策。"]
    quiet = ["会议研究部署营商环境工作。", "会议强调，要持续优化营商环境，落实惠企政策。"]
    assert "惠企服务" not in _ranked(tf, busy)
    assert _ranked(tf, quiet) == ["营商环境", "惠企服务"]


def _theme_f1(extractor, lexicons, src: Path, gold: Path) -> float:
    """Per-file distinct themes matched as ../shared/eval/score.py matches them."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    from kg.reading import read_source

    hit = n_gold = n_sys = 0
    for f in sorted(src.glob("*.txt")):
        res = extractor.extract(read_source(f))
        iris = dict.fromkeys(r.value for a in res.articles for r in a.relations if r.role == "emphasizes")
        sys_items = [frozenset(scorer.norm(x) for x in lexicons.themes[i].labels) for i in iris]
        g = json.loads((gold / f"{f.stem}.json").read_text(encoding="utf-8"))
        gold_items = sorted({scorer.norm(t) for m in g["meetings"] for t in m["themes"]})
        h, ng, ns = scorer.match_count(gold_items, sys_items, scorer.theme_like)
        hit, n_gold, n_sys = hit + h, n_gold + ng, n_sys + ns
    return scorer.prf(hit, n_gold, n_sys)[2]


def test_theme_figures_on_seeds_and_other_cities(extractor, lexicons):
    assert _theme_f1(extractor, lexicons, SEEDS, GOLD) >= 0.83
    assert _theme_f1(extractor, lexicons, OTHER, OTHER / "gold") >= 0.95


def test_skip_spans_drop_a_label_and_its_nested_themes_and_matches_are_remembered(lexicons):
    tf = ThemeFinder(lexicons)
    text = "统筹抓好中央生态环境保护督察反馈问题整改，持续保障和改善民生"
    everything = tf.find(text)
    assert {"环保督察", "生态环境保护", "民生"} <= {tf.lex.themes[h.iri].label for h in everything}
    start = text.index("中央")
    skipped = tf.find(text, [(start, start + 2)])  # overlaps the long label: it and what it holds go
    assert {tf.lex.themes[h.iri].label for h in skipped} == {"民生"}
    assert tf.find(text) == everything == ThemeFinder(lexicons).find(text)  # the memo gives what a fresh finder finds


def test_a_meeting_about_broad_framing_themes_keeps_them(tf):
    """Framing themes (改革, 现代化) score a fraction of a plain one, under the floor when named once;
    a meeting that names nothing narrower is about them all the same."""
    study = ["市委理论学习中心组举行专题学习会，围绕学习贯彻全会精神进行交流研讨。",
             "会议强调，要全面深化改革，推进中国式现代化。"]
    assert {"改革", "现代化建设"} <= set(_ranked(tf, study))
    busy = study + ["要抓好安全生产，优化营商环境，全力抓招商引资和项目建设。"]
    assert "改革" not in _ranked(tf, busy)


def test_strict_party_governance_is_a_theme_not_a_category_word(tf):
    ranked = _ranked(tf, ["某某强调，要坚定不移推进全面从严治党，持之以恒正风肃纪反腐，持续深化作风建设。"])
    assert "全面从严治党" in ranked


def test_an_agenda_after_yanjiu_is_a_topic_list(tf):
    """研究A、B、C等工作 names the meeting's topics as 研究部署 does."""
    agenda = ["市长某某主持召开市政府常务会议，研究城市更新、生态环境保护、民生实事等工作。",
              "会议强调，要推动城市高质量发展，深入打好污染防治攻坚战，扎实办好民生实事，抓好安全生产。",
              "要持续优化营商环境，全力抓好招商引资。"]
    assert "生态环境保护" in _ranked(tf, agenda)


def test_a_theme_inside_a_longer_label_does_not_straddle_its_name(tf):
    # 促进民营经济发展壮大 is 民营经济; 经济发展 runs across its name and is no theme here
    assert _found(tf, "研究部署促进民营经济发展壮大等工作") == {"民营经济"}


def test_the_areas_a_task_covers_are_not_its_peers(tf):
    """Items listed as the key sectors of a task (…等重点行业领域) weigh less than the themes the
    meeting names as its own, so a fuller agenda keeps its places."""
    ranked = _ranked(tf, [
        "市委常委会召开会议，研究部署安全生产、森林防火和民营经济等工作。",
        "会议指出，要聚焦道路交通、危险化学品、城镇燃气、自建房等重点行业领域，扎实开展隐患排查整治。",
        "会议要求，要持续优化营商环境，推动信访积案动态清零。",
        "某某在讲话中要求，要持续加强作风建设。",
    ])
    assert {"安全生产", "森林防火", "民营经济", "营商环境", "作风建设"} <= set(ranked)
    assert not {"道路交通安全", "危险化学品安全", "燃气安全", "自建房安全"} & set(ranked)


def test_a_meeting_named_after_a_committee_is_about_its_field(tf):
    # the category word 改革 is the topic itself here, not lent to a narrower reform
    ranked = _ranked(tf, ["会议审议了有关文件。", "会议强调，要深化放管服改革，优化政务服务。"],
                     name="市委全面深化改革委员会第十四次会议")
    assert "改革" in ranked


def test_details_of_a_task_listed_with_deng_fangmian_count_half(tf):
    ranked = _ranked(tf, ["会议强调，要落实人才住房、子女入学、医疗保障等服务措施，营造人才生态。",
                          "会议要求，要抓好人才工作。"])
    assert "人才工作" in ranked and "住房" not in ranked


def test_numbered_headings_with_yishi_are_the_tasks_set(tf):
    ranked = _ranked(tf, ["市委书记甲某某强调，各级各部门要把企业家的金点子转化为推动发展的硬举措，推动民营经济发展壮大。",
                          "一是持续优化营商环境。", "深化政务服务增值化改革，推行涉企行政检查综合查一次。",
                          "二是强化要素保障。", "引导金融机构加大首贷、信用贷投放力度。", "三是支持企业科技创新。",
                          "四是构建亲清政商关系。", "完善市领导挂联重点企业制度。"])
    assert {"营商环境", "要素保障", "科技创新", "亲清政商关系"} <= set(ranked)


def test_the_current_wording_of_rural_revitalization(tf):
    assert "乡村振兴" in _found(tf, "要巩固拓展脱贫攻坚成果，持续推进乡村全面振兴。")
