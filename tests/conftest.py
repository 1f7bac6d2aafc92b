import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for folder in ("extensions", "hooks"):
    if str(ROOT / folder) not in sys.path:
        sys.path.insert(0, str(ROOT / folder))


@pytest.fixture(autouse=True, scope="session")
def _private_state_home(tmp_path_factory):
    """Remembered preferences of the developer running the tests never change render defaults."""
    previous = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    yield
    if previous is None:
        os.environ.pop("XDG_STATE_HOME")
    else:
        os.environ["XDG_STATE_HOME"] = previous
