"""Helpers of bench/run.py: load generation, server processes, peers, rendering timings, reports."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT / "tests", ROOT / "extensions"):  # the conformance suite's support package, manifests
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

CACHE = Path(os.environ.get("UNIVERSAL_AUTH_CACHE", Path.home() / ".cache" / "universal-auth")) / "bench"
