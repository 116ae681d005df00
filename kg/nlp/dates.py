"""Dates in reports: absolute (2023年12月30日, 3月12日上午), relative (昨天, 今日), vague (近日).

A year is only ever taken from evidence: stated in the date itself, or the publication date
of the article (a month-day after the publication date belongs to the year before). Without
either the date stays ``--MM-DD`` (xsd:gMonthDay): a wrong year is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateSpan", "find_dates", "resolve"]

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d{1,4}|[〇零一二两三四五六七八九十]{1,4})"
_DATE_RE = re.compile(
    rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号]"
    rf"|(?P<rel>前天|昨天|昨日|今天|今日|当天|当日|日前|近日|近期|前不久|上周|本周)")
_RELATIVE_DAYS = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0}


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    relative: str | None = None  # the relative word, when there is one


def _cn_number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(ch in _CN_DIGITS for ch in s):  # 二〇二三
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(s) if len(s) == 1 else None


def find_dates(text: str) -> list[DateSpan]:
    """Every date expression in ``text``, in order."""
    out = []
    for m in _DATE_RE.finditer(text):
        if m.group("rel"):
            out.append(DateSpan(m.start(), m.end(), None, None, None, m.group("rel")))
            continue
        y = _cn_number(m.group("y")) if m.group("y") else None
        mo, d = _cn_number(m.group("m")), _cn_number(m.group("d"))
        if mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        out.append(DateSpan(m.start(), m.end(), y, mo, d))
    return out


def resolve(span: DateSpan, published: date | None) -> tuple[str | None, str | None]:
    """The date as ``YYYY-MM-DD`` or ``--MM-DD`` and how its year was derived, or ``(None, None)``."""
    if span.relative:
        if span.relative in _RELATIVE_DAYS and published:
            return (published + timedelta(days=_RELATIVE_DAYS[span.relative])).isoformat(), "relative"
        return None, None  # 日前, 近日: no day
    assert span.month is not None and span.day is not None
    if span.year:
        try:
            return date(span.year, span.month, span.day).isoformat(), "stated"
        except ValueError:
            return None, None
    if published:
        year = published.year - (1 if (span.month, span.day) > (published.month, published.day) else 0)
        try:
            return date(year, span.month, span.day).isoformat(), "publication"
        except ValueError:
            pass
    return f"--{span.month:02d}-{span.day:02d}", "no-year"
