"""The DuckDB catalog: output/indicators.duckdb.

Views documents, observations, regions, indicators and fetch_log read the latest release;
views all_<table> read every release with a `release` column.  DuckDB resolves a view's
file paths against the reader's working directory, not the database file's, so the catalog
stores the release data itself (tables latest_* and history_*): it holds no path at all and
works from anywhere, for many readers at once, after the output folder is moved.
catalog.sql beside it has the same views over the Parquet files by relative paths, for use
from inside the output folder.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb

from .schema import TABLES

CATALOG_NAME = "indicators.duckdb"


def _releases(output: Path) -> list[str]:
    root = output / "releases"
    return sorted(d.name for d in root.iterdir() if d.is_dir() and not d.name.startswith(".")
                  and (d / "datapackage.json").exists())


def catalog_sql(output: Path) -> str:
    """Views over the Parquet files by paths relative to the output folder."""
    latest = os.readlink(output / "latest") if (output / "latest").is_symlink() else None
    lines = ["-- Run from inside the output folder: duckdb -init catalog.sql"]
    for t in TABLES:
        if latest:
            lines.append(f"CREATE OR REPLACE VIEW {t} AS SELECT * FROM read_parquet('{latest}/{t}.parquet');")
        lines.append(f"CREATE OR REPLACE VIEW all_{t} AS SELECT regexp_extract(filename, 'releases/([^/]+)/', 1) "
                     f"AS release, * EXCLUDE (filename) FROM read_parquet('releases/*/{t}.parquet', filename=true, "
                     f"union_by_name=true);")
    return "\n".join(lines) + "\n"


def build_catalog(output: Path) -> Path:
    output = Path(output)
    versions = _releases(output)
    latest = os.path.basename(os.readlink(output / "latest")) if (output / "latest").is_symlink() else versions[-1]
    tmp = output / f".{CATALOG_NAME}.{uuid.uuid4().hex}"
    con = duckdb.connect(str(tmp))
    try:
        for t in TABLES:
            latest_file = (output / "releases" / latest / f"{t}.parquet").resolve()
            con.execute(f"CREATE TABLE latest_{t} AS SELECT * FROM read_parquet('{latest_file}')")
            con.execute(f"CREATE VIEW {t} AS SELECT * FROM latest_{t}")
            parts = []
            for v in versions:
                f = (output / "releases" / v / f"{t}.parquet").resolve()
                parts.append(f"SELECT '{v}' AS release, * FROM read_parquet('{f}')")
            con.execute(f"CREATE TABLE history_{t} AS " + " UNION ALL BY NAME ".join(parts))
            con.execute(f"CREATE VIEW all_{t} AS SELECT * FROM history_{t}")
        con.execute("CREATE TABLE release_info AS SELECT ? AS latest_release, ? AS releases",
                    [latest, versions])
    finally:
        con.close()
    os.replace(tmp, output / CATALOG_NAME)
    (output / "catalog.sql").write_text(catalog_sql(output), encoding="utf-8")
    return output / CATALOG_NAME


def query(output: Path, sql: str):
    """Read-only query against the catalog; returns (column names, rows)."""
    path = Path(output) / CATALOG_NAME
    if not path.exists():
        raise FileNotFoundError(f"{path}: no catalog yet; run `innovation-indicators run` first")
    con = duckdb.connect(str(path), read_only=True)
    try:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall()
    finally:
        con.close()
