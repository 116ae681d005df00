"""Stage 1: noisy decoded text → clean simplified text, with a map back to the source.

Each step is its own function taking and returning an :class:`Edit` (text plus the
position each character came from), so steps compose and every later span can be shown
as it was written. :func:`normalize` runs them in order::

    html → mojibake → pinyin → script → punctuation → boilerplate → line breaks → spaces
"""

from __future__ import annotations

import html
import re
import statistics
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html.parser import HTMLParser

from .records import Normalized, OffsetMap
from .nlp.dates import cn_number

__all__ = [
    "Edit",
    "normalize",
    "html_to_text",
    "fix_mojibake",
    "strip_pinyin",
    "simplify_annotated",
    "to_simplified",
    "unify_punctuation",
    "strip_boilerplate",
    "join_broken_lines",
    "collapse_spaces",
    "mark_listed_names",
    "is_traditional",
]

# Extension B and later (outside the BMP) too: rare characters in names are written with them
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_RE = re.compile(f"[{CJK}]")
TERMINAL = "。！？!?…"
CLOSERS = "”’」』）)】"


@dataclass(slots=True)
class Edit:
    """Text with, for each character, its position in the original text."""

    text: str
    origin: list[int]
    source_len: int

    @classmethod
    def of(cls, text: str) -> Edit:
        return cls(text, list(range(len(text))), len(text))

    def offsets(self) -> OffsetMap:
        return OffsetMap(tuple(self.origin) + (self.source_len,))

    def replace(self, spans: list[tuple[int, int, str]]) -> Edit:
        """Replace non-overlapping ``(start, end, new)`` spans (sorted); new text maps to ``start``.

        A replacement of equal length maps character by character.
        """
        out: list[str] = []
        origin: list[int] = []
        pos = 0
        for start, end, new in spans:
            out.append(self.text[pos:start])
            origin.extend(self.origin[pos:start])
            out.append(new)
            if len(new) == end - start:
                origin.extend(self.origin[start:end])
            else:
                anchor = self.origin[start] if start < len(self.origin) else self.source_len
                origin.extend([anchor] * len(new))
            pos = end
        out.append(self.text[pos:])
        origin.extend(self.origin[pos:])
        return Edit("".join(out), origin, self.source_len)

    def sub(self, pattern: re.Pattern[str], repl: str | callable) -> Edit:  # type: ignore[valid-type]
        spans = []
        for m in pattern.finditer(self.text):
            new = repl(m) if callable(repl) else m.expand(repl)
            if new != m.group(0):
                spans.append((m.start(), m.end(), new))
        return self.replace(spans) if spans else self


# --- HTML -----------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
               "table", "ul", "ol", "title", "header", "footer", "td", "dd", "dt", "blockquote", "pre"}
_SKIP_TAGS = {"script", "style", "noscript", "nav", "head", "iframe", "svg", "select", "button", "form"}


