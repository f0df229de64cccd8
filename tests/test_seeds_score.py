"""Regression against the hand-made gold of ../shared (skipped where shared/ is absent)."""
import json
import subprocess
import sys

import pytest

from innovation_indicators import stages
from innovation_indicators.fetch import fetch_sources
from innovation_indicators.publish import publish_release
from innovation_indicators.sources import sources_from_dir
from innovation_indicators.validate import validate_tables
from tests.conftest import SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared not present")


def test_seed_release_scores_above_the_bar(tmp_path):
    fetched = fetch_sources(sources_from_dir(SHARED / "seeds"), tmp_path / "raw")
    cleaned = stages.clean_batch(fetched, tmp_path / "raw")
    docs = stages.deduplicate_documents([c.document for c in cleaned if c.document])
    obs = stages.extract_batch([(d, None) for d in docs if not d["duplicate_of_document_id"]]).observations
    tables = stages.build_tables(docs, obs, [r.log for r in fetched])
    res = publish_release(tables, validate_tables(tables), tmp_path / "out", "seeds", [])
    assert res.published, res.message
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold",
                          str(SHARED / "eval" / "seeds-gold.jsonl"), "--duckdb",
                          str(tmp_path / "out" / "indicators.duckdb"), "--json"],
                         capture_output=True, text=True, check=True)
    score = json.loads(out.stdout.strip().splitlines()[-1])
    assert score["value_f1"] >= 0.95
    assert score["region"] >= 0.95 and score["subject"] >= 0.90
    assert score["period"] >= 0.90 and score["growth"] >= 0.95
