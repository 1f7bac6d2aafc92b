"""The benchmarks: our backends against their peers, rendering, time to first login, single benchmarks.

    python bench/run.py            # the full run, about 15 minutes (`bash dev bench`)
    python bench/run.py --quick    # one round and short wrk runs: checks that everything runs
    python bench/run.py --report   # rewrite the tables and docs/performance.md from bench/results.json
    python bench/run.py --quick --only servers --servers django --no-write   # one server, tables only
    python bench/run.py --only statements   # database statements per request alone, on PostgreSQL (~3 min)

Prints the tables, writes bench/results.json (machine, versions, per figure the median, min and max
over rounds) and docs/performance.md. Targets are printed beside the figures, never asserted.
The statement counts do not depend on the machine's speed: run alone (`--only statements`), they
replace only their own part of bench/results.json and keep the timed figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import CACHE, ROOT, aggregate, docs, first_login, machine, rendering, report, singles, statements, wrk
from lib.backends import Backend, built_backends
from lib.measure import Plan, measure_round
from lib.peers import all_peers
from lib.stats import summary

from support.mail import SmtpSink

RESULTS = ROOT / "bench" / "results.json"
PERFORMANCE = ROOT / "docs" / "performance.md"
PARTS = ("servers", "statements", "rendering", "first-login", "singles")


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def settings(args: argparse.Namespace) -> dict:
    quick = args.quick
    return {
        "quick": quick,
        "rounds": args.rounds or (1 if quick else 3),
        "mode": args.mode,
        "transport": "bearer",
        "database": "sqlite",
        "load": {"connections": 32, "threads": 2, "warmup": 1 if quick else 2, "duration": 3 if quick else 6},
        "login_load": {"connections": 8, "threads": 2, "warmup": 1 if quick else 2, "duration": 3 if quick else 6},
        "sequential_logins": 10 if quick else 30,
        "hash_runs": 10 if quick else 20,
        "parallel_hash_seconds": 3 if quick else 8,
        "copy_repeats": 2 if quick else 5,
        "first_login_rounds": 1 if quick else 2,
        "statement_requests": 20,
        "statement_warmup": 5,
    }


def measure_servers(config: dict, cores: int, errors: list[dict], names: set[str] | None) -> tuple[dict, dict, dict]:
    """Every built backend and every peer (or those named), round-robin; returns (servers, hashes, versions)."""
    load, login = wrk.Load(**config["load"]), wrk.Load(**config["login_load"])
    with SmtpSink() as sink:
        subjects = [Backend(stack, config["mode"], sink, load.connections + load.threads) for stack in built_backends()]
        subjects += all_peers()
        if names:
            subjects = [subject for subject in subjects if subject.name in names]
        ready = []
        try:
            for subject in subjects:
                log(f"preparing {subject.name}")
                try:
                    subject.prepare()
                    ready.append(subject)
                except Exception as error:  # a backend still being written must not stop the others
                    errors.append({"what": f"{subject.name}: prepare", "error": _short(error)})
                    log(f"  {subject.name} could not be prepared: {_short(error)}")
            floors = {s.language: s.hash_runner() for s in reversed(ready) if s.ours}
            plan = Plan(load, login, config["sequential_logins"], config["hash_runs"], floors, CACHE)
            rounds: dict[str, list[dict]] = {s.name: [] for s in ready}
            for index in range(config["rounds"]):
                log(f"round {index + 1} of {config['rounds']}")
                for subject in ready:
                    log(f"  {subject.name}")
                    try:
                        rounds[subject.name].append(measure_round(subject, plan, log))
                    except Exception as error:
                        errors.append({"what": f"{subject.name}: round {index + 1}", "error": _short(error)})
                        log(f"  {subject.name} failed: {_short(error)}")
            servers = {s.name: aggregate.server(s, rounds[s.name], cores) for s in ready if rounds[s.name]}
            hashes = aggregate.hashes([(s.language, r) for s in ready for r in rounds[s.name]])
            for language, limits in measure_hash_limits(ready, config, cores, errors).items():
                hashes[language]["limits"] = limits
            versions = {s.name: s.versions() for s in ready}
        finally:
            for subject in subjects:
                subject.close()
    return servers, hashes, versions


def measure_statements(config: dict, names: set[str] | None, command: str) -> dict:
    """Every built backend and peer (or those named), one at a time, on one logging PostgreSQL cluster."""
    requests, warmup = config["statement_requests"], config["statement_warmup"]
    found = {"generated_at": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "command": command, "mode": config["mode"],
             "requests": requests, "warmup": warmup, "subjects": {}}  # fmt: skip
    with SmtpSink() as sink:
        subjects = [Backend(stack, config["mode"], sink, 1) for stack in built_backends()] + all_peers()
        subjects = [subject for subject in subjects if not names or subject.name in names]
        postgres = statements.start_logging_postgres()
        try:
            found["database"] = f"PostgreSQL {statements.server_version(postgres)}"
            for subject in subjects:
                log(f"statements, {subject.name}")
                try:
                    counted = statements.measure_subject(subject, postgres, requests, warmup)
                    found["subjects"][subject.name] = counted
                    log("  " + ", ".join(f"{e} {counted[e].get('per_request', 'n/a')}" for e in statements.ENDPOINTS))
                except Exception as error:  # a subject that cannot run on PostgreSQL says why in the table
                    found["subjects"][subject.name] = {"label": subject.label, "ours": subject.ours,
                                                       "error": _short(error)}  # fmt: skip
                    log(f"  failed: {_short(error)}")
                finally:
                    subject.close()
        finally:
            postgres.stop()
    return found


def measure_hash_limits(ready: list, config: dict, cores: int, errors: list[dict]) -> dict:
    """Per language, the most logins per second the hash alone allows: hashes per second on every core."""
    runners = {}
    for subject in sorted(ready, key=lambda s: not s.ours):
        runners.setdefault(subject.language, subject.hash_runner())
    found = {}
    for language, runner in runners.items():
        log(f"hash limits, {language}")
        try:
            parallel = runner.parallel(cores, config["parallel_hash_seconds"])
            bare = runner.measure(config["hash_runs"])
        except Exception as error:
            errors.append({"what": f"{language}: hash limits", "error": _short(error)})
            log(f"  failed: {_short(error)}")
            continue
        found[language] = {
            "parallel_hashes_per_s": round(parallel["hashes_per_s"], 1),
            "parallel_over_ceiling": round(parallel["hashes_per_s"] / (cores * 1000 / bare["hash_ms"]), 3),
            "hash_ms": round(bare["hash_ms"], 2),
        }
    return found


def _short(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) < 600 else text[:300] + " … " + text[-300:]


def measure_rendering(config: dict, template: Path, workdir: Path) -> dict:
    copies = {}
    for stack in rendering.built_stacks():
        log(f"copier copy, {stack.name} x{config['copy_repeats']}")
        copies[stack.name] = summary(rendering.copy_times(template, workdir, stack, config["copy_repeats"]), 3)
    backend = rendering.update_backend()
    log(f"copier update 1 -> 4, {backend.name} x{config['copy_repeats']}")
    update = summary(rendering.update_times(template, workdir, backend, config["copy_repeats"]), 3)
    return {"copy_s": copies, "update_1_to_4_s": update, "update_backend": backend.label}


def measure_first_login(config: dict, template: Path, workdir: Path, errors: list[dict]) -> dict:
    found = {}
    for stack in built_backends():
        log(f"time to first login, {stack.name}")
        try:
            first_login.warm_caches(template, workdir, stack)
            runs = [first_login.time_to_first_login(template, workdir, stack, i)
                    for i in range(config["first_login_rounds"])]  # fmt: skip
        except Exception as error:
            errors.append({"what": f"{stack.name}: time to first login", "error": _short(error)})
            log(f"  failed: {_short(error)}")
            continue
        steps = {name: summary([run[name] for run in runs], 3) for name in runs[0] if name != "total"}
        found[stack.name] = {"total_s": summary([run["total"] for run in runs], 3), "steps_s": steps}
    return found


def measure_singles() -> dict:
    found = {}
    for name, function in (("detect", singles.detect), ("review", singles.review),
                           ("frontend_size", singles.frontend_size)):  # fmt: skip
        log(f"bench/{name}.py")
        found[name] = function()
    return found


def write(results: dict, keep_files: bool = False) -> None:
    results["targets"] = report.targets(results)
    print()
    print(report.tables(results))
    if keep_files:
        return
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    PERFORMANCE.write_text(docs.page(results))
    print(f"\nwrote {RESULTS.relative_to(ROOT)} and {PERFORMANCE.relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one round, short wrk runs, fewer repeats")
    parser.add_argument("--rounds", type=int, help="rounds of the server measurements (default 3, quick 1)")
    parser.add_argument("--mode", type=int, choices=(1, 2, 3, 4), default=1, help="security mode of our backends")
    parser.add_argument("--only", help=f"comma-separated parts to run: {', '.join(PARTS)} (default all)")
    parser.add_argument("--servers", help="comma-separated servers to measure, ours or peers' (default all)")
    parser.add_argument("--no-write", action="store_true", help="print the tables; leave bench/results.json alone")
    parser.add_argument("--report", action="store_true", help="only rewrite the report from bench/results.json")
    args = parser.parse_args(argv)
    if args.report:
        write(json.loads(RESULTS.read_text()), keep_files=args.no_write)
        return 0
    parts = args.only.split(",") if args.only else list(PARTS)
    if unknown := set(parts) - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")

    names = set(args.servers.split(",")) if args.servers else None
    started = time.monotonic()
    config = settings(args)
    command = " ".join(["python bench/run.py", *argv])
    if parts == ["statements"]:  # no timed figure: they stay as the last timed run left them
        results = json.loads(RESULTS.read_text())
        results["statements"] = measure_statements(config, names, command)
        write(results, keep_files=args.no_write)
        return 0
    wrk.ensure_wrk()
    results: dict = {
        "generated_at": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "command": command,
        "settings": config,
        "machine": machine.describe(),
        "versions": {**machine.tools(), "servers": {}},
        "servers": {},
        "hash": {},
        "errors": [],
    }
    errors = results["errors"]
    workdir = Path(tempfile.mkdtemp(prefix="ua-bench-"))
    try:
        if "servers" in parts:
            servers, hashes, versions = measure_servers(config, results["machine"]["cores"], errors, names)
            results.update(servers=servers, hash=hashes)
            results["versions"]["servers"] = versions
        if "statements" in parts:
            results["statements"] = measure_statements(config, names, command)
        if {"rendering", "first-login"} & set(parts):
            template = rendering.template_repo(workdir)
            if "rendering" in parts:
                results["rendering"] = measure_rendering(config, template, workdir)
            if "first-login" in parts:
                results["first_login"] = measure_first_login(config, template, workdir, errors)
        if "singles" in parts:
            results["singles"] = measure_singles()
    except Exception:
        traceback.print_exc()
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["elapsed_s"] = round(time.monotonic() - started, 1)
    write(results, keep_files=args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
