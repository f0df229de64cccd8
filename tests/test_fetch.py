"""Fetching over real HTTP from a server on 127.0.0.1, and from local files."""
import time

import pytest

from innovation_indicators.fetch import FetchSettings, SnapshotStore, fetch_sources
from innovation_indicators.sources import Source, SourcesError, load_sources, sources_from_dir
from tests.http_server import Handler, LocalServer

FAST = FetchSettings(timeout_s=0.5, retries=2, backoff_s=0.01, max_bytes=200_000, per_host_delay_s=0.0)


@pytest.fixture(scope="module")
def running_server():
    with LocalServer() as s:
        yield s


@pytest.fixture()
def server(running_server):
    running_server.reset()
    return running_server


def fetch(server, tmp_path, *paths, settings=FAST):
    sources = [Source(p.strip("/").replace("/", "_") or "root", server.base + p) for p in paths]
    return fetch_sources(sources, tmp_path / "raw", settings)


def test_ok_page_is_stored_with_origin(server, tmp_path):
    (r,) = fetch(server, tmp_path, "/gbk")
    assert r.log["outcome"] == "fetched" and r.log["http_status"] == 200
    snap = r.snapshot
    store = SnapshotStore(tmp_path / "raw")
    assert store.read(snap.sha256).decode("gbk").count("3200家") == 1
    assert snap.bytes == len(store.read(snap.sha256)) and snap.fetched_at and snap.content_type == "text/html"
    assert Handler.user_agents[0].startswith("innovation-indicators/")


def test_redirect_is_followed(server, tmp_path):
    (r,) = fetch(server, tmp_path, "/redirect")
    assert r.log["outcome"] == "fetched" and r.snapshot.final_url.endswith("/gbk")


def test_redirect_to_non_http_is_refused(server, tmp_path):
    (r,) = fetch(server, tmp_path, "/redirect-ftp")
    assert r.log["outcome"] == "failed" and "non-HTTP" in r.log["error"] and r.snapshot is None


def test_404_fails_without_retry(server, tmp_path):
    (r,) = fetch(server, tmp_path, "/missing")
    assert r.log["outcome"] == "failed" and "HTTP 404" in r.log["error"] and r.log["attempts"] == 1
    assert Handler.counters["/missing"] == 1


def test_500_is_retried_and_succeeds(server, tmp_path):
    (r,) = fetch(server, tmp_path, "/flaky")
    assert r.log["outcome"] == "fetched" and r.log["attempts"] == 2


def test_persistent_5xx_gives_up_after_retries(server, tmp_path):
    (r,) = fetch(server, tmp_path, "/down")
    assert r.log["outcome"] == "failed" and "503" in r.log["error"] and Handler.counters["/down"] == 3


def test_slow_response_times_out(server, tmp_path):
    settings = FetchSettings(timeout_s=0.3, retries=0, backoff_s=0.01, per_host_delay_s=0.0)
    (r,) = fetch(server, tmp_path, "/slow", settings=settings)
    assert r.log["outcome"] == "failed" and "timeout" in r.log["error"]


def test_oversize_body_is_refused(server, tmp_path):
    (r,) = fetch(server, tmp_path, "/big")
    assert r.log["outcome"] == "failed" and "oversize" in r.log["error"]


def test_pdf_and_empty_bodies_are_failures(server, tmp_path):
    pdf, empty = fetch(server, tmp_path, "/pdf", "/empty")
    assert pdf.log["outcome"] == "failed" and "PDF" in pdf.log["error"]
    assert empty.log["outcome"] == "failed" and "empty" in empty.log["error"]


def test_etag_gives_304_on_second_pass(server, tmp_path):
    (first,) = fetch(server, tmp_path, "/etag")
    (second,) = fetch(server, tmp_path, "/etag")
    assert first.log["outcome"] == "fetched" and second.log["outcome"] == "not_modified"
    assert second.snapshot.sha256 == first.snapshot.sha256 and Handler.counters["/etag:full"] == 1


def test_failed_fetch_keeps_earlier_good_snapshot(server, tmp_path):
    (good,) = fetch(server, tmp_path, "/toggle")
    Handler.toggle_ok = False
    (bad,) = fetch(server, tmp_path, "/toggle")
    assert bad.log["outcome"] == "failed" and bad.snapshot.sha256 == good.snapshot.sha256


def test_one_bad_source_does_not_stop_the_others(server, tmp_path):
    results = fetch(server, tmp_path, "/missing", "/gbk", "/pdf", "/big5")
    assert [r.log["outcome"] for r in results] == ["failed", "fetched", "failed", "fetched"]


def test_per_host_delay(server, tmp_path):
    settings = FetchSettings(timeout_s=2, retries=0, per_host_delay_s=0.3)
    t0 = time.monotonic()
    fetch(server, tmp_path, "/gbk", "/big5", settings=settings)
    assert time.monotonic() - t0 >= 0.3


def test_snapshots_are_never_rewritten(server, tmp_path):
    fetch(server, tmp_path, "/gbk")
    fetch(server, tmp_path, "/gbk")
    lines = (tmp_path / "raw" / "snapshots.jsonl").read_text().splitlines()
    assert len(lines) == 1   # the same bytes again: no new snapshot, the first one's time stays


def test_local_files_and_missing_file(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("今年全市新增高新技术企业500家，同比增长12%，发展势头良好，成效明显。", encoding="utf-8")
    ok, missing = fetch_sources([Source("a", str(page)), Source("b", str(tmp_path / "nope.txt"))], tmp_path / "raw")
    assert ok.log["outcome"] == "fetched" and missing.log["outcome"] == "failed"
    assert "file not found" in missing.log["error"] and str(tmp_path / "nope.txt") in missing.log["error"]
    (again,) = fetch_sources([Source("a", str(page))], tmp_path / "raw")
    assert again.log["outcome"] == "unchanged" and again.snapshot.fetched_at == ok.snapshot.fetched_at


def test_sources_registry(tmp_path):
    reg = tmp_path / "sources.yaml"
    reg.write_text("sources:\n  - {id: a, uri: pages/a.txt, publisher: P, region_hint: 成都}\n"
                   "  - {id: b, uri: 'https://example.org/x'}\n", encoding="utf-8")
    a, b = load_sources(reg)
    assert a.uri == str((tmp_path / "pages" / "a.txt").resolve()) and a.publisher == "P" and b.is_http
    reg.write_text("sources:\n  - {id: a}\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="needs an 'id' and a 'uri'"):
        load_sources(reg)


def test_source_dir_takes_text_and_html(tmp_path):
    for name in ("a.txt", "b.html", "c.htm", "d.pdf"):
        (tmp_path / name).write_text("x")
    assert [s.source_id for s in sources_from_dir(tmp_path)] == ["a", "b", "c"]
