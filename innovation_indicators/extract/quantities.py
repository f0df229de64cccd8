"""Chinese quantity grammar: find every number in a sentence with its qualifier, multiplier,
unit and role (a level, a growth rate, or a rank).

Handles what general-purpose number libraries do not: a unit shared by a list
(1.7、1.2、1.1万亿元), counting units (家, 台(套)), qualifiers on either side (超5858亿元,
80余个, 100家以上), ranges (30%—50%), multiples (增长1.5倍, 是上年的4.8倍, 翻一番), and ranks
(位列第五).  Dates, times, codes and numbers inside 《titles》 or short “labels” are masked
first, so they never become facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Lexicon, lexicon
from .numbers import (ARABIC, CHINESE, CN_NUMERAL_CHARS, match_fraction_cn, normalise_for_matching, parse_arabic,
                      parse_chinese)

MASK = "\x00"
CLAUSE_DELIMS = "，,；;。！!？?：:\n"
LIST_SEPARATORS = ("、", "和", "及", "与", ",", "/")   # between items of a number list

# Dates, times, codes: replaced by MASK (same length) before numbers are read.
_MASK_PATTERNS = [re.compile(p) for p in (
    r"https?://\S+|www\.[\w.\-/]+|[\w.\-]+@[\w.\-]+",
    r"(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}",
    r"\d{1,2}:\d{2}(?::\d{2})?",
    r"(?:19|20)\d{2}\s*(?:年|年度|以来)",
    r"[一二三四五六七八九〇零]{4}年",
    r"\d{1,2}\s*[-—–~至到]\s*\d{1,2}\s*月",
    r"\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?",
    r"[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}[日号])?",
    r"\d{1,2}\s*[日号](?![元])",
    r"前?[0-9一二三四五六七八九十两]+个(?:多)?月",
    r"(?:19|20)\d{2}(?=\s*[-—–~至到]\s*(?:19|20)\d{2})|(?<=[-—–~至到])(?:19|20)\d{2}",
    r"\d{3,4}-\d{7,8}|\d{3}\s\d{4}\s\d{4}|\d{9,}",
    r"[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]+[A-Za-z\d]*",
    r"[十]?[一二三四五]五(?=规划|时期|期间|以来|”|\")",
)]


def clause_start(s: str, i: int, floor: int = 0) -> int:
    """Where the clause holding position i begins (after the last ，；。：！？ before it)."""
    k = i
    while k > floor and s[k - 1] not in CLAUSE_DELIMS:
        k -= 1
    return k


def _clean_float(v: float) -> float:
    """4234.6 x 1e8 is 423460000000.00006 in binary; keep the 12 significant digits a page can give."""
    return float(f"{v:.12g}")


def mask_non_facts(s: str) -> str:
    """Mask dates, times, URLs, phone numbers and alphanumeric codes, keeping the length."""
    chars = list(s)
    for pat in _MASK_PATTERNS:
        for m in pat.finditer(s):
            for k in range(m.start(), m.end()):
                chars[k] = MASK
    return "".join(chars)


def label_spans(s: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans inside 《titles》 (any length) and short quoted labels (“1+3”, “三个强化”)."""
    spans = []
    for open_, close in lex.label_brackets:
        i = 0
        while True:
            a = s.find(open_, i)
            if a < 0:
                break
            b = s.find(close, a + 1)
            if b < 0:
                break
            if open_ == "《" or b - a - 1 <= 12:
                spans.append((a, b + 1))
            i = b + 1
    return spans


@dataclass
class Token:
    """One number as read in a sentence (offsets are relative to the sentence)."""
    start: int                 # where the number starts (after any prefix qualifier)
    end: int                   # one past the unit / suffix qualifier
    prefix_start: int          # where its prefix qualifier or 第 starts
    value: float | None
    value_max: float | None = None
    unit: str | None = None    # canonical unit
    kind: str = "count"        # money area percent points ratio count physical rank
    qualifier: str | None = None
    role: str = "level"        # level | growth | rank | denominator
    growth_pct: float | None = None
    growth_cue_start: int | None = None   # where the growth cue (增长/同比增长...) starts
    list_id: int | None = None
    share: bool = False        # 占全市的26.1%
    sign: int = 1
    extra: dict = field(default_factory=dict)


def _starts(s: str, i: int, words) -> str | None:
    for w in words:
        if s.startswith(w, i):
            return w
    return None


