"""Extraction: numeric observations with their subject, region, period and evidence."""
