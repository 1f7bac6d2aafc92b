"""Targets, the printed tables and docs/performance.md, all computed from the results dictionary."""

from __future__ import annotations

from .stats import summary


def fmt(figure: dict | None, digits: int = 0) -> str:
    """``median (min-max)``, or the median alone when there was one round."""
    if not figure:
        return "-"
    median, low, high = (f"{figure[key]:,.{digits}f}" for key in ("median", "min", "max"))
    return median if len(figure["rounds"]) == 1 else f"{median} ({low}-{high})"


def value(figure: dict | None, digits: int = 0) -> str:
    return "-" if not figure else f"{figure['median']:,.{digits}f}"


def ratio_summary(numerators: list[float], denominators: list[float]) -> dict | None:
    return summary([n / d for n, d in zip(numerators, denominators, strict=True) if n is not None and d], 3)


# --- targets --------------------------------------------------------------------------------------
def same_language_peers(server: dict, servers: dict) -> list[tuple[str, dict, bool]]:
    """The peers in ``server``'s runtime, each with whether the throughput targets compare against it.

    A backend's peer is the one its manifest names (``bench_peer``: Django django-allauth, Express
    Better Auth, on the same framework and so the same server model); another peer of its runtime is
    printed for reference.
    """
    peers = [
        (name, peer) for name, peer in servers.items() if not peer["ours"] and peer["language"] == server["language"]
    ]
    return [(name, peer, name == server.get("peer")) for name, peer in peers]


def targets(results: dict) -> list[dict]:
    found = []

    def add(figure: str, measured: float | None, target: str, met: bool | None) -> None:
        found.append({"figure": figure, "value": None if measured is None else round(measured, 3), "target": target,
                      "met": met})  # fmt: skip

    servers = results["servers"]
    cores = results["machine"]["cores"]
    for name, server in servers.items():
        if not server["ours"]:
            continue
        ratio = server["me_over_health"]
        add(f"{name}: /auth/me ÷ /health req/s", ratio and ratio["median"], ">= 0.8", ratio and ratio["median"] >= 0.8)
        for peer_name, peer, is_target in same_language_peers(server, servers):
            peer_me = peer["me"]["rps"]["median"]
            me = server["me"]["rps"]["median"] / peer_me
            add(f"{name}: /auth/me req/s ÷ {peer_name} {peer['me_path']}", me, ">= 5" if is_target else "reference",
                me >= 5 if is_target else None)  # fmt: skip
            if server.get("refresh"):
                refresh = server["refresh"]["rps"]["median"] / peer_me
                add(f"{name}: /auth/refresh req/s ÷ {peer_name} {peer['me_path']}", refresh,
                    ">= 2" if is_target else "reference", refresh >= 2 if is_target else None)  # fmt: skip
        if server["server_processes"] == 1:  # one process, one event loop: a hash on it would stall every request
            probe, bare = server["health_during_login_p50_ms"], server["bare_hash_ms"]
            blocked = probe and probe["median"] / bare["median"]
            add(f"{name}: GET /health p50 during login load ÷ bare hash (event loop free)", blocked, "< 0.5",
                blocked is not None and blocked < 0.5)  # fmt: skip
        login = server["login_over_hash"]
        add(f"{name}: sequential login ÷ bare {server['language']} hash", login and login["median"], "<= 1.1",
            login and login["median"] <= 1.1)  # fmt: skip
        ceiling = server["login_over_ceiling"]
        add(f"{name}: login req/s ÷ hash ceiling ({cores} cores ÷ hash time)", ceiling and ceiling["median"],
            ">= 0.9", ceiling and ceiling["median"] >= 0.9)  # fmt: skip
    rendering = results.get("rendering") or {}
    for stack, figure in (rendering.get("copy_s") or {}).items():
        add(f"copier copy, {stack} (s)", figure["median"], "< 2", figure["median"] < 2)
    if update := rendering.get("update_1_to_4_s"):
        add(f"copier update 1 → 4, {rendering['update_backend']} (s)", update["median"], "< 5", update["median"] < 5)
    singles = results.get("singles") or {}
    if (detect := singles.get("detect")) and "best_of_5_s" in detect:
        add("detection, 20,000-file monorepo (s, best of 5)", detect["best_of_5_s"], "< 1", detect["best_of_5_s"] < 1)
    if (review := singles.get("review")) and "seconds" in review:
        add("review, 20,000-file repo (s)", review["seconds"], "< 5", review["seconds"] < 5)
    for frontend, size in (singles.get("frontend_size") or {}).items():
        if isinstance(size, dict) and "kb" in size:
            add(f"login route JS, {frontend} (KB gzipped)", size["kb"], "<= 100", size["kb"] <= 100)
    return found


