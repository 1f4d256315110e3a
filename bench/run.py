"""Load benchmark: Roundtable under gunicorn against a generated population (see bench/README.md).

    make bench
    make bench BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/roundtable_bench"

Prepares the database (migrate + `roundtable generate --scale N` when it holds no generated
population yet), serves config.wsgi with gunicorn on a free loopback port, signs in as a
generated care manager (page session and API token), and drives each endpoint with a stdlib
load generator: threads, each with one keep-alive http.client connection. Prints a table of
requests, errors, throughput and latency percentiles. Only ever talks to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
LOOPBACK = "127.0.0.1"  # the only address this script ever connects to or binds
DEFAULT_VAR_DIR = ROOT / "var" / "bench"
DEFAULT_DB = DEFAULT_VAR_DIR / "bench.sqlite3"

CITIZEN_LINK = re.compile(
    r'href="/citizens/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/"'
)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def tool(name: str) -> str:
    """A console script of the virtualenv this script runs in (or the project's .venv)."""
    for directory in (Path(sys.executable).parent, VENV_BIN):
        if (directory / name).exists():
            return str(directory / name)
    raise SystemExit(f"{name} not found: run `make install` first")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument(
        "--database-url",
        default=f"sqlite:///{DEFAULT_DB}",
        help="sqlite:///abs/path or postgres://user@127.0.0.1:5432/name (default: %(default)s)",
    )
    p.add_argument("--scale", type=int, default=100_000, help="citizens to generate if needed")
    p.add_argument(
        "--var-dir",
        type=Path,
        default=DEFAULT_VAR_DIR,
        help="ROUNDTABLE_VAR_DIR for generation and serving: the keys live here",
    )
    p.add_argument("--duration", type=float, default=15.0, help="seconds per endpoint")
    p.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds per endpoint")
    p.add_argument("--concurrency", type=int, default=8, help="client threads (connections)")
    p.add_argument(
        "--max-requests", type=int, default=200_000, help="upper bound of requests per endpoint"
    )
    p.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    p.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    p.add_argument(
        "--only",
        default="",
        help="comma-separated subset of: healthz, caseload, citizen, api (default: all)",
    )
    args = p.parse_args(argv)
    if args.concurrency < 1 or args.duration <= 0 or args.max_requests < 1:
        p.error("--concurrency, --duration and --max-requests must be positive")
    return args


# --- preparing the database -------------------------------------------------------------------


def bench_env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.database_url,
        ROUNDTABLE_VAR_DIR=str(args.var_dir),
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="False",
        ALLOWED_HOSTS=LOOPBACK,
        PYTHONUNBUFFERED="1",
    )
    return env


