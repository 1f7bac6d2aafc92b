"""wrk (Debian's package) as the one load generator, with Lua scenarios and a JSON summary line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).resolve().parent / "lua"


def ensure_wrk() -> str:
    """Path of wrk, installed from Debian's packages when missing."""
    if found := shutil.which("wrk"):
        return found
    if os.geteuid() != 0:
        raise SystemExit("bench: wrk is missing; install it with `apt-get install -y wrk`")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env, stdout=subprocess.DEVNULL)
    return shutil.which("wrk")


def version() -> str:
    output = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    match = re.search(r"wrk (\S+)", output)
    return match.group(1) if match else "unknown"


@dataclass(frozen=True)
class Load:
    """Connections, threads and durations, the same for every server measured."""

    connections: int
    threads: int
    warmup: int  # whole seconds: wrk takes no fractions
    duration: int


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal for ASCII text


def post_script(body: str, content_type: str) -> str:
    return (
        f'wrk.body = {lua_string(body)}\nwrk.headers["Content-Type"] = {lua_string(content_type)}\n'
        + (LUA / "post.lua").read_text()
    )


def refresh_script() -> str:
    return (LUA / "refresh.lua").read_text()


def run(url: str, load: Load, *, duration: int, headers: dict[str, str] | None = None,
        script: str = "", script_args: list[str] | None = None) -> dict:  # fmt: skip
    """One wrk run; returns req/s, p50/p90/p99 in ms and the error counts."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + "\n" + (LUA / "report.lua").read_text())
    command = ["wrk", f"-t{load.threads}", f"-c{load.connections}", f"-d{int(duration)}s", "--timeout", "10s",
               "--latency", "-s", lua.name]  # fmt: skip
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    finally:
        os.unlink(lua.name)
    line = next((line for line in result.stdout.splitlines() if line.startswith("WRK_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stdout[-2000:]} {result.stderr[-2000:]}")
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds = raw["duration_us"] / 1e6
    return {
        "rps": round(raw["requests"] / seconds, 1),
        "requests": raw["requests"],
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "non2xx": raw["non2xx"],
        "socket_errors": raw["connect"] + raw["read"] + raw["write"] + raw["timeout"],
    }


def measure(url: str, load: Load, **kwargs) -> dict:
    """A discarded warm-up run, then the measured run."""
    if load.warmup > 0:
        run(url, load, duration=load.warmup, **kwargs)
    return run(url, load, duration=load.duration, **kwargs)
