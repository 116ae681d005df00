"""Development sets of invented reports in layouts and event kinds the seeds lack, with gold in
the scorer's format: rules that only fit the seeds fail here.

``other-cities``: a county web page, an e-paper page, traditional script with pinyin, narrow
columns with headlines after bodies. ``more-cities``: a standing committee, a people's congress
and a CPPCC meeting, a reception in Big5-HKSCS, a groundbreaking ceremony, a follow-up meeting,
a study session, a provincial leader's visit, two stories in a file with no datelines, a byline
in a file with none, a bulleted byline, traditional script in UTF-16 and GB18030, a saved HTML
page, a signing, a discipline commission plenum with names listed by spaces, pinyin with tone
numbers on a simplified page under a text-and-photo credit, two items ended by （完）, a county
page with a bare date beside 来源 and 相关阅读 headlines, a site tour with its review session on
a later day, a training course's opening, a press conference, transliterated names (·), a theory
study group, attendance lists divided by semicolons, a chain-leader meeting, an e-paper page in
narrow columns with headlines after bodies, a provincial video meeting watched at a branch venue
(Big5-HKSCS), a rural work conference in GBK, a provincial inspection team's mobilization
meeting. Its texts were written before the rules that now read them; its figures before them were
micro F1 0.890 (recall 0.819), the Big5-HKSCS files unreadable.

``third-party``: two batches of twelve reports and their gold written by someone who had not
seen the rules or the other sets. The first (b1_: a standing committee, an executive meeting on a web page, a provincial video
meeting with its follow-up in GBK columns, a theory study group dated in Chinese numerals, a
promotion-and-signing event and a reception in one file, a traditional-script inspection with
pinyin, a people's congress in Big5, a CPPCC consultation in UTF-16, a groundbreaking with its
headline after the body, an awards meeting on a web page, two meetings of one afternoon, three
stories with headlines after bodies; rare family names throughout) scored micro F1 0.774 before
the rules it taught (recall 0.676: an awards page came out empty). The second (b2_: an executive
plenary with a clean-government meeting, a quarterly economic review in GB18030 columns, a banner's
inspection mobilization with Mongolian names, people's congress inspection and inquiry in UTF-16,
a press conference, a prefecture's holiday visits with Kazakh and Uyghur names, tree planting
with names listed by spaces, a plaque unveiling as raw HTML, an entrepreneurs' forum in Big5-HKSCS
with pinyin, a column page of three stories with a foreign ambassador, a flood inspection, a party
plenum) scored 0.799 before any of them, 0.816 with the first batch's rules, 0.943 after its own.
The third (b3_, fourteen: a township party committee and its same-day follow-up, a subdistrict's
weekly meeting in narrow columns, a people's congress opening with the presidium listed by spaces
and padded names, a high-tech zone's office meeting in GB18030, a vice-governor's two-day visit, a
signing with companies' executives and a petition reception on an e-paper page, a coordination
meeting in Big5 with tone numbers, a provincial inspection with Yi names, a flood consultation in
full-width digits, an education rally in UTF-16, a video meeting's follow-up, a forum under a
mojibake line, a discipline plenum under a photo credit, a health conference with its awards)
scored 0.839 before any of them, 0.878 with the first two batches' rules, 0.963 after its own.
Two more batches came from two other writers, each given only the gold schema and the seeds. The
fourth (b4_, fourteen: a work-safety committee in GBK, a forest chiefs' meeting in narrow columns, an
e-paper page with a talent conference, a feature story and a court-procuratorate meeting, an
ethnic-unity rally with Uyghur names, a double-support meeting in Big5 with tone numbers, a
petition bulletin OCR'd with stray spaces, an inspection feedback meeting credited to its unit, an
audit follow-up in UTF-16 HTML, an air-pollution meeting, a delegation's east-west cooperation
visit, a financing fair with a signing, a civilized-city drive, a banner's entrepreneurs' forum with
Mongolian names, a county head's office meeting with Tibetan names) scored 0.849 at the start of its
session, 0.905 after its rules. The fifth (b5_, twelve: a reform commission and a foreign-affairs
commission, a finance committee on an e-paper page, a river chiefs' video meeting in traditional
UTF-16, a banner's appointment meeting on a WeChat page, a vice-governor's visit as raw HTML, a
foreign-trade forum in Big5, a CPPCC consultation in columns, a people's congress inspection with
OCR noise, a district's "walk the process" visit, a united-front forum on a WeChat page, a forest
district's two meetings, a county-university visit) scored 0.842 with the code of that session's
start and 0.857 with the fourth batch's rules alone (the held-out figure), 0.916 after its own.
The sixth (b6_, twelve, from a fourth writer: a two-day economic work conference in columns with a
name cut across lines, a district government plenary with its clean-government meeting, deputies'
inspection and its forum in GB18030, a CPPCC training course in a Yi prefecture, a village-team
rotation rally with Tibetan names on a WeChat page, a safety inspection in Big5, a banner's fire
headquarters with Mongolian names as HTML, an e-paper page with a signing, a university forum and a
news item, a women's congress with its election, a theory study session in traditional script, a
flood video dispatch in columns under a bulleted byline, a reception of a Hong Kong delegation with
OCR spaces) scored 0.802 with the code of that session's start and 0.821 with the fourth and fifth
batches' rules alone, 0.909 after its own. The seventh (b7_, twelve, from a fifth writer: an
executive meeting with its agenda, a district standing committee and a village-environment review in
GBK columns, a Tujia county's party plenum in Big5 with tone numbers, a township party congress on a
WeChat page, a subdistrict's deputies' forum with OCR noise in UTF-16, a congress chairmen's and a
CPPCC chairmen's meeting on a PDF digest, a project tour and its review as HTML, a groundbreaking and
a finance forum on an e-paper page, an investment fair in another city in traditional script, a
mayor's company visits, a provincial video meeting's follow-up with Tibetan names in GB18030 columns,
a warning-education rally and an education conference with Uyghur names) scored 0.839 with the code
of that session's start and 0.863 with the fourth to sixth batches' rules alone, 0.904 after its own.
The eighth (b8_, twelve, from a sixth writer: a standing committee on a web page, an executive
meeting in GB18030 columns under a dateline alone on its line, a provincial flood video meeting with
its follow-up and next day's inspection on a WeChat page, a farmland visit and meeting in Big5, a
reception and a signing of one day, a people's congress in traditional UTF-16 with pinyin inside
names, a CPPCC meeting, a petition meeting and a talent forum in one file, a discipline plenum with
Tibetan names and OCR errors, a study session and a party lecture in Big5, a township fire meeting
with Yi names spaced apart, a digital-economy forum with Mongolian names, a groundbreaking and an
ethnic-unity meeting with Uyghur names) scored 0.830 with the code of the next session's start,
0.935 after its own rules. The ninth (b9_, twelve, from a seventh writer: long front-page reports
with long attendance lists, a quarterly review and its afternoon visit in GB18030 columns, an
east-west cooperation reception, meeting and unveiling, a flood video dispatch in Big5, a
democratic-life meeting in traditional UTF-16 with pinyin, a congress, a CPPCC and a township
meeting in one column page with a story in running text and mojibake between them, an inspection
feedback with Dai names and a forest-fire video meeting, a provincial department's conference in
Big5, an investment fair, a work-safety video meeting and a groundbreaking, an entrepreneurs' forum,
a standing committee relaying the national sessions, a reception, an unveiling and a sumu meeting
with Mongolian names) scored 0.817 with that session's start code and 0.841 with the eighth batch's
rules alone, 0.924 after its own. The tenth (b10_, twelve, from an eighth writer, mostly digests of
short items: a county's government news page, an e-paper's news-in-brief with bulleted datelines in
GB18030 columns, a standing committee in Big5, a week's numbered items with headlines after bodies
and the year only in the digest's title, a study session with an invited professor in UTF-16,
festival visits in bulleted items, a party secretary's company tour, a subdistrict's and a town's
items parted by blank lines, a reception on a web page, a traditional-script page with pinyin, a
notice and an exam item quoting officials, an entrepreneurs' forum, an OCR'd page with a reform
commission, a reception and an inspection) scored 0.853 with that session's start code and 0.853
with the eighth and ninth batches' rules alone, 0.935 after its own. The eleventh (b11_, twelve, from
a ninth writer: leaders' days beyond meetings, an investment delegation to another province, tree
planting and a party lecture on a WeChat page, a first lesson of the school year with spaced names,
collective warning talks in narrow columns, a project tour and its review in Big5, a petition day and
visits to deputies, a provincial leader's visit with its forum in traditional UTF-16 with pinyin
inside a name, a press conference, a joint meeting and a flood consultation, a video dispatch with
branch venues in Big5, a welcome meeting and an unveiling with Uyghur and Kazakh names, a
department's report meeting and a secretary's visit with its forum, named again as 嵇书记) scored
0.813 with that session's start code and 0.861 with the eighth to tenth batches' rules alone, 0.892
after its own (its writer counts the people an official meets and talks with as present, and 回答提问
and 介绍 as no speaking: conventions the rules keep as they were). The twelfth (b12_, twelve, from a
tenth writer imitating the seeds' mainstream front-page reports in many provinces: standing committees
and executive meetings with several agenda items, a county's rural-revitalization rally, a study group
in traditional script with pinyin, a groundbreaking, a reception and a signing on an e-paper page in
GB18030 with its own mojibake (U+FFFD as characters), a provincial video dispatch with its follow-up on
a WeChat page in UTF-16, a congress standing committee and a law-enforcement inspection in Big5, a
CPPCC session with a visit under 相关阅读, a congress opening with its presidium on the rostrum, a
border county's visit with Dai names, a flood video meeting in columns, two reports on one page each
with its own publication date) scored 0.826 with that session's start code and 0.846 with the eighth
to eleventh batches' rules alone, 0.929 after its own. The thirteenth (b13_, twelve, from an eleventh
writer: districts and counties, a district standing committee on its media centre's site, a district
executive meeting in GB18030 columns, a banner secretary's company visits on a WeChat page with
Mongolian names, a high-tech zone's working committee in traditional UTF-16 with pinyin inside a
name, a district congress in Big5 with padded names, a reception and a signing in Big5, a subdistrict's
and a town's meetings, a civilized-city drive and a district head's office meeting, a safety meeting
and a river chief's patrol under a text-and-photo credit, a CPPCC session and a secretary's petition
day, a talent conference and an on-site office meeting, a groundbreaking and an environmental
inspection follow-up with Uyghur names) scored 0.885 with that session's start code and 0.911 with
the eighth to twelfth batches' rules alone, 0.921 after its own (two stories run together with
nothing between them and a byline of two Mongolian names with no gap stay as they are). The
fourteenth (b14_, ten, from a twelfth writer: an ordinary week of one city's paper and website, a
standing committee and an executive meeting, a flood video meeting and its follow-up in GB18030, a
business-environment rally in Big5, a study session in traditional UTF-16 with pinyin, a congress
session, a CPPCC session and a reception, a visit and a groundbreaking, a township meeting in Big5, a
rural-revitalization and rule-of-law item, a fire-safety follow-up and a signing, Mongolian names in
lists) scored 0.896 with that session's start code and 0.912 with the eighth to thirteenth batches'
rules alone, 0.928 after its own. Four more came at once from four more writers, all scored with
one session's start code before any rule was written for them: the fifteenth (b15_, twelve:
provincial papers, a provincial standing committee with named attendees from the court and the
procuratorate and tree planting with a long list of provincial leaders, an executive meeting with
a governor's assistant, a congress session closing later in the day in narrow columns, a CPPCC
standing committee reprinted in Big5, a study group continued on another page, a prefecture's two
meetings with headlines after bodies, a league committee with Mongolian names, a city page of four
stories, a plenary with pinyin, a Hong Kong reprint, a provincial video meeting's follow-up in
GB18030, a governor's reception) 0.895; the sixteenth (b16_, twelve: OCR'd and scraped noise, a
front page with OCR errors and spaces inside names, a study group in GB18030 web furniture, a
machine-converted Big5 page, a bulletin under a letter-spaced masthead in UTF-16, two stories in
15-character columns, a WeChat visit in GBK, a mojibake line in front of the speakers, briefs with
spaced names, an economic conference continued on another page, raw HTML with Yi names, a signing in
GB18030, a discipline plenum under its photo's caption) 0.895; the seventeenth (b17_, twelve:
theme-dense meetings, numbered requirements 一是…, a study session enlarged (（扩大）) cut by a
column, a flood video meeting's follow-up, a rural work conference, a discipline plenum, a safety
committee, a petition meeting in GB18030, an education conference with a running header's year, a
prefecture in traditional script with pinyin and Tibetan names, an entrepreneurs' forum, an ecology
committee and a river patrol) 0.865; the eighteenth (b18_, twelve: a state firm's party committee
and workers' congress, a university's three pages, a hospital in GB18030, a police warning rally, a
court and procuratorate joint meeting, a development zone in traditional script with pinyin,
township and subdistrict meetings in GBK, a city education conference, a press conference with a
spokesperson, a signing and unveiling, an unannounced inspection) 0.860. After their own rules: 0.931,
0.917, 0.924 and 0.885 (the gold of one writer counts a guest received as present, some count a
teacher speaking as a model as an official and one does not: conventions the rules keep). Four more,
from four more writers, were scored with that session's start code and with the fifteenth to
eighteenth batches' rules: the nineteenth (b19_, twelve: the sessions of congresses and political
consultative conferences, openings with the rostrum's executive chairmen, delegations' deliberations
with deputies listed before 等代表, a closing with elections and the oath of those elected in
GB18030, preparatory meetings and presidiums, traditional script with pinyin, a Tibetan county's
sessions on WeChat) 0.861 and 0.861; the twentieth (b20_, twelve: a WeChat post, a county TV news
transcript with its anchor's links, sound bites (【同期声】) and camera credits, Weibo posts, an app's
push log, a short-video page, a radio script in GB18030, a Hong Kong page in Big5, an OCR of phone
screenshots, a subtitle file) 0.823 and 0.823; the twenty-first (b21_, twelve: township party
committees and congresses, village meetings with their grid and village posts, a sub-district's
items, a county secretary's festival visits with those who went along, a three-level cadres' rally in
GB18030, narrow columns, a township bulletin, a 访惠聚 visit with Uyghur names, township secretaries'
annual reports) 0.839 and 0.845; the twenty-second (b22_, twelve: theme-dense economic and ecological
meetings, a river and forest chiefs' video meeting with Dai names and posts written 县总河（湖）长, a
carbon-peaking group, a financial work conference in columns, a year only in a meeting's name)
0.881 and 0.887. After their own rules: 0.923, 0.842, 0.886 and 0.912 (a subtitle file's captions,
which carry no punctuation, are read as they are; 汇报 to a visiting leader and 介绍 stay speaking).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

DATA = ROOT / "tests" / "data"
# set -> (files, floor for themes, floor for every other category, floor for the micro figure)
SETS = {"other-cities": (7, 0.80, 0.90, 0.95), "more-cities": (34, 0.80, 0.90, 0.95),
        "third-party": (266, 0.60, 0.90, 0.91)}
# set -> (gold dates with a year, of those the system gets right)
YEARS = {
    "other-cities": (5, 5),  # 发布日期/发布时间 of web pages, e-paper date lines, a media centre header
    # four from web pages' metadata lines (发布时间/发布日期, a bare date beside 来源, a saved HTML
    # page), one from an e-paper's page header, one written in the dateline, one only in the event's
    # name (2023年第三季度…开工仪式; not a 2022年度 review, which is held in 2023)
    "more-cities": (7, 7),
    # 发布时间 lines, page headers (some in Chinese numerals), datelines, 昨天 from a page's date
    # (of the seventh batch's eleven, four: a digest's header run into one line, a page date in
    # HTML furniture, a year in an event's name, a date cut by a column; of the fifteenth to
    # twenty-second batches', a bulletin's issuer before its date and the one year of an event's name)
    "third-party": (227, 223),
}


def _score(folder: Path, out: Path) -> tuple[dict[str, float], tuple[int, int]]:
    from kg.pipeline import BuildOptions, run

    report = run(BuildOptions(inputs=[folder], out=out, progress=False, html=False))
    assert report.files == SETS[folder.name][0] and not report.problems, report.problems
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    totals, _, years = scorer.score(folder / "gold", out / "graph.ttl")
    f1 = {cat: scorer.prf(*totals[cat])[2] for cat in totals}
    heads = scorer.HEADLINE
    f1["micro"] = scorer.prf(*(sum(totals[c][i] for c in heads) for i in range(3)))[2]
    return f1, years


@pytest.fixture(scope="module", params=sorted(SETS))
def figures(request, tmp_path_factory, nlp):
    return request.param, _score(DATA / request.param, tmp_path_factory.mktemp(request.param))


def test_every_category_carries_to_other_layouts(figures):
    name, (f1, _) = figures
    _, theme_floor, floor, micro = SETS[name]
    low = {c: round(v, 3) for c, v in f1.items() if v < (theme_floor if c == "themes" else floor)}
    assert not low, f"below the floor on {name}: {low}"
    assert f1["micro"] >= micro


def test_years_come_from_page_metadata(figures):
    name, (_, (hits, total)) = figures
    assert (total, hits) == YEARS[name]
