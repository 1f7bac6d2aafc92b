"""A light steady load on a server: a few clients each logging in and reading /auth/me with the
session it got, in a loop, every answer kept, so a case can say what the clients saw while a
dependency was down. Each client reads with its newest session: the logins of the others push
the oldest sessions of the account out (the cap per user)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx


@dataclass
class Seen:
    at: float
    path: str
    status: int  # 0: no answer at all (connection refused or reset)
    code: str | None


@dataclass
class Load:
    base_url: str
    email: str
    password: str
    clients: int = 3
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(self.clients)]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def _run(self, n: int) -> None:
        with httpx.Client(base_url=self.base_url, timeout=30) as http:
            while not self._stop.is_set():
                if n % 2:
                    path, request = (
                        "/auth/me",
                        lambda: http.get("/auth/me", headers={"Authorization": f"Bearer {self.access_token}"}),
                    )
                else:
                    path, request = (
                        "/auth/login",
                        lambda: http.post("/auth/login", json={"email": self.email, "password": self.password}),
                    )
                try:
                    response = request()
                    code = response.json().get("code") if response.status_code >= 400 else None
                    self.seen.append(Seen(time.monotonic(), path, response.status_code, code))
                except (httpx.TransportError, ValueError):
                    self.seen.append(Seen(time.monotonic(), path, 0, None))
                time.sleep(0.05)

    def statuses(self, since: float = 0.0, until: float = float("inf")) -> Counter:
        return Counter(s.status for s in self.seen if since <= s.at <= until)