class _TextExtractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.origin: list[int] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, text: str, pos: int, exact: bool) -> None:
        if self.skip:
            return
        self.chars.extend(text)
        self.origin.extend(range(pos, pos + len(text)) if exact else [pos] * len(text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self._emit("\n", self._pos(), False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._emit("\n", self._pos(), False)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self._emit("\n", self._pos(), False)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        self._emit(data, self._pos(), True)

    def handle_entityref(self, name: str) -> None:
        self._emit(html.unescape(f"&{name};"), self._pos(), False)

    def handle_charref(self, name: str) -> None:
        self._emit(html.unescape(f"&#{name};"), self._pos(), False)


_HTML_SNIFF = re.compile(r"<\s*(html|body|div|p|head|meta|!doctype)\b", re.I)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_SNIFF.search(head)) and head.count("<") >= 5


def html_to_text(e: Edit) -> Edit:
    """Text content of an HTML page (scripts, styles and navigation dropped), block tags as line breaks."""
    if not looks_like_html(e.text):
        return e
    p = _TextExtractor(e.text)
    p.feed(e.text)
    p.close()
    return Edit("".join(p.chars), [e.origin[i] if i < len(e.origin) else e.source_len for i in p.origin],
                e.source_len)


# --- mojibake ---------------------------------------------------------------------------

# UTF-8 bytes that were decoded with another codec show up as these
_MOJIBAKE_HINT = re.compile("[ÃÂâäåæçèéï][\x80-\xbf\u0152-\u0178\u2018-\u203a]|锟斤拷|[鍙鏂鐨浠傚緟鎴浜璇]{2}")


def _repair_line(line: str) -> str | None:
    for codec in ("cp1252", "latin-1", "gb18030"):
        try:
            fixed = line.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != line and len(CJK_RE.findall(fixed)) >= 2:
            return fixed
    return None


def fix_mojibake(e: Edit) -> Edit:
    """Repair lines whose UTF-8 bytes were decoded as cp1252/latin-1/GBK (a strict round trip must succeed)."""
    if not _MOJIBAKE_HINT.search(e.text):
        return e
    spans = []
    pos = 0
    for line in e.text.split("\n"):
        if _MOJIBAKE_HINT.search(line):
            fixed = _repair_line(line)
            if fixed is not None:
                spans.append((pos, pos + len(line), fixed))
        pos += len(line) + 1
    return e.replace(spans) if spans else e


# --- pinyin, script, punctuation --------------------------------------------------------

_PINYIN = re.compile(
    rf"(?<=[{CJK}])[（(]\s*[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]+[1-5]?"
    r"(?:\s+[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]+[1-5]?)*\s*[）)]")


def strip_pinyin(e: Edit) -> Edit:
    """Drop inline pinyin annotations: ``會(huì)議`` → ``會議``."""
    return e.sub(_PINYIN, "")


def simplify_annotated(e: Edit) -> Edit:
    """The characters a pinyin annotation reads, in simplified script: ``市長(shi4 zhang3)`` in a
    simplified text came from a traditional source, which :func:`to_simplified` leaves alone
    when the text as a whole is simplified. One character per syllable, so offsets stay exact."""
    cc = _t2s()
    spans = []
    for m in _PINYIN.finditer(e.text):
        syllables = min(4, max(1, len(m.group(0)[1:-1].split())))
        for i in range(max(0, m.start() - syllables), m.start()):
            ch = e.text[i]
            new = cc.convert(ch) if CJK_RE.match(ch) else ch
            if new != ch and len(new) == 1:
                spans.append((i, i + 1, new))
    return e.replace(spans) if spans else e


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """True when converting to simplified changes a noticeable share of the CJK characters."""
    sample = "".join(CJK_RE.findall(text[:20000]))
    if not sample:
        return False
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return changed / len(sample) > 0.03


def to_simplified(e: Edit) -> Edit:
    """Traditional → simplified with OpenCC, line by line so that offsets stay exact."""
    cc = _t2s()
    spans = []
    pos = 0
    for line in e.text.split("\n"):
        if line:
            new = cc.convert(line)
            if new != line:
                if len(new) == len(line):
                    spans.append((pos, pos + len(line), new))
                else:
                    # a phrase conversion changed the length: convert character by character
                    spans.extend((pos + i, pos + i + 1, cc.convert(ch)) for i, ch in enumerate(line)
                                 if cc.convert(ch) != ch)
        pos += len(line) + 1
    return e.replace(spans) if spans else e


_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{CJK}”’」）\d])[,;:?!]|[()](?=[{CJK}])|(?<=[{CJK}])[()]")
_FULLWIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")


def unify_punctuation(e: Edit) -> Edit:
    """ASCII punctuation in Chinese text → full-width; full-width digits and letters → ASCII.

    One character for one, so offsets are untouched.
    """
    e = e.sub(_ASCII_PUNCT_NEAR_CJK, lambda m: _PUNCT[m.group(0)])
    e = e.sub(_FULLWIDTH_ALNUM, lambda m: chr(ord(m.group(0)) - 0xFEE0))
    return e.sub(re.compile("\r\n?|\u2028|\u2029"), lambda m: "\n" if len(m.group(0)) == 1 else "\n ")


# --- boilerplate ------------------------------------------------------------------------

