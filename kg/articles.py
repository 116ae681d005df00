"""Stage 2: a normalized file → its news articles.

Newspaper pages hold several articles, each opened by a dateline marker (本报讯, 又讯,
新华社…电) and often closed by a byline (（甲乙丙、丁戊）). Headlines stand before their
body on some pages and after it on others, and OCR'd pages misplace them; a headline block
is given to the neighbouring article whose lead shares most of its wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .normalize import BROADCAST_CUE, BULLETS, BYLINE_LEAD, BYLINE_OUTLET, BYLINE_ROLE, CREDIT_ROLE, DOTTED_NAME
from .records import Article, ArticleResult, Normalized, SourceDoc

__all__ = ["split_articles", "MARKER", "BYLINE", "reporters_of", "MAX_ARTICLE_CHARS", "chunk_article",
           "merge_chunks"]

# the longest text one NLP call gets: an over-long article is cut at sentence ends into chunks
# this long (pkuseg's memory and time grow with the text, spaCy refuses over 1,000,000 chars)
MAX_ARTICLE_CHARS = 20_000

MARKER = re.compile(
    # e-papers often bracket the dateline: 【本报讯】, [本报讯]; a digest bullets it: ◆ 本报讯
    r"^(?:[" + BULLETS + r"][ \t\u3000]*)?[【\[〖]?\s*(?:本报讯|本报[^，。]{0,12}讯|本台消息|本台讯|又讯|[^，。]{0,12}(?:记者|通讯员)[^，。]{0,20}讯(?!员)|新华社[^，。]{0,16}电|"
    r"(?:人民网|新华网|中新网|央视网|中国新闻网)[^，。]{0,16}电|[^，。\s]{2,10}讯\s*[（(]\s*(?:记者|通讯员)"
    # a story opened by its byline and then its date: （某某日报记者 某某）2月27日上午，…
    r"|[（(][^（）()，。]{0,16}(?:记者|通讯员)[^（）()，。]{1,30}[）)]\s*(?=(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前))")
# a byline closes a body: （甲乙丙、丁戊） (本报记者 李天舒) （记者 张三 通讯员 李四）, perhaps with the
# outlet before the role (某某日报全媒体记者甲乙丙通讯员丁戊: the normalizer dropped the spaces)
_OUTLET = BYLINE_OUTLET + r"(?=" + BYLINE_ROLE + ")"


# a credit word before a slash: （文/某某 图/某某）
_CREDIT_SLASH = r"(?:文|图|摄影|摄)[/／]"


def _names(name: str) -> str:
    """A byline's names: ``name``, then up to five more after a separator, a role word or a credit
    before a slash (图/)."""
    role = "(?:" + BYLINE_ROLE + "|" + _CREDIT_SLASH + ")"
    return name + r"(?:(?:[、，,\s/]+" + role + "?|" + role + r")[\s：:]*" + name + r"){0,5}"


# (after a role word, a name of up to six characters: transliterations without a dot, 图门吉日嘎拉;
# with dots, longer: 帕提古丽·热西提)
_REPORTER = r"(?:" + DOTTED_NAME + r"|[\u4e00-\u9fff·]{2,6})"
BYLINE = re.compile(r"[（(](?:来源[：:]\s*)?((?:" + _OUTLET + BYLINE_ROLE + "|" + BYLINE_ROLE + r")[\s：:/]*"
                    + _names(_REPORTER) + r"|(?:文|图|摄|文/图)?[\s：:/]*"
                    + _names(r"[\u4e00-\u9fff·]{2,4}") + r")[）)]\s*$")
# a photographer's credit closing a caption: 图为会议现场。某某日报全媒体记者 某某 摄
_PHOTO_CREDIT = re.compile("(?:" + _OUTLET + ")?" + BYLINE_ROLE + r"[\s：:]*(" + _REPORTER + r"(?:[、\s]+" + _REPORTER + ")*)"
                           r"\s*摄\s*$", re.M)
_ROLE_WORDS = re.compile(r"本报|本台|特约|全媒体|融媒体?|记者|摄像|报道|通讯员|实习生|见习|文/图|" + _CREDIT_SLASH + "|文字|图片|摄影|视频|摄")
# a page's credit line (kg.normalize marked its names apart): 文：某某、图：某某 / 摄影：某某
_CREDIT_LINE = re.compile("^(?:" + CREDIT_ROLE + r"[\u4e00-\u9fff·]{2,8}、?){1,4}$")
# a contributor's credit closing a body: the unit, then the name (（县委巡察办汤佳琪）, （区委宣传部 某某）)
_UNIT_BYLINE = re.compile(r"[（(][\u4e00-\u9fff]{1,20}?(?:办公室|办|局|委|部|中心|站|所|院|镇|乡|街道|处|科|队)"
                          r"\s*([\u4e00-\u9fff]{2,3})[）)]\s*$")
_UNIT_ENDS = set("室办局委部处科队心站所院组会厅馆司团")
# a byline alone on its line, not in parentheses: 本报记者甲乙丙、丁戊 / 记者甲乙丙 通讯员丁戊, perhaps
# behind a bullet or a credit (kg.normalize.BYLINE_LEAD)
LINE_BYLINE = re.compile("^" + BYLINE_LEAD + "(?:" + _OUTLET + ")?" + BYLINE_ROLE + r"[：:]?[\u4e00-\u9fff·、：:]{2,36}$")
# (完, 续, 图 only alone: 图 stands in names, 图雅, 巴雅尔图)
_NOT_NAMES = re.compile(r"讨论稿|试行|草案|征求意见|扩大|以下简称|简称|下同|同上|上接|下转|^发自|^(?:完|待续|图|文|续)$")
_TERMINAL = "。！？!?"
# how a news story's first paragraph opens: its date (3月5日, 2024年3月5日) or a vague one (近日)
# (after an item's number in a digest: 2. 3月27日，…)
_LEAD = re.compile(r"^\s*(?:\d{1,2}[.．、]\s*)?(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前|连日来|昨日|昨天|今天|今日)")
# a numbered section heading inside a story (一、 （二） 3.), not a story's headline
_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])")


@dataclass(slots=True)
class _Para:
    text: str
    start: int
    kind: str  # "marker", "body", "headline"


def reporters_of(byline: str) -> list[str]:
    """Names in a byline's parentheses, role words dropped."""
    inner = _ROLE_WORDS.sub(" ", re.sub("^" + _OUTLET, "", byline))
    names = [n for n in re.split(r"[、，,\s/：:]+", inner) if n]
    return [n for n in names if (2 <= len(n) <= 6 or ("·" in n and len(n) <= 20)) and not _NOT_NAMES.search(n)]


