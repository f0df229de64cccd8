"""Loads the rule files (rules/*.yaml) once into lookup structures the grammar uses."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..paths import RULES_DIR


def load_rules(name: str):
    return yaml.safe_load((RULES_DIR / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Unit:
    surface: str
    canonical: str
    kind: str
    factor: float = 1.0


@dataclass(frozen=True)
class Lexicon:
    multipliers: dict[str, float]
    units: tuple[Unit, ...]            # longest surface first
    unit_re: re.Pattern
    unit_by_surface: dict[str, Unit]
    tenths_unit: str
    prefix_qualifiers: tuple[tuple[str, str], ...]   # (word, code), longest first
    infix_qualifiers: dict[str, str]
    suffix_qualifiers: tuple[tuple[str, str], ...]
    growth_positive: tuple[str, ...]
    growth_negative: tuple[str, ...]
    level_after_change: tuple[str, ...]
    multiple_of_base_re: re.Pattern
    doublings: dict[str, float]
    rank_cues: tuple[str, ...]
    label_brackets: tuple[tuple[str, str], ...]
    per_marker: str
    future_re: re.Pattern
    subject_lead_strip: tuple[str, ...]
    subject_keep_modifiers: tuple[str, ...]
    subject_inner_strip: tuple[str, ...]
    subject_tail_verbs: tuple[str, ...]
    abstract_nouns: tuple[str, ...]
    list_heads: tuple[str, ...]
    subject_trail_strip: tuple[str, ...]
    subject_split_verbs: tuple[str, ...]
    object_verbs: tuple[str, ...]
    elliptic_verbs: tuple[str, ...]
    rank_scope_words: tuple[str, ...]
    policy_re: re.Pattern
    protected_names: tuple[str, ...]


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    u = load_rules("units.yaml")
    c = load_rules("cues.yaml")
    units = []
    for entry in u["units"]:
        for s in entry["surface"]:
            units.append(Unit(str(s), str(entry["canonical"]), entry["kind"], float(entry.get("factor", 1.0))))
    units.sort(key=lambda x: len(x.surface), reverse=True)
    unit_re = re.compile("|".join(re.escape(x.surface) for x in units))
    q = c["qualifiers"]
    prefix = sorted(((w, code) for code, ws in q["prefix"].items() for w in ws), key=lambda t: -len(t[0]))
    suffix = sorted(((w, code) for code, ws in q["suffix"].items() for w in ws), key=lambda t: -len(t[0]))
    infix = {w: code for code, ws in q["infix"].items() for w in ws}
    return Lexicon(
        multipliers={k: float(v) for k, v in sorted(u["multipliers"].items(), key=lambda kv: -len(kv[0]))},
        units=tuple(units), unit_re=unit_re, unit_by_surface={x.surface: x for x in units},
        tenths_unit=u["tenths_unit"],
        prefix_qualifiers=tuple(prefix), infix_qualifiers=infix, suffix_qualifiers=tuple(suffix),
        growth_positive=_longest_first(c["growth_cues"]["positive"]),
        growth_negative=_longest_first(c["growth_cues"]["negative"]),
        level_after_change=tuple(c["level_after_change"]),
        multiple_of_base_re=re.compile("(?:" + "|".join(c["multiple_of_base"]) + ")$"),
        doublings={k: float(v) for k, v in c["doublings"].items()},
        rank_cues=_longest_first(c["rank_cues"]),
        label_brackets=tuple(tuple(p) for p in c["label_brackets"]),
        per_marker=c["per_marker"],
        future_re=re.compile("|".join(c["future_cues"])),
        subject_lead_strip=_longest_first(c["subject_lead_strip"]),
        subject_keep_modifiers=_longest_first(c["subject_keep_modifiers"]),
        subject_inner_strip=_longest_first(c["subject_inner_strip"]),
        subject_tail_verbs=_longest_first(c["subject_tail_verbs"]),
        abstract_nouns=_longest_first(c["abstract_nouns"]),
        list_heads=_longest_first(c["list_heads"]),
        subject_trail_strip=_longest_first(c["subject_trail_strip"]),
        subject_split_verbs=_longest_first(c["subject_split_verbs"]),
        object_verbs=_longest_first(c["object_verbs"]),
        elliptic_verbs=_longest_first(c["elliptic_verbs"]),
        rank_scope_words=_longest_first(c["rank_scope_words"]),
        policy_re=re.compile("|".join(c["policy_cues"])),
        protected_names=tuple(c["protected_names"]),
    )
