"""Turns a clean article into observations: one row per numeric fact, located to the character."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .context import DocContext, RegionChoice, Sentence, build_context, governing_region
from .indicators import match_indicator
from .lexicon import Lexicon, lexicon
from .periods import Period, find_time_exprs, is_plausible, publication_period, resolve
from .quantities import SentenceScanner, Token, clause_start, propagate_list_roles
from .regions import gazetteer
from .subjects import clean_subject, distribute_heads, post_noun, split_list, subject_after

# a sentence opening with these continues the time frame of the sentence before, across paragraphs
_SAME_TIME = ("与此同时", "同期", "同一时期")
_GROWTH_NOUNS = ("增速", "增幅", "增长率", "同比", "比上年", "较上年", "较去年同期", "比去年同期")


@dataclass
class _Draft:
    tok: Token
    subject: str
    growth_pct: float | None = None
    value: float | None = None
    unit: str | None = None
    span: tuple[int, int] | None = None


def extract_observations(text: str, published: date | None = None, title: str | None = None,
                         region_hint: str | None = None) -> list[dict]:
    gaz = gazetteer()
    lex = lexicon()
    ctx = build_context(text, gaz, title, region_hint)
    # place names at the start of a subject are its region, not part of it (rules: protected_names)
    region_surfaces = tuple(sorted({m.surface for m in ctx.mentions}, key=len, reverse=True))
    out: list[dict] = []
    para_period: dict[int, Period] = {}
    doc_period = _title_period(title, published)
    last_period: Period | None = None
    for sent in ctx.sentences:
        all_exprs = find_time_exprs(sent.text)
        exprs = [e for e in all_exprs if e.kind != "base"]
        drafts = _sentence_drafts(sent.text, all_exprs, region_surfaces, lex)
        per_item_region = _distributed_regions(ctx, sent, drafts)
        for d in drafts:
            carried = last_period if sent.text.startswith(_SAME_TIME) else None
            period, assumed = _period_for(exprs, d.tok.prefix_start, published,
                                          para_period.get(sent.paragraph) or carried or doc_period)
            region = (per_item_region.get(id(d)) or governing_region(ctx, sent, sent.start + d.tok.prefix_start)
                      or RegionChoice(None, None))
            kind = "growth" if d.value is None else d.tok.kind
            a, b = d.span or (d.tok.start, d.tok.end)
            out.append({
                "region_code": region.code, "region_name": region.name,
                "indicator_id": match_indicator(d.subject, kind) if d.subject else None,
                "subject": d.subject,
                "value": d.value, "value_max": d.tok.value_max if d.value is not None else None,
                "unit": d.unit, "qualifier": d.tok.qualifier if d.value is not None else None,
                "period_start": period.start if period else None,
                "period_end": period.end if period else None,
                "period_label": period.label if period else None,
                "is_period_assumed": assumed,
                "growth_pct": d.growth_pct,
                "evidence": sent.text,
                "char_start": sent.start + a, "char_end": sent.start + b,
                "number_text": text[sent.start + a: sent.start + b],
            })
        last = [e for e in exprs if resolve(e, published)]
        if last:
            p = resolve(last[-1], published)
            if is_plausible(p, published):
                para_period[sent.paragraph] = last_period = p
    return _dedupe(out)


def _distributed_regions(ctx: DocContext, sent: Sentence, drafts: list[_Draft]) -> dict[int, RegionChoice]:
    """株洲、湘潭两市…分别为12家和9家: a list of N regions before a list of N numbers."""
    out: dict[int, RegionChoice] = {}
    groups: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.tok.list_id is not None:
            groups.setdefault(d.tok.list_id, []).append(d)
    names = gazetteer().regions
    for items in groups.values():
        first = sent.start + items[0].tok.prefix_start
        if len(items) < 2 or "分别" not in ctx.text[sent.start:first]:
            continue
        inside = [m for m in ctx.mentions if sent.start <= m.start and m.end <= first and not m.is_pronoun]
        run: list = []
        runs = []
        for m in inside:
            if run and ctx.text[run[-1].end:m.start].strip() in ("、", "和", "与", "及", ","):
                run.append(m)
            else:
                run = [m]
                runs.append(run)
        match = next((r for r in reversed(runs) if len(r) == len(items)), None)
        if match:
            for d, m in zip(items, match):
                out[id(d)] = RegionChoice(m.code, names[m.code].name)
    return out


def _title_period(title: str | None, published: date | None) -> Period | None:
    """A period named in the title (2023年…统计公报, 上半年…) frames the whole article."""
    if not title:
        return None
    for e in find_time_exprs(title):
        p = resolve(e, published)
        if p is not None and e.kind != "as_of" and is_plausible(p, published):
            return p
    return None


def _period_for(exprs, pos: int, published: date | None, paragraph_period: Period | None):
    before = [e for e in exprs if e.end <= pos]
    for e in reversed(before):
        p = resolve(e, published)
        if p is not None:
            return (p, False) if is_plausible(p, published) else (None, False)
    if paragraph_period is not None:
        return paragraph_period, False
    p = publication_period(published)
    return p, p is not None


def _sentence_drafts(s: str, exprs, region_surfaces, lex: Lexicon) -> list[_Draft]:
    scanner = SentenceScanner(s, lex)
    toks = scanner.tokens()
    propagate_list_roles(toks)
    future = lex.future_re
    time_texts = [e.text for e in exprs]
    ms = scanner.s   # masked sentence
    drafts: list[_Draft] = []
    consumed = 0
    context_subject = ""
    last_level: _Draft | None = None
    i = 0
    while i < len(toks):
        tok = toks[i]
        if future.search(s[:tok.prefix_start]):
            i += 1
            continue
        if tok.kind == "money" and lex.policy_re.search(ms[clause_start(ms, tok.prefix_start):tok.prefix_start]):
            i += 1
            continue
        # a list shares one subject phrase, split across its items
        if tok.list_id is not None:
            group = [t for t in toks[i:] if t.list_id == tok.list_id]
            i += len(group)
            cut = group[0].growth_cue_start if group[0].role == "growth" else group[0].prefix_start
            floor = max(clause_start(ms, cut), consumed)
            raw = s[floor:cut]
            if "分别" in raw:
                raw = raw[: raw.rfind("分别")]
            recent = [d for d in drafts if d.value is not None and not d.tok.share][-len(group):]
            whole = clean_subject(raw, time_texts, region_surfaces, lex)
            if group[0].role == "growth" and not whole and len(recent) == len(group) \
                    and all(d.growth_pct is None for d in recent):
                # 分别为1627亿元和1925亿元，分别增长12%和18%: growth pairs with the levels before it
                for d, t in zip(recent, group):
                    d.growth_pct = t.growth_pct
                consumed = group[-1].end
                continue
            items = distribute_heads(split_list(whole), lex)
            if len(items) != len(group) and len(recent) == len(group) and "分别" in s[floor:cut + 4]:
                # 孵化器5家、众创空间12家，总数分别达到48家和125家: each total of the thing before it
                items = [_complete(whole, d.subject, lex) for d in recent]
            elif len(items) != len(group):
                items = [whole or context_subject] * len(group)
            for t, subj in zip(group, items):
                drafts.append(_draft(t, subj))

            consumed = group[-1].end
            if group[0].role != "growth":
                last_level = drafts[-1]
                context_subject = whole or context_subject
            continue
        i += 1
        if tok.extra.get("denominator_of") is not None:
            continue
        floor = max(clause_start(ms, tok.prefix_start), consumed)
        if tok.role == "growth":
            raw = s[floor:tok.growth_cue_start]
            residual = _residual(raw, toks, floor, tok.growth_cue_start, time_texts, region_surfaces, lex)
            annual = tok.extra.get("cue", "").startswith("年均")
            if not residual and not annual and last_level is not None and last_level.growth_pct is None \
                    and not last_level.tok.share:
                last_level.growth_pct = tok.growth_pct
            else:
                subj = residual or context_subject
                drafts.append(_draft(tok, f"{subj}年均增长" if annual else subj))
            consumed = tok.end
            continue
        if tok.role == "rank":
            scope = clean_subject(s[floor:tok.prefix_start], time_texts, region_surfaces, lex)
            for cue in lex.rank_cues:
                scope = scope.replace(cue, "")
            ranked = re.sub(r"[\d一二三四五六七八九十]+", "", scope)
            for w in lex.rank_scope_words:
                ranked = ranked.replace(w, "")
            if ranked in ("数量", "总量", "总数", "规模") and context_subject:
                subj = f"{context_subject}{ranked}排名"   # 860家，数量居全省第2
            elif len(ranked) >= 2:                 # 注册量、解析量增速居全国第一: it names what is ranked
                subj = scope
                while any(subj.endswith(w) and len(subj) > len(w) for w in lex.rank_scope_words):
                    subj = next(subj[: -len(w)] for w in lex.rank_scope_words if subj.endswith(w) and len(subj) > len(w))
            else:                                  # 位列全国副省级城市第四: the rank of what came before
                subj = f"{context_subject}排名（{scope}）" if context_subject and scope else (
                    f"{context_subject}排名" if context_subject else scope)
            subj = _ranking_name(s, tok, time_texts, region_surfaces, lex) or subj
            drafts.append(_draft(tok, subj))
            consumed = tok.end
            continue
        per = _per_ratio(s, ms, tok, toks, lex)
        if per is not None:
            drafts.append(per)
            consumed = per.span[1]
            continue
        if subject_after(ms, tok, floor, lex):
            noun = post_noun(ms, tok.end, lex)
            subj = clean_subject(noun, time_texts, (), lex) or noun
            consumed = tok.end + len(noun)
        else:
            if post_noun(ms, tok.end, lex) == "\x01":
                consumed = tok.end
                continue   # 三个层面: not a countable thing
            subj = clean_subject(s[floor:tok.prefix_start], time_texts, region_surfaces, lex)
            if not subj and not context_subject:
                noun = post_noun(ms, tok.end, lex)      # 超六成企业: what the share is of
                subj = noun if noun != "\x01" else ""
            completed = _complete(subj, context_subject, lex)
            if completed != subj:
                tok.extra["completed"] = True
            subj = completed
            consumed = tok.end
        after = ms[tok.end:tok.end + 1] == "的" and post_noun(ms, tok.end + 1, lex)
        if tok.kind == "percent" and after and after != "\x01":
            subj = f"{after}占比"   # 全市30%的高新技术企业: the share is of what follows 的
        elif tok.share and last_level is not None and (not subj or subj.startswith("占")):
            subj = f"{last_level.subject}{subj or '占比'}"   # 占全市的26.1%: the share of what came before
        d = _draft(tok, subj)
        drafts.append(d)
        if not tok.share:
            last_level = d
            if not tok.extra.get("completed"):
                context_subject = subj or context_subject
    return [d for d in drafts if d.subject or d.value is not None]


def _draft(tok: Token, subject: str) -> _Draft:
    if tok.role == "growth":
        return _Draft(tok, subject, growth_pct=tok.growth_pct, value=None, unit=None)
    return _Draft(tok, subject, value=tok.value, unit=tok.unit)


def _residual(raw: str, toks, a: int, b: int, time_texts, region_surfaces, lex) -> str:
    """What names a growth rate's subject, once other numbers, shares and 同比 are taken out."""
    for t in toks:
        if a <= t.prefix_start and t.end <= b:
            raw = raw[: t.prefix_start - a] + " " * (t.end - t.prefix_start) + raw[t.end - a:]
    pieces = []
    for piece in raw.replace("，", "|").replace("、", "|").replace(",", "|").split("|"):
        p = piece.strip()
        if not p or p.startswith("占") or p in _GROWTH_NOUNS:
            continue
        pieces.append(p)
    text = clean_subject("".join(pieces), time_texts, region_surfaces, lex)
    for g in _GROWTH_NOUNS:
        if text.endswith(g):
            text = text[: -len(g)]
    return text


