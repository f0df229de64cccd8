"""Maps a subject phrase to an indicator of the lexicon (rules/indicators.yaml)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load_rules


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    kinds: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]
    description: str

    def row(self) -> dict:
        return {"indicator_id": self.id, "name_zh": self.name_zh, "name_en": self.name_en,
                "unit": self.unit, "description": self.description}


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    out = []
    seen = set()
    for e in load_rules("indicators.yaml"):
        if e["id"] in seen:
            raise ValueError(f"rules/indicators.yaml: duplicate id {e['id']}")
        seen.add(e["id"])
        out.append(Indicator(e["id"], e["name_zh"], e["name_en"], str(e["unit"]), tuple(e["kinds"]),
                             tuple(re.compile(p) for p in e["patterns"]), e["description"]))
    return tuple(out)


def match_indicator(subject: str, kind: str) -> str | None:
    """kind: the unit kind of the value (money, count, percent, ...) or 'growth' for growth-only rows."""
    for ind in indicators():
        if kind not in ind.kinds:
            continue
        if any(p.search(subject) for p in ind.patterns):
            return ind.id
    return None
