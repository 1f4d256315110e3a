"""A body too large for Roundtable gets its 413 with a reason under the real servers, instead of
a connection reset while the client is still sending (issue 10, finding 21). Runs gunicorn and
the development server in a subprocess."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
MB = 1024 * 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVERS = {
    "gunicorn": lambda port: [
        str(BIN / "gunicorn"),
        "config.wsgi:application",
        "-b",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
    ],
    "runserver": lambda port: [
        str(BIN / "python"),
        "manage.py",
        "runserver",
        "--noreload",
        "--nothreading",
        f"127.0.0.1:{port}",
    ],
}


@pytest.fixture(params=sorted(SERVERS))
def server(request, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ROUNDTABLE_VAR_DIR": str(tmp_path / "var"),
    }
    process = subprocess.Popen(  # noqa: S603
        SERVERS[request.param](port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _post(port: int, path: str, body: bytes, content_type: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", path, body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_a_form_of_several_megabytes_gets_413_not_a_reset_connection(server):
    field = "x" * (4 * MB)
    body = f"login={field}&password={field}&remember={field}".encode()
    status, page = _post(server, "/accounts/login/", body, "application/x-www-form-urlencoded")
    assert status == 413
    assert "too large" in page


def test_an_api_body_of_several_megabytes_gets_413_not_a_reset_connection(server):
    body = b'{"username": "' + b"x" * (12 * MB) + b'", "password": "x"}'
    status, answer = _post(server, "/api/v1/auth/token", body, "application/json")
    assert status == 413
    assert "too large" in answer
