"""Traditional to Simplified (OpenCC t2s) and the debris such conversions leave behind:
pinyin in parentheses after characters (經濟(jì)), stray HTML tags in plain text."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# a pinyin syllable (with tone marks, or toneless when the page is full of toned ones)
_SYLLABLE = rf"[a-zü{_TONED}]{{1,7}}"
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff?？])\s?[(（]({_SYLLABLE}(?:[\s'’]{_SYLLABLE}){{0,3}})[)）]")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,200})?/?>")


@lru_cache(maxsize=1)
def _converter():
    return opencc.OpenCC("t2s")


def remove_pinyin_debris(text: str) -> tuple[str, int]:
    toned = sum(1 for m in _PINYIN.finditer(text) if any(c in _TONED for c in m.group(1)))
    removed = 0

    def repl(m: re.Match) -> str:
        nonlocal removed
        if any(c in _TONED for c in m.group(1)) or toned >= 3:
            removed += len(m.group())
            return ""
        return m.group()

    text = _PINYIN.sub(repl, text)
    tags = sum(len(m.group()) for m in _TAG.finditer(text))
    return _TAG.sub("", text), removed + tags


def traditional_share(text: str) -> float:
    """Share of CJK characters that OpenCC changes: near 0 for Simplified text."""
    sample = text[:20000]
    conv = _converter().convert(sample)
    cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    changed = sum(1 for a, b in zip(sample, conv) if a != b)
    return changed / cjk if cjk else 0.0


def to_simplified(text: str) -> tuple[str, bool]:
    if traditional_share(text) < 0.02:
        return text, False
    return _converter().convert(text), True
