"""When the database is away the app answers a quick, plain 503, and recovers by itself when
the database is back (SECURITY.md 28). Runs the real server (gunicorn) in a subprocess."""

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    request = urllib.request.Request(url, headers={"Cookie": "sessionid=x" * 4})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), time.monotonic() - started


@pytest.fixture
def serve(tmp_path):
    servers = []

    def _serve(database_url: str) -> str:
        port = _free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "ROUNDTABLE_VAR_DIR": str(tmp_path / "var"),
            "DB_CONNECT_TIMEOUT": "2",
        }
        process = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "-b",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append(process)
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310
                return base
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    yield _serve
    for process in servers:
        process.terminate()
        process.wait(timeout=10)


def test_unreachable_postgres_gives_a_quick_503_page(serve):
    base = serve("postgres://postgres@127.0.0.1:9/roundtable")  # port 9: nothing listens
    status, body, seconds = _get(f"{base}/citizens/")
    assert status == 503
    assert "unavailable for a moment" in body
    assert "Traceback" not in body
    assert seconds < 5


def test_sqlite_that_cannot_be_opened_gives_503_then_recovers_without_a_restart(serve, tmp_path):
    database = tmp_path / "later" / "roundtable.sqlite3"
    url = f"sqlite:///{database}"
    base = serve(url)
    status, body, _ = _get(f"{base}/citizens/")
    assert status == 503
    assert "Please try again in a minute" in body

    database.parent.mkdir()
    env = {**os.environ, "DATABASE_URL": url, "ROUNDTABLE_VAR_DIR": str(tmp_path / "var")}
    subprocess.run(  # noqa: S603
        [str(BIN / "roundtable"), "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    status, body, _ = _get(f"{base}/citizens/")
    # Back: the stale session cookie now just sends the visitor to sign in.
    assert status == 200
    assert "Sign in" in body


def test_liveness_endpoint_needs_no_database(serve):
    base = serve("postgres://postgres@127.0.0.1:9/roundtable")
    status, body, _ = _get(f"{base}/healthz")
    assert (status, body) == (200, "ok")
