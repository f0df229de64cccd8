"""Time expressions and the periods they name, resolved against the publication date.

2021年上半年 -> 2021-01-01..2021-06-30 (2021H1); 截至今年6月 -> as of 2021-06-30;
今年前三季度 -> Q1-Q3 of the publication year; 2022年以来 -> 2022-01-01..publication date;
十三五 -> 2016..2020; 目前 / 累计 -> as of the publication date.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .lexicon import load_rules
from .numbers import parse_chinese


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    label: str

    @property
    def is_as_of(self) -> bool:
        return self.start is None


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    kind: str              # year, part, month, as_of, since, plan, relative_span, base
    year: int | None = None
    year_rel: int | None = None       # relative to publication year
    part: tuple[int, int, str] | None = None
    month: int | None = None
    month_end: int | None = None
    plan: tuple[int, int] | None = None
    text: str = ""
    implicit_year: bool = False     # 全年 / 1-7月 / 前8个月 with no year: the year named before, else this year


@lru_cache(maxsize=1)
def _vocab():
    v = load_rules("periods.yaml")
    rel = dict(sorted(v["relative_years"].items(), key=lambda kv: -len(kv[0])))
    parts = {k: tuple(x) for k, x in sorted(v["year_parts"].items(), key=lambda kv: -len(kv[0]))}
    plans = {k: tuple(x) for k, x in v["five_year_plans"].items()}
    rel_alt = "|".join(map(re.escape, rel))
    part_alt = "|".join(map(re.escape, parts))
    plan_alt = "|".join(map(re.escape, plans))
    now_alt = "|".join(map(re.escape, sorted(v["as_of_now"], key=len, reverse=True)))
    yend_alt = "|".join(map(re.escape, v["year_end"]))
    cn = "[一二三四五六七八九十]"
    year = r"(?:(?P<y>(?:19|20)\d{2})\s*(?:年度|年)?|(?P<rel>" + rel_alt + "))"
    month = rf"(?P<m1>\d{{1,2}}|{cn}{{1,3}})\s*(?:[-—–~至到]\s*(?P<m2>\d{{1,2}}|{cn}{{1,3}})\s*)?月(?:份|底|末)?"
    pattern = re.compile(
        r"(?P<asof>截至|截止到|截止)?\s*(?:"
        rf"(?P<plan>{plan_alt})(?:期间|时期|以来)?"
        rf"|(?P<near>近|过去)(?P<n>[两三四五六七八九十\d]{{1,2}})年(?:来)?"
        rf"|(?P<now>{now_alt})"
        rf"|{year}(?:(?P<part>{part_alt})|{month}|(?P<yend>{yend_alt})|(?P<since>以来))?"
        rf"|(?P<part2>{part_alt})"
        rf"|{month.replace('m1', 'mm1').replace('m2', 'mm2')}"
        rf"|前(?P<first_n>\d{{1,2}}|{cn}{{1,3}})个月"
        r")"
    )
    return rel, parts, plans, pattern


def inherit_years(exprs: list[TimeExpr]) -> list[TimeExpr]:
    """2024年，…全年…: a part of a year with no year of its own belongs to the year named before it."""
    out, last = [], None
    for e in exprs:
        if e.implicit_year and last is not None:
            e = TimeExpr(e.start, e.end, e.kind, last[0], last[1], e.part, e.month, e.month_end, e.plan, e.text, False)
        elif e.kind in ("year", "part", "month", "as_of_year", "as_of_month", "since") and \
                (e.year is not None or e.year_rel is not None) and not e.implicit_year:
            last = (e.year, e.year_rel)
        out.append(e)
    return out


def _num(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else int(parse_chinese(s) or 0) or None


def find_time_exprs(s: str) -> list[TimeExpr]:
    rel, parts, plans, pattern = _vocab()
    out = []
    for m in pattern.finditer(s):
        if m.end() == m.start() or not m.group().strip():
            continue
        g = m.groupdict()
        a, b, text = m.start(), m.end(), m.group()
        as_of = bool(g["asof"])
        if g["plan"]:
            out.append(TimeExpr(a, b, "plan", plan=plans[g["plan"]], text=text))
        elif g["near"]:
            out.append(TimeExpr(a, b, "relative_span", year_rel=-(_num(g["n"]) or 1) + 1, text=text))
        elif g["now"]:
            out.append(TimeExpr(a, b, "as_of", text=text))
        elif g["y"] or g["rel"]:
            y = int(g["y"]) if g["y"] else None
            yr = rel[g["rel"]] if g["rel"] else None
            if g["rel"] and not (g["part"] or g["m1"] or g["yend"] or g["since"]) and (
                    s[b:b + 1] == "的" and s[b + 1:b + 2] in "0123456789一二三四五六七八九十"
                    or s[max(0, a - 2):a].endswith(("较", "比", "于", "对比", "相比", "同比"))):
                out.append(TimeExpr(a, b, "base", text=text))   # 是上年的4.8倍, 较上年: a comparison base
                continue
            if g["y"] and not (("年" in text) or g["since"]):
                continue
            if g["part"]:
                out.append(TimeExpr(a, b, "part", y, yr, part=parts[g["part"]], text=text))
            elif g["m1"]:
                kind = "as_of_month" if as_of or text.endswith(("底", "末")) else "month"
                out.append(TimeExpr(a, b, kind, y, yr, month=_num(g["m1"]), month_end=_num(g["m2"]), text=text))
            elif g["yend"]:
                out.append(TimeExpr(a, b, "as_of_month", y, yr, month=12, text=text))
            elif g["since"]:
                out.append(TimeExpr(a, b, "since", y, yr, text=text))
            else:
                out.append(TimeExpr(a, b, "as_of_year" if as_of else "year", y, yr, text=text))
        elif g.get("mm1"):
            if not (g["mm2"] or as_of):
                continue   # 7月 alone is usually an event date, not a reporting period
            kind = "as_of_month" if as_of else "month"
            out.append(TimeExpr(a, b, kind, None, 0, month=_num(g["mm1"]), month_end=_num(g["mm2"]), text=text,
                                implicit_year=True))
        elif g.get("part2"):
            out.append(TimeExpr(a, b, "part", None, 0, part=parts[g["part2"]], text=text, implicit_year=True))
        elif g.get("first_n"):
            n = _num(g["first_n"]) or 0
            if 1 <= n <= 12:
                out.append(TimeExpr(a, b, "month", None, 0, month=1, month_end=n, text=text, implicit_year=True))
    return inherit_years(out)


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def resolve(expr: TimeExpr, published: date | None) -> Period | None:
    """The period an expression names; None when it needs a publication date we lack."""
    year = expr.year
    if year is None and expr.year_rel is not None:
        if published is None:
            return None
        year = published.year + expr.year_rel
    if expr.kind == "plan":
        a, b = expr.plan
        return Period(date(a, 1, 1), date(b, 12, 31), f"{a}-{b}")
    if expr.kind == "as_of":
        return Period(None, published, f"as of {published.isoformat()}") if published else None
    if expr.kind == "relative_span":
        if published is None:
            return None
        return Period(date(year, 1, 1), published, f"{year}-{published.year}")
    if year is None:
        return None
    if expr.kind == "year":
        return Period(date(year, 1, 1), date(year, 12, 31), str(year))
    if expr.kind == "as_of_year":
        return Period(None, date(year, 12, 31), f"as of {year}-12-31")
    if expr.kind == "part":
        m1, m2, suffix = expr.part
        return Period(date(year, m1, 1), _last_day(year, m2), f"{year}{suffix}")
    if expr.kind == "month":
        m1 = expr.month
        m2 = expr.month_end or m1
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        label = f"{year}-{m1:02d}" if m1 == m2 else f"{year}-{m1:02d}/{year}-{m2:02d}"
        return Period(date(year, m1, 1), _last_day(year, m2), label)
    if expr.kind == "as_of_month":
        if not 1 <= expr.month <= 12:
            return None
        d = _last_day(year, expr.month)
        return Period(None, d, f"as of {d.isoformat()}")
    if expr.kind == "since":
        end = published or date(year, 12, 31)
        return Period(date(year, 1, 1), end, f"{year}-01-01/{end.isoformat()}")
    return None


def publication_period(published: date | None) -> Period | None:
    if published is None:
        return None
    return Period(None, published, f"as of {published.isoformat()}")


def is_plausible(period: Period, published: date | None) -> bool:
    """A fact cannot describe a period that starts after it was published."""
    if published is None:
        return True
    first = period.start or period.end
    return first is None or first <= published
