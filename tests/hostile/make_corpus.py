"""Write the hostile input corpus into a folder (run at test time; nothing generated is committed).

Every kind of input the issue lists gets at least one file, and each file comes with what a
build must do with it: read it (and which names, exact literals and source spans must reach
the graph) or refuse it with one message naming the file and saying why. All names, places
and dates here are invented; none comes from ``seeds/``.

Usage as a script: ``python tests/hostile/make_corpus.py OUT_DIR`` writes the corpus and
prints one line per file.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Case", "KINDS", "HOSTILE_STRINGS", "report", "make_corpus", "HUGE_BYTES"]

# the kinds of part 1 of the issue; test_hostile checks that the corpus covers each one
KINDS = (
    "gb18030", "big5", "utf-16", "bom", "empty", "binary", "truncated-utf8", "html-page",
    "boilerplate-only", "huge-no-newline", "ext-b-names", "hostile-text",
)

# text that must stay text: markup, quotes, braces, backslashes, Turtle/SPARQL syntax
HOSTILE_STRINGS = (
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "\"\"\" ' \\\" \\u0022 \\n {}{ }} \\\\",
    "DROP ALL; INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
    "@prefix x: <urn:x> . ] ) > .",
)

HUGE_BYTES = 2_500_000  # a few MB, no line break: refused under the tests' --max-bytes


@dataclass(frozen=True, slots=True)
class Case:
    """One corpus file and what a build must make of it."""

    name: str
    kind: str
    data: bytes
    refused: str | None = None  # a word of the one problem message when the file must be refused
    people: tuple[str, ...] = ()  # simplified names that must be jy:Person labels
    literals: tuple[str, ...] = ()  # strings that must be (inside) some literal of the graph
    absent: tuple[str, ...] = ()  # strings that must be in no literal (page scripts, navigation)
    source_spans: tuple[str, ...] = ()  # strings whose jy:start/jy:end evidence must point at them
    extra: dict[str, object] = field(default_factory=dict)


def report(chair: str, mayor: str, deputy: str, *, month: int = 3, day: int = 15, headline: str | None = None,
           theme: str = "乡村振兴") -> str:
    """A short report in the common shape: dateline, meeting, chair, participants, themes."""
    lines = []
    if headline is not None:
        lines.append(headline)
    lines += [
        f"本报讯 {month}月{day}日，市委召开常委会会议，传达学习有关会议精神，研究部署近期工作。"
        f"市委书记{chair}主持会议并讲话。市长{mayor}、市委副书记{deputy}出席会议。",
        f"会议强调，要坚持高质量发展，扎实推进{theme}，持续优化营商环境，切实抓好各项工作落实。",
    ]
    return "\n".join(lines) + "\n"


_TRADITIONAL = ("本報訊 5月9日，市委召開常委會會議，傳達學習有關會議精神，研究部署近期工作。"
                "市委書記韓曉東主持會議並講話。市長馮立新、市委副書記龔雪松出席會議。\n"
                "會議強調，要堅持高質量發展，紮實推進鄉村振興，持續優化營商環境。\n")

_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>市委召开常委会会议</title>
<script>var trackingCode = "UA-000000"; document.write('<div>广告位招租</div>');</script>
<style>.nav {{ color: red }}</style></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/news">要闻动态</a></div>
<nav>网站首页 | 政务公开 | 办事服务 | 互动交流</nav>
<div class="crumb">当前位置：首页 &gt; 要闻动态</div>
<h1>市委召开常委会会议</h1>
<div class="meta">发布时间：2021-06-08 来源：市政府办公室 浏览次数：1234</div>
<div class="content"><p>{p1}</p><p>{p2}</p></div>
<div class="footer"><p>主办单位：市人民政府办公室</p><p>版权所有 &copy; 市人民政府 ICP备00000000号</p></div>
</body></html>
"""

_BOILERPLATE = """网站首页 | 政务公开 | 办事服务 | 互动交流
当前位置：首页 > 要闻动态 > 正文
发布时间：2021-06-08 来源：市政府办公室 浏览次数：1234 【字体：大 中 小】 【打印本页】 【关闭窗口】
分享到：
上一篇：无
下一篇：无
主办单位：市人民政府办公室
版权所有 © 市人民政府 ICP备00000000号 公网安备00000000000号
联系电话：0000-00000000
"""


