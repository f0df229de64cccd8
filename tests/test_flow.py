"""The real Prefect flow, end to end, with no Prefect server configured and no internet."""
import json
import re
import shutil

import duckdb
import pytest

from flows.pipeline import pipeline
from innovation_indicators.catalog import query
from innovation_indicators.fetch import FetchSettings
from innovation_indicators.paths import SAMPLE_DIR
from innovation_indicators.publish import list_releases
from tests.http_server import Handler, LocalServer

FAST = FetchSettings(timeout_s=2, retries=1, backoff_s=0.01, per_host_delay_s=0.0)


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample-out")
    summary = pipeline(output=str(out))
    return out, summary


def test_sample_run_publishes_a_queryable_release(sample_run):
    out, summary = sample_run
    assert summary.publish.published, summary.publish.message
    cols, rows = query(out, "select count(*) from documents")
    assert rows[0][0] == 11
    _, rows = query(out, "select region_name, count(*) from observations group by 1 order by 2 desc")
    assert rows and rows[0][1] >= 5
    _, rows = query(out, "select outcome, error from fetch_log where source_id = 'broken_scan'")
    assert rows[0][0] == "failed" and "PDF" in rows[0][1]
    assert any("broken_scan" in f for f in summary.failures)


def test_every_observation_is_traceable_to_its_text(sample_run):
    out, _ = sample_run
    _, rows = query(out, """select count(*) from observations o join documents d using (document_id)
                            where substr(d.text, o.char_start + 1, o.char_end - o.char_start) <> o.number_text
                               or position(o.number_text in o.evidence) = 0""")
    assert rows[0][0] == 0


def test_syndicated_copy_is_published_once(sample_run):
    out, _ = sample_run
    _, rows = query(out, """select source_id, duplicate_of_document_id is not null from documents
                            where source_id like 'xian_repost_%' order by 1""")
    assert rows == [("xian_repost_a", False), ("xian_repost_b", True)]
    _, rows = query(out, "select count(*) from observations where number_text = '420亿元'")
    assert rows[0][0] == 1


def test_no_chrome_spam_or_debris_reaches_the_release(sample_run):
    out, _ = sample_run
    _, rows = query(out, "select text from documents where source_id in ('yangtze_spam', 'beibei_traditional')")
    for (text,) in rows:
        assert "配资" not in text and "經" not in text
        assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", text)
    # the related-article lists of the sample carry numbers too; none may become a fact
    _, rows = query(out, """select count(*) from observations where evidence like '%某%' or evidence like '%杜鹃%'
                            or evidence like '%经济总量增速%' or evidence like '%ICP%'""")
    assert rows[0][0] == 0


def test_parquet_opens_in_plain_duckdb_and_pyarrow(sample_run):
    import pyarrow.parquet as pq

    out, _ = sample_run
    latest = out / "latest"
    for t in ("documents", "observations", "regions", "indicators", "fetch_log"):
        n = duckdb.connect().execute(f"select count(*) from '{latest / (t + '.parquet')}'").fetchone()[0]
        assert n == pq.read_table(latest / f"{t}.parquet").num_rows


def test_rerun_publishes_nothing_and_a_change_publishes(sample_run, tmp_path):
    out, _ = sample_run
    again = pipeline(output=str(out))
    assert not again.publish.published and "unchanged" in again.publish.message
    # change one source in a copy of the sample
    sample = tmp_path / "sample"
    shutil.copytree(SAMPLE_DIR, sample)
    page = sample / "pages" / "wuhan_growth.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("独角兽企业达到12家", "独角兽企业达到14家"), encoding="utf-8")
    changed = pipeline(sources_file=str(sample / "sources.yaml"), output=str(out))
    assert changed.publish.published
    versions = [r["version"] for r in list_releases(out)]
    assert len(versions) == 2 and versions[1].endswith("-2")
    _, rows = query(out, "select release, count(*) from all_observations where number_text = '14家' group by 1")
    assert rows == [(versions[1], 1)]


def test_http_sources_second_pass_downloads_nothing(tmp_path):
    with LocalServer() as server:
        reg = tmp_path / "sources.yaml"
        reg.write_text("sources:\n" + "".join(
            f"  - {{id: {i}, uri: '{server.base}{p}'}}\n" for i, p in
            [("etag", "/etag"), ("a", "/siteA/news.html"), ("b", "/siteB/repost.html"), ("gone", "/missing")]),
            encoding="utf-8")
        out = tmp_path / "out"
        first = pipeline(sources_file=str(reg), output=str(out), fetch_settings=FAST)
        assert first.publish.published
        full_downloads = Handler.counters["/etag:full"]
        second = pipeline(sources_file=str(reg), output=str(out), fetch_settings=FAST)
        assert Handler.counters["/etag:full"] == full_downloads == 1
        assert Handler.counters["full:/siteA/news.html"] == Handler.counters["full:/siteB/repost.html"] == 1
        assert not second.publish.published and "unchanged" in second.publish.message
    _, rows = query(out, "select source_id, outcome from fetch_log order by 1")
    assert dict(rows)["gone"] == "failed"
    # the three pages carry one article (the etag page too): one canonical, two alternates
    _, rows = query(out, "select count(*) from documents where duplicate_of_document_id is not null")
    assert rows[0][0] == 2
    _, rows = query(out, "select count(*) from observations where number_text = '3200家'")
    assert rows[0][0] == 1


def test_a_broken_release_is_not_published(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert pipeline(output=str(out)).publish.published
    import innovation_indicators.stages as stages

    real = stages.build_tables

    def corrupt(docs, observations, fetch_log):
        tables = real(docs, observations, fetch_log)
        import pyarrow as pa
        obs = tables["observations"]
        i = obs.schema.get_field_index("char_end")
        tables["observations"] = obs.set_column(i, obs.schema.field(i), pa.array([0] * obs.num_rows, pa.int64()))
        return tables

    monkeypatch.setattr(stages, "build_tables", corrupt)
    monkeypatch.setattr(stages, "inputs_fingerprint", lambda fetched: "forced-new-input")
    res = pipeline(output=str(out)).publish
    assert not res.published and res.version is None
    assert "check_span_holds_number" in res.message
    assert len(list_releases(out)) == 1
    report = json.loads((res.path / "validation.json").read_text())
    assert report["success"] is False
