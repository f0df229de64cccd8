"""Document context for extraction: paragraphs, sentences, governing regions, default periods."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .periods import find_time_exprs
from .quantities import clause_start
from .regions import Gazetteer, Mention

_SENTENCE_END = re.compile(r"[。！？!?]+[”」』]?|……+|…+")
_FILLER = re.compile(r"^(?:目前|截至目前|当前|此外|同时|其中|另外|而|并且|并|据统计|数据显示|统计显示|从[^，]{0,8}看|在[^，]{0,12}(?:方面|上|中)|全市|全省|全区|以及|，|,|\s)*$")
_CONNECTOR = re.compile(r"^\s*(?:与|和|、|及|-|—|–)\s*$")


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class RegionChoice:
    code: str | None
    name: str


@dataclass
class DocContext:
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    topic: dict[int, RegionChoice] = field(default_factory=dict)    # mention index -> resolved
    mention_paragraph: list[int] = field(default_factory=list)     # mention index -> paragraph
    main: RegionChoice | None = None


def split_sentences(text: str) -> list[Sentence]:
    out = []
    pos = 0
    for p_idx, para in enumerate(text.split("\n")):
        start = pos
        pos += len(para) + 1
        last = 0
        for m in _SENTENCE_END.finditer(para):
            _add(out, para, start, last, m.end(), p_idx)
            last = m.end()
        _add(out, para, start, last, len(para), p_idx)
    return out


def _add(out, para, base, a, b, p_idx):
    seg = para[a:b]
    if seg.strip():
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        out.append(Sentence(base + a + lead, base + b - trail, seg.strip(), p_idx))


def _is_topic(text: str, m: Mention, prev: Mention | None, floor: int) -> bool:
    start = clause_start(text, m.start, floor)
    prefix = text[start:m.start]
    if prev is not None and prev.end <= m.start and prev.start >= start:
        between = text[prev.end:m.start]
        if _CONNECTOR.match(between):
            return True   # 北碚与绵阳: the second of a pair is a topic with the first
        if not between and _is_topic(text, prev, None, floor):
            return True   # 四川省成都市: the more specific name governs
    for e in find_time_exprs(prefix):
        prefix = prefix.replace(e.text, "")
    return bool(_FILLER.match(prefix))


def build_context(text: str, gaz: Gazetteer, title: str | None = None,
                  region_hint: str | None = None) -> DocContext:
    sentences = split_sentences(text)
    mentions = gaz.mentions(text)
    ctx = DocContext(text, sentences, mentions)
    paragraph, last = 0, 0
    for m in mentions:             # mentions are in text order: count newlines once, incrementally
        paragraph += text.count("\n", last, m.start)
        last = m.start
        ctx.mention_paragraph.append(paragraph)
    names = gaz.regions
    last_group: RegionChoice | None = None
    weights: dict[str, float] = {}
    for k, m in enumerate(mentions):
        prev = mentions[k - 1] if k else None
        sent_floor = next((s.start for s in sentences if s.start <= m.start < s.end + 1), 0)
        topic = _is_topic(text, m, prev, sent_floor)
        if m.is_pronoun:
            if last_group is not None and topic:
                ctx.topic[k] = last_group
            continue
        choice = RegionChoice(m.code, names[m.code].name)
        # a pair named together (北碚与绵阳, 上海-苏州) or a zone of several members is what 两地 refers to
        if prev is not None and not prev.is_pronoun and _CONNECTOR.match(text[prev.end:m.start]):
            joiner = "-" if text[prev.end:m.start].strip() in "-—–" else "、"
            pair = RegionChoice(None, f"{names[prev.code].name}{joiner}{names[m.code].name}")
            last_group = pair
            if joiner == "-" and (k - 1) in ctx.topic:
                ctx.topic[k - 1] = pair      # 上海-苏州集群 is one subject
                continue
        elif names[m.code].member_codes:
            last_group = choice
        if topic:
            ctx.topic[k] = choice
        if names[m.code].level == "country" and not topic:
            continue     # 居全国第一, 全国重点实验室: scope words, not what the article is about
        weights[m.code] = weights.get(m.code, 0) + (2.0 if topic else 1.0)
    if title:
        for m in gaz.mentions(title):
            if m.code:
                weights[m.code] = weights.get(m.code, 0) + 3.0
    if region_hint and region_hint in gaz.by_surface:
        code = gaz.by_surface[region_hint][0][0]
        weights[code] = weights.get(code, 0) + 100.0
    if weights:
        best = max(weights, key=lambda c: (weights[c], -len(c)))
        ctx.main = RegionChoice(best, names[best].name)
    return ctx


def governing_region(ctx: DocContext, sentence: Sentence, pos: int) -> RegionChoice | None:
    """Nearest topic region before pos in the sentence, else earlier in the paragraph, else the
    document's main region."""
    best_sentence = best_paragraph = None
    for k, m in enumerate(ctx.mentions):
        if m.start >= pos:
            break
        if k not in ctx.topic:
            continue
        if m.start >= sentence.start:
            best_sentence = ctx.topic[k]
        elif ctx.mention_paragraph[k] == sentence.paragraph:
            best_paragraph = ctx.topic[k]
    return best_sentence or best_paragraph or ctx.main

