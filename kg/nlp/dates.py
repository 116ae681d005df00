"""Dates in reports: absolute (2023年12月30日, 3月12日上午), relative (昨天, 今日), vague (近日).

A year is only ever taken from evidence: stated in the date itself, or the publication date
of the article (a month-day after the publication date belongs to the year before). Without
either the date stays ``--MM-DD`` (xsd:gMonthDay): a wrong year is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateSpan", "find_dates", "resolve", "day_only", "on_day", "cn_number"]

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


def cn_number(s: str) -> int | None:
    """``s`` (digits, 二〇二三, 十二, 三十一) as a number, or None."""
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
        y = cn_number(m.group("y")) if m.group("y") else None
        mo, d = cn_number(m.group("m")), cn_number(m.group("d"))
        if mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        out.append(DateSpan(m.start(), m.end(), y, mo, d))
    return out


def _soon_after(published: date, month: int, day: int) -> bool:
    """Whether ``month``/``day`` falls within 31 days after ``published`` in its year."""
    try:
        return 0 < (date(published.year, month, day) - published).days <= 31
    except ValueError:
        return False


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
        # a day after the publication date is of the year before, unless it is within a month of
        # it: a page of several reports carries one report's date (the others a few days apart),
        # a notice announces what is to come
        year = published.year - (1 if (span.month, span.day) > (published.month, published.day)
                                 and not _soon_after(published, span.month, span.day) else 0)
        try:
            return date(year, span.month, span.day).isoformat(), "publication"
        except ValueError:
            pass
    return f"--{span.month:02d}-{span.day:02d}", "no-year"


# a day written without its month (7日下午，… / 七日上午，…): the month is the dateline's, or the
# publication's; not a day inside a full date (3月7日, 三月七日) nor a span of days (七日内)
_DAY_ONLY = re.compile(r"(?<![0-9〇零一二两三四五六七八九十年月号])"
                       r"([0-3]?[0-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日(?=上午|下午|晚|，|召开|举行|在)")


def day_only(text: str, start: int = 0, end: int | None = None) -> int | None:
    """The first day of the month written alone in ``text[start:end]`` (7日下午), or None."""
    m = _DAY_ONLY.search(text, start, len(text) if end is None else end)
    if m is None:
        return None
    day = cn_number(m.group(1))
    return day if day is not None and 1 <= day <= 31 else None


def on_day(day: int, reference: str | date) -> tuple[str | None, str | None]:
    """``day`` of the month a report refers to: ``reference``'s own month when it is a date
    already found (``YYYY-MM-DD`` or ``--MM-DD``, the dateline's), else, for a publication date,
    the last such day on or before it (七日 in a paper of the 8th is the 7th, of the 3rd the month
    before). ``(date, how its year was derived)``; ``(None, None)`` if that day does not exist."""
    if isinstance(reference, str):
        try:
            date(int(reference[:4]) if reference[0] != "-" else 2000, int(reference[-5:-3]), day)  # 2000: a leap year
        except ValueError:
            return None, None
        return f"{reference[:-2]}{day:02d}", None
    year, month = reference.year, reference.month
    if day > reference.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return date(year, month, day).isoformat(), "publication"
    except ValueError:
        return None, None
