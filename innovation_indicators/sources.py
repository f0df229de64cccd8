"""The sources registry: a YAML list of sources (see sample/sources.yaml), or a folder."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

SOURCE_SUFFIXES = (".txt", ".html", ".htm")


class SourcesError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    source_id: str
    uri: str
    publisher: str | None = None
    region_hint: str | None = None
    notes: str | None = None

    @property
    def is_http(self) -> bool:
        return self.uri.startswith(("http://", "https://"))


def load_sources(path: Path) -> list[Source]:
    """Entries: id, uri (http, https, file:// or a path relative to the registry), publisher,
    region_hint, notes."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SourcesError(f"{path}: cannot read the sources registry: {e}") from e
    entries = raw.get("sources") if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise SourcesError(f"{path}: expected a list of sources under 'sources:'")
    out, seen = [], set()
    for k, e in enumerate(entries):
        if not isinstance(e, dict) or not e.get("id") or not e.get("uri"):
            raise SourcesError(f"{path}: entry {k + 1} needs an 'id' and a 'uri'")
        sid = str(e["id"])
        if sid in seen:
            raise SourcesError(f"{path}: duplicate source id {sid!r}")
        seen.add(sid)
        uri = str(e["uri"])
        if not re.match(r"^(https?|file)://", uri):
            uri = str((path.parent / uri).resolve())
        out.append(Source(sid, uri, e.get("publisher"), e.get("region_hint"), e.get("notes")))
    return out


def sources_from_dir(folder: Path) -> list[Source]:
    folder = Path(folder)
    if not folder.is_dir():
        raise SourcesError(f"{folder}: not a folder")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    if not files:
        raise SourcesError(f"{folder}: no .txt, .html or .htm files")
    return [Source(p.stem, str(p.resolve())) for p in files]