def unit_byline(text: str) -> re.Match[str] | None:
    """A unit's credit at the end of ``text`` whose name opens with a family name; its group 1
    is the name."""
    from .nlp.lexicons import load_lexicons

    m = _UNIT_BYLINE.search(text)
    if m is None:
        return None
    lex = load_lexicons()
    name = m.group(1)
    if name[-1] in _UNIT_ENDS:
        return None  # （市委办公室）: a unit alone, the last of its name no person's
    return m if name[0] in lex.surnames or name[:2] in lex.compound_surnames else None


def _headline_like(text: str) -> bool:
    if (BYLINE.search(text) or unit_byline(text)) and len(text) < 30:
        return False
    if BROADCAST_CUE.match(text):
        return False  # a broadcast transcript's cue inside a story
    if "。" in text[:-1] or text[-1:] in _TERMINAL:
        return False
    return len(text) <= 120


def _paragraphs(text: str) -> list[_Para]:
    out: list[_Para] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            # a byline line first: 本报记者甲、通讯员乙 would pass for a 通讯员…讯 dateline
            kind = ("byline" if LINE_BYLINE.match(line) or _CREDIT_LINE.match(line) else "marker" if MARKER.match(line)
                    else "headline" if _headline_like(line) else "body")
            out.append(_Para(line, pos, kind))
        pos += len(line) + 1
    return out


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[^\u4e00-\u9fff]", "", s)
    return {s[i: i + 2] for i in range(len(s) - 1)}


def _overlap(headline: str, lead: str) -> float:
    h = _bigrams(headline)
    return len(h & _bigrams(lead)) / len(h) if h else 0.0


