"""Splitting files into articles: markers, bylines, headlines before or after bodies."""

from __future__ import annotations

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