_BREADCRUMB = re.compile(r"^\s*(您现在的位置|你现在的位置|当前位置|您的位置|你的位置|所在位置|位置)\s*[:：]|^\s*首页\s*[>＞»]")
_META_DATE = re.compile(r"(发布时间|发布日期|发表时间|更新时间|日期|时间)\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_META_SOURCE = re.compile(r"(?:来源|稿源|出处)\s*[:：]\s*([^\s|｜　]{2,30})")
_META_LINE = re.compile(
    r"(发布时间|发布日期|发表时间|更新时间|浏览次数|点击数|阅读次数|访问量|阅读量|责任编辑|编辑\s*[:：]|作者\s*[:：]"
    r"|来源\s*[:：]|字号\s*[:：]?\s*[大中小]|【\s*(打印|关闭|大|中|小)|分享到|打印本页|关闭窗口|扫一扫|【字体)")
_FOOTER = re.compile(
    r"^\s*(上一条|下一条|上一篇|下一篇|上一页|下一页|相关新闻|相关链接|相关阅读|友情链接|网站地图|关于我们|联系我们|与我们联系|主办单位|承办单位|技术支持)"
    r"|Copyright|©|版权所有|ICP\s*备|ICP证|公网安备|联系电话\s*[:：]|^\s*[•·]?\s*(传\s*真|邮\s*箱|地\s*址|电\s*话)\s*[:：]", re.I)
# what a bulletin calls itself (某某工作简报, 工作动态): its header dates it, its masthead is no headline
_BULLETIN = "简报|快报|专报|周报|动态"
# e-paper page headers: 2023年5月18日 星期四 | 第A01版：要闻 | 某某日报 2023-05-18
# (full-width digits and dashes too: ２０２４－０９－０２)
_EPAPER = re.compile(r"(\d{4}|\d{2} \d{2})\s*[年\-/.－]\s*(\d{1,2})\s*[月\-/.－]\s*(\d{1,2})\s*日?"
                     # a masthead's date in Chinese numerals: 二〇二四年三月十二日
                     r"|([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_EPAPER_CUE = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]|第\s*[A-Z]?\d{1,3}\s*版|版次|版名|日报|晚报|电子版|数字报|报社"
                         # a county media centre's or news site's name over the date: 某县融媒体中心 + the date
                         r"|融媒体中心|新闻网|新闻中心|时报"
                         # a bulletin's header: 某某工作简报 第24期, its issuer's name (某某办公室编) before the date
                         r"|" + _BULLETIN + r"|第\s*\d{1,4}\s*期|一周|要闻|(?:办公室|办公厅|委员会|人民政府)(?:编印|编|印发)?[\s\u3000]*[\d〇零一二]"
                         # a post's timestamp (原创 某某发布 2024-11-21 19:36): the date and the time
                         r"|^原创|\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)\s*\d{1,2}[:：]\d{2}"
                         # a page's date alone on its line, under the navigation
                         r"|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$")


# a line drawn across the page (━━━━, ＝＝＝＝), which would join the lines around it
_RULE_LINE = re.compile(r"^[━─═—–\-=＝_＿*＊~～]{3,}$")
# a bulletin's masthead (工  作  动  态, 第15期, 总第235期), spaces taken out
_MASTHEAD = re.compile(r"^(?:[\u4e00-\u9fff]{0,8}(?:" + _BULLETIN + r"|通讯)|(?:总)?第\d{1,4}期(?:[（(]?总第\d{1,5}期[）)]?)?)$")

# a digest's week (一周要闻（2024年3月25日—3月31日）): its items are dated up to the last day
_RANGE_END = re.compile(r"\s*[—\-－~～至到]{1,2}\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _range_end(text: str, start: date, m: re.Match[str]) -> date:
    """The last day of a span of dates that opens with ``start`` (``m``) in ``text``, else ``start``."""
    end = _RANGE_END.match(text, m.end())
    if end is None:
        return start
    try:
        last = date(int(end.group(1) or start.year), int(end.group(2)), int(end.group(3)))
    except ValueError:
        return start
    return last if last >= start else start


def _ymd(m: re.Match[str]) -> date | None:
    """The date an ``_EPAPER`` match wrote, or None if there is no such day."""
    # (an OCR'd year may hold a stray space: 20 23年)
    y, mo, d = (cn_number(g.replace(" ", "")) for g in (m.group(1, 2, 3) if m.group(1) else m.group(4, 5, 6)))
    try:
        return date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None


# the bullets a page sets before a line of its own (■本报记者 某某) or an item of a digest (◆ 本报讯 …)
BULLETS = "■□●◆◇▲△★☆▶►◎○•"
_MARKER = re.compile(r"^\s*(?:[" + BULLETS + r"]\s*)?[【\[〖]?\s*(本报讯|本报|本台消息|本台讯|又讯|新华社|中新网|人民网|.{0,12}讯\s*[（(])")


# a name transliterated from Uyghur, Tibetan, Mongolian… with its dots (阿依努尔·买合木提): bylines
# and credits read it whole, however long (kg.articles too)
DOTTED_NAME = r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8}){1,3}"
# a web page's metadata names the story's writers: 作者：记者 某某 / 记者：某某 某某
_META_NAME = r"(?:" + DOTTED_NAME + r"|[\u4e00-\u9fff·]{2,4})"
_META_ROLE = r"(?:(?:全媒体|融媒体?)?(?:记者|通讯员|实习生)[\s:：]*)"  # (融媒记者 某某: a county outlet's short name)
_META_AUTHOR = re.compile(r"(?:(?:作者|撰稿|文)\s*[:：]\s*|(?=(?:记者|通讯员|实习生)))"
                          r"(" + _META_ROLE + "?" + _META_NAME +
                          r"(?:[\s、,，/]+" + _META_ROLE + "?" + _META_NAME + r"){0,5})(?=[\s）)]|$)")


