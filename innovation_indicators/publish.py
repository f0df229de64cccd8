"""Publish: a validated set of tables becomes an immutable, versioned release.

output/releases/<version>/ holds one Parquet file per table, datapackage.json (Frictionless)
and validation.json.  It is built in a temporary folder and renamed into place, so a crash
never leaves a half-written release; output/latest then points at it and the DuckDB catalog
is rebuilt beside it (also written aside and renamed).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .catalog import build_catalog
from .schema import TABLES, table_schema
from .validate import ValidationReport

DATASET_NAME = "innovation-indicators"
LICENSES = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
             "title": "Creative Commons Attribution 4.0"}]


@dataclass
class PublishResult:
    published: bool
    version: str | None
    path: Path | None
    message: str


def releases_dir(output: Path) -> Path:
    return Path(output) / "releases"


def list_releases(output: Path) -> list[dict]:
    """Every published release's datapackage.json, oldest first."""
    out = []
    root = releases_dir(output)
    if not root.is_dir():
        return out
    for d in root.iterdir():
        dp = d / "datapackage.json"
        if d.is_dir() and not d.name.startswith(".") and dp.exists():
            out.append(json.loads(dp.read_text(encoding="utf-8")))
    return sorted(out, key=lambda p: p["created"])


def latest_release(output: Path) -> dict | None:
    link = Path(output) / "latest"
    if link.exists():
        dp = link / "datapackage.json"
        if dp.exists():
            return json.loads(dp.read_text(encoding="utf-8"))
    rel = list_releases(output)
    return rel[-1] if rel else None


def unchanged_since_latest(output: Path, fingerprint: str) -> PublishResult | None:
    """The result of a run whose inputs and code match the latest release; None otherwise."""
    latest = latest_release(output)
    if latest and latest.get("inputs_fingerprint") == fingerprint:
        return PublishResult(False, latest["version"], releases_dir(output) / latest["version"],
                             f"inputs and code unchanged since release {latest['version']}: nothing new to publish")
    return None


def next_version(output: Path, today: datetime) -> str:
    base = today.strftime("%Y.%m.%d")
    existing = {p.name for p in releases_dir(output).glob(f"{base}*")} if releases_dir(output).is_dir() else set()
    if base not in existing:
        return base
    n = 2
    while f"{base}-{n}" in existing:
        n += 1
    return f"{base}-{n}"


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def datapackage(version: str, created: str, fingerprint: str, folder: Path, sources: list[dict],
                tables: dict[str, pa.Table], validation_ok: bool) -> dict:
    resources = []
    for name in TABLES:
        path = folder / f"{name}.parquet"
        s = table_schema(name)
        resources.append({"name": name, "title": s.title, "description": s.description.strip(),
                          "path": path.name, "format": "parquet", "mediatype": "application/vnd.apache.parquet",
                          "bytes": path.stat().st_size, "hash": f"sha256:{_sha256_file(path)}",
                          "rows": tables[name].num_rows, "schema": s.frictionless()})
    return {"profile": "data-package", "name": DATASET_NAME, "title": "China regional innovation indicators",
            "description": "Numeric innovation indicators read from news and government pages, each traceable "
                           "to the sentence and character span it came from.",
            "version": version, "created": created, "licenses": LICENSES, "sources": sources,
            "resources": resources, "inputs_fingerprint": fingerprint, "generator": f"innovation-indicators {__version__}",
            "validation": {"success": validation_ok, "report": "validation.json"}}


def publish_release(tables: dict[str, pa.Table], report: ValidationReport, output: Path, fingerprint: str,
                    sources: list[dict], now: datetime | None = None) -> PublishResult:
    """Serialised by a lock on output/.publish.lock: two runs never race for one version."""
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    with open(output / ".publish.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _publish_locked(tables, report, output, fingerprint, sources, now)


def _publish_locked(tables, report, output: Path, fingerprint: str, sources: list[dict],
                    now: datetime | None) -> PublishResult:
    now = now or datetime.now(timezone.utc)
    latest = latest_release(output)
    if not report.success:
        rejected = output / "rejected" / now.strftime("%Y%m%dT%H%M%S%fZ")
        rejected.mkdir(parents=True, exist_ok=True)
        (rejected / "validation.json").write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2,
                                                             default=str), encoding="utf-8")
        current = latest["version"] if latest else "none"
        return PublishResult(False, None, rejected,
                             f"validation failed: nothing published; the current release stays {current}. "
                             f"Report: {rejected / 'validation.json'}\n{report.summary()}")
    unchanged = unchanged_since_latest(output, fingerprint)
    if unchanged:
        return unchanged
    version = next_version(output, now)
    root = releases_dir(output)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        for name in TABLES:
            pq.write_table(tables[name], tmp / f"{name}.parquet", compression="zstd")
        (tmp / "validation.json").write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2, default=str),
                                             encoding="utf-8")
        dp = datapackage(version, now.isoformat(timespec="seconds"), fingerprint, tmp, sources, tables, True)
        (tmp / "datapackage.json").write_text(json.dumps(dp, ensure_ascii=False, indent=2), encoding="utf-8")
        final = root / version
        os.rename(tmp, final)           # atomic: the release appears whole or not at all
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _point_latest(output, version)
    build_catalog(output)
    return PublishResult(True, version, final, f"published release {version}")


def _point_latest(output: Path, version: str) -> None:
    link = output / "latest"
    tmp = output / f".latest-{uuid.uuid4().hex}"
    os.symlink(Path("releases") / version, tmp)
    os.replace(tmp, link)
