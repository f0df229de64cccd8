"""Command line: run the pipeline, query the catalog, list releases."""
from __future__ import annotations

import csv
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from .runtime import configure_environment

configure_environment()

app = typer.Typer(add_completion=False, help="China regional innovation indicators, traceable to the sentence.")
console = Console(stderr=True)


def _width() -> int:
    # piped output has no terminal: do not squeeze columns to 80 characters
    return shutil.get_terminal_size((200, 24)).columns


@app.command()
def run(sources: Optional[Path] = typer.Option(None, "--sources", help="Sources registry (YAML). Default: the bundled sample."),
        source_dir: Optional[Path] = typer.Option(None, "--source-dir", help="Use every .txt/.html/.htm file in DIR as a source."),
        output: Path = typer.Option(Path("output"), "--output", help="Output folder."),
        batch_size: int = typer.Option(50, "--batch-size", help="Documents per Prefect task.")) -> None:
    """Fetch, clean, extract, validate and publish a release."""
    from .sources import SourcesError

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .progress import set_reporter

    t0 = time.monotonic()
    from flows.pipeline import load_source_list, pipeline
    t_import = time.monotonic() - t0
    try:   # read the registry here too, so a bad one fails before Prefect starts
        srcs = load_source_list(str(sources) if sources else None, str(source_dir) if source_dir else None)
    except SourcesError as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    console.print(f"{len(srcs)} sources → {output}")
    columns = (SpinnerColumn(), TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        bars: dict[str, int] = {}
        starting = progress.add_task("start", total=None)

        def show(stage: str, done: int, total: int) -> None:
            if starting in progress.task_ids:
                progress.remove_task(starting)
            if stage not in bars:
                bars[stage] = progress.add_task(stage, total=total)
            progress.update(bars[stage], completed=done, total=total)

        set_reporter(show)
        try:
            summary = pipeline(str(sources) if sources else None, str(source_dir) if source_dir else None,
                               str(output), batch_size)
        finally:
            set_reporter(None)
    wall = time.monotonic() - t0
    res = summary.publish
    console.print(f"{summary.documents} documents, {summary.observations} observations; "
                  f"{len(summary.failures)} sources failed; {wall:.1f} s (imports {t_import:.1f} s)")
    for f in summary.failures:
        console.print(f"  [yellow]failed:[/yellow] {f}")
    if res.published:
        console.print(f"[green]{res.message}[/green] → {res.path}")
    elif res.version is not None:
        console.print(f"[cyan]{res.message}[/cyan]")
    else:
        console.print(f"[red]{res.message}[/red]")
        raise typer.Exit(1)


@app.command()
def query(sql: str = typer.Argument(..., help="SQL over documents, observations, regions, indicators, fetch_log, all_*"),
          output: Path = typer.Option(Path("output"), "--output"),
          fmt: str = typer.Option("table", "--format", help="table, csv or json")) -> None:
    """Run a read-only SQL query against the catalog of the latest release."""
    import duckdb

    from .catalog import query as run_query

    try:
        cols, rows = run_query(output, sql)
    except (FileNotFoundError, duckdb.Error) as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(1)
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(rows)
    elif fmt == "json":
        print(json.dumps([dict(zip(cols, r)) for r in rows], ensure_ascii=False, default=str, indent=1))
    elif fmt == "table":
        t = Table(*cols)
        for r in rows:
            t.add_row(*["" if v is None else str(v) for v in r])
        Console(width=_width()).print(t)
    else:
        console.print(f"[red]error:[/red] unknown format {fmt!r} (table, csv, json)")
        raise typer.Exit(2)


@app.command()
def releases(output: Path = typer.Option(Path("output"), "--output")) -> None:
    """List releases: created time, rows per table, validation status (rejected runs too)."""
    from .publish import latest_release, list_releases

    pubs = list_releases(output)
    latest = latest_release(output)
    t = Table("version", "created", "validation", *[r["name"] for r in pubs[0]["resources"]] if pubs else [])
    for p in pubs:
        mark = " (latest)" if latest and p["version"] == latest["version"] else ""
        status = "passed" if p["validation"]["success"] else "failed"
        t.add_row(p["version"] + mark, p["created"], status, *[str(r["rows"]) for r in p["resources"]])
    rej = sorted((Path(output) / "rejected").glob("*/validation.json")) if (Path(output) / "rejected").is_dir() else []
    for r in rej:
        rep = json.loads(r.read_text(encoding="utf-8"))
        rows = [str(rep["tables"].get(res["name"], {}).get("rows", "")) for res in pubs[0]["resources"]] if pubs else []
        t.add_row(f"rejected {r.parent.name}", "", "failed (not published)", *rows)
    if not pubs and not rej:
        console.print(f"no releases in {output}")
        return
    Console(width=_width()).print(t)


@app.command()
def docs() -> None:
    """Regenerate docs/data-dictionary.md from schemas/."""
    from .paths import ROOT
    from .schema import data_dictionary_markdown

    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "data-dictionary.md").write_text(data_dictionary_markdown(), encoding="utf-8")
    console.print("wrote docs/data-dictionary.md")


@app.command()
def expectations() -> None:
    """Regenerate the Great Expectations suites in expectations/ from schemas/."""
    from .expectations import write_suites

    console.print(f"wrote expectations for {', '.join(write_suites())}")


if __name__ == "__main__":
    app()
