"""Bare argon2id with argon2-cffi at m=19456 KiB, t=2, p=1: prints the median hash and verify times (ms) as JSON."""

import json
import statistics
import sys
import time
from importlib.metadata import version

from argon2 import PasswordHasher

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
password = "correct horse battery staple"
encoded = hasher.hash(password)
hashes, verifies = [], []
for _ in range(runs):
    started = time.perf_counter()
    hasher.hash(password)
    hashes.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    hasher.verify(encoded, password)
    verifies.append((time.perf_counter() - started) * 1000)
print(json.dumps({"hash_ms": statistics.median(hashes), "verify_ms": statistics.median(verifies),
                  "library": f"argon2-cffi {version('argon2-cffi')}"}))  # fmt: skip
