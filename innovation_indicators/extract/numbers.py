"""Numerals: Arabic (with separators, full-width digits) and Chinese (一千二百, 两, 百分之二十)."""
from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def normalise_for_matching(text: str) -> str:
    """Same length as text (so offsets carry over), with full-width digits made ASCII."""
    return text.translate(_FULLWIDTH)


# An Arabic number: 1,234.5 / 1234 / 0.5 ; a comma is a thousands separator only before 3 digits.
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE = f"[{CN_NUMERAL_CHARS}]+"


def parse_arabic(s: str) -> float:
    return float(s.replace(",", ""))


def parse_chinese(s: str) -> float | None:
    """一千二百 -> 1200, 两万三千 -> 23000, 十五 -> 15, 三点五 is not handled (rare in news)."""
    if not s or any(ch not in CN_NUMERAL_CHARS for ch in s):
        return None
    total = 0
    section = 0   # value below the current 万/亿
    digit = None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        else:  # 万 or 亿
            section += digit or 0
            if section == 0:
                section = 1
            total = (total + section) * CN_BIG_UNITS[ch] if ch == "亿" else total + section * CN_BIG_UNITS[ch]
            section, digit = 0, None
    section += digit or 0
    return float(total + section)


_FRACTION_CN = re.compile(f"({CHINESE})分之({CHINESE}|{ARABIC})")


def match_fraction_cn(s: str, i: int) -> tuple[float, int] | None:
    """三分之一 at i -> (1/3 as a fraction, end)."""
    m = _FRACTION_CN.match(s, i)
    if not m:
        return None
    den = parse_chinese(m.group(1))
    num = parse_chinese(m.group(2)) if not m.group(2)[0].isdigit() else parse_arabic(m.group(2))
    if not den or num is None:
        return None
    return num / den, m.end()
