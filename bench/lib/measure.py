"""One round on one server: wrk on /health, me, refresh and login, sequential logins, memory."""

from __future__ import annotations

import http.client
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from . import wrk
from .processes import Service, tree_memory
from .stats import median, percentile
from .subjects import Subject

if TYPE_CHECKING:  # hashing imports this module
    from .hashing import HashRunner


@dataclass(frozen=True)
class Plan:
    load: wrk.Load  # GET /health, me and refresh
    login_load: wrk.Load  # POST login: argon2-bound, fewer connections
    sequential_logins: int
    hash_runs: int
    floors: dict[str, HashRunner]  # per language, where a verify-only server runs as our backends are served
    workdir: Path  # logs of the verify-only servers


def sequential_logins(subject: Subject, service: Service, count: int) -> dict:
    """Login latency without contention: one login at a time, each on a fresh connection."""
    login = subject.login_request()
    return sequential_posts(service, login.path, login.body, login.content_type, count, what=subject.name)


def sequential_posts(service: Service, path: str, body: bytes, content_type: str, count: int, warmup: int = 2,
                     what: str = "") -> dict:  # fmt: skip
    times = []
    for index in range(warmup + count):
        connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=30)
        started = time.perf_counter()
        connection.request("POST", path, body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"{what or service.name}: POST {path} answered {response.status}")
        if index >= warmup:
            times.append(elapsed)
    return {"median_ms": round(median(times), 2), "p90_ms": round(percentile(times, 0.9), 2), "count": count}


def check_me(subject: Subject, service: Service, headers: dict[str, str]) -> None:
    """The authenticated endpoint answers 200 with the credential and refuses without it."""
    url = service.base_url + subject.me_path
    with_credential = httpx.get(url, headers=headers)
    if with_credential.status_code != 200 or with_credential.text.strip() in ("", "null"):
        raise RuntimeError(f"{subject.name}: {subject.me_path} with a credential: {with_credential.status_code}")
    anonymous = httpx.get(url)
    if not subject.anonymous_me_refused(anonymous.status_code, anonymous.text):
        raise RuntimeError(f"{subject.name}: {subject.me_path} without a credential: {anonymous.status_code}")


def refresh_run(subject: Subject, service: Service, load: wrk.Load, duration: float) -> dict:
    """wrk with refresh.lua: one fresh refresh token per connection, then each rotated token in turn."""
    tokens = subject.refresh_tokens(service, load.connections + load.threads)  # a spare per thread: see refresh.lua
    with tempfile.NamedTemporaryFile("w", suffix=".tokens", delete=False) as file:
        file.write("\n".join(tokens) + "\n")
    try:
        return wrk.run(service.base_url + subject.refresh_path, load, duration=duration, script=wrk.refresh_script(),
                       script_args=[file.name, str(load.threads)])  # fmt: skip
    finally:
        os.unlink(file.name)


class HealthProbe(threading.Thread):
    """GET /health one at a time while logins load the server: a hash that blocked an event loop
    would hold these requests for a hash's time."""

    def __init__(self, service: Service) -> None:
        super().__init__(daemon=True)
        self.url = service.base_url + "/health"
        self.latencies: list[float] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        with httpx.Client(timeout=30) as client:
            while not self.stopping.wait(0.02):
                started = time.perf_counter()
                client.get(self.url).raise_for_status()
                self.latencies.append((time.perf_counter() - started) * 1000)

    def __enter__(self) -> HealthProbe:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.join(timeout=35)

    def figures(self) -> dict:
        if not self.latencies:
            return {"count": 0}
        return {"p50_ms": round(median(self.latencies), 2), "p99_ms": round(percentile(self.latencies, 0.99), 2),
                "count": len(self.latencies)}  # fmt: skip


def measure_round(subject: Subject, plan: Plan, log) -> dict:
    service = subject.start()
    try:
        figures: dict = {"rss_idle": tree_memory(service.pid)}
        headers = subject.me_headers(service)
        check_me(subject, service, headers)
        log(f"    {subject.name}: GET /health")
        figures["health"] = wrk.measure(service.base_url + "/health", plan.load)
        log(f"    {subject.name}: GET {subject.me_path}")
        figures["me"] = wrk.measure(service.base_url + subject.me_path, plan.load, headers=headers)
        if subject.refresh_path:
            log(f"    {subject.name}: POST {subject.refresh_path}")
            if plan.load.warmup > 0:
                refresh_run(subject, service, plan.load, plan.load.warmup)
            figures["refresh"] = refresh_run(subject, service, plan.load, plan.load.duration)
        # The bare hash and a server that only verifies, in the server's own environment, right
        # before its logins: the machine's speed drifts over minutes, and the three should share it.
        figures["bare_hash"] = bare_hash = subject.hash_runner().measure(plan.hash_runs)
        log(f"    bare hash, {bare_hash['library']}: {bare_hash['hash_ms']:.1f} ms")
        if floor_runner := plan.floors.get(subject.language):
            figures["verify_server"] = floor = floor_runner.http_floor(plan.sequential_logins, plan.workdir)
            log(f"    verify-only server, {subject.language}: {floor['median_ms']:.1f} ms")
        log(f"    {subject.name}: sequential logins")
        figures["login_sequential"] = sequential_logins(subject, service, plan.sequential_logins)
        log(f"    {subject.name}: POST {subject.login_request().path}")
        login = subject.login_request()
        url, script = service.base_url + login.path, wrk.post_script(login.body, login.content_type)
        if plan.login_load.warmup > 0:
            wrk.run(url, plan.login_load, duration=plan.login_load.warmup, script=script)
        with HealthProbe(service) as probe:
            figures["login"] = wrk.run(url, plan.login_load, duration=plan.login_load.duration, script=script)
        figures["health_during_login"] = probe.figures()
        figures["rss_after"] = tree_memory(service.pid)
        return figures
    finally:
        service.stop()