def split_articles(doc: SourceDoc, norm: Normalized) -> list[Article]:
    """Split a file's normalized text into articles (at least one when there is any text)."""
    paras = _paragraphs(norm.text)
    if not paras:
        return []
    # bodies: a marker paragraph and what follows it up to a byline, a headline block or the next marker
    bodies: list[list[_Para]] = []
    blocks: list[tuple[int, list[_Para]]] = []  # (number of bodies before the block, paragraphs)
    current: list[_Para] | None = None
    pending: list[_Para] = []
    has_marker = any(p.kind == "marker" for p in paras)
    line_bylines: dict[int, list[str]] = {}  # body index -> bylines on lines of their own
    waiting: list[str] = []  # such bylines seen before their body starts (under the headline)
    after_headline = False  # the paragraph before this one (bylines aside) was headline-like
    for p in paras:
        if p.kind == "byline":
            if current is not None:
                line_bylines.setdefault(len(bodies) - 1, []).append(p.text)
            else:
                waiting.append(p.text)
            continue
        follows_headline, after_headline = after_headline, p.kind == "headline" and not _SECTION.match(p.text)
        # with no datelines to go by, a story starts at the first body, and at a body that opens
        # with a date right after a headline-like line (the last story's or this one's headline)
        # (on a page with datelines too, a dated lead right after a headline, outside any story: a
        # story with none, 近日，某镇召开…)
        if p.kind == "marker" or (not has_marker and p.kind == "body" and (
                current is None or (follows_headline and _LEAD.match(p.text)))) \
                or (has_marker and p.kind == "body" and current is None and follows_headline and _LEAD.match(p.text)) \
                or (p.kind == "body" and current is None and waiting and follows_headline):
            # (a story with no dateline on a page of them: its headline, its byline line, its body)
            if pending:
                blocks.append((len(bodies), pending))
                pending = []
            current = [p]
            bodies.append(current)
            if waiting:
                line_bylines[len(bodies) - 1] = waiting
                waiting = []
        elif p.kind == "body" and current is not None:
            current.append(p)
        elif p.kind == "body":
            pending.append(p)  # text before the first marker: stray column furniture or a lead-in
        else:
            # a byline alone on its line belongs to the body it closes
            if current is not None and BYLINE.search(p.text) and len(p.text) < 30:
                current.append(p)
                continue
            pending.append(p)
            current = None if has_marker else current
        closing = (BYLINE.search(p.text) or unit_byline(p.text)) if current is not None and has_marker else None
        if closing and not (p.kind == "marker" and closing.start() <= MARKER.match(p.text).end()):  # type: ignore[union-attr]
            current = None  # the byline closed the body (not one that only follows its dateline: 本报讯（记者甲）)
    if pending:
        blocks.append((len(bodies), pending))
    if not bodies:
        # headline-like lines only (a title with no body): one article of them
        bodies = [paras]
        blocks = []

    headlines: dict[int, tuple[float, str]] = {}
    leads = ["".join(p.text for p in body)[:300] for body in bodies]
    for before, block in blocks:
        text = "".join(p.text for p in block if p.kind != "body" or len(block) == 1)
        if not text:
            continue
        if before == 0:
            candidates = [0]
        elif before == len(bodies):
            candidates = list(range(len(bodies)))  # displaced: any article still without a headline
        else:
            candidates = [before, before - 1]  # the next article first: headline-first is the norm
        scored = [(_overlap(text, leads[i]), -abs(i - before), i) for i in candidates]
        score, _, best = max(scored)
        if before == len(bodies) and score == 0:
            continue
        if best not in headlines or score > headlines[best][0]:
            headlines[best] = (score, text)
    if not has_marker and norm.headline:
        headlines[0] = (1.0, norm.headline)

    articles: list[Article] = []
    for i, body in enumerate(bodies):
        start = body[0].start
        end = body[-1].start + len(body[-1].text)
        text = norm.text[start:end]
        reporters: list[str] = []
        m = BYLINE.search(text)
        # without datelines, a closing parenthesis is a byline only when it says so: （记者 某某）
        if m and (has_marker or _ROLE_WORDS.search(m.group(1))):
            reporters = reporters_of(m.group(1))
            if reporters:
                text = text[: m.start()].rstrip()
        else:
            lead = re.match(r"^[^，。]{0,20}?[（(]\s*(?:" + _OUTLET + r")?(?:本报|特约)?(?:全媒体|融媒体)?(?:记者|通讯员)"
                            r"\s*([^）)]{2,40})[）)]", text) \
                or re.match(r"^(?:本报讯)?\s*(?:本报)?记者\s*([\u4e00-\u9fff、\s]{2,24}?)\s*报道", text)
            if lead:
                reporters = reporters_of(lead.group(1))
        credit = None if reporters or m else unit_byline(text)
        if credit is not None:
            reporters = [credit.group(1)]
            text = text[: credit.start()].rstrip()
        if not reporters and i in line_bylines:
            reporters = [n for line in line_bylines[i] for n in reporters_of(line)]
        if not reporters and i == 0 and norm.byline:
            reporters = reporters_of(norm.byline)
        for photo in _PHOTO_CREDIT.finditer(text) if "摄" in text else ():
            reporters += [n for n in reporters_of(photo.group(1)) if n not in reporters]
        head = headlines.get(i, (0.0, None))[1]
        if not has_marker and head and text.startswith(head):
            # the page repeats its title as the first line of the body
            cut = len(head)
            text, start = text[cut:].lstrip("\n"), start + cut + (len(text[cut:]) - len(text[cut:].lstrip("\n")))
        articles.append(Article(
            id=f"{doc.name}#{i + 1}", source_file=doc.name, index=i + 1, body=text, body_start=start,
            headline=head, reporters=reporters, published=norm.published or doc.published,
            publisher=doc.publisher or norm.publisher, url=doc.url))
    return articles