def _complete(subj: str, context: str, lex: Lexicon) -> str:
    """An elided subject: empty (上升到...3.34%) or a bare modifier/verb (累计近6000家, 在建852万平方米)."""
    if not context:
        return subj
    if not subj:
        return context
    if subj in lex.subject_keep_modifiers:
        base = context
        for m in lex.subject_keep_modifiers:
            if base.startswith(m):
                base = base[len(m):]
                break
        return subj + base
    if subj in lex.elliptic_verbs:
        base = context
        for m in lex.subject_keep_modifiers:      # 新增…412家，总数达到2650家: the total, not the new ones
            if base.startswith(m) and subj.startswith("总"):
                base = base[len(m):]
                break
        return base + subj
    return subj


def _ranking_name(s: str, tok: Token, time_texts, region_surfaces, lex) -> str:
    """位列第五 in '2024年全球创新指数...排名中，上海-苏州集群位列第五' ranks in that ranking."""
    head = s[:tok.prefix_start]
    for marker in ("排名中", "排行榜中", "榜单中", "排行中", "评价中", "榜中"):
        k = head.rfind(marker)
        if k >= 0:
            a = clause_start(head, k)
            return clean_subject(head[a:k + len(marker) - 1], time_texts, region_surfaces, lex)
    return ""


