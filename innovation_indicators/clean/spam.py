"""SEO spam: keyword-stuffed header lines, and a spam site's own keywords injected into
article sentences (…国家战略以来配资网炒股，三省一市…).

A keyword is a spam keyword when the page uses it in its own chrome (the site title split on
'_' or '|', or as the prefix of list items, "配资网炒股 长三角…") and it contains a stem of
rules/spam.yaml or is used so at least three times.  Nothing is keyed to a particular site."""
from __future__ import annotations

import re

from .rules import ChromeRules

_BULLET = re.compile(r"^[•·▪■◆●\-\*\s]+")
_PREFIXED = re.compile(r"^(\S{2,12})\s+(\S.{6,})$")


def is_spam_header(line: str, rules: ChromeRules) -> bool:
    segs = [x for x in line.split("_") if x.strip()]
    if len(segs) >= rules.min_header_segments and not re.search(r"[，。；！？]", line):
        return True
    rest = line
    for s in rules.spam_stems:
        rest = rest.replace(s, "")
    # keyword-stuffed: what is left once spam words go is too little to be a title or a sentence
    return rest != line and len(re.findall(r"[\u4e00-\u9fff]", rest)) < 6 and not re.search(r"[，。]", line)


def spam_keywords(lines: list[str], rules: ChromeRules) -> set[str]:
    counts: dict[str, int] = {}
    for raw in lines:
        line = _BULLET.sub("", raw.strip())
        if re.search(r"[_|｜]", line) and not re.search(r"[，。]", line):
            for seg in re.split(r"[_|｜]", line):
                seg = seg.strip()
                if 2 <= len(seg) <= 12:
                    counts[seg] = counts.get(seg, 0) + 1
        m = _PREFIXED.match(line)
        if m and re.search(r"[\u4e00-\u9fff]", m.group(1)):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    out = set()
    for kw, n in counts.items():
        if any(stem in kw for stem in rules.spam_stems) or n >= 3:
            out.add(kw)
    return out


def strip_keywords(text: str, keywords: set[str]) -> tuple[str, int]:
    removed = 0
    for kw in sorted(keywords, key=len, reverse=True):
        n = text.count(kw)
        if n:
            removed += n * len(kw)
            text = text.replace(kw, "")
    return text, removed
