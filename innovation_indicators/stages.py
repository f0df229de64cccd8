"""Stage logic as plain functions, called by the Prefect flow (flows/pipeline.py) and by tests.

fetch -> clean -> extract -> (assemble) -> validate -> publish.  Each works on a batch.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from .clean import CleanError, clean_document
from .duplicates import mark_duplicates
from .extract.indicators import indicators
from .extract.observations import extract_observations
from .extract.regions import gazetteer
from .fetch import FetchResult, SnapshotStore
from .paths import ROOT


@dataclass
class CleanResult:
    source_id: str
    document: dict | None
    region_hint: str | None
    error: str | None = None


def document_id(uri: str, raw_sha: str) -> str:
    return hashlib.sha256(f"{uri}\n{raw_sha}".encode()).hexdigest()[:16]


def clean_batch(fetched: list[FetchResult], raw_dir: Path) -> list[CleanResult]:
    store = SnapshotStore(raw_dir)
    out = []
    for r in fetched:
        snap = r.snapshot
        if snap is None:
            continue
        try:
            doc = clean_document(store.read(snap.sha256), snap.content_type, snap.final_url or r.source.uri)
        except (CleanError, OSError) as e:
            out.append(CleanResult(r.source.source_id, None, r.source.region_hint, f"{r.source.uri}: {e}"))
            continue
        except Exception as e:  # a bug on one page must not stop the run or lose the others
            out.append(CleanResult(r.source.source_id, None, r.source.region_hint,
                                   f"{r.source.uri}: cleaning failed unexpectedly: {type(e).__name__}: {e}"))
            continue
        out.append(CleanResult(r.source.source_id, {
            "document_id": document_id(r.source.uri, snap.sha256),
            "source_id": r.source.source_id, "source_uri": r.source.uri, "final_url": snap.final_url,
            "title": doc.title, "publisher": r.source.publisher or doc.publisher,
            "published_date": doc.published_date,
            "fetched_at": datetime.fromisoformat(snap.fetched_at),
            "raw_sha256": snap.sha256, "raw_bytes": snap.bytes, "encoding": doc.encoding,
            "content_kind": doc.content_kind,
            "is_converted_from_traditional": doc.is_converted_from_traditional,
            "duplicate_of_document_id": None,
            "removed_chrome_chars": doc.removed_chrome_chars, "removed_spam_chars": doc.removed_spam_chars,
            "removed_debris_chars": doc.removed_debris_chars, "text_chars": len(doc.text), "text": doc.text,
        }, r.source.region_hint))
    return out


def observation_id(doc_id: str, start: int, end: int, subject: str) -> str:
    return hashlib.sha256(f"{doc_id}:{start}:{end}:{subject}".encode()).hexdigest()[:16]


@dataclass
class ExtractResult:
    observations: list[dict]
    errors: list[str]


def extract_batch(docs: list[tuple[dict, str | None]]) -> ExtractResult:
    """docs: (document row, region hint). Syndicated copies are skipped by the caller.
    A document whose extraction raises is reported in errors; the others go on."""
    rows, errors = [], []
    for doc, hint in docs:
        published = doc["published_date"]
        if isinstance(published, datetime):
            published = published.date()
        try:
            found = extract_observations(doc["text"], published, doc["title"], hint)
        except Exception as e:
            errors.append(f"{doc['source_uri']}: extraction failed unexpectedly: {type(e).__name__}: {e}")
            continue
        for o in found:
            o["document_id"] = doc["document_id"]
            o["observation_id"] = observation_id(doc["document_id"], o["char_start"], o["char_end"], o["subject"])
            rows.append(o)
    return ExtractResult(rows, errors)


def deduplicate_documents(docs: list[dict]) -> list[dict]:
    return mark_duplicates(docs)


def reference_tables(observations: list[dict]) -> dict[str, list[dict]]:
    gaz = gazetteer()
    used = {o["region_code"] for o in observations if o.get("region_code")}
    for code in used:
        gaz.ensure_region(code)
    # generic "<city>高新区" zones are created when first read; publish those this release uses
    regions = [r.row() for code, r in gaz.regions.items()
               if not (code.startswith("Z-HTZ-") and code[6:].isdigit()) or code in used]
    return {"regions": regions, "indicators": [i.row() for i in indicators()]}


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever code, rules, schemas or expectations change: part of every cache key."""
    h = hashlib.sha256()
    for folder, pattern in (("innovation_indicators", "**/*.py"), ("flows", "*.py"), ("rules", "*.yaml"),
                            ("schemas", "*.yaml"), ("expectations", "*.json")):
        for p in sorted((ROOT / folder).glob(pattern)):
            h.update(str(p.relative_to(ROOT)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def inputs_fingerprint(fetched: list[FetchResult]) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    for r in sorted(fetched, key=lambda r: r.source.source_id):
        sha = r.snapshot.sha256 if r.snapshot else "-"
        h.update(f"{r.source.source_id}\t{r.source.uri}\t{sha}\n".encode())
    return h.hexdigest()


def to_date(v) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def build_tables(docs: list[dict], observations: list[dict], fetch_log: list[dict]) -> dict:
    """Arrow tables in the registry's schemas, ready to validate and publish."""
    from .schema import to_arrow_table

    refs = reference_tables(observations)
    for o in observations:
        for k in ("period_start", "period_end"):
            o[k] = to_date(o.get(k))
    obs = sorted(observations, key=lambda o: (o["document_id"], o["char_start"], o["subject"]))
    return {
        "documents": to_arrow_table("documents", sorted(docs, key=lambda d: d["source_id"])),
        "observations": to_arrow_table("observations", obs),
        "regions": to_arrow_table("regions", sorted(refs["regions"], key=lambda r: r["region_code"])),
        "indicators": to_arrow_table("indicators", refs["indicators"]),
        "fetch_log": to_arrow_table("fetch_log", fetch_log),
    }