def _cases() -> list[Case]:
    cases: list[Case] = []
    add = cases.append

    # GB18030: 4-byte sequences too (a character outside GBK) so GBK alone would not decode it
    gb = report("欧阳明远", "沈立群", "邵春阳") + "㐀字样说明。\n"
    add(Case("gb18030.txt", "gb18030", gb.encode("gb18030"), people=("欧阳明远", "沈立群", "邵春阳"),
             literals=("市委书记欧阳明远主持会议并讲话。",)))
    # Big5, traditional script: names come out simplified, the source offsets still point at the original
    add(Case("big5.txt", "big5", _TRADITIONAL.encode("big5"), people=("韩晓东", "冯立新", "龚雪松"),
             source_spans=("韓曉東",)))
    add(Case("utf16-bom.txt", "utf-16", report("鲁建明", "谭志远", "程一鸣").encode("utf-16"),
             people=("鲁建明", "谭志远", "程一鸣")))
    add(Case("utf16le-nobom.txt", "utf-16", report("孟庆瑜", "方志诚", "杭书恒").encode("utf-16-le"),
             people=("孟庆瑜", "方志诚", "杭书恒")))
    add(Case("utf8-bom.txt", "bom", report("严慕白", "季良弼", "韦知秋").encode("utf-8-sig"),
             people=("严慕白", "季良弼", "韦知秋"), source_spans=("严慕白",)))
    add(Case("empty.txt", "empty", b"", refused="empty"))
    add(Case("blank.txt", "empty", b" \r\n\t\n  \n", refused="empty"))
    rng = random.Random(7)
    add(Case("random.txt", "binary", bytes(rng.randrange(256) for _ in range(20_000)), refused="not text"))
    add(Case("zeros.txt", "binary", b"\x00\x01\x02\x03\xff\xfe\xfd" * 3000, refused="not text"))
    cut = report("葛兰亭", "俞定川", "裴启航").rstrip("\n").encode("utf-8")[:-1]  # last 。 loses a byte
    add(Case("truncated.txt", "truncated-utf8", cut, people=("葛兰亭", "俞定川", "裴启航")))
    body = report("骆成章", "卜思源", "钱望舒").split("\n")
    page = _HTML.format(p1=body[0], p2=body[1])
    add(Case("saved-page.html", "html-page", page.encode("utf-8"), people=("骆成章", "卜思源", "钱望舒"),
             literals=("市委召开常委会会议",), absent=("trackingCode", "广告位招租", "办事服务", "版权所有", "浏览次数", "当前位置"),
             source_spans=("骆成章",)))
    add(Case("boilerplate.txt", "boilerplate-only", _BOILERPLATE.encode("utf-8"), refused="no report text"))
    # a few MB on one line: refused by size before it is read (the tests pass --max-bytes 1000000)
    unit = "会议强调要坚持高质量发展扎实推进各项工作落实，".encode("utf-8")
    add(Case("huge-one-line.txt", "huge-no-newline", unit * (HUGE_BYTES // len(unit)), refused="exceeds the limit"))
    # Extension B characters (outside the BMP) in names and text
    extb = report("宋𠀾𠁣", "柯文涛", "闻人雅", headline="宋𠀾𠁣主持召开市委常委会会议").replace(
        "、市委副书记闻人雅出席会议", "、市委副书记闻人雅、秘书长𪚥𠮷𡈽出席会议")
    add(Case("ext-b.txt", "ext-b-names", extb.encode("utf-8"), people=("柯文涛", "闻人雅"),
             literals=("宋𠀾𠁣主持召开市委常委会会议", "市长柯文涛、市委副书记闻人雅、秘书长𪚥𠮷𡈽出席会议。"),
             source_spans=("𪚥𠮷𡈽",), extra={"ext_b_person": "宋𠀾𠁣"}))
    # hostile markup and syntax in headlines, quoted themes and sentences
    for i, s in enumerate(HOSTILE_STRINGS):
        names = (("谷雨辰", "苗青禾", "尤立方"), ("席慕远", "车文博", "全一宁"), ("仲夏林", "隆正平", "滕子京"),
                 ("唐文博", "袁立平", "何清远"), ("桑梓园", "甄志强", "邓建国"))[i]
        headline = f"{s}市委召开常委会会议"
        text = report(*names, headline=headline) + f"会议要求，实施“{s[:8]}”行动，确保{s}落到实处。\n"
        add(Case(f"hostile-{i}.txt", "hostile-text", text.encode("utf-8"), people=names,
                 literals=(headline, f"会议要求，实施“{s[:8]}”行动，确保{s}落到实处。"), extra={"hostile": s}))
    return cases


def make_corpus(out: Path) -> list[Case]:
    """Write every case's file into ``out`` (created if needed); returns the cases."""
    out.mkdir(parents=True, exist_ok=True)
    cases = _cases()
    for c in cases:
        (out / c.name).write_bytes(c.data)
    return cases


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for c in make_corpus(target):
        print(f"{c.kind:18} {c.name:24} {len(c.data):>9} bytes  {'refused: ' + c.refused if c.refused else 'read'}")
