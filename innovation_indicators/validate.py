"""Validate: every table against its Great Expectations suite from expectations/."""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from .paths import EXPECTATIONS_DIR

_NUMERAL = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]")


@dataclass
class ValidationReport:
    success: bool
    tables: dict[str, dict] = field(default_factory=dict)

    def failures(self) -> list[dict]:
        return [f for t in self.tables.values() for f in t["failed"]]

    def to_json(self) -> dict:
        return {"success": self.success, "tables": self.tables}

    def summary(self) -> str:
        lines = []
        for f in self.failures():
            lines.append(f"  {f['table']}: {f['expectation']} {json.dumps(f['kwargs'], ensure_ascii=False)[:160]}"
                         f" — {f['unexpected_count']} bad rows, e.g. {json.dumps(f['examples'], ensure_ascii=False, default=str)[:240]}")
        return "\n".join(lines)


def _short_kwargs(kwargs: dict) -> dict:
    out = {}
    for k, v in kwargs.items():
        if k == "batch_id":
            continue
        out[k] = f"<{len(v)} allowed values>" if isinstance(v, (list, set, tuple)) and len(v) > 12 else v
    return out


def load_suite(name: str) -> dict:
    return json.loads((EXPECTATIONS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _frame(name: str, table: pa.Table, tables: dict[str, pa.Table]) -> pd.DataFrame:
    df = table.to_pandas()
    if name == "observations":
        texts = dict(zip(tables["documents"].column("document_id").to_pylist(),
                         tables["documents"].column("text").to_pylist()))
        checks = []
        for doc, a, b, num in zip(df["document_id"], df["char_start"], df["char_end"], df["number_text"]):
            text = texts.get(doc)
            ok = (text is not None and 0 <= a < b <= len(text) and text[a:b] == num
                  and bool(_NUMERAL.search(num or "")))
            checks.append(ok)
        df["check_span_holds_number"] = checks
        df["check_value_or_growth"] = df["value"].notna() | df["growth_pct"].notna()
    return df


def validate_tables(tables: dict[str, pa.Table]) -> ValidationReport:
    import great_expectations as gx   # slow import (~4 s): only when validating

    for logger_name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]:
        logging.getLogger(logger_name).setLevel(logging.ERROR)   # its INFO lines are not ours to show
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = {"globally": False, "profilers": False, "metric_calculations": False}
    params = {
        "document_ids": tables["documents"].column("document_id").to_pylist(),
        "region_codes": tables["regions"].column("region_code").to_pylist(),
        "indicator_ids": tables["indicators"].column("indicator_id").to_pylist(),
    }
    source = ctx.data_sources.add_pandas("release")
    report = ValidationReport(success=True)
    for name, table in tables.items():
        raw = load_suite(name)
        suite = ctx.suites.add(gx.ExpectationSuite(name=raw["name"], expectations=raw["expectations"]))
        batch_def = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("whole")
        df = _frame(name, table, tables)
        res = batch_def.get_batch(batch_parameters={"dataframe": df}).validate(
            suite, expectation_parameters=params, result_format="SUMMARY")
        failed = []
        for r in res.results:
            if r.success:
                continue
            cfg = r.expectation_config
            examples = r.result.get("partial_unexpected_list") or r.result.get("observed_value")
            idx = r.result.get("partial_unexpected_index_list") or []
            if idx and name == "observations":
                keep = ["observation_id", "subject", "value", "unit", "number_text", "char_start", "char_end"]
                col = cfg.kwargs.get("column")
                keep += [col] if col in df.columns and col not in keep else []
                examples = df.loc[[i for i in idx[:3] if i in df.index], keep].to_dict("records")
            failed.append({"table": name, "expectation": cfg.type,
                           "kwargs": _short_kwargs(cfg.kwargs),
                           "unexpected_count": r.result.get("unexpected_count"),
                           "examples": examples if isinstance(examples, list) else [examples]})
        report.tables[name] = {"success": res.success, "rows": table.num_rows,
                               "evaluated": len(res.results), "failed": failed}
        report.success &= bool(res.success)
    return report
