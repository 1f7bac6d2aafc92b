"""Turns the rounds' raw figures into medians, spreads and ratios per server."""

from __future__ import annotations

from .stats import summary

ENDPOINTS = ("health", "me", "refresh", "login")


def endpoint(rounds: list[dict], key: str) -> dict | None:
    runs = [r[key] for r in rounds if r.get(key)]
    if not runs:
        return None
    return {
        "rps": summary([r["rps"] for r in runs], 1),
        "p50_ms": summary([r["p50_ms"] for r in runs], 2),
        "p90_ms": summary([r["p90_ms"] for r in runs], 2),
        "p99_ms": summary([r["p99_ms"] for r in runs], 2),
        "requests": sum(r["requests"] for r in runs),
        "non2xx": sum(r["non2xx"] for r in runs),
        "socket_errors": sum(r["socket_errors"] for r in runs),
    }


def _floor_ms(round_: dict) -> float | None:
    """The round's verify-only server, measured where the language has a backend of ours to serve it."""
    floor = round_.get("verify_server")
    return floor and floor["median_ms"]


def server(subject, rounds: list[dict], cores: int) -> dict:
    """Ratios are taken within each round, against the bare hash and the verify-only server measured
    just before that round's logins."""
    hash_ms = [r["bare_hash"]["hash_ms"] for r in rounds]
    floor_ms = [_floor_ms(r) for r in rounds]
    login_ms = [r["login_sequential"]["median_ms"] for r in rounds]
    figures = {
        "label": subject.label,
        "ours": subject.ours,
        "language": subject.language,
        "peer": subject.peer,
        "processes": subject.processes,
        "me_path": subject.me_path,
        "login_path": subject.login_request().path,
        **{key: endpoint(rounds, key) for key in ENDPOINTS},
        "login_sequential_ms": summary(login_ms, 2),
        "login_sequential_p90_ms": summary([r["login_sequential"]["p90_ms"] for r in rounds], 2),
        "me_over_health": summary([r["me"]["rps"] / r["health"]["rps"] for r in rounds], 3),
        "bare_hash_ms": summary(hash_ms, 2),
        "login_over_hash": summary([login / h for login, h in zip(login_ms, hash_ms, strict=True)], 3),
        "verify_server_ms": summary(floor_ms, 2),
        "login_over_verify_server": summary(
            [login / f for login, f in zip(login_ms, floor_ms, strict=True) if f is not None], 3
        ),
        "login_over_ceiling": summary(
            [r["login"]["rps"] / (cores * 1000 / h) for r, h in zip(rounds, hash_ms, strict=True)], 3
        ),
        "health_during_login_p50_ms": summary([r["health_during_login"].get("p50_ms") for r in rounds], 2),
        "health_during_login_p99_ms": summary([r["health_during_login"].get("p99_ms") for r in rounds], 2),
        "rss_idle_mib": summary([r["rss_idle"]["server_mib"] for r in rounds], 1),
        "rss_after_mib": summary([r["rss_after"]["server_mib"] for r in rounds], 1),
        "rss_after_tree_mib": summary([r["rss_after"]["total_mib"] for r in rounds], 1),
        "server_processes": rounds[-1]["rss_after"]["server_processes"],
        "processes_after_last_round": rounds[-1]["rss_after"]["processes"],
    }
    return figures


def hashes(measured: list[tuple[str, dict]]) -> dict:
    """Every bare hash and verify-only server of the run, per language: ``(language, round)`` pairs."""
    found = {}
    for language in sorted({language for language, _ in measured}):
        rounds = [figures for name, figures in measured if name == language]
        runs = [r["bare_hash"] for r in rounds]
        found[language] = {
            "libraries": sorted({r["library"] for r in runs}),
            "hash_ms": summary([r["hash_ms"] for r in runs], 2),
            "verify_ms": summary([r["verify_ms"] for r in runs], 2),
            "verify_server_ms": summary([_floor_ms(r) for r in rounds], 2),
            "verify_server_over_hash": summary(
                [_floor_ms(r) / r["bare_hash"]["hash_ms"] for r in rounds if _floor_ms(r) is not None], 3
            ),
        }
    return found
