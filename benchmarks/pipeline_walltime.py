"""Wall time of `innovation-indicators run` on the sample (and seeds), cold and warm, and how much
of it is Prefect start-up (a flow with one empty task, timed the same way in a fresh process)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "innovation_indicators.cli"]
EMPTY_FLOW = ("from innovation_indicators.runtime import configure_environment; configure_environment()\n"
              "from prefect import flow, task\n@task\ndef t(): return 1\n@flow\ndef f(): return t()\nf()\n")


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    env = dict(os.environ, PREFECT_HOME=str(tmp / "prefect-home"))
    try:
        cold_prefect = timed([sys.executable, "-c", EMPTY_FLOW], env)
        warm_prefect = timed([sys.executable, "-c", EMPTY_FLOW], env)
        print(f"prefect: empty flow in a fresh process: first {cold_prefect:.1f} s, then {warm_prefect:.1f} s")
        corpora = [("sample", [])]
        seeds = ROOT.parent / "shared" / "seeds"
        if seeds.is_dir():
            corpora.append(("seeds", ["--source-dir", str(seeds)]))
        for name, args in corpora:
            out = tmp / f"out-{name}"
            first = timed(CLI + ["run", "--output", str(out)] + args, env)
            again = timed(CLI + ["run", "--output", str(out)] + args, env)
            shutil.rmtree(out / "releases")
            (out / "latest").unlink()
            cached = timed(CLI + ["run", "--output", str(out)] + args, env)
            print(f"run {name}: new output {first:.1f} s; unchanged rerun {again:.1f} s; "
                  f"republish from cache {cached:.1f} s; Prefect start-up ~{warm_prefect:.1f} s of each")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
