"""The subject: the phrase naming what a number counts.

Written before the number (高新技术企业2.7万家) or after it (2.7万家高新技术企业, 等3个国家重大
科技基础设施), across verbs (汇聚, 引进, 建成 ...).  Modifiers that change the meaning stay
(新增 vs 累计, 国家级 vs 市级); an empty subject (上升到2023年的3.34%) takes the one before it.
"""
from __future__ import annotations

import re

from .lexicon import Lexicon, lexicon
from .quantities import CLAUSE_DELIMS, MASK, Token

_ORDINAL_BATCH = re.compile(r"^(?:第[一二三四五六七八九十\d]+[批轮届期]|首批|新一批|一批)")
_EDGE_PUNCT = "、，,；;：:。\"“”'‘’ 　\t（(）)…—-" + MASK
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _strip_lead(text: str, lex: Lexicon, region_surfaces: tuple[str, ...], allow_empty: bool = False) -> str:
    kept_modifier = ""
    changed = True
    while changed and text:
        changed = False
        text = text.lstrip(_EDGE_PUNCT)
        m = _ORDINAL_BATCH.match(text)
        if m:
            text, changed = text[m.end():], True
            continue
        protected = text.startswith(lex.protected_names)
        for w in () if protected else region_surfaces:
            if text.startswith(w):
                text, changed = text[len(w):], True
                break
        if changed:
            continue
        for w in lex.subject_keep_modifiers:
            if text.startswith(w) and not kept_modifier:
                kept_modifier, text, changed = w, text[len(w):], True
                break
        if changed:
            continue
        for w in lex.subject_lead_strip:
            if text.startswith(w) and (allow_empty or len(text) > len(w)):
                text, changed = text[len(w):], True
                break
    return kept_modifier + text


def _strip_trail(text: str, lex: Lexicon, allow_empty: bool = False) -> str:
    changed = True
    while changed and text:
        changed = False
        text = text.rstrip(_EDGE_PUNCT)
        for w in lex.subject_trail_strip:
            if text.endswith(w) and (allow_empty or len(text) > len(w)):
                text, changed = text[: -len(w)], True
                break
    return text


def clean_subject(text: str, time_texts: list[str], region_surfaces: tuple[str, ...],
                  lex: Lexicon | None = None) -> str:
    lex = lex or lexicon()
    for t in sorted(time_texts, key=len, reverse=True):
        text = text.replace(t, "")
    text = text.replace(MASK, "")
    text = _strip_lead(text, lex, region_surfaces, allow_empty=True)
    for w in lex.subject_inner_strip:
        if w in text[1:]:
            text = text[0] + text[1:].replace(w, "")
    text = _strip_trail(text, lex)
    if len(text) > 10:
        best = -1
        for v in lex.subject_split_verbs:
            k = text.rfind(v)
            if k > 0 and len(text) - (k + len(v)) >= 2:
                best = max(best, k + len(v))
        if best > 0:
            text = text[best:]
    text = _strip_lead(text, lex, region_surfaces, allow_empty=True)
    text = _strip_trail(text, lex, allow_empty=True)
    for m in lex.subject_keep_modifiers:      # 专精特新企业累计(达到860家) -> 累计专精特新企业
        if text.endswith(m) and len(text) > len(m) and not text.startswith(m):
            text = m + text[: -len(m)]
            break
    text = _balance_quotes(text)
    return text[-24:] if len(text) > 24 else text


def _balance_quotes(text: str) -> str:
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    return text


def post_noun(s: str, end: int, lex: Lexicon) -> str:
    """The noun phrase written right after a number (3个国家重大科技基础设施 -> 国家重大科技基础设施)."""
    j = end
    out = []
    depth = 0
    while j < len(s) and len(out) < 20:
        ch = s[j]
        if ch in "“":
            depth += 1
        elif ch in "”":
            depth -= 1
        elif depth <= 0 and (ch in CLAUSE_DELIMS or ch in "、（(）)…—" or not (_CJK.match(ch) or ch.isalnum())):
            break
        if depth <= 0 and out:
            rest = s[j:]
            if any(rest.startswith(v) for v in lex.subject_tail_verbs):
                break
        out.append(ch)
        j += 1
    noun = "".join(out).lstrip("的")
    if any(noun.startswith(a) for a in lex.abstract_nouns):
        return "\x01"   # abstract: not a countable fact
    return noun if len(noun) >= 2 and _CJK.search(noun) else ""


def subject_after(s: str, tok: Token, floor: int, lex: Lexicon) -> bool:
    """Does this number take its subject from after it (pattern B)?"""
    raw_pre = s[floor:tok.prefix_start].rstrip(" ")
    noun = post_noun(s, tok.end, lex)
    if not noun or noun == "\x01" or tok.kind not in ("count", "physical"):
        return False
    if raw_pre.endswith(("等", "把", "将")):
        return True
    stripped = _strip_lead(raw_pre, lex, (), allow_empty=True)
    if not stripped:
        return True
    return any(raw_pre.endswith(v) for v in lex.object_verbs)


def distribute_heads(items: list[str], lex: Lexicon) -> list[str]:
    """电子信息、装备制造、先进材料产业规模 -> each item gets the shared head 产业规模."""
    if len(items) < 2:
        return items
    last = items[-1]
    for head in lex.list_heads:
        if last.endswith(head) and len(last) > len(head) + 1:
            if not any(it.endswith(head) for it in items[:-1]):
                return [it + head for it in items[:-1]] + [last]
            break
    return items


def split_list(text: str) -> list[str]:
    return [p for p in re.split(r"[、和及与]", text) if p]