def meta_byline(text: str) -> str | None:
    """The writers a page's metadata line names (作者：记者 某某), or None."""
    for line in text.split("\n"):
        if _META_LINE.search(line) and len(line) < 200:
            m = _META_AUTHOR.search(line)
            if m:
                return m.group(1)
    return None


# how a story's first paragraph opens: its date
_LEAD_DATE = r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日"
_DATED_LEAD = re.compile(_LEAD_DATE)
# a story's first paragraph without a dateline: its date, then running text
_DATED_PARAGRAPH = re.compile(r"\s*(?:" + _LEAD_DATE + r"|近日|日前)[^。]{10,}。")


def _starts_story(line: str) -> bool:
    """Whether ``line`` opens a story: a dateline (本报讯 …), or a dated paragraph of running text."""
    return bool(_MARKER.search(line) or _DATED_PARAGRAPH.match(line))


def strip_boilerplate(e: Edit) -> tuple[Edit, date | None, str | None, str | None]:
    """Remove web-page navigation, metadata and footers.

    Returns the edit, and the publication date, source and page headline the boilerplate
    carried (kept as metadata, not as text).
    """
    lines = e.text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    drop = [False] * len(lines)
    published: date | None = None
    source: str | None = None
    headline: str | None = None
    n = len(lines)
    # site header: everything up to the last breadcrumb line near the top (pages often carry two:
    # a navigation bar and a "当前位置：" line), counting only non-blank lines (HTML leaves many
    # blank ones) and never past the first line of running text
    crumb, seen = -1, 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > 25 or (len(CJK_RE.findall(line)) >= 20 and "。" in line):
            break
        if _BREADCRUMB.search(line):
            crumb = i
    for j in range(crumb + 1):
        drop[j] = True
    content_seen = False
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if _RULE_LINE.match(s) or (not content_seen and _MASTHEAD.match(re.sub(r"[\s\u3000]+", "", s))):
            drop[i] = True  # a ruled line, or a bulletin's masthead over its first story's headline
            continue
        m = _META_DATE.search(s)
        ep = _EPAPER.search(s) if len(s) <= 60 and "。" not in s and "，" not in s else None
        if ep and _EPAPER_CUE.search(s) and not content_seen and not _META_LINE.search(s):
            drop[i] = True
            if published is None:
                first = _ymd(ep)
                published = _range_end(s, first, ep) if first else None
            continue
        if _META_LINE.search(s) and len(s) < 200 and (m or not s.endswith("。")):
            drop[i] = True
            # a labelled date (发布时间：…), else a bare one on the metadata line (2024-05-21 09:15 来源：…)
            if published is None:
                if m:
                    try:
                        published = date(*map(int, m.group(2, 3, 4)))
                    except ValueError:
                        pass
                elif bare := _EPAPER.search(s):
                    published = _ymd(bare)
            ms = _META_SOURCE.search(s)
            if ms and source is None:
                source = ms.group(1)
            # the page's headline sits right above its metadata line
            k = i - 1
            while k >= 0 and not lines[k].strip():
                k -= 1
            if k >= 0 and headline is None and not drop[k] and len(lines[k].strip()) <= 80 \
                    and lines[k].strip()[-1:] not in TERMINAL:
                headline = lines[k].strip()
            continue
        if _FOOTER.search(s) and not content_seen and len(s) < 100 and s[-1:] not in TERMINAL \
                and not _MARKER.search(s):
            # a footer line before any running text (a page of furniture only): drop just the line
            drop[i] = True
            continue
        if _FOOTER.search(s) and content_seen and not _MARKER.search(s):
            # the rest of the page is footer unless another article starts (相关阅读： then a story)
            if not any(_starts_story(line) for line in lines[i:]) or i > n * 0.5:
                for j in range(i, n):
                    if not _starts_story(lines[j]):
                        drop[j] = True
                    else:
                        break
                else:
                    break
            drop[i] = True
            continue
        # running text, not a long headline (a page's metadata line may follow one)
        if len(CJK_RE.findall(s)) >= 20 and ("，" in s or "。" in s or len(s) > 60):
            content_seen = True
    spans = [(starts[i], starts[i] + len(lines[i]), "") for i in range(n) if drop[i] and lines[i]]
    return (e.replace(spans) if spans else e), published, source, headline