def _per_ratio(s: str, ms: str, tok: Token, toks: list[Token], lex: Lexicon) -> _Draft | None:
    """每生产10辆新能源汽车中就有4辆来自长三角: a share of 40 %, not two counts."""
    clause = ms[clause_start(ms, tok.prefix_start):tok.prefix_start]
    if lex.per_marker not in clause or tok.kind != "count":
        return None
    nxt = next((t for t in toks if t.prefix_start >= tok.end and t.unit == tok.unit), None)
    if nxt is None or "有" not in ms[tok.end:nxt.prefix_start] or not tok.value:
        return None
    nxt.extra["denominator_of"] = True
    between = ms[tok.end:nxt.prefix_start]
    noun = re.sub(r"^(?:当中|之中|中|里)", "", between)
    noun = re.sub(r"(?:当中|之中|中|里)?(?:就|都|共)?(?:拥有|有)", "", noun).strip("，, ")
    share = Token(tok.start, nxt.end, tok.prefix_start, round(100 * nxt.value / tok.value, 4), unit="%",
                  kind="percent")
    return _Draft(share, noun, value=share.value, unit="%", span=(tok.start, nxt.end))


def _dedupe(rows: list[dict]) -> list[dict]:
    """A fact restated in one document (a headline, a summary paragraph) is one observation."""
    kept: list[dict] = []
    for r in rows:
        if any(_same_fact(r, k) for k in kept):
            continue
        kept.append(r)
    return [r for r in kept if not any(_milestone_of(r, k) for k in kept)]


