"""Chrome and spam rules (rules/chrome.yaml, rules/spam.yaml), compiled once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.lexicon import load_rules


@dataclass(frozen=True)
class ChromeRules:
    end_markers: re.Pattern
    drop: dict[str, re.Pattern]
    spam_stems: tuple[str, ...]
    min_header_segments: int


@lru_cache(maxsize=1)
def chrome_rules() -> ChromeRules:
    c = load_rules("chrome.yaml")
    sp = load_rules("spam.yaml")
    return ChromeRules(
        end_markers=re.compile("^(?:" + "|".join(c["end_markers"]) + ")"),
        drop={k: re.compile("|".join(v)) for k, v in c["drop_patterns"].items()},
        spam_stems=tuple(sp["stems"]),
        min_header_segments=int(sp["min_header_segments"]),
    )
