"""Fetch: sources (URLs or local files) become immutable raw snapshots with their origin.

Raw bytes are stored content-addressed under <output>/raw/objects/<sha[:2]>/<sha>; every
snapshot's origin (URI, final URL, status, content type, time, bytes, ETag, Last-Modified)
is appended to <output>/raw/snapshots.jsonl and never rewritten.  A failed fetch keeps the
source's earlier good snapshot usable.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlparse

import httpx

from . import __version__
from .clean import CleanError, check_binary
from .sources import Source

USER_AGENT = (f"innovation-indicators/{__version__} (open dataset of regional innovation indicators; "
              "+https://github.com/innovation-indicators)")


@dataclass(frozen=True)
class FetchSettings:
    timeout_s: float = 15.0
    retries: int = 3
    backoff_s: float = 0.5
    max_bytes: int = 10 * 1024 * 1024
    per_host_delay_s: float = 1.0
    max_redirects: int = 5


@dataclass
class Snapshot:
    source_uri: str
    sha256: str
    bytes: int
    fetched_at: str            # ISO UTC
    final_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FetchResult:
    source: Source
    snapshot: Snapshot | None
    log: dict = field(default_factory=dict)


class FetchError(Exception):
    def __init__(self, reason: str, status: int | None = None, attempts: int = 1, retryable: bool = False):
        super().__init__(reason)
        self.reason, self.status, self.attempts, self.retryable = reason, status, attempts, retryable


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class SnapshotStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.index_path = self.root / "snapshots.jsonl"
        self._latest: dict[str, Snapshot] | None = None

    def _load(self) -> dict[str, Snapshot]:
        if self._latest is None:
            self._latest = {}
            if self.index_path.exists():
                for line in self.index_path.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        snap = Snapshot(**json.loads(line))
                        self._latest[snap.source_uri] = snap
        return self._latest

    def latest(self, uri: str) -> Snapshot | None:
        return self._load().get(uri)

    def object_path(self, sha: str) -> Path:
        return self.objects / sha[:2] / sha

    def read(self, sha: str) -> bytes:
        return self.object_path(sha).read_bytes()

    def put(self, data: bytes, snap: Snapshot) -> Snapshot:
        path = self.object_path(snap.sha256)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        self.root.mkdir(parents=True, exist_ok=True)
        with self.index_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(asdict(snap), ensure_ascii=False) + "\n")
        self._load()[snap.source_uri] = snap
        return snap


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class HttpFetcher:
    def __init__(self, settings: FetchSettings, client: httpx.Client | None = None):
        self.settings = settings
        self.client = client or httpx.Client(timeout=httpx.Timeout(settings.timeout_s),
                                             headers={"User-Agent": USER_AGENT}, follow_redirects=False)
        self._last_hit: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def _wait_for_host(self, url: str) -> None:
        host = urlparse(url).netloc
        last = self._last_hit.get(host)
        if last is not None:
            delay = self.settings.per_host_delay_s - (time.monotonic() - last)
            if delay > 0:
                time.sleep(delay)
        self._last_hit[host] = time.monotonic()

    def get(self, url: str, prior: Snapshot | None) -> tuple[int, bytes | None, httpx.Headers, str, int]:
        """(status, body or None for 304, headers, final url, attempts), retrying timeouts and 5xx."""
        attempts = 0
        last_error: FetchError | None = None
        while attempts <= self.settings.retries:
            attempts += 1
            try:
                status, body, headers, final = self._get_once(url, prior)
            except FetchError as e:
                e.attempts = attempts
                if not e.retryable:
                    raise
                last_error = e
            else:
                if status >= 500:
                    last_error = FetchError(f"HTTP {status} server error", status, attempts, True)
                elif status >= 400:
                    raise FetchError(f"HTTP {status} client error", status, attempts)
                else:
                    return status, body, headers, final, attempts
            if attempts <= self.settings.retries:
                time.sleep(self.settings.backoff_s * (2 ** (attempts - 1)))
        assert last_error is not None
        last_error.reason += f" (after {attempts} attempts)"
        last_error.attempts = attempts
        raise last_error

    def _get_once(self, url: str, prior: Snapshot | None):
        headers = {}
        if prior is not None:
            if prior.etag:
                headers["If-None-Match"] = prior.etag
            if prior.last_modified:
                headers["If-Modified-Since"] = prior.last_modified
        current = url
        for _ in range(self.settings.max_redirects + 1):
            if urlparse(current).scheme not in ("http", "https"):
                raise FetchError(f"redirect to a non-HTTP URL refused: {current}")
            self._wait_for_host(current)
            try:
                with self.client.stream("GET", current, headers=headers) as resp:
                    if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
                        current = urljoin(current, resp.headers["location"])
                        continue
                    if resp.status_code == 304:
                        return 304, None, resp.headers, current
                    declared = int(resp.headers.get("content-length") or 0)
                    if declared > self.settings.max_bytes:
                        raise FetchError(f"oversize: Content-Length {declared} > limit {self.settings.max_bytes} bytes",
                                         resp.status_code)
                    chunks, size = [], 0
                    if resp.status_code < 400:
                        for chunk in resp.iter_bytes():
                            size += len(chunk)
                            if size > self.settings.max_bytes:
                                raise FetchError(f"oversize: body exceeds limit of {self.settings.max_bytes} bytes",
                                                 resp.status_code)
                            chunks.append(chunk)
                    return resp.status_code, b"".join(chunks), resp.headers, current
            except httpx.TimeoutException as e:
                raise FetchError(f"timeout after {self.settings.timeout_s:g} s ({type(e).__name__})",
                                 retryable=True) from e
            except httpx.TransportError as e:
                raise FetchError(f"network error: {type(e).__name__}: {e}", retryable=True) from e
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects})")


def _local_path(uri: str) -> Path:
    return Path(urlparse(uri).path) if uri.startswith("file://") else Path(uri)


def fetch_one(source: Source, store: SnapshotStore, http: HttpFetcher | None) -> FetchResult:
    prior = store.latest(source.uri)
    started = time.monotonic()
    log = {"fetch_id": uuid.uuid4().hex[:16], "source_id": source.source_id, "source_uri": source.uri,
           "attempted_at": datetime.now(timezone.utc), "attempts": 1}
    try:
        if source.is_http:
            if http is None:
                raise FetchError("HTTP fetching is not configured")
            status, body, headers, final, attempts = http.get(source.uri, prior)
            log.update(http_status=status, final_url=final, content_type=headers.get("content-type"), attempts=attempts)
            if status == 304 and prior is not None:
                log.update(outcome="not_modified", raw_sha256=prior.sha256, bytes=0)
                return FetchResult(source, prior, _finish(log, started))
            snap_fields = dict(final_url=final, http_status=status, content_type=headers.get("content-type"),
                               etag=headers.get("etag"), last_modified=headers.get("last-modified"))
        else:
            path = _local_path(source.uri)
            if not path.is_file():
                raise FetchError(f"file not found: {path}")
            body = path.read_bytes()
            snap_fields = dict(content_type=None)
        check_binary(body, snap_fields.get("content_type"))
        sha = sha256_hex(body)
        log.update(bytes=len(body), raw_sha256=sha)
        if prior is not None and prior.sha256 == sha:
            log["outcome"] = "unchanged"
            if source.is_http and (snap_fields.get("etag") != prior.etag or snap_fields.get("last_modified") != prior.last_modified):
                prior = store.put(body, Snapshot(source.uri, sha, len(body), prior.fetched_at, **snap_fields))
            return FetchResult(source, prior, _finish(log, started))
        snap = store.put(body, Snapshot(source.uri, sha, len(body), now_iso(), **snap_fields))
        log["outcome"] = "fetched"
        return FetchResult(source, snap, _finish(log, started))
    except (FetchError, CleanError, OSError) as e:
        reason = e.reason if isinstance(e, FetchError) else str(e)
        log.update(outcome="failed", error=f"{source.uri}: {reason}",
                   raw_sha256=prior.sha256 if prior else None)
        if isinstance(e, FetchError):
            log.update(attempts=e.attempts, http_status=e.status or log.get("http_status"))
        return FetchResult(source, prior, _finish(log, started))


def _finish(log: dict, started: float) -> dict:
    log["elapsed_ms"] = round((time.monotonic() - started) * 1000, 1)
    return log


def fetch_sources(sources: list[Source], raw_dir: Path, settings: FetchSettings | None = None,
                  client: httpx.Client | None = None) -> list[FetchResult]:
    store = SnapshotStore(raw_dir)
    settings = settings or FetchSettings()
    http = HttpFetcher(settings, client) if any(s.is_http for s in sources) else None
    try:
        return [fetch_one(s, store, http) for s in sources]
    finally:
        if http is not None and client is None:
            http.close()
