"""Stage 2: a normalized file → its news articles.

Newspaper pages hold several articles, each opened by a dateline marker (本报讯, 又讯,
新华社…电) and often closed by a byline (（甲乙丙、丁戊）). Headlines stand before their
body on some pages and after it on others, and OCR'd pages misplace them; a headline block
is given to the neighbouring article whose lead shares most of its wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Article, Normalized, SourceDoc

__all__ = ["split_articles", "MARKER", "BYLINE", "reporters_of"]

MARKER = re.compile(
    r"^(?:本报讯|本报[^，。]{0,12}讯|又讯|[^，。]{0,12}(?:记者|通讯员)[^，。]{0,20}讯|新华社[^，。]{0,16}电|"
    r"(?:人民网|新华网|中新网|央视网|中国新闻网)[^，。]{0,16}电|[^，。\s]{2,10}讯\s*[（(]\s*(?:记者|通讯员))")
# a byline closes a body: （甲乙丙、丁戊） (本报记者 李天舒) （记者 张三 通讯员 李四）
BYLINE = re.compile(r"[（(]((?:本报|特约)?(?:记者|通讯员|实习生|见习记者|文|图|摄|文/图)?[\s：:/]*"
                    r"[\u4e00-\u9fff·]{2,4}(?:[、，,\s/]+(?:本报|特约)?(?:记者|通讯员|实习生|见习记者)?[\s：:]*"
                    r"[\u4e00-\u9fff·]{2,4}){0,5})[）)]\s*$")
_ROLE_WORDS = re.compile(r"本报|特约|记者|通讯员|实习生|见习|文/图|摄")
_NOT_NAMES = re.compile(r"讨论稿|试行|草案|征求意见|以下简称|简称|完|待续|图|下同|同上|上接|下转|续")
_TERMINAL = "。！？!?"


@dataclass(slots=True)
class _Para:
    text: str
    start: int
    kind: str  # "marker", "body", "headline"


def reporters_of(byline: str) -> list[str]:
    """Names in a byline's parentheses, role words dropped."""
    inner = _ROLE_WORDS.sub(" ", byline)
    names = [n for n in re.split(r"[、，,\s/：:]+", inner) if n]
    return [n for n in names if 2 <= len(n) <= 4 and not _NOT_NAMES.search(n)]


def _headline_like(text: str) -> bool:
    if BYLINE.search(text) and len(text) < 30:
        return False
    if "。" in text[:-1] or text[-1:] in _TERMINAL:
        return False
    return len(text) <= 120


def _paragraphs(text: str) -> list[_Para]:
    out: list[_Para] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            kind = "marker" if MARKER.match(line) else ("headline" if _headline_like(line) else "body")
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
    for p in paras:
        if p.kind == "marker" or (not has_marker and p.kind == "body" and current is None):
            if pending:
                blocks.append((len(bodies), pending))
                pending = []
            current = [p]
            bodies.append(current)
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
        if current is not None and BYLINE.search(p.text) and has_marker:
            current = None  # the byline closed the body
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
        if m and has_marker:
            reporters = reporters_of(m.group(1))
            if reporters:
                text = text[: m.start()].rstrip()
        else:
            lead = re.match(r"^[^，。]{0,20}?[（(]\s*(?:本报)?记者\s*([^）)]{2,40})[）)]", text)
            if lead:
                reporters = reporters_of(lead.group(1))
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
