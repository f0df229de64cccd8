"""Where the project's reviewable data lives: schemas, expectations, rules, the sample corpus."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS_DIR = ROOT / "schemas"
EXPECTATIONS_DIR = ROOT / "expectations"
RULES_DIR = ROOT / "rules"
SAMPLE_DIR = ROOT / "sample"
SAMPLE_SOURCES = SAMPLE_DIR / "sources.yaml"