# --- line breaks and spaces -------------------------------------------------------------

# (not a name's qualifier, which a column may break after: 理论学习中心组学习（扩大）⏎会议)
_BYLINE_END = re.compile(r"[（(](?!(?:扩大|试行|暂行|草案|修订稿?|征求意见稿)[）)])[^（()）]{1,40}[）)]\s*$")
# a byline's parenthesis still open at the end of a line
_OPEN_BYLINE = re.compile(r"[（(][^（()）]{0,20}(?:记者|通讯员|实习生)[^（()）]{0,30}$")


def _local_widths(lengths: list[int]) -> list[int] | None:
    """Per line, the width of the narrow newspaper column around it; None for running text.

    Columns change width between articles of one page, so the width is the median length
    of a few neighbours (most lines of a column are full), not one figure for the file.
    """
    if len(lengths) < 8:
        return None
    median = statistics.median(lengths)
    if median > 40:
        return None
    if median > 30 and sum(n > median * 1.5 for n in lengths) * 10 > len(lengths):
        return None  # a wider column has no lines much longer than it (running text's paragraphs)
    widths = [int(statistics.median(lengths[max(0, k - 5): k + 6])) for k in range(len(lengths))]
    # most lines of a column fill it; short paragraphs of running text merely have a low median
    # (a line clipped at 60 is running text, and no column is under 8 characters: a page's
    # footer of short links fills nothing)
    if sum(abs(n - w) <= 3 and n < 60 and w >= 8 for n, w in zip(lengths, widths)) * 2 < len(lengths):
        return None
    return widths


def _stands_alone(lines: list[str], nonblank: list[int], k: int, indented: bool = False) -> bool:
    """Whether nonblank line ``k`` is a line of its own in a column page: set off by a blank line
    (or, on a page that indents its paragraphs, not indented itself), no sentence end, and the
    page's last line or one before a blank line or a dateline."""
    i = nonblank[k]
    if (nonblank[k - 1] == i - 1 and not (indented and not lines[i][:1].isspace())) \
            or lines[i].strip()[-1:] in TERMINAL:
        return False
    return k + 1 == len(nonblank) or nonblank[k + 1] > i + 1 or bool(_MARKER.search(lines[nonblank[k + 1]]))


# a broadcast transcript's cue, a line of its own: 【同期声】县委书记 某某, （画面：会议现场）
BROADCAST_CUE = re.compile(r"^(?:【(?:同期声|现场声|录音|字幕|画面|解说|记者现场报道|记者出镜)】|[（(]画面[：:])")
# a line that stands alone in a column: a bulleted one (■本报记者 某某), a byline of names only
_OWN_LINE = re.compile("[" + BULLETS + r"]|(?:本报|特约)?(?:全媒体|融媒体)?(?:记者|通讯员)[ \t\u3000：:]*"
                       r"[\u4e00-\u9fff·]{2,4}(?:[ \t\u3000、]+[\u4e00-\u9fff·]{2,4})*$")


