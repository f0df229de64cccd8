import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from innovation_indicators.runtime import configure_environment  # noqa: E402

configure_environment()
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def isolated_prefect_home(tmp_path_factory):
    """One Prefect home per test session: no state leaks in or out of ~/.prefect."""
    home = tmp_path_factory.mktemp("prefect-home")
    old = os.environ.get("PREFECT_HOME")
    os.environ["PREFECT_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("PREFECT_HOME", None)
    else:
        os.environ["PREFECT_HOME"] = old