# --- tables ---------------------------------------------------------------------------------------
def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _latency(figure: dict | None) -> str:
    if not figure:
        return "-"
    return f"{value(figure['p50_ms'], 1)} / {value(figure['p99_ms'], 1)}"


def servers_table(results: dict) -> str:
    rows = []
    for name, s in results["servers"].items():
        refresh = fmt(s["refresh"]["rps"]) if s.get("refresh") else "n/a"
        rss = f"{value(s['rss_idle_mib'])} → {value(s['rss_after_mib'])} ({s['server_processes']} procs)"
        rows.append([f"**{name}**" if s["ours"] else name, s["processes"], fmt(s["health"]["rps"]), fmt(s["me"]["rps"]),
                     fmt(s["me_over_health"], 2), refresh, fmt(s["login"]["rps"], 1),
                     fmt(s["login_sequential_ms"], 1), fmt(s["bare_hash_ms"], 1), fmt(s["login_over_hash"], 2),
                     fmt(s.get("login_over_verify_server"), 2), fmt(s["login_over_ceiling"], 2), rss])  # fmt: skip
    return _table(["server", "processes", "health req/s", "me req/s", "me/health", "refresh req/s",
                   "login req/s", "login seq. median ms", "bare hash ms", "login / bare hash",
                   "login / verify-only server", "login req/s / ceiling",
                   "RSS idle → after load, MiB"], rows)  # fmt: skip


def latency_table(results: dict) -> str:
    rows = [[name, _latency(s["health"]), _latency(s["me"]), _latency(s.get("refresh")), _latency(s["login"]),
             f"{value(s['health_during_login_p50_ms'], 1)} / {value(s['health_during_login_p99_ms'], 1)}",
             f"{s['me_path']}"] for name, s in results["servers"].items()]  # fmt: skip
    return _table(["server", "health p50 / p99 ms", "me p50 / p99 ms", "refresh p50 / p99 ms", "login p50 / p99 ms",
                   "health during login load, p50 / p99 ms", "me endpoint"], rows)  # fmt: skip


def hash_table(results: dict) -> str:
    cores = results["machine"]["cores"]
    rows = []
    for language, h in results["hash"].items():
        ceiling = cores * 1000 / h["hash_ms"]["median"]
        libraries = ", ".join(h["libraries"])
        limits = h.get("limits")
        parallel = limits and f"{limits['parallel_hashes_per_s']:.1f} ({limits['parallel_over_ceiling']:.2f})"
        floor = f"{fmt(h.get('verify_server_ms'), 1)}, ÷ hash {fmt(h.get('verify_server_over_hash'), 2)}"
        rows.append([language, libraries, fmt(h["hash_ms"], 1), fmt(h["verify_ms"], 1), f"{ceiling:.1f}",
                     parallel or "n/a", floor])  # fmt: skip
    return _table(["language", "library", "hash ms", "verify ms", "ceiling login/s (cores ÷ hash)",
                   f"hashes/s, {cores} at once (÷ ceiling)", "verify-only HTTP server, ms"], rows)  # fmt: skip


def rendering_table(results: dict) -> str:
    rendering = results.get("rendering") or {}
    rows = [[f"copier copy, {stack} alone, mode 4", fmt(figure, 2), "< 2 s"]
            for stack, figure in (rendering.get("copy_s") or {}).items()]  # fmt: skip
    if update := rendering.get("update_1_to_4_s"):
        rows.append([f"copier update, {rendering['update_backend']} project, mode 1 → 4", fmt(update, 2), "< 5 s"])
    return _table(["seconds", "median (min-max)", "target"], rows)