def _ends(s: str, j: int, words) -> str | None:
    for w in words:
        if j - len(w) >= 0 and s.startswith(w, j - len(w)):
            return w
    return None


_ARABIC_RE = re.compile(ARABIC)
_CANDIDATE = re.compile(f"[0-9{CN_NUMERAL_CHARS}第翻]")
_CHINESE_RE = re.compile(CHINESE)


class SentenceScanner:
    def __init__(self, sentence: str, lex: Lexicon | None = None):
        self.lex = lex or lexicon()
        self.raw = sentence
        self.s = mask_non_facts(normalise_for_matching(sentence))
        self.labels = label_spans(sentence, self.lex)

    # -- numbers -------------------------------------------------------------------------
    def _number_at(self, i: int) -> tuple[float, int, bool] | None:
        """(value, end, is_chinese) of a numeral starting at i."""
        s = self.s
        m = _ARABIC_RE.match(s, i)
        if m:
            if i > 0 and (s[i - 1].isdigit() or s[i - 1] == "."):
                return None
            return parse_arabic(m.group()), m.end(), False
        m = _CHINESE_RE.match(s, i)
        if m:
            text = m.group()
            # 万/亿 alone are not numerals; a trailing 万/亿 is read as a multiplier later
            core = text.rstrip("万亿")
            if not core or core[0] in "万亿":
                return None
            v = parse_chinese(core)
            if v is None:
                return None
            return v, i + len(core), True
        return None

    def _unit_at(self, j: int):
        m = self.lex.unit_re.match(self.s, j)
        return self.lex.unit_by_surface[m.group()] if m else None

    def _infix(self, j: int, qualifier: str | None) -> tuple[str | None, int]:
        """余/多 between number and unit; not when it starts a unit itself."""
        w = _starts(self.s, j, self.lex.infix_qualifiers)
        if w and not self._unit_at(j):
            return self.lex.infix_qualifiers[w], j + len(w)
        return qualifier, j

    def _tail(self, j: int):
        """Read [余/多] [multiplier] [余/多] unit [以上/左右] from j.
        Returns (multiplier, unit, qualifier, end) or None when no unit follows."""
        s, lex = self.s, self.lex
        mult = 1.0
        qualifier, j = self._infix(j, None)      # 20余万人
        unit = self._unit_at(j)
        if unit is None:
            mw = _starts(s, j, lex.multipliers)
            if mw:
                mult = lex.multipliers[mw]
                qualifier, j = self._infix(j + len(mw), qualifier)   # 2万余家
                unit = self._unit_at(j)
        if unit is None:
            return None
        j += len(unit.surface)
        w = _starts(s, j, [x for x, _ in lex.suffix_qualifiers])
        if w:
            qualifier = dict(lex.suffix_qualifiers)[w]
            j += len(w)
        return mult, unit, qualifier, j

    # -- the scan ------------------------------------------------------------------------
    def tokens(self) -> list[Token]:
        s = self.s
        out: list[Token] = []
        list_id = 0
        pos = 0   # everything before pos is consumed
        # only where a numeral, 百分之, 第 or 翻 starts can a quantity start
        for m in _CANDIDATE.finditer(s):
            i = m.start()
            if i < pos or self._in_label(i):
                continue
            tok = self._special_at(i)
            if tok is None:
                group = self._number_list_at(i)
                if group:
                    list_id += 1
                    for t in group:
                        t.list_id = list_id
                    out.extend(group)
                    pos = group[-1].end
                    continue
                tok = self._quantity_at(i)
            if tok is None:
                continue
            out.append(tok)
            pos = max(tok.end, i + 1)
        self._group_lists(out, list_id)
        for t in out:
            self._classify(t)
        return [t for t in out if t.extra.get("drop") is not True]

    def _in_label(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.labels)

    def _special_at(self, i: int) -> Token | None:
        """百分之二十, 三分之一, 翻一番, 第N (rank or ordinal)."""
        s, lex = self.s, self.lex
        if s.startswith("百分之", i):
            n = self._number_at(i + 3)
            if n:
                return Token(i, n[1], i, n[0], unit="%", kind="percent")
        frac = match_fraction_cn(s, i) if not (i > 0 and s[i - 1] in CN_NUMERAL_CHARS) else None
        if frac:
            return Token(i, frac[1], i, round(100 * frac[0], 2), unit="%", kind="percent")
        w = _starts(s, i, lex.doublings)
        if w:
            return Token(i, i + len(w), i, None, unit=None, kind="growth", role="growth",
                         growth_pct=lex.doublings[w], growth_cue_start=i)
        if s[i] == "第":
            n = self._number_at(i + 1)
            if not n:
                return None
            value, j, _ = n
            suffix = s[j] if j < len(s) else ""
            is_rank = bool(suffix) and suffix in "位名" or self._rank_cue_before(i)
            if suffix and suffix in "位名":
                j += 1
            if not is_rank:
                # an ordinal (第三批, 第六次): skip the number entirely
                return Token(i, j, i, None, extra={"drop": True})
            return Token(i + 1, j, i, value, unit="位", kind="rank", role="rank")
        return None

    def _rank_cue_before(self, i: int) -> bool:
        window = self.s[max(0, i - 8):i]
        cut = max(window.rfind(c) for c in CLAUSE_DELIMS)
        window = window[cut + 1:]
        return any(cue in window for cue in self.lex.rank_cues)

    def _quantity_at(self, i: int) -> Token | None:
        s = self.s
        n = self._number_at(i)
        if not n:
            return None
        value, j, is_cn = n
        # range: 30%—50%, 3-5家, 3至5家
        value_max = None
        rng = re.match(r"(%|％)?\s*[-—–~～至到]\s*", s[j:])
        if rng and not is_cn:
            n2 = self._number_at(j + rng.end())
            if n2 and not n2[2]:
                value_max, j_after, _ = n2
                if rng.group(1) and not s.startswith("%", j_after) and not s.startswith("％", j_after):
                    value_max = None
                else:
                    j = j_after
        # 三成 = 30 %
        if s.startswith(self.lex.tenths_unit, j) and value <= 10 and not self._cjk_word_after(j + 1):
            tok = Token(i, j + 1, i, value * 10, unit="%", kind="percent")
            self._prefix_qualifier(tok)
            return tok
        # 1/3 = 33.33 %
        frac = re.match(r"/(\d+)", s[j:])
        if frac and not is_cn and value_max is None:
            den = float(frac.group(1))
            if den:
                tok = Token(i, j + frac.end(), i, round(100 * value / den, 2), unit="%", kind="percent")
                self._prefix_qualifier(tok)
                return tok
        tail = self._tail(j)
        if tail is None:
            return None
        mult, unit, qualifier, end = tail
        if is_cn and value < 2 and mult == 1.0:
            return None  # 一个, 一次, 一家: idiom, not a count
        tok = Token(i, end, i, _clean_float(value * mult * unit.factor),
                    value_max=_clean_float(value_max * mult * unit.factor) if value_max is not None else None,
                    unit=unit.canonical, kind=unit.kind, qualifier=qualifier)
        self._prefix_qualifier(tok)
        return tok

    def _cjk_word_after(self, j: int) -> bool:
        """三成企业 is a share; 三成都 / 两成为 read 成 as the start of another word."""
        return j < len(self.s) and self.s[j] in "都为果立本员交功长效绩熟型"

    def _prefix_qualifier(self, tok: Token) -> None:
        for w, code in self.lex.prefix_qualifiers:
            if tok.start - len(w) >= 0 and self.s.startswith(w, tok.start - len(w)):
                # 超 in 超算 is not a qualifier, but here it touches a number, so it is one
                tok.prefix_start = tok.start - len(w)
                if tok.qualifier is None:
                    tok.qualifier = code
                return

    def _number_list_at(self, i: int) -> list[Token] | None:
        """1.7、1.2、1.1万亿元: numbers whose unit (and multiplier) is written once, at the end."""
        s = self.s
        items = []
        j = i
        while True:
            n = self._number_at(j)
            if not n or n[2]:
                break
            value, k, _ = n
            mw = _starts(s, k, self.lex.multipliers)
            if mw and self._tail(k) is None:
                k2 = k + len(mw)
            else:
                mw, k2 = None, k
            sep = _starts(s, k2, LIST_SEPARATORS)
            items.append((j, k2, value, mw))
            if not sep or not self._number_at(k2 + len(sep)):
                break
            j = k2 + len(sep)
        if len(items) < 2:
            return None
        last_start, _, _, _ = items[-1]
        last = self._quantity_at(last_start)
        if last is None:
            return None
        # only a list if the earlier items had no unit of their own
        if any(self._tail(end - (len(mw) if mw else 0)) for _, end, _, mw in items[:-1]):
            return None
        shared_mult = None
        m = _starts(s, items[-1][1], self.lex.multipliers)
        if m:
            shared_mult = self.lex.multipliers[m]
        unit = self.lex.unit_by_surface.get(self._unit_surface_before(last.end))
        factor = unit.factor if unit else 1.0
        out = []
        for a, b, value, mw in items[:-1]:
            mult = self.lex.multipliers[mw] if mw else (shared_mult or 1.0)
            out.append(Token(a, b, a, _clean_float(value * mult * factor), unit=last.unit, kind=last.kind))
        self._prefix_qualifier(out[0])
        out.append(last)
        return out

    def _unit_surface_before(self, end: int) -> str:
        for u in self.lex.units:
            if self.s.startswith(u.surface, end - len(u.surface)):
                return u.surface
        return ""

    def _group_lists(self, toks: list[Token], list_id: int) -> None:
        """130%、56%、51% or 4.8倍和3倍: units written each time, but still one list."""
        for a, b in zip(toks, toks[1:]):
            between = self.s[a.end:b.prefix_start]
            if between.strip() in LIST_SEPARATORS and a.kind == b.kind:
                if a.list_id is None:
                    list_id += 1
                    a.list_id = list_id
                b.list_id = a.list_id

    # -- roles ---------------------------------------------------------------------------
    def _clause_before(self, i: int) -> str:
        window = self.s[max(0, i - 30):i]
        cut = max(window.rfind(c) for c in CLAUSE_DELIMS)
        return window[cut + 1:]

    def _classify(self, t: Token) -> None:
        if t.role in ("rank", "growth") or t.extra.get("drop"):
            return
        lex, s = self.lex, self.s
        before = s[:t.prefix_start]
        if t.list_id is not None:
            first = t.extra.get("list_head_start")
            if first is not None:
                before = s[:first]
        stripped = before.rstrip("了达为超近约 ")
        # 是上年的4.8倍 = +380 %
        if t.kind == "ratio":
            m = lex.multiple_of_base_re.search(self._clause_before(t.prefix_start).rstrip(" "))
            cue = _ends(stripped, len(stripped), lex.growth_positive + lex.growth_negative)
            if m:
                t.role, t.growth_pct = "growth", round((t.value - 1) * 100, 4)
                t.growth_cue_start = t.prefix_start - len(m.group())
            elif cue:
                t.role, t.growth_pct = "growth", round(t.value * 100, 4)
                t.growth_cue_start = len(stripped) - len(cue)
            return
        if t.kind != "percent":
            if _ends(stripped, len(stripped), ("占",)) or self._clause_before(t.prefix_start).startswith("占"):
                t.share = True
            return
        cue = _ends(stripped, len(stripped), lex.growth_positive)
        sign = 1
        if not cue:
            cue = _ends(stripped, len(stripped), lex.growth_negative)
            sign = -1
        if cue:
            if t.value_max is not None:
                t.extra["drop"] = True   # a growth range cannot be one growth rate
                return
            t.role, t.growth_pct, t.sign = "growth", sign * t.value, sign
            t.growth_cue_start = len(stripped) - len(cue)
            t.extra["cue"] = cue
            return
        clause = self._clause_before(t.prefix_start)
        if "占" in clause:
            t.share = True


def propagate_list_roles(tokens: list[Token]) -> None:
    """Items of one list share the role its first item got from the cue before the list."""
    by_list: dict[int, list[Token]] = {}
    for t in tokens:
        if t.list_id is not None:
            by_list.setdefault(t.list_id, []).append(t)
    for items in by_list.values():
        head = items[0]
        for t in items[1:]:
            if head.role == "growth" and t.role != "growth":
                t.role = "growth"
                if t.kind == "ratio":
                    base = 1 if head.growth_pct is not None and abs(head.growth_pct - (head.value - 1) * 100) < 1e-6 else 0
                    t.growth_pct = round((t.value - base) * 100, 4)
                else:
                    t.growth_pct = head.sign * t.value
                t.growth_cue_start = head.growth_cue_start


def scan(sentence: str) -> list[Token]:
    scanner = SentenceScanner(sentence)
    toks = scanner.tokens()
    propagate_list_roles(toks)
    return toks
