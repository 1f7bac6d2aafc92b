"""argon2-cffi at m=19456 KiB, t=2, p=1 in WORKERS processes at once for SECONDS: prints hashes per second as JSON.

The most logins per second a Python server on this machine could reach if hashing were all it did.
"""

import json
import sys
import time
from multiprocessing import Pool

from argon2 import PasswordHasher


def hash_for(seconds: float) -> int:
    hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
    count, deadline = 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        hasher.hash("correct horse battery staple")
        count += 1
    return count


if __name__ == "__main__":
    workers, seconds = int(sys.argv[1]), float(sys.argv[2])
    with Pool(workers) as pool:
        started = time.perf_counter()
        counts = pool.map(hash_for, [seconds] * workers)
        elapsed = time.perf_counter() - started
    print(json.dumps({"hashes_per_s": sum(counts) / elapsed, "workers": workers}))
