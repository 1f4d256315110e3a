"""Settings that stay correct behind PgBouncer in transaction pooling, and the replica aliases
built from DATABASE_REPLICA_URLS (config/settings.py)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PRINT = (
    "import json; from django.conf import settings as s;"
    "print(json.dumps({'dbs': {a: {'host': d['HOST'], 'port': d['PORT'],"
    " 'ssc': d.get('DISABLE_SERVER_SIDE_CURSORS', False),"
    " 'mirror': d.get('TEST', {}).get('MIRROR'),"
    " 'timeout': d.get('OPTIONS', {}).get('connect_timeout')} for a, d in s.DATABASES.items()},"
    " 'routers': s.DATABASE_ROUTERS, 'middleware': s.MIDDLEWARE}))"
)


def _settings(tmp_path, **env) -> dict:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE")}
    environ.update(
        ROUNDTABLE_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings", **env
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup();" + PRINT],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_transaction_pooling_turns_off_server_side_cursors_and_replicas_become_aliases(tmp_path):
    got = _settings(
        tmp_path,
        DATABASE_URL="postgres://app@127.0.0.1:6432/roundtable",
        DATABASE_POOLING="transaction",
        DATABASE_REPLICA_URLS="postgres://app@10.0.0.2:6432/roundtable, postgres://app@10.0.0.3/r",
    )
    assert list(got["dbs"]) == ["default", "replica1", "replica2"]
    # QuerySet.iterator() would otherwise declare a cursor that outlives its transaction on a
    # server connection PgBouncer has already handed to someone else.
    assert all(db["ssc"] for db in got["dbs"].values())
    assert got["dbs"]["replica2"]["host"] == "10.0.0.3"
    assert got["dbs"]["replica1"]["mirror"] == "default"
    assert got["dbs"]["replica1"]["timeout"] == 1  # a replica that is away is skipped quickly
    assert got["routers"] == ["roundtable.core.db_router.ReplicaRouter"]
    assert "roundtable.core.db_router.ReplicaReadsMiddleware" in got["middleware"]


def test_without_replicas_or_pooling_nothing_changes(tmp_path):
    got = _settings(tmp_path, DATABASE_URL="postgres://app@127.0.0.1:5432/roundtable")
    assert list(got["dbs"]) == ["default"] and got["dbs"]["default"]["ssc"] is False
    assert got["routers"] == []
    assert not any("db_router" in m for m in got["middleware"])


# Session state that PgBouncer in transaction pooling would hand to the next client: SET without
# LOCAL, set_config(..., false), session advisory locks, LISTEN, temporary tables, PREPARE.
SESSION_STATE = re.compile(
    r"""["']\s*(SET\s+(?!LOCAL\b|TRANSACTION\b|CONSTRAINTS\b)\w|LISTEN\s|PREPARE\s|"""
    r"""CREATE\s+TEMP)|set_config\([^)]*false|pg_advisory_lock\(""",
    re.IGNORECASE,
)


def test_no_session_state_that_a_pooled_connection_would_leak():
    offenders = []
    for path in sorted((ROOT / "roundtable").rglob("*.py")):
        if "tests" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            # Upper-case SQL only: "Set a date" in a label is not a statement.
            if SESSION_STATE.search(line) and re.search(r"\b(SET|LISTEN|PREPARE|CREATE|pg_)", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
