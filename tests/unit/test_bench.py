"""The benchmark reads every backend from its manifest, and counts statements from PostgreSQL's own log."""

import sys

import psycopg
import pytest
import yaml

from manifests import STACKS_DIR, Stack, load_stacks

sys.path.insert(0, str(STACKS_DIR.parent / "bench"))

from lib import report, statements
from lib.backends import built_backends
from lib.peers import PEER_CLASSES, peer_class
from lib.versions import package_name


def fake_backend(**changes) -> dict[str, Stack]:
    """The Django manifest as a new built backend named ``fake``, with ``changes``."""
    fields = yaml.safe_load((STACKS_DIR / "django.yml").read_text())
    return {"fake": Stack.model_validate({**fields, "name": "fake", **changes})}


def test_every_built_backend_has_its_runtime_scripts_and_a_registered_peer():
    backends = built_backends()
    assert backends == [stack for stack in load_stacks().values() if stack.kind == "backend" and stack.built]
    for stack in backends:
        assert stack.runtime and stack.bench_peer, f"{stack.name}: the bench needs its runtime and bench_peer"


def test_a_runtime_without_bench_scripts_stops_the_bench_naming_each_missing_script():
    with pytest.raises(RuntimeError) as error:
        built_backends(fake_backend(runtime="erlang"))
    for purpose in ("hash", "parallel", "floor", "versions"):
        assert f"bench/lib/scripts/{purpose}_erlang.<ext>" in str(error.value)
    assert "backend fake" in str(error.value)


def test_a_built_backend_without_a_runtime_stops_the_bench():
    with pytest.raises(RuntimeError, match="backend fake has no `runtime`"):
        built_backends(fake_backend(runtime=None))


def test_a_bench_peer_without_a_peer_folder_stops_the_bench():
    with pytest.raises(RuntimeError, match="bench_peer 'nosuchpeer'"):
        built_backends(fake_backend(bench_peer="nosuchpeer"))


def test_peers_are_registered_by_their_folder():
    for peer in PEER_CLASSES:
        assert peer.folder.is_dir()
        assert peer_class(peer.folder.name, "test") is peer


@pytest.mark.parametrize(
    ("specifier", "name"),
    [("Django==5.2.19", "Django"), ("psycopg[binary]==3.3.9", "psycopg"), ("express@5", "express"),
     ("helmet", "helmet"), ("@types/node@22", "@types/node"), ("@scope/pkg", "@scope/pkg")],
)  # fmt: skip
def test_package_names_from_the_manifests_specifiers(specifier, name):
    assert package_name(specifier) == name


def test_the_target_peer_is_the_manifests_bench_peer():
    servers = {
        "ours": {"ours": True, "language": "python", "peer": "second"},
        "first": {"ours": False, "language": "python"},
        "second": {"ours": False, "language": "python"},
        "other": {"ours": False, "language": "node"},
    }
    found = report.same_language_peers(servers["ours"], servers)
    assert [(name, is_target) for name, _, is_target in found] == [("first", False), ("second", True)]


def test_statements_are_counted_from_the_databases_own_log():
    postgres = statements.start_logging_postgres()
    try:
        url = postgres.database("counted")
        other = postgres.database("other")
        log = statements.log_path(postgres)
        start = log.stat().st_size
        with psycopg.connect(url, autocommit=True) as connection, psycopg.connect(other) as elsewhere:
            connection.execute("SET TimeZone TO 'UTC'")  # what a driver sends to set a session up
            connection.execute("SELECT 1")  # simple protocol
            connection.execute("SELECT %s::int", (2,))  # extended protocol: "execute <unnamed>"
            connection.execute("SHOW TimeZone")  # after the first query: a statement like any other
            elsewhere.execute("SELECT 3")  # another database is not counted
        found = statements.entries(log, start, url.rsplit("/", 1)[1])
        assert statements.tally(found, 2) == {
            "requests": 2,
            "statements": 3,
            "per_request": 1.5,
            "by_kind": {"SELECT": 2, "SHOW": 1},
            "connections_opened": 1,
            "setup_statements": 1,
        }
    finally:
        postgres.stop()


def test_a_subject_that_cannot_run_on_postgresql_says_why_in_the_table():
    counted = {
        "database": "PostgreSQL 15", "mode": 1, "requests": 10, "warmup": 2, "generated_at": "now", "command": "c",
        "subjects": {
            "ours": {"ours": True, "me": {"requests": 10, "per_request": 1, "by_kind": {"SELECT": 10},
                                          "setup_statements": 0, "connections_opened": 0},
                     "refresh": {"requests": 10, "per_request": 4, "by_kind": {"SELECT": 20, "UPDATE": 10,
                                 "INSERT": 10}, "setup_statements": 5, "connections_opened": 1},
                     "login": {"na": "no login"}},
            "peer": {"ours": False, "error": "no PostgreSQL driver"},
        },
    }  # fmt: skip
    table = report.statements_table({"statements": counted})
    assert (
        "| **ours** | 1 (1 SELECT) | 4 (2 SELECT, 1 UPDATE, 1 INSERT) + 0.5 connection set-up | n/a: no login |"
        in table
    )
    assert "| peer | n/a: no PostgreSQL driver | n/a: no PostgreSQL driver | n/a: no PostgreSQL driver | - |" in table
