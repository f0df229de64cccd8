"""Extraction throughput on one core: documents/s and MB of clean text/s.

The corpus is the clean text of the sample (and seeds), each document varied by renumbering so
no work is shared between copies, repeated until the run takes at least --min-seconds.
"""
from __future__ import annotations

import argparse
import re
import time

from _corpus import clean_texts, peak_rss_mb

from innovation_indicators.extract.observations import extract_observations


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--min-seconds", type=float, default=10.0)
    a = ap.parse_args()
    docs = clean_texts()
    extract_observations("预热：全市高新技术企业达到100家。")   # loads rules and the gazetteer once
    n_docs = n_chars = n_bytes = n_obs = 0
    k = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < a.min_seconds:
        k += 1
        for _, doc in docs:
            text = re.sub(r"\d+", lambda m: str(int(m.group()) + k), doc.text)
            n_obs += len(extract_observations(text, doc.published_date, doc.title))
            n_docs += 1
            n_chars += len(text)
            n_bytes += len(text.encode("utf-8"))
    dt = time.perf_counter() - t0
    print(f"extract: {n_docs} documents ({len(docs)} distinct x {k}), {n_chars / 1e6:.2f} M chars, "
          f"{n_bytes / 1e6:.2f} MB UTF-8, {n_obs} observations in {dt:.1f} s")
    print(f"extract: {n_docs / dt:.1f} documents/s, {n_bytes / 1e6 / dt:.3f} MB/s of clean text, "
          f"{n_obs / dt:.0f} observations/s, peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