def _milestone_of(a: dict, b: dict) -> bool:
    """突破4000亿元，达到4234.6亿元: the round threshold restates the exact value after it."""
    return (a is not b and a["qualifier"] == "over" and b["qualifier"] is None and a["evidence"] == b["evidence"]
            and a["unit"] == b["unit"] and a["value"] is not None and b["value"] is not None
            and b["char_start"] > a["char_start"] and b["value"] >= a["value"]
            and _similar(a["subject"] or "", b["subject"] or ""))


def _same_fact(a: dict, b: dict) -> bool:
    if a["unit"] != b["unit"] or a["growth_pct"] != b["growth_pct"]:
        return False
    if a["value"] is None or b["value"] is None:
        if a["value"] is not b["value"]:
            return False
    elif abs(a["value"] - b["value"]) > 1e-9 * max(1.0, abs(b["value"])):
        return False
    return _similar(a["subject"] or "", b["subject"] or "")


def _similar(x: str, y: str) -> bool:
    if not x or not y:
        return x == y
    if x in y or y in x:
        return True
    bx = {x[i:i + 2] for i in range(len(x) - 1)}
    by = {y[i:i + 2] for i in range(len(y) - 1)}
    return bool(bx and by) and 2 * len(bx & by) / (len(bx) + len(by)) >= 0.5
