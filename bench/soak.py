"""The soak: each backend's fault cell (mode 3, PostgreSQL, Redis) under a steady light load for
ten minutes, with the resident memory of every server process sampled; prints the growth of each
process in MiB per minute (a least-squares slope after the first minute's warm-up). A figure to
read, never a pass or a fail.

    python bench/soak.py                          # every built backend, 10 minutes each, 20 req/s
    python bench/soak.py --stack express --minutes 3 --rate 10
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib.processes import tree_memory

from support.cells import built_backends, fault_cell
from support.client import Api
from support.flows import login, register_verified
from support.mail import SmtpSink
from support.project import RenderedBackend
from support.services import Postgres, Redis
from support.settings import SHARED_SERVER_ENV

SAMPLE_SECONDS = 10
WARM_UP_MINUTES = 1.0


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (minute, MiB) points."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


def drive(api: Api, account, mode: int, rate: float, stop: threading.Event, counts: dict[int, int]) -> None:
    """`rate` requests a second: mostly /auth/me, a refresh every tenth, a login every twentieth."""
    n = 0
    started = time.monotonic()
    while not stop.is_set():
        if n % 20 == 0:
            login(api, account, mode)
            status = 200
        elif n % 10 == 0:
            response = api.refresh()
            status = response.status_code
            if status == 200:
                api.accept_grant(response)
        else:
            status = api.me().status_code
        counts[status] = counts.get(status, 0) + 1
        n += 1
        time.sleep(max(0.0, started + n / rate - time.monotonic()))


def soak(stack, minutes: float, rate: float, smtp: SmtpSink, postgres: Postgres, redis: Redis) -> None:
    cell = fault_cell(stack)
    backend = RenderedBackend(cell, smtp=(smtp.host, smtp.port), postgres=postgres, redis=redis)
    try:
        server = backend.launch(SHARED_SERVER_ENV)
        api = Api(server, cell.transport)
        account = register_verified(api, smtp.inbox, cell.mode)
        stop, counts = threading.Event(), {}
        driver = threading.Thread(target=drive, args=(api, account, cell.mode, rate, stop, counts), daemon=True)
        driver.start()
        samples: dict[str, list[tuple[float, float]]] = {}
        started = time.monotonic()
        while (elapsed := (time.monotonic() - started) / 60) < minutes:
            for process in tree_memory(server.pid)["processes"]:
                if not process["wrapper"]:
                    name = f"{process['pid']} {process['command'][:60]}"
                    samples.setdefault(name, []).append((elapsed, process["rss_mib"]))
            time.sleep(SAMPLE_SECONDS)
        stop.set()
        driver.join(timeout=30)
        api.close()
        print(f"\n{cell.id}: {minutes:g} min at {rate:g} req/s, answers {dict(sorted(counts.items()))}")
        print(f"  {'process':<64} {'first MiB':>9} {'last MiB':>9} {'MiB/min':>8}")
        for name, points in samples.items():
            steady = [p for p in points if p[0] >= min(WARM_UP_MINUTES, minutes / 2)] or points
            print(f"  {name:<64} {points[0][1]:>9.1f} {points[-1][1]:>9.1f} {slope(steady):>8.2f}")
    finally:
        backend.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stack", action="append", help="a built backend (repeatable); all by default")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=20, help="requests a second")
    args = parser.parse_args(argv)
    stacks = [s for s in built_backends() if not args.stack or s.name in args.stack]
    postgres, redis = Postgres().start(), Redis().start()
    try:
        with SmtpSink() as smtp:
            for stack in stacks:
                soak(stack, args.minutes, args.rate, smtp, postgres, redis)
    finally:
        redis.stop()
        postgres.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
