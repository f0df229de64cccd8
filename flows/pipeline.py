"""The Prefect flow: fetch -> clean -> extract -> validate -> publish.

Only wiring lives here: every task calls a plain function of innovation_indicators.stages
(or fetch/validate/publish), handed a batch of documents, never one task per document.
Clean and extract results are cached by the content hash of their inputs plus the code
fingerprint, so unchanged pages are not cleaned or read again.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from innovation_indicators.runtime import configure_environment

configure_environment()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from innovation_indicators import stages  # noqa: E402
from innovation_indicators.fetch import FetchResult, FetchSettings, fetch_sources  # noqa: E402
from innovation_indicators.publish import PublishResult, publish_release, unchanged_since_latest  # noqa: E402
from innovation_indicators.paths import SAMPLE_SOURCES  # noqa: E402
from innovation_indicators.progress import report as report_progress  # noqa: E402
from innovation_indicators.sources import Source, load_sources, sources_from_dir  # noqa: E402
from innovation_indicators.validate import validate_tables  # noqa: E402

BATCH_SIZE = 50


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _clean_key(ctx, params) -> str:
    h = hashlib.sha256(("clean" + stages.code_fingerprint()).encode())
    for r in params["fetched"]:
        h.update(f"{r.source.source_id}|{r.source.uri}|{r.source.publisher}|{r.snapshot.sha256 if r.snapshot else '-'}".encode())
    return h.hexdigest()


def _extract_key(ctx, params) -> str:
    h = hashlib.sha256(("extract" + stages.code_fingerprint()).encode())
    for doc, hint in params["docs"]:
        h.update(f"{doc['document_id']}|{doc['published_date']}|{hint}".encode())
    return h.hexdigest()


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_task(sources: list[Source], raw_dir: str, settings: FetchSettings) -> list[FetchResult]:
    return fetch_sources(sources, Path(raw_dir), settings)


@task(name="clean", cache_key_fn=_clean_key, persist_result=True)
def clean_task(fetched: list[FetchResult], raw_dir: str) -> list[stages.CleanResult]:
    return stages.clean_batch(fetched, Path(raw_dir))


@task(name="extract", cache_key_fn=_extract_key, persist_result=True)
def extract_task(docs: list[tuple[dict, str | None]]) -> stages.ExtractResult:
    return stages.extract_batch(docs)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(tables: dict):
    return validate_tables(tables)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(tables, report, output: str, fingerprint: str, sources: list[dict]) -> PublishResult:
    return publish_release(tables, report, Path(output), fingerprint, sources)


@dataclass
class RunSummary:
    publish: PublishResult
    documents: int
    observations: int
    failures: list[str]


def load_source_list(sources_file: str | None, source_dir: str | None) -> list[Source]:
    if source_dir:
        return sources_from_dir(Path(source_dir))
    return load_sources(Path(sources_file) if sources_file else SAMPLE_SOURCES)


@flow(name="innovation-indicators", log_prints=True)
def pipeline(sources_file: str | None = None, source_dir: str | None = None, output: str = "output",
             batch_size: int = BATCH_SIZE, fetch_settings: FetchSettings | None = None) -> RunSummary:
    """sources_file: a sources registry (default: the bundled sample); source_dir: every
    .txt/.html/.htm file in a folder instead."""
    logger = get_run_logger()
    sources = load_source_list(sources_file, source_dir)
    out = Path(output).resolve()
    raw_dir = str(out / "raw")
    storage = out / ".cache" / "prefect-results"   # a Path: local storage, no server-side block
    settings = fetch_settings or FetchSettings()

    fetched: list[FetchResult] = []
    for batch in _batches(sources, batch_size):
        fetched.extend(fetch_task(batch, raw_dir, settings))
        report_progress("fetch", len(fetched), len(sources))
    failures = [r.log["error"] for r in fetched if r.log.get("outcome") == "failed"]

    cleaned: list[stages.CleanResult] = []
    usable = [r for r in fetched if r.snapshot is not None]
    for batch in _batches(usable, batch_size):
        if batch:
            cleaned.extend(clean_task.with_options(result_storage=storage)(batch, raw_dir))
            report_progress("clean", len(cleaned), len(usable))
    logs = {r.source.source_id: r.log for r in fetched}
    for c in cleaned:
        if c.error:
            failures.append(c.error)
            log = logs[c.source_id]
            log.update(outcome="failed", error=c.error)
    docs = stages.deduplicate_documents([c.document for c in cleaned if c.document])
    hints = {c.source_id: c.region_hint for c in cleaned if c.document}
    canonical = [(d, hints.get(d["source_id"])) for d in docs if not d["duplicate_of_document_id"]]

    observations: list[dict] = []
    done = 0
    for batch in _batches(canonical, batch_size):
        if batch:
            res = extract_task.with_options(result_storage=storage)(batch)
            observations.extend(res.observations)
            failures.extend(res.errors)
            done += len(batch)
            report_progress("extract", done, len(canonical))
    fingerprint = stages.inputs_fingerprint(fetched)
    unchanged = unchanged_since_latest(out, fingerprint)
    if unchanged:      # skip validation too: the latest release was validated with these inputs
        return RunSummary(unchanged, len(docs), len(observations), failures)
    tables = stages.build_tables(docs, observations, [r.log for r in fetched])
    report_progress("validate", 0, 1)
    report = validate_task(tables)
    report_progress("validate", 1, 1)
    src_meta = [{"title": r.source.source_id, "path": r.source.uri} for r in fetched]
    result = publish_task(tables, report, str(out), fingerprint, src_meta)
    for f in failures:
        logger.warning("source failed: %s", f)
    return RunSummary(result, len(docs), len(observations), failures)