def roundtable(
    env: dict[str, str], *command: str, capture: bool = False, quiet: bool = False
) -> str:
    result = subprocess.run(  # noqa: S603 (our own console script, fixed arguments)
        [tool("roundtable"), *command],
        cwd=ROOT,
        env=env,
        check=False,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    if result.returncode != 0:
        raise RuntimeError(f"`roundtable {' '.join(command)}` failed ({result.returncode})")
    return result.stdout or ""


def prepare_database(args: argparse.Namespace, env: dict[str, str]) -> dict:
    """Migrate, and generate a population unless the database already holds one."""
    args.var_dir.mkdir(parents=True, exist_ok=True)
    if args.database_url.startswith("sqlite:///"):
        Path(args.database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    print(f"Database: {redact(args.database_url)}  (keys in {args.var_dir})")
    roundtable(env, "migrate", "--no-input", "--verbosity", "0")
    try:
        info = json.loads(
            roundtable(env, "generate", "--logins", "--json", capture=True, quiet=True)
        )
        print(f"Using the generated run {info['tag']} already in the database.")
    except RuntimeError:
        print(f"Generating {args.scale} citizens (once; later runs reuse them) …")
        started = time.monotonic()
        info = json.loads(
            roundtable(env, "generate", "--scale", str(args.scale), "--json", capture=True)
        )
        print(
            f"Generation took {time.monotonic() - started:.1f} s "
            f"({info['seconds']:.1f} s inside `roundtable generate`)"
        )
    if info["citizens_in_database"] < args.scale:
        print(
            f"Note: the database holds {info['citizens_in_database']} citizens, fewer than "
            f"--scale {args.scale}; use another --database-url for another scale."
        )
    return info


def redact(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return url


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


class Server:
    """gunicorn in its own process group, stopped (with its workers) on exit."""

    def __init__(self, args: argparse.Namespace, env: dict[str, str]) -> None:
        self.port = free_port()
        self.log_path = args.var_dir / "gunicorn.log"
        command = [
            tool("gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"{LOOPBACK}:{self.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread" if args.threads > 1 else "sync",
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
            "--error-logfile",
            str(self.log_path),
        ]
        self.log_path.write_text("")
        self.process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            command, cwd=ROOT, env=env, start_new_session=True
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited ({self.process.returncode}):\n{self.log_tail()}"
                )
            try:
                conn = http.client.HTTPConnection(LOOPBACK, self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        # The process group is the one gunicorn got from start_new_session: it and its workers.
        pgid = self.process.pid
        try:
            os.killpg(pgid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass


# --- HTTP client --------------------------------------------------------------------------------


@dataclass
class Session:
    """Cookies and headers of one signed-in client, for one host:port on the loopback."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection(LOOPBACK, self.port, timeout=30)
        try:
            all_headers = dict(headers or {})
            if self.cookies:
                all_headers["Cookie"] = self.cookie_header()
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for cookie in response.msg.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.getheaders()), text
        finally:
            conn.close()

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v)


def page_login(port: int, username: str, password: str) -> Session:
    """Sign in through the allauth form, as a browser would."""
    session = Session(port)
    status, _, html = session.request("GET", "/accounts/login/")
    match = CSRF_INPUT.search(html)
    if status != 200 or not match or "csrftoken" not in session.cookies:
        raise RuntimeError(f"login form not as expected (HTTP {status})")
    body = urllib.parse.urlencode(
        {"login": username, "password": password, "csrfmiddlewaretoken": match.group(1)}
    )
    status, headers, _ = session.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{LOOPBACK}:{port}/accounts/login/",
        },
    )
    if status != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"sign-in as {username} failed (HTTP {status})")
    return session


def api_token(port: int, username: str, password: str) -> str:
    status, _, text = Session(port).request(
        "POST",
        "/api/v1/auth/token",
        body=json.dumps({"username": username, "password": password}),
        headers={"Content-Type": "application/json"},
    )
    if status != 200:
        raise RuntimeError(f"API token for {username} refused (HTTP {status}): {text[:200]}")
    return json.loads(text)["token"]


# --- load generator -----------------------------------------------------------------------------


@dataclass
class Endpoint:
    key: str
    label: str
    paths: list[str]
    headers: dict[str, str]


@dataclass
class Result:
    key: str
    label: str
    latencies: list[float]  # seconds, successful responses only
    errors: int
    seconds: float
    statuses: Counter

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile_ms(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000


def drive(
    port: int, endpoint: Endpoint, *, seconds: float, concurrency: int, max_requests: int
) -> Result:
    """`concurrency` threads, each with one keep-alive connection, for `seconds` or until
    `max_requests` requests have been sent, whichever comes first."""
    stop = threading.Event()
    lock = threading.Lock()
    sent = 0
    latencies: list[float] = []
    statuses: Counter = Counter()
    errors = 0

    def claim() -> int | None:
        nonlocal sent
        with lock:
            if sent >= max_requests:
                return None
            sent += 1
            return sent

    def worker() -> None:
        nonlocal errors
        mine: list[float] = []
        my_statuses: Counter = Counter()
        my_errors = 0
        conn = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
        paths = endpoint.paths
        try:
            while not stop.is_set():
                n = claim()
                if n is None:
                    break
                path = paths[n % len(paths)]
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers=endpoint.headers)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                    if response.will_close:
                        conn.close()
                except (OSError, http.client.HTTPException) as exc:
                    status = type(exc).__name__
                    conn.close()  # reconnects on the next request
                elapsed = time.perf_counter() - started
                my_statuses[status] += 1
                if status == 200:
                    mine.append(elapsed)
                else:
                    my_errors += 1
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)
                statuses.update(my_statuses)
                errors += my_errors

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    deadline = started + seconds
    try:
        while any(t.is_alive() for t in threads):
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                stop.set()
            for t in threads:
                t.join(timeout=0.1 if remaining > 0 else 5)
    finally:
        stop.set()
    for t in threads:
        t.join(timeout=35)
    return Result(
        endpoint.key, endpoint.label, latencies, errors, time.perf_counter() - started, statuses
    )


def table(results: list[Result]) -> str:
    base = next((r.throughput for r in results if r.key == "healthz"), None)
    head = (
        f"{'endpoint':<34} {'requests':>9} {'errors':>7} {'req/s':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'vs bare':>8}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        ratio = f"{r.throughput / base:.3f}" if base else "-"
        lines.append(
            f"{r.label:<34} {r.requests:>9} {r.errors:>7} {r.throughput:>8.1f} "
            f"{r.percentile_ms(50):>8.1f} {r.percentile_ms(95):>8.1f} {r.percentile_ms(99):>8.1f} "
            f"{ratio:>8}"
        )
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------------------


def versions() -> str:
    import importlib.metadata as md

    parts = [f"Python {platform.python_version()}"]
    for name in ("Django", "gunicorn"):
        with contextlib.suppress(md.PackageNotFoundError):
            parts.append(f"{name} {md.version(name)}")
    return ", ".join(parts)


def run(args: argparse.Namespace) -> int:
    env = bench_env(args)
    info = prepare_database(args, env)
    logins = {row["role"]: row["username"] for row in info["logins"]}
    username, password = logins.get("care_manager"), info["password"]
    if not username:
        raise RuntimeError("no generated care manager found in the database")

    server = Server(args, env)
    try:
        server.wait_ready()
        print(
            f"gunicorn on http://{LOOPBACK}:{server.port}/  workers={args.workers} "
            f"threads={args.threads}  (log: {server.log_path})"
        )
        session = page_login(server.port, username, password)
        status, _, html = session.request("GET", "/citizens/")
        citizen_ids = sorted(set(CITIZEN_LINK.findall(html)))
        if status != 200 or not citizen_ids:
            raise RuntimeError(f"caseload of {username} is empty or failed (HTTP {status})")
        token = api_token(server.port, username, password)
        cookie = {"Cookie": session.cookie_header()}
        endpoints = [
            Endpoint("healthz", "GET /healthz (bare, no DB)", ["/healthz"], {}),
            Endpoint("caseload", "GET /citizens/ (caseload page)", ["/citizens/"], cookie),
            Endpoint(
                "citizen",
                "GET /citizens/<id>/ (overview)",
                [f"/citizens/{cid}/" for cid in citizen_ids],
                cookie,
            ),
            Endpoint(
                "api",
                "GET /api/v1/citizens (Bearer)",
                ["/api/v1/citizens"],
                {"Authorization": f"Bearer {token}", "Accept": "application/json"},
            ),
        ]
        only = {k.strip() for k in args.only.split(",") if k.strip()}
        if only:
            endpoints = [e for e in endpoints if e.key in only or e.key == "healthz"]
        print(
            f"Care manager {username}: {len(citizen_ids)} citizens on the caseload page; "
            f"{info['citizens_in_database']} citizens in the database."
        )
        print(
            f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, {versions()}; "
            f"concurrency {args.concurrency}, {args.warmup:g} s warm-up + {args.duration:g} s "
            f"per endpoint\n"
        )
        results = []
        for endpoint in endpoints:
            options = {"concurrency": args.concurrency, "max_requests": args.max_requests}
            if args.warmup > 0:
                drive(server.port, endpoint, seconds=args.warmup, **options)
            result = drive(server.port, endpoint, seconds=args.duration, **options)
            results.append(result)
            print(
                f"  {endpoint.label:<34} {result.throughput:8.1f} req/s"
                + (f"  errors {dict(result.statuses)}" if result.errors else "")
            )
        print()
        print(table(results))
        if any(r.errors for r in results):
            print(f"\nSome requests failed; see {server.log_path}:\n{server.log_tail(10)}")
            return 1
        return 0
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress interleaves with the children's

    def terminate(signum, frame) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("\nInterrupted; gunicorn stopped.", file=sys.stderr)
        return 130
    except RuntimeError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
