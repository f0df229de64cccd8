"""A Prefect deployment of the pipeline with a daily cron schedule.

Serve it against a running Prefect server (see README, "Scheduling"):

    prefect server start --host 127.0.0.1 &
    PREFECT_API_URL=http://127.0.0.1:4200/api python flows/deployment.py --sources sources.yaml --output /srv/indicators
"""
from __future__ import annotations

import argparse

from flows.pipeline import pipeline

DEPLOYMENT_NAME = "daily"
DAILY_CRON = "0 6 * * *"          # 06:00 every day
TIMEZONE = "Asia/Shanghai"


def parameters(sources_file: str | None, output: str) -> dict:
    return {"sources_file": sources_file, "output": output}


def build_deployment(sources_file: str | None = None, output: str = "output"):
    from prefect.client.schemas.schedules import CronSchedule

    return pipeline.to_deployment(name=DEPLOYMENT_NAME, schedule=CronSchedule(cron=DAILY_CRON, timezone=TIMEZONE),
                                  parameters=parameters(sources_file, output),
                                  description="Daily run: fetch sources, publish a release when anything changed.")


def main() -> None:
    from prefect import serve

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", default=None, help="sources registry (default: the bundled sample)")
    ap.add_argument("--output", default="output")
    a = ap.parse_args()
    serve(build_deployment(a.sources, a.output))


if __name__ == "__main__":
    main()
