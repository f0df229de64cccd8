"""Syndicated duplicates: several sites carrying the same article.

Near-identical texts are found with MinHash over character 5-grams and banded LSH, so the
cost stays linear in the number of documents; candidate pairs are confirmed by their exact
Jaccard similarity.  The canonical copy is the one with the least spam removed, then the
earliest published, then the first listed; the others point to it in duplicate_of_document_id.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date

SHINGLE = 5
BANDS, ROWS = 16, 4            # 64 hash functions; pairs with Jaccard >= ~0.6 meet in some band
THRESHOLD = 0.8
_PUNCT = re.compile(r"[\s\W_]+")
_MASK = (1 << 61) - 1
_SEEDS = [int.from_bytes(hashlib.blake2b(str(i).encode(), digest_size=8).digest(), "big") for i in range(BANDS * ROWS)]


def shingles(text: str) -> set[int]:
    t = _PUNCT.sub("", text)
    return {hash(t[i:i + SHINGLE]) & _MASK for i in range(max(1, len(t) - SHINGLE + 1))}


def _signature(sh: set[int]) -> list[int]:
    return [min((x ^ seed) & _MASK for x in sh) for seed in _SEEDS]


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def mark_duplicates(docs: list[dict]) -> list[dict]:
    """Sets duplicate_of_document_id on non-canonical copies; returns the same list."""
    if len(docs) < 2:
        return docs
    sh = [shingles(d["text"]) for d in docs]
    buckets: dict[tuple, list[int]] = {}
    for i, s in enumerate(sh):
        if not s:
            continue
        sig = _signature(s)
        for b in range(BANDS):
            buckets.setdefault((b, tuple(sig[b * ROWS:(b + 1) * ROWS])), []).append(i)
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked = set()
    for members in buckets.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in checked:
                    continue
                checked.add((i, j))
                if jaccard(sh[i], sh[j]) >= THRESHOLD:
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(docs)):
        groups.setdefault(find(i), []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        canon = min(members, key=lambda k: (docs[k]["removed_spam_chars"], docs[k]["published_date"] or date.max, k))
        for k in members:
            if k != canon:
                docs[k]["duplicate_of_document_id"] = docs[canon]["document_id"]
    return docs
