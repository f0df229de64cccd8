"""Raw pages for the benchmarks: the bundled sample (and ../shared/seeds when present)."""
from __future__ import annotations

import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from innovation_indicators.clean import CleanError, clean_document  # noqa: E402
from innovation_indicators.paths import SAMPLE_DIR  # noqa: E402


def raw_pages() -> list[tuple[str, bytes]]:
    files = sorted((SAMPLE_DIR / "pages").iterdir())
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        files += sorted(seeds.iterdir())
    return [(str(p), p.read_bytes()) for p in files if p.suffix in (".txt", ".html", ".htm")]


def clean_texts() -> list[tuple[str, object]]:
    out = []
    for uri, data in raw_pages():
        try:
            out.append((uri, clean_document(data, None, uri)))
        except CleanError:
            pass
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
