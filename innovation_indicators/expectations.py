"""Generates the Great Expectations suites in expectations/ from schemas/ plus the value rules
below; `innovation-indicators expectations` rewrites them and a test keeps them in step."""
from __future__ import annotations

import json

from .extract.lexicon import lexicon
from .paths import EXPECTATIONS_DIR
from .schema import all_schemas

# Column types are enforced before validation: tables are built with the registry's Arrow
# schema (schema.to_arrow_table), which refuses a value of the wrong type.  GX 1.24's
# type-list expectation misreads pandas 3 dtypes, so it is not used here.


def _e(type_: str, **kwargs) -> dict:
    return {"type": type_, "kwargs": kwargs, "meta": {}}


def allowed_units() -> list[str]:
    return sorted({u.canonical for u in lexicon().units} | {"位"})


# Columns validate.py derives before validation (they are not published).
DERIVED_COLUMNS = {"observations": ["check_span_holds_number", "check_value_or_growth"]}


def value_rules() -> dict[str, list[dict]]:
    """Rules beyond types and keys. Cross-table ones use suite parameters filled at run time."""
    return {
        "observations": [
            _e("expect_column_values_to_be_in_set", column="unit", value_set=allowed_units()),
            _e("expect_column_values_to_be_between", column="value", min_value=0, max_value=100,
               row_condition='unit=="%"', condition_parser="pandas"),
            _e("expect_column_values_to_be_between", column="growth_pct", min_value=-100, max_value=100000),
            _e("expect_column_values_to_be_between", column="value", min_value=0),
            _e("expect_column_values_to_be_in_set", column="document_id", value_set={"$PARAMETER": "document_ids"}),
            _e("expect_column_values_to_be_in_set", column="region_code", value_set={"$PARAMETER": "region_codes"}),
            _e("expect_column_values_to_be_in_set", column="indicator_id", value_set={"$PARAMETER": "indicator_ids"}),
            _e("expect_column_pair_values_a_to_be_greater_than_b", column_A="char_end", column_B="char_start"),
            # derived in validate.py from documents.text: the span lies inside the text, and the
            # text there is number_text and holds a numeral
            _e("expect_column_values_to_be_in_set", column="check_span_holds_number", value_set=[True]),
            _e("expect_column_values_to_be_in_set", column="check_value_or_growth", value_set=[True]),
        ],
        "documents": [
            _e("expect_column_values_to_be_between", column="text_chars", min_value=1),
            _e("expect_column_values_to_be_in_set", column="duplicate_of_document_id",
               value_set={"$PARAMETER": "document_ids"}),
        ],
        "regions": [
            _e("expect_column_values_to_match_regex", column="region_code", regex=r"^(?:\d{6}|Z-[A-Z]+-[0-9A-Z]+)$"),
        ],
        "indicators": [
            _e("expect_column_values_to_match_regex", column="indicator_id", regex=r"^[a-z0-9_]+$"),
        ],
        "fetch_log": [],
    }


def build_suites() -> dict[str, dict]:
    rules = value_rules()
    suites = {}
    for name, schema in all_schemas().items():
        exps = [_e("expect_table_columns_to_match_ordered_list",
                   column_list=schema.column_names + DERIVED_COLUMNS.get(name, []))]
        for f in schema.fields:
            if f.required:
                exps.append(_e("expect_column_values_to_not_be_null", column=f.name))
            if f.unique:
                exps.append(_e("expect_column_values_to_be_unique", column=f.name))
            if f.enum:
                exps.append(_e("expect_column_values_to_be_in_set", column=f.name, value_set=list(f.enum)))
        exps.extend(rules[name])
        suites[name] = {"name": name, "expectations": exps,
                        "meta": {"generated_from": f"schemas/{name}.yaml and innovation_indicators/expectations.py"}}
    return suites


def render(suite: dict) -> str:
    return json.dumps(suite, ensure_ascii=False, indent=2) + "\n"


def write_suites() -> list[str]:
    EXPECTATIONS_DIR.mkdir(exist_ok=True)
    written = []
    for name, suite in build_suites().items():
        (EXPECTATIONS_DIR / f"{name}.json").write_text(render(suite), encoding="utf-8")
        written.append(name)
    return written
