"""Validation refuses broken batches; publishing is atomic, versioned and queryable."""
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from innovation_indicators import stages
from innovation_indicators.catalog import query
from innovation_indicators.publish import latest_release, list_releases, next_version, publish_release
from innovation_indicators.validate import validate_tables
from tests.helpers import ARTICLE_A, ARTICLE_B, tables_from_texts

T1 = datetime(2024, 7, 20, 8, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("good")
    tables, fetched = tables_from_texts(tmp, {"a": ARTICLE_A, "b": ARTICLE_B})
    return tables, stages.inputs_fingerprint(fetched)


def _replace(table: pa.Table, column: str, values) -> pa.Table:
    i = table.schema.get_field_index(column)
    return table.set_column(i, table.schema.field(i), pa.array(values, table.schema.field(i).type))


def test_good_batch_passes(good):
    tables, _ = good
    report = validate_tables(tables)
    assert report.success, report.summary()
    assert tables["observations"].num_rows >= 5


@pytest.mark.parametrize("column,mutate,expectation", [
    ("char_start", lambda v: [x + 1 for x in v], "check_span_holds_number"),
    ("region_code", lambda v: ["999999"] * len(v), "region_code"),
    ("unit", lambda v: ["furlongs"] * len(v), "unit"),
    ("observation_id", lambda v: [v[0]] * len(v), "expect_column_values_to_be_unique"),
    ("document_id", lambda v: ["nope"] * len(v), "document_id"),
])
def test_broken_batch_is_refused(good, column, mutate, expectation):
    tables, _ = good
    obs = tables["observations"]
    broken = dict(tables, observations=_replace(obs, column, mutate(obs.column(column).to_pylist())))
    report = validate_tables(broken)
    assert not report.success
    assert expectation in report.summary()


def test_percent_out_of_bounds_is_refused(good):
    tables, _ = good
    obs = tables["observations"]
    units = obs.column("unit").to_pylist()
    values = [250.0 if u == "%" else v for u, v in zip(units, obs.column("value").to_pylist())]
    if "%" not in units:
        units[0], values[0] = "%", 250.0
        obs = _replace(obs, "unit", units)
    report = validate_tables(dict(tables, observations=_replace(obs, "value", values)))
    assert not report.success and "expect_column_values_to_be_between" in report.summary()


def test_publish_and_refuse(good, tmp_path):
    tables, fp = good
    out = tmp_path / "out"
    res = publish_release(tables, validate_tables(tables), out, fp, [{"title": "t"}], now=T1)
    assert res.published and res.version == "2024.07.20" and (out / "latest").resolve() == res.path.resolve()
    # the same inputs again: nothing new
    again = publish_release(tables, validate_tables(tables), out, fp, [], now=T1)
    assert not again.published and "unchanged" in again.message
    # a broken batch: refused, previous release stays current, the report names the expectation
    obs = tables["observations"]
    broken = dict(tables, observations=_replace(obs, "region_code", ["999999"] * obs.num_rows))
    refused = publish_release(broken, validate_tables(broken), out, "other", [], now=T1)
    assert not refused.published and refused.version is None
    assert "current release stays 2024.07.20" in refused.message and "region_code" in refused.message
    assert latest_release(out)["version"] == "2024.07.20" and len(list_releases(out)) == 1
    # a changed input: a second release the same day gets a suffix
    second = publish_release(tables, validate_tables(tables), out, "changed", [], now=T1)
    assert second.version == "2024.07.20-2" and latest_release(out)["version"] == "2024.07.20-2"
    assert next_version(out, T1) == "2024.07.20-3"
    assert not list((out / "releases").glob(".tmp-*"))


def test_datapackage_and_parquet(good, tmp_path):
    tables, fp = good
    res = publish_release(tables, validate_tables(tables), tmp_path, fp, [{"title": "a", "path": "x"}], now=T1)
    dp = json.loads((res.path / "datapackage.json").read_text())
    assert dp["name"] == "innovation-indicators" and dp["version"] == res.version and dp["licenses"]
    for r in dp["resources"]:
        f = res.path / r["path"]
        assert r["bytes"] == f.stat().st_size and r["hash"].startswith("sha256:")
        assert all(fld["description"] for fld in r["schema"]["fields"])
        assert pq.read_table(f).num_rows == r["rows"]
    con = duckdb.connect()
    n = con.execute(f"select count(*) from read_parquet('{res.path / 'observations.parquet'}')").fetchone()[0]
    assert n == tables["observations"].num_rows


def test_catalog_is_movable_and_serves_many_readers(good, tmp_path):
    tables, fp = good
    out = tmp_path / "o1"
    publish_release(tables, validate_tables(tables), out, fp, [], now=T1)
    publish_release(tables, validate_tables(tables), out, "v2", [], now=T1)
    moved = tmp_path / "elsewhere"
    shutil.move(str(out), str(moved))

    def read(_):
        return query(moved, "select count(*) from observations o join documents d using (document_id)")[1][0][0]

    with ThreadPoolExecutor(4) as ex:
        counts = list(ex.map(read, range(8)))
    assert set(counts) == {tables["observations"].num_rows}
    cols, rows = query(moved, "select release, count(*) from all_observations group by 1 order by 1")
    assert [r[0] for r in rows] == ["2024.07.20", "2024.07.20-2"]
    # a separate process reads it too, from another working directory
    code = ("import duckdb,sys; c=duckdb.connect(sys.argv[1], read_only=True); "
            "print(c.execute('select count(*) from regions').fetchone()[0])")
    outp = subprocess.run([sys.executable, "-c", code, str(moved / "indicators.duckdb")], cwd="/",
                          capture_output=True, text=True, check=True)
    assert int(outp.stdout) > 3000
    with pytest.raises(duckdb.Error):
        query(moved, "create table x as select 1")


def test_one_failing_document_does_not_stop_the_batch(monkeypatch):
    import innovation_indicators.stages as st

    real = st.extract_observations

    def flaky(text, *a, **k):
        if "爆炸" in text:
            raise RuntimeError("boom")
        return real(text, *a, **k)

    monkeypatch.setattr(st, "extract_observations", flaky)
    docs = [({"document_id": "d1", "source_uri": "bad.txt", "text": "爆炸", "title": None, "published_date": None}, None),
            ({"document_id": "d2", "source_uri": "ok.txt", "text": "全市高新技术企业达到300家。", "title": None,
              "published_date": None}, None)]
    res = st.extract_batch(docs)
    assert [o["document_id"] for o in res.observations] == ["d2"]
    assert res.errors == ["bad.txt: extraction failed unexpectedly: RuntimeError: boom"]


def test_concurrent_publishers_get_distinct_versions(good, tmp_path):
    tables, _ = good
    report = validate_tables(tables)
    with ThreadPoolExecutor(3) as ex:
        results = list(ex.map(lambda k: publish_release(tables, report, tmp_path, f"fp{k}", [], now=T1), range(3)))
    assert sorted(r.version for r in results) == ["2024.07.20", "2024.07.20-2", "2024.07.20-3"]
