"""Plain-text pages: a line classifier that keeps the article and drops the page around it.

Each line is one of: prose (a sentence of the article), chrome (navigation, share prompts,
image file names and captions, meta lines, widgets, footers: rules/chrome.yaml), spam, or a
short line (a heading).  The article starts at the first prose line and ends at the first
end marker after it (相关阅读, 责任编辑, 版权所有 …); lines before it are the header, where
title, date and publisher are read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import ChromeRules, chrome_rules
from .spam import is_spam_header, spam_keywords, strip_keywords

_TRIM = re.compile(r"^[\s\u3000\xa0•·▪■◆●]+|[\s\u3000\xa0]+$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_PUBLISHER = re.compile(r"(?<!图片)(?<!资料)来源[:：]\s*([^\s\d:：|/<>\"']{2,20})")


@dataclass
class TextArticle:
    title: str | None
    published: str | None        # ISO date
    publisher: str | None
    body: str
    chrome_chars: int
    spam_chars: int


def _is_prose(line: str) -> bool:
    cjk = len(_CJK.findall(line))
    if cjk < 15:
        return False
    ends = ("。", "！", "？", "…", "；", "。”", "！”", "？”", "。」")
    return line.endswith(ends) or len(re.findall(r"[，；,;]", line)) >= 2


def classify(line: str, rules: ChromeRules) -> str:
    if not line:
        return "blank"
    if is_spam_header(line, rules):
        return "spam"
    for kind, pat in rules.drop.items():
        if pat.search(line):
            return "chrome"
    return "prose" if _is_prose(line) else "short"


def find_date(lines: list[str]) -> str | None:
    for line in lines:
        m = _DATE.search(line)
        if m:
            y, mo, d = (int(x) for x in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def find_publisher(lines: list[str]) -> str | None:
    for line in lines:
        m = _PUBLISHER.search(line)
        if m:
            return m.group(1).strip("，,。 ")
    return None


def _title(header: list[tuple[str, str]], keywords: set[str]) -> str | None:
    lines = [l for l, _ in header]
    for l in lines:
        m = re.match(r"^正在阅读[:：]\s*(.+)$", l)
        if m:
            return m.group(1)
    seen = set()
    for l in lines:
        if l in seen and len(_CJK.findall(l)) >= 6:
            return l
        seen.add(l)
    best = None
    for l, kind in header:
        if kind != "short":
            continue
        cleaned, _ = strip_keywords(l, keywords)
        cleaned = cleaned.strip()
        if len(_CJK.findall(cleaned)) >= 6 and (best is None or len(cleaned) > len(best)):
            best = cleaned
    return best


def clean_text_page(text: str, rules: ChromeRules | None = None) -> TextArticle:
    rules = rules or chrome_rules()
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_TRIM.sub("", l) for l in raw_lines]
    kinds = [classify(l, rules) for l in lines]
    keywords = spam_keywords(lines, rules)
    start = next((i for i, k in enumerate(kinds) if k == "prose"), None)
    if start is None:
        # no line reads as article prose: keep only short lines that are whole sentences
        body_idx: list[int] = [i for i, k in enumerate(kinds) if k == "short" and lines[i].endswith(("。", "！", "？"))]
        header: list[tuple[str, str]] = []
        end = len(lines)
    else:
        end = next((i for i in range(start + 1, len(lines)) if rules.end_markers.match(lines[i])), len(lines))
        last_prose = max(i for i in range(start, end) if kinds[i] == "prose")
        body_idx = [i for i in range(start, last_prose + 1) if kinds[i] in ("prose", "short")]
        header = [(lines[i], kinds[i]) for i in range(start) if kinds[i] != "blank"]
    spam_chars = sum(len(lines[i]) for i, k in enumerate(kinds) if k == "spam")
    body_lines = []
    for i in body_idx:
        line, removed = strip_keywords(lines[i], keywords)
        spam_chars += removed
        if line.strip():
            body_lines.append(line.strip())
    body = "\n".join(body_lines)
    total = sum(len(l) for l in lines if l)
    chrome_chars = max(0, total - sum(len(lines[i]) for i in body_idx) - spam_chars)
    head_lines = [l for l, _ in header]
    published = find_date(head_lines) or find_date(lines)
    publisher = find_publisher(head_lines) or find_publisher(lines)
    return TextArticle(_title(header, keywords), published, publisher, body, chrome_chars, spam_chars)