def join_broken_lines(e: Edit) -> Edit:
    """Join hard line breaks inside paragraphs (newspaper columns, page breaks); keep real ones.

    A break is soft when the line before it is full (a column's width, or a long body line
    cut by a page break) and does not end a paragraph; blank lines between the halves of a
    broken word go too. A break before an article marker (本报讯 …) or after a byline is hard.
    """
    lines = e.text.split("\n")
    spans: list[tuple[int, int, str]] = []
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    widths = _local_widths([min(len(lines[i].strip()), 60) for i in nonblank])
    # a column page whose paragraphs open indented (　　): a line that is not is a paragraph's
    # continuation, or a headline
    indented = widths is not None and sum(lines[i][:1] in "\u3000 \t" for i in nonblank) >= 3
    for k, (a, b) in enumerate(zip(nonblank, nonblank[1:])):
        prev, nxt = lines[a].rstrip(), lines[b].strip()
        # (a bulleted dateline opens a body that runs on: ◆ 本报讯 11月15日，全⏎县…)
        if _MARKER.search(nxt) or _BYLINE_END.search(prev) or _OWN_LINE.match(nxt) \
                or (_OWN_LINE.match(prev.strip()) and not _MARKER.match(prev)) \
                or BROADCAST_CUE.match(prev.strip()) or BROADCAST_CUE.match(nxt):
            continue  # (a byline alone on its line, or a bulleted one, is a line of its own)
        last = prev[-1:]
        ends_paragraph = last in TERMINAL or (last in CLOSERS and prev[-2:-1] in TERMINAL)
        # (a page of columns may carry a story in running text: lines far longer than a column)
        if widths is not None and widths[k] <= 40 and len(prev.strip()) <= 2 * widths[k]:
            soft = len(prev.strip()) >= widths[k] - 3 or last in "，、；：“‘《（" \
                or (indented and not ends_paragraph and b == a + 1 and not lines[b][:1].isspace())
            if indented and lines[b][:1].isspace() and ends_paragraph:
                soft = False  # an indented line after a sentence's end opens a paragraph
            if soft and ends_paragraph and _stands_alone(lines, nonblank, k + 1, indented):
                soft = False  # a headline after its body: a short line after a full stop, then a gap
            if b > a + 1 and _DATED_LEAD.match(nxt):
                soft = False  # a gap, then a story's dated lead (12月4日上午，…): a headline before it
        else:
            soft = not ends_paragraph and (len(prev.strip()) > 40 or last in "，、；：“‘《（")
        if soft:
            # drop everything from the end of prev's text to the start of nxt's text
            cut_from = starts[a] + len(prev)
            cut_to = starts[b] + (len(lines[b]) - len(lines[b].lstrip()))
            # a space at a break inside a byline parts two names (（记者 甲乙丙 ⏎丁戊）): kept for
            # mark_byline_names, where elsewhere it goes with the break
            keep = " " if (lines[a] != prev or lines[b][:1].isspace()) and _OPEN_BYLINE.search(prev) else ""
            spans.append((cut_from, cut_to, keep))
    return e.replace(spans) if spans else e


_INNER_SPACE = re.compile(rf"(?<=[{CJK}\d，。、；：！？“”（）《》])[ \t\u3000\u00a0\u2002\u2003]+(?=[{CJK}\d，。、；：！？“”（）《》])")
_EDGE_SPACE = re.compile(r"^[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+$", re.M)
_BLANK_RUNS = re.compile(r"\n{2,}")


