"""Cleaning throughput on one core, for HTML pages and for plain-text pages (documents/s)."""
from __future__ import annotations

import argparse
import time

from _corpus import peak_rss_mb, raw_pages

from innovation_indicators.clean import CleanError, clean_document, is_html


def bench(pages, min_seconds: float) -> tuple[int, float, int]:
    n = bytes_ = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < min_seconds:
        for uri, data in pages:
            try:
                clean_document(data, None, uri)
            except CleanError:
                pass
            n += 1
            bytes_ += len(data)
    return n, time.perf_counter() - t0, bytes_


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--min-seconds", type=float, default=5.0)
    a = ap.parse_args()
    pages = raw_pages()
    html = [p for p in pages if is_html(p[1], None, p[0])]
    text = [p for p in pages if not is_html(p[1], None, p[0])]
    for label, group in (("html", html), ("text", text)):
        n, dt, b = bench(group, a.min_seconds)
        print(f"clean {label}: {len(group)} distinct pages, {n} cleaned in {dt:.1f} s: "
              f"{n / dt:.1f} documents/s, {b / 1e6 / dt:.2f} MB/s raw")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