# a chunk ends after a sentence's end (and its closing quotes) or a line break
_CHUNK_END = re.compile(r"[。！？!?…；;]+[”’」』）)】]*|\n")
# where an over-long sentence may be cut: after a comma or a space
_SOFT_CUT = re.compile(r"[，,、：:\s]")


def _cut_points(text: str, max_chars: int) -> list[int]:
    """End offsets of chunks of ``text``, each at most ``max_chars`` long, at sentence ends when possible."""
    ends = [m.end() for m in _CHUNK_END.finditer(text)]
    cuts: list[int] = []
    start = 0
    i = 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        while i < len(ends) and ends[i] <= limit:
            i += 1
        best = ends[i - 1] if i and ends[i - 1] > start else None
        if best is None:
            # one sentence longer than the bound: cut at its last comma or space, else hard
            window = text[start + max_chars // 2: limit]
            soft = [m.end() for m in _SOFT_CUT.finditer(window)]
            best = start + max_chars // 2 + soft[-1] if soft else limit
        cuts.append(best)
        start = best
    cuts.append(len(text))
    return cuts


def chunk_article(article: Article, max_chars: int = MAX_ARTICLE_CHARS) -> list[Article]:
    """``article`` itself when short enough, else copies holding consecutive chunks of its body.

    Each chunk keeps the article's id and metadata; its ``body_start`` is where the chunk starts
    in the file's normalized text, so every offset the later stages compute stays right.
    """
    if max_chars <= 0 or len(article.body) <= max_chars:
        return [article]
    out = []
    start = 0
    for end in _cut_points(article.body, max_chars):
        if article.body[start:end].strip():
            out.append(replace(article, body=article.body[start:end], body_start=article.body_start + start))
        start = end
    # a blank body: keep the article (its node and metadata), with no more than a chunk of it
    return out or [replace(article, body=article.body[:max_chars])]


def merge_chunks(articles: list[Article], results: list[ArticleResult]) -> list[ArticleResult]:
    """One result per article of ``articles`` from the results of its chunks (in order).

    Meeting keys are per call (``<article id>/m<n>``), so those of later chunks are renumbered
    to follow on from the earlier ones.
    """
    by_id: dict[str, ArticleResult] = {}
    for r in results:
        merged = by_id.get(r.article.id)
        if merged is None:
            by_id[r.article.id] = replace(r, people=dict(r.people), mentioned_only=set(r.mentioned_only),
                                          organizations=list(r.organizations), meetings=list(r.meetings),
                                          relations=list(r.relations), person_evidence=dict(r.person_evidence),
                                          discovered_themes=list(r.discovered_themes))
            continue
        keys = {m.key: f"{r.article.id}/m{len(merged.meetings) + k + 1}" for k, m in enumerate(r.meetings)}
        merged.meetings.extend(replace(m, key=keys[m.key], continues=keys.get(m.continues, m.continues)
                                       if m.continues else None) for m in r.meetings)
        merged.relations.extend(replace(rel, meeting=keys.get(rel.meeting, rel.meeting)) for rel in r.relations)
        # named only (not present) in every chunk that names them
        active = (set(merged.people) - merged.mentioned_only) | (set(r.people) - r.mentioned_only)
        for name, posts in r.people.items():
            if name not in merged.people or (posts and not merged.people[name]):
                # the evidence of a name with its post beats that of a bare repeat, as in one call
                if name in r.person_evidence:
                    merged.person_evidence[name] = r.person_evidence[name]
            merged.people[name] = tuple(dict.fromkeys(merged.people.get(name, ()) + posts))
        merged.mentioned_only = (merged.mentioned_only | r.mentioned_only) - active
        merged.organizations = sorted(set(merged.organizations) | set(r.organizations))
        merged.discovered_themes = list(dict.fromkeys(merged.discovered_themes + r.discovered_themes))
    return [replace(by_id[a.id], article=a) for a in articles if a.id in by_id]