# a byline at the start of a line: 本报记者 甲乙丙 丁戊 (alone on its line) / 本报讯 记者 甲乙丙 丁戊 报道 …
# what may stand before a byline's role word on its line: a bullet, a text-and-photo credit
# (■本报记者 某某 / 文/图 本报记者 某某); kg.articles reads its byline lines with it too
BYLINE_LEAD = r"(?:[" + BULLETS + r"][ \t\u3000]*)?(?:(?:文/图|图/文|文|图)[：:/／ \t\u3000]*)?"
# the outlet a byline may name before its role word: 某某日报全媒体记者 / 某某县融媒体中心记者
BYLINE_OUTLET = r"(?:[\u4e00-\u9fff]{1,10}?(?:日报|晚报|报社|报|电视台|融媒体中心|融媒|新闻中心|网|社)|融媒体中心|新闻中心)(?:全媒体|融媒体)?"
# a byline's role word: 本报记者, 全媒体记者, 特约通讯员; kg.articles reads bylines with it too
BYLINE_ROLE = r"(?:本报|本台|特约)?(?:全媒体|融媒体?)?(?:记者|通讯员|实习生|见习记者|摄像)"
# a parenthesized byline: （记者 甲乙丙 丁戊 通讯员 己庚）, perhaps naming its outlet (（某某日报全媒体记者 …）)
_BYLINE_PAREN = re.compile(r"[（(]\s*(?:" + BYLINE_OUTLET + ")?" + BYLINE_ROLE + r"[^（）()\n]{1,40}[）)]")
_BYLINE_LINE = re.compile(r"^[ \t\u3000]*" + BYLINE_LEAD + r"(?:本报讯[ \t\u3000]*)?(?:" + BYLINE_OUTLET + r")?"
                          + BYLINE_ROLE + r"[：:]?" +
                          r"(?:[ \t\u3000]*(?:(?:记者|通讯员|实习生|见习记者)[：:]?)?[ \t\u3000]*"
                          # a name (of one character where OCR split one: 李 婷), or one transliterated
                          r"(?:" + DOTTED_NAME + r"|[\u4e00-\u9fff]{1,4})"
                          r"(?=[ \t\u3000]|报道|$)){1,6}(?=[ \t\u3000]*(?:报道|$))", re.M)
_BYLINE_GAP = re.compile(r"(?<=[\u4e00-\u9fff·])[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff])")
_ROLE_END = re.compile(r"(?:本报|特约|记者|通讯员|实习生|见习记者|本报讯|文/图|图/文)[：:]?$")
# the name just before / after a gap of a byline (past its role word)
_BYLINE_TOKEN_BEFORE = re.compile(r"(?:记者|通讯员|实习生)?([\u4e00-\u9fff·]+?)$")
_BYLINE_TOKEN_AFTER = re.compile(r"[\u4e00-\u9fff·]+")


# a page's credit line: 文：某某　图：某某 / 文字：某某 / 摄影：某某 (a gap before the next credit parts two names)
CREDIT_ROLE = r"(?:文/图|图/文|文字|文|图片|图|摄影|视频|记者|通讯员)[：:]"
_CREDIT_GAP = re.compile(r"(?<=[\u4e00-\u9fff·])[ \t\u3000]+(?=" + CREDIT_ROLE + ")")
_CREDIT_LINE = re.compile(r"^[ \t\u3000]*(?:" + CREDIT_ROLE + r"[ \t\u3000]*[\u4e00-\u9fff·]{2,8}[ \t\u3000]*){1,4}$", re.M)


def mark_byline_names(e: Edit) -> Edit:
    """Turn a space between two names of a byline into 、 (``记者 甲乙丙 丁戊`` → ``记者甲乙丙、丁戊``),
    in parentheses or at the start of a line (``本报记者 甲乙丙 丁戊``, ``记者 甲乙丙 丁戊 报道``).

    Bylines separate names by spaces only; dropping the spaces as inside running text would
    glue the names into one unreadable string. A space after a role word (记者, 通讯员) is left
    for ``collapse_spaces`` to drop.
    """
    spans = []
    for m in [*_BYLINE_PAREN.finditer(e.text), *_BYLINE_LINE.finditer(e.text)]:
        held = 0  # characters of the name the last gap closes
        for g in _BYLINE_GAP.finditer(e.text, m.start(), m.end()):
            if _ROLE_END.search(e.text, m.start(), g.start()):
                held = 0
                continue
            before = _BYLINE_TOKEN_BEFORE.search(e.text, m.start(), g.start())
            after = _BYLINE_TOKEN_AFTER.match(e.text, g.end(), m.end())
            left = held + (len(before.group(1)) if before else 0)
            right = len(after.group(0)) if after else 0
            # a stray space inside one name (OCR: 通讯员 甄 淑敏, 王 刚): no name has one character
            if left == 1 or (right == 1 and left <= 2):
                held = left
                continue
            held = 0
            spans.append((g.start(), g.end(), "、"))
    for m in _CREDIT_LINE.finditer(e.text):
        spans.extend((g.start(), g.end(), "、") for g in _CREDIT_GAP.finditer(e.text, m.start(), m.end()))
    spans = sorted(set(spans))
    return e.replace(spans) if spans else e


