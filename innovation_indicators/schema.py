"""The metadata registry: schemas/*.yaml is the one source of truth for every table.

Arrow schemas, the datapackage.json field schemas and the data dictionary are all derived here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyarrow as pa
import yaml

from .paths import SCHEMAS_DIR

TABLES = ("documents", "observations", "regions", "indicators", "fetch_log")

_ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us", tz="UTC"),
    "array": pa.list_(pa.string()),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TableSchema:
    name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    fields: tuple[Field, ...]
    foreign_keys: tuple[dict, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(f.name, _ARROW_TYPES[f.type], nullable=not f.required,
                      metadata={"description": f.description}) for f in self.fields],
            metadata={"name": self.name, "description": self.description.strip()},
        )

    def frictionless(self) -> dict:
        out_fields = []
        for f in self.fields:
            d = {"name": f.name, "type": f.type, "description": f.description}
            constraints = {}
            if f.required:
                constraints["required"] = True
            if f.unique:
                constraints["unique"] = True
            if f.enum:
                constraints["enum"] = list(f.enum)
            if constraints:
                d["constraints"] = constraints
            out_fields.append(d)
        schema = {"fields": out_fields, "primaryKey": list(self.primary_key)}
        if self.foreign_keys:
            schema["foreignKeys"] = [dict(fk) for fk in self.foreign_keys]
        return schema


def _load(name: str) -> TableSchema:
    raw = yaml.safe_load((SCHEMAS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    fields = tuple(
        Field(name=f["name"], type=f["type"], description=f["description"],
              required=bool(f.get("required", False)), unique=bool(f.get("unique", False)),
              enum=tuple(f["enum"]) if f.get("enum") else None)
        for f in raw["fields"]
    )
    unknown = {f.type for f in fields} - set(_ARROW_TYPES)
    if unknown:
        raise ValueError(f"schemas/{name}.yaml: unknown field types {sorted(unknown)}")
    return TableSchema(name=raw["name"], title=raw["title"], description=raw["description"],
                       primary_key=tuple(raw["primary_key"]), fields=fields,
                       foreign_keys=tuple(raw.get("foreign_keys", ())))


@lru_cache(maxsize=None)
def table_schema(name: str) -> TableSchema:
    return _load(name)


def all_schemas() -> dict[str, TableSchema]:
    return {name: table_schema(name) for name in TABLES}


def to_arrow_table(name: str, rows: list[dict]) -> pa.Table:
    """Build a table in the registry's column order and types; unknown keys are an error."""
    schema = table_schema(name)
    cols = schema.column_names
    for r in rows:
        extra = set(r) - set(cols)
        if extra:
            raise KeyError(f"{name}: columns not in schemas/{name}.yaml: {sorted(extra)}")
    arrays = {c: [r.get(c) for r in rows] for c in cols}
    return pa.Table.from_pydict(arrays, schema=schema.arrow_schema())


def data_dictionary_markdown() -> str:
    """The data dictionary, generated from schemas/ (docs/data-dictionary.md is this text)."""
    lines = ["# Data dictionary", "",
             "Generated from `schemas/` by `innovation-indicators docs`; do not edit by hand.", ""]
    for s in all_schemas().values():
        lines += [f"## `{s.name}` — {s.title}", "", s.description.strip(), "",
                  f"Primary key: `{', '.join(s.primary_key)}`", "",
                  "| column | type | required | description |", "| --- | --- | --- | --- |"]
        for f in s.fields:
            desc = f.description + (f" One of: {', '.join(f.enum)}." if f.enum else "")
            lines.append(f"| `{f.name}` | {f.type} | {'yes' if f.required else ''} | {desc.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)
