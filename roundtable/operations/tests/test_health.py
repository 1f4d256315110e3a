"""Liveness and readiness for the load balancer: /healthz answers while the process lives;
/healthz/ready only while the primary database answers (roundtable/operations/health.py)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


@pytest.mark.django_db
def test_ready_when_the_primary_answers(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200 and response.content == b"ready"
    # Like /healthz: no session, no cookie, nothing personal.
    assert not response.cookies


@pytest.mark.django_db
def test_ready_answers_only_get(client):
    assert client.post("/healthz/ready").status_code == 405


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 (loopback)
            return response.status, time.monotonic() - started
    except urllib.error.HTTPError as exc:
        return exc.code, time.monotonic() - started


def test_not_ready_while_the_primary_is_away_but_still_alive(tmp_path):
    """The balancer takes such a server out (readiness 503) without restarting it (liveness 200)."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/roundtable",  # nothing listens
        "ROUNDTABLE_VAR_DIR": str(tmp_path / "var"),
        "DB_CONNECT_TIMEOUT": "2",
    }
    process = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        assert _status(f"{base}/healthz")[0] == 200
        status, took = _status(f"{base}/healthz/ready")
        assert status == 503
        assert took < 5  # fails fast: the balancer's check must not hang
    finally:
        process.terminate()
        process.wait(timeout=10)