def first_login_table(results: dict) -> str:
    rows = []
    for stack, figure in (results.get("first_login") or {}).items():
        steps = figure["steps_s"]
        rows.append([stack, fmt(figure["total_s"], 1), *(value(steps.get(step), 2) for step in
                     ("copy", "install", "migrate", "serve", "register_and_login"))])  # fmt: skip
    return _table(["backend", "copy → first login, s", "copy", "install (cached)", "migrate", "serve until /health",
                   "register + login"], rows)  # fmt: skip


def singles_table(results: dict) -> str:
    singles = results.get("singles") or {}
    rows = []
    if detect := singles.get("detect"):
        rows.append(["bench/detect.py: detection, 20,000-file monorepo",
                     f"{detect['best_of_5_s']:.3f} s best of 5 (first {detect['first_run_s']:.3f} s)"
                     if "best_of_5_s" in detect else "failed", "< 1 s"])  # fmt: skip
    if review := singles.get("review"):
        rows.append(["bench/review.py: review, 20,000-file repo",
                     f"{review['seconds']:.2f} s" if "seconds" in review else "failed", "< 5 s"])  # fmt: skip
    for frontend, size in (singles.get("frontend_size") or {}).items():
        if frontend != "error":
            shown = f"{size['kb']:.1f} KB" if "kb" in size else "build failed"
            rows.append([f"bench/frontend_size.py: login route JS, {frontend}, gzipped", shown, "<= 100 KB"])
    return _table(["benchmark", "figure", "target"], rows)


def _statements(figure: dict) -> str:
    """``4 (2 SELECT, 1 UPDATE, 1 INSERT)`` per request, connection set-up apart; n/a with its reason."""
    if "na" in figure:
        return f"n/a: {figure['na']}"
    requests = figure["requests"]
    kinds = ", ".join(f"{count / requests:g} {kind}" for kind, count in figure["by_kind"].items())
    shown = f"{figure['per_request']:g} ({kinds})" if kinds else "0"
    if figure["setup_statements"]:
        shown += f" + {figure['setup_statements'] / requests:g} connection set-up"
    return shown


def statements_table(results: dict) -> str:
    counted = results["statements"]
    rows = []
    for name, subject in counted["subjects"].items():
        shown = f"**{name}**" if subject["ours"] else name
        if "error" in subject:
            rows.append([shown, *[f"n/a: {subject['error']}"] * 3, "-"])
            continue
        figures = [subject[endpoint] for endpoint in ("me", "refresh", "login")]
        opened = " / ".join("-" if "na" in f else f"{f['connections_opened'] / f['requests']:g}" for f in figures)
        rows.append([shown, *map(_statements, figures), opened])
    header = ["server", "me", "refresh", "login", "connections opened per request (me / refresh / login)"]
    intro = (f"{counted['database']}, mode {counted['mode']}, {counted['requests']} requests per endpoint after "
             f"{counted['warmup']} warm-ups; {counted['generated_at']}, `{counted['command']}`\n\n")  # fmt: skip
    return intro + _table(header, rows)


def targets_table(results: dict) -> str:
    rows = [[t["figure"], "-" if t["value"] is None else f"{t['value']:g}", t["target"],
             {True: "met", False: "**missed**", None: "-"}[t["met"]]] for t in results["targets"]]  # fmt: skip
    return _table(["figure", "value", "target", ""], rows)


def tables(results: dict) -> str:
    parts = [
        ("servers", "Servers (medians over rounds, min-max in brackets)", servers_table),
        ("servers", "Latency under load (median of the rounds' p50 / p99)", latency_table),
        ("statements", "Database statements per request (from PostgreSQL's statement log)", statements_table),
        ("hash", "Bare argon2id, m=19456 KiB, t=2, p=1 (every measurement of the run, per language)", hash_table),
        ("rendering", "Rendering", rendering_table),
        ("first_login", "Time to first login", first_login_table),
        ("singles", "Single benchmarks", singles_table),
        ("targets", "Targets (printed, never asserted)", targets_table),
    ]
    text = "\n\n".join(f"### {title}\n\n{table(results)}" for key, title, table in parts if results.get(key))
    if results.get("errors"):
        text += "\n\n### Not measured\n\n" + "\n".join(f"- {e['what']}: {e['error']}" for e in results["errors"])
    return text
