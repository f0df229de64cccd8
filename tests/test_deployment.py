"""The Prefect deployment carries the daily cron schedule; a slow test serves it for real."""
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from flows.deployment import DAILY_CRON, TIMEZONE, build_deployment


def test_deployment_has_daily_cron_schedule():
    d = build_deployment("sources.yaml", "/srv/indicators")
    assert [(s.schedule.cron, s.schedule.timezone) for s in d.schedules] == [(DAILY_CRON, TIMEZONE)]
    assert d.parameters == {"sources_file": "sources.yaml", "output": "/srv/indicators"}
    assert d.name == "daily" and d.flow_name == "innovation-indicators"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_deployment_registers_on_a_real_local_server(tmp_path):
    port = _free_port()
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1", PREFECT_UI_ENABLED="false")
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        else:
            pytest.fail("prefect server did not become healthy in 120 s")
        env["PREFECT_API_URL"] = api
        code = ("from flows.deployment import build_deployment; import asyncio;"
                "d = build_deployment(None, 'output'); print(d.apply())")
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True,
                       cwd=os.path.dirname(os.path.dirname(__file__)), timeout=120)
        r = httpx.post(f"{api}/deployments/filter", json={}, timeout=10).json()
        dep = next(d for d in r if d["name"] == "daily")
        crons = [s["schedule"]["cron"] for s in dep["schedules"]]
        assert crons == [DAILY_CRON]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
