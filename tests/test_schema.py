"""schemas/ is the single source of truth: Arrow schemas, datapackage, dictionary, suites."""
import json

import pyarrow as pa
import pytest

from innovation_indicators.expectations import build_suites, render
from innovation_indicators.paths import EXPECTATIONS_DIR, ROOT
from innovation_indicators.schema import TABLES, all_schemas, data_dictionary_markdown, table_schema, to_arrow_table


def test_every_table_has_a_schema_with_descriptions():
    for name, s in all_schemas().items():
        assert s.primary_key and all(f.description for f in s.fields), name
        assert set(s.primary_key) <= set(s.column_names)


def test_observation_columns_follow_the_contract():
    cols = table_schema("observations").column_names
    for c in ("observation_id", "document_id", "region_code", "region_name", "indicator_id", "subject", "value",
              "unit", "qualifier", "period_start", "period_end", "period_label", "growth_pct", "evidence",
              "char_start", "char_end"):
        assert c in cols


def test_arrow_schema_types_and_nullability():
    s = table_schema("observations").arrow_schema()
    assert s.field("value").type == pa.float64() and s.field("char_start").type == pa.int64()
    assert not s.field("observation_id").nullable and s.field("region_code").nullable
    assert s.field("period_start").type == pa.date32()


def test_to_arrow_table_refuses_unknown_columns_and_wrong_types():
    with pytest.raises(KeyError, match="not in schemas"):
        to_arrow_table("indicators", [{"indicator_id": "x", "bogus": 1}])
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        to_arrow_table("indicators", [{"indicator_id": 5, "name_zh": "a", "name_en": "b", "unit": "c", "description": "d"}])


def test_frictionless_schema_has_constraints():
    fr = table_schema("observations").frictionless()
    assert fr["primaryKey"] == ["observation_id"]
    assert {fk["fields"][0] for fk in fr["foreignKeys"]} == {"document_id", "region_code", "indicator_id"}
    q = next(f for f in fr["fields"] if f["name"] == "qualifier")
    assert q["constraints"]["enum"] == ["over", "nearly", "more_than", "about"]


def test_data_dictionary_is_generated_and_current():
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == data_dictionary_markdown(), "run `innovation-indicators docs`"


def test_expectation_suites_are_generated_and_current():
    for name, suite in build_suites().items():
        committed = (EXPECTATIONS_DIR / f"{name}.json").read_text(encoding="utf-8")
        assert committed == render(suite), f"run `innovation-indicators expectations` ({name})"
    assert sorted(p.stem for p in EXPECTATIONS_DIR.glob("*.json")) == sorted(TABLES)


def test_suites_cover_keys_nulls_units_and_spans():
    obs = json.loads((EXPECTATIONS_DIR / "observations.json").read_text())
    types = [(e["type"], e["kwargs"].get("column")) for e in obs["expectations"]]
    assert ("expect_column_values_to_be_unique", "observation_id") in types
    assert ("expect_column_values_to_not_be_null", "evidence") in types
    assert ("expect_column_values_to_be_in_set", "unit") in types
    assert ("expect_column_values_to_be_in_set", "region_code") in types
    assert ("expect_column_values_to_be_in_set", "check_span_holds_number") in types