# names listed with spaces after a group label: 市领导 甲某某 乙某 丙某某 在主席台就座 (what may
# follow the list is no name: a verb, 等, 在…)
_NOT_LISTED = "出席|参加|列席|陪同|等|在|分别|一同|共同|就座"
# a listed name: two to four characters, or two padded to a column's width with a full-width
# space (黎　盛)
_LISTED_NAME = rf"(?!{_NOT_LISTED})(?:[{CJK}]\u3000[{CJK}](?![{CJK}])|[{CJK}]{{2,4}})"
_LISTED = re.compile(rf"(?:领导|领导同志|嘉宾|有[：:])[ \t\u3000]*((?:{_LISTED_NAME}[ \t\u3000]+)+"
                     rf"{_LISTED_NAME})(?=[ \t\u3000，,。；、]|$)", re.M)
_LISTED_ITEM = re.compile(_LISTED_NAME)


def mark_listed_names(e: Edit) -> Edit:
    """Turn the spaces between names listed after a group label or a list's 有： into 、
    (``市领导 甲某某 乙某`` → ``市领导 甲某某、乙某``), which would otherwise glue the names into
    one string; a name padded to the column (黎　盛) stays one name."""
    spans = []
    for m in _LISTED.finditer(e.text):
        items = list(_LISTED_ITEM.finditer(e.text, m.start(1), m.end(1)))
        spans.extend((a.end(), b.start(), "、") for a, b in zip(items, items[1:]))
    return e.replace(spans) if spans else e


# a story continued on another page: （下转第2版） … page furniture … （上接第1版）
_JUMP = re.compile(r"[（(]\s*下转第?\s*[A-Z]?\s*\d{1,2}\s*版\s*[）)]"
                   r"[\s\S]{0,1500}?[（(]\s*上接第?\s*[A-Z]?\s*\d{1,2}\s*版\s*[）)][ \t\u3000]*")


def join_page_jumps(e: Edit) -> Edit:
    """Join a story's halves across a page jump: the markers and what the page prints between
    them (its footer, the next page's masthead, the headline repeated) go, so the continuation
    follows the text it continues; the line breaks around them stay for the column joiner."""
    return e.sub(_JUMP, "")


def collapse_spaces(e: Edit) -> Edit:
    """Drop spaces inside Chinese text and at line edges; one newline between paragraphs."""
    e = mark_listed_names(mark_byline_names(e))
    e = e.sub(_INNER_SPACE, "")
    e = e.sub(_EDGE_SPACE, "")
    return e.sub(_BLANK_RUNS, "\n")


def normalize(text: str, published: date | None = None, publisher: str | None = None) -> Normalized:
    """Run every step; the result maps back to ``text``."""
    e = Edit.of(text.lstrip("\ufeff") if text.startswith("\ufeff") else text)
    if len(e.text) != len(text):
        e.origin = [i + 1 for i in e.origin]
        e.source_len = len(text)
    e = html_to_text(e)
    e = fix_mojibake(e)
    e = strip_pinyin(simplify_annotated(e))
    traditional = is_traditional(e.text)
    if traditional:
        e = to_simplified(e)
    e = unify_punctuation(e)
    byline = meta_byline(e.text)
    e, meta_date, meta_source, headline = strip_boilerplate(e)
    e = join_page_jumps(e)
    e = join_broken_lines(e)
    e = collapse_spaces(e)
    e = e.sub(re.compile(r"^\n+|\n+$"), "")
    return Normalized(e.text, e.offsets(), "traditional" if traditional else "simplified",
                      published or meta_date, publisher or meta_source, headline, byline)
