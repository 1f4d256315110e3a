"""The benchmark (see bench/README.md): each page's cost per request beside the floor, at two
scales, in process and under load on gunicorn.

    make bench                                         # PostgreSQL: rt_bench1k and rt_bench100k
    make bench BENCH_ARGS="--sqlite"                   # SQLite files in var/bench/
    make bench BENCH_ARGS="--only caseload,plan --skip-load --scales 1000"

For each scale: the database is created if missing, migrated, and filled once with
`roundtable generate --scale N` (later runs reuse it). Then, unless skipped:
1. in process (`bench/inprocess.py` in a child process): Python CPU + database CPU and queries
   per request of every page, and the ratio to the floor;
2. under load: gunicorn on a free loopback port, every page driven by a stdlib load generator
   (threads with keep-alive connections): throughput, p50/p95/p99, ratio to the floor.
With two scales or more it prints the growth of each page's in-process cost from the smallest
to the largest. Only ever talks to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import io
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
if __package__ in (None, ""):  # run as a script: make `bench.*` importable
    sys.path.insert(0, str(ROOT))

from bench.inprocess import Cost, cost_table, growth_table  # noqa: E402
from bench.pages import FLOOR, KEYS, select  # noqa: E402

VENV_BIN = ROOT / ".venv" / "bin"
LOOPBACK = "127.0.0.1"  # the only address this script ever connects to or binds
DEFAULT_VAR_DIR = ROOT / "var" / "bench"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DEFAULT_SCALES = "1000,100000"

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def tool(name: str) -> str:
    """A console script of the virtualenv this script runs in (or the project's .venv)."""
    for directory in (Path(sys.executable).parent, VENV_BIN):
        if (directory / name).exists():
            return str(directory / name)
    raise SystemExit(f"{name} not found: run `make install` first")


def scale_name(scale: int) -> str:
    """1000 → 1k, 100000 → 100k, 2500 → 2500: the suffix of the database's name."""
    return f"{scale // 1000}k" if scale % 1000 == 0 else str(scale)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument(
        "--scales",
        default=DEFAULT_SCALES,
        help="comma-separated numbers of citizens, one database each (default: %(default)s)",
    )
    p.add_argument(
        "--sqlite",
        action="store_true",
        help="SQLite files var/bench/bench-<scale>.sqlite3 instead of PostgreSQL databases "
        "rt_bench<scale> on 127.0.0.1",
    )
    p.add_argument(
        "--database-url",
        help="one explicit database (sqlite:///abs/path or postgres://user@127.0.0.1:5432/name) "
        "for a single --scales value",
    )
    p.add_argument(
        "--var-dir",
        type=Path,
        default=DEFAULT_VAR_DIR,
        help="ROUNDTABLE_VAR_DIR for generation and serving: the keys live here",
    )
    p.add_argument(
        "--only",
        default="",
        help=f"comma-separated pages, of: {', '.join(KEYS)} (the floor always comes along)",
    )
    p.add_argument("--skip-inprocess", action="store_true", help="no in-process measurement")
    p.add_argument("--skip-load", action="store_true", help="no gunicorn load run")
    inproc = p.add_argument_group("in process")
    inproc.add_argument("--requests", type=int, default=200, help="measured requests per page")
    inproc.add_argument("--warmup-requests", type=int, default=20, help="warm-up requests")
    inproc.add_argument("--rounds", type=int, default=4, help="rounds over all pages")
    load = p.add_argument_group("under load (gunicorn)")
    load.add_argument("--duration", type=float, default=15.0, help="seconds per endpoint")
    load.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds per endpoint")
    load.add_argument("--concurrency", type=int, default=8, help="client threads (connections)")
    load.add_argument(
        "--max-requests", type=int, default=200_000, help="upper bound of requests per endpoint"
    )
    load.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    load.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    args = p.parse_args(argv)
    if args.concurrency < 1 or args.duration <= 0 or args.max_requests < 1:
        p.error("--concurrency, --duration and --max-requests must be positive")
    if args.requests < 1 or args.rounds < 1 or args.warmup_requests < 0:
        p.error("--requests and --rounds must be positive, --warmup-requests not negative")
    try:
        args.scales = sorted({int(n) for n in args.scales.split(",") if n.strip()})
    except ValueError:
        p.error("--scales takes numbers, e.g. 1000,100000")
    if not args.scales or min(args.scales) < 1:
        p.error("--scales needs at least one positive number")
    if args.database_url and len(args.scales) != 1:
        p.error("--database-url is one database: give one --scales value with it")
    try:
        args.pages = select(args.only)
    except ValueError as exc:
        p.error(str(exc))
    return args


# --- preparing the databases ------------------------------------------------------------------


@dataclass
class Database:
    scale: int
    url: str

    @property
    def name(self) -> str:
        return scale_name(self.scale)


def databases(args: argparse.Namespace) -> list[Database]:
    if args.database_url:
        return [Database(args.scales[0], args.database_url)]
    if args.sqlite:
        return [
            Database(n, f"sqlite:///{args.var_dir / f'bench-{scale_name(n)}.sqlite3'}")
            for n in args.scales
        ]
    return [Database(n, f"{POSTGRES_SERVER}/rt_bench{scale_name(n)}") for n in args.scales]


def bench_env(args: argparse.Namespace, database: Database) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database.url,
        ROUNDTABLE_VAR_DIR=str(args.var_dir),
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="False",
        ALLOWED_HOSTS=f"{LOOPBACK},testserver",
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


def create_if_missing(url: str) -> None:
    """Create the PostgreSQL database of `url` (on the loopback server) if it does not exist."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.hostname not in (LOOPBACK, "localhost"):
        raise RuntimeError(
            f"the benchmark only uses a database on {LOOPBACK}, not {parts.hostname}"
        )
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"Creating the database {name} …")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare_database(args: argparse.Namespace, database: Database, env: dict[str, str]) -> dict:
    """Create, migrate, and generate a population unless the database already holds one."""
    print(f"\n=== {database.name}: {redact(database.url)}  (keys in {args.var_dir})")
    args.var_dir.mkdir(parents=True, exist_ok=True)
    if database.url.startswith("sqlite:///"):
        Path(database.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    elif database.url.startswith(("postgres://", "postgresql://")):
        create_if_missing(database.url)
    roundtable(env, "migrate", "--no-input", "--verbosity", "0")
    try:
        info = json.loads(
            roundtable(env, "generate", "--logins", "--json", capture=True, quiet=True)
        )
        print(f"Using the generated run {info['tag']} already in the database.")
    except RuntimeError:
        print(f"Generating {database.scale} citizens with content (once; later runs reuse them) …")
        started = time.monotonic()
        info = json.loads(
            roundtable(env, "generate", "--scale", str(database.scale), "--json", capture=True)
        )
        print(
            f"Generation took {time.monotonic() - started:.1f} s "
            f"({info['seconds']:.1f} s inside `roundtable generate`)"
        )
    if info["citizens_in_database"] < database.scale:
        print(
            f"Note: the database holds {info['citizens_in_database']} citizens, fewer than "
            f"{database.scale}; point --database-url at another database for another scale."
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
                status: int | str
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
    base = next((r.throughput for r in results if r.key == FLOOR), None)
    head = (
        f"{'endpoint':<42} {'requests':>9} {'errors':>7} {'req/s':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'× floor':>8}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        ratio = f"{base / r.throughput:.2f}" if base and r.throughput else "-"
        lines.append(
            f"{r.label:<42} {r.requests:>9} {r.errors:>7} {r.throughput:>8.1f} "
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


def inprocess(args: argparse.Namespace, env: dict[str, str], *, targets_only: bool) -> dict:
    """bench/inprocess.py in a child process (Django is set up once per database)."""
    command = [
        sys.executable,
        str(ROOT / "bench" / "inprocess.py"),
        "--requests",
        str(args.requests),
        "--warmup",
        str(args.warmup_requests),
        "--rounds",
        str(args.rounds),
        "--only",
        ",".join(p.key for p in args.pages),
    ]
    if targets_only:
        command.append("--targets-only")
    # A long measurement must keep its connection: the backend's CPU is read by its pid.
    child_env = {**env, "DB_CONN_MAX_AGE": "3600"}
    result = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        command, cwd=ROOT, env=child_env, check=False, text=True, stdout=subprocess.PIPE
    )
    if result.returncode != 0:
        raise RuntimeError(f"the in-process measurement failed ({result.returncode})")
    return json.loads(result.stdout)


def costs_of(measured: dict) -> list[Cost]:
    return [Cost(**{k: v for k, v in c.items() if k != "total_ms"}) for c in measured["costs"]]


def load(
    args: argparse.Namespace, env: dict[str, str], targets: dict, password: str
) -> list[Result]:
    """Every page (and /healthz) under load on gunicorn."""
    server = Server(args, env)
    try:
        server.wait_ready()
        print(
            f"gunicorn on http://{LOOPBACK}:{server.port}/  workers={args.workers} "
            f"threads={args.threads}  (log: {server.log_path})"
        )
        username = targets["username"]
        session = page_login(server.port, username, password)
        token = api_token(server.port, username, password)
        cookie = {"Cookie": session.cookie_header()}
        bearer = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        endpoints = [Endpoint("healthz", "GET /healthz (bare, no DB)", ["/healthz"], {})]
        for page in args.pages:
            paths = page.paths(citizen_ids=targets["citizen_ids"], team_id=targets["team_id"])
            label = f"{page.label} ({page.path.format(citizen='<id>', team='<id>')})"
            endpoints.append(Endpoint(page.key, label, paths, bearer if page.api else cookie))
        print(
            f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, {versions()}; "
            f"concurrency {args.concurrency}, {args.warmup:g} s warm-up + {args.duration:g} s "
            f"per endpoint"
        )
        results = []
        for endpoint in endpoints:
            options = {"concurrency": args.concurrency, "max_requests": args.max_requests}
            if args.warmup > 0:
                drive(server.port, endpoint, seconds=args.warmup, **options)
            result = drive(server.port, endpoint, seconds=args.duration, **options)
            results.append(result)
            print(
                f"  {endpoint.label:<42} {result.throughput:8.1f} req/s"
                + (f"  errors {dict(result.statuses)}" if result.errors else "")
            )
        if any(r.errors for r in results):
            print(f"\nSome requests failed; see {server.log_path}:\n{server.log_tail(10)}")
        return results
    finally:
        server.stop()


def run(args: argparse.Namespace) -> int:
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, {versions()}")
    measured: dict[str, list[Cost]] = {}
    loaded: dict[str, list[Result]] = {}
    failed = False
    for database in databases(args):
        env = bench_env(args, database)
        info = prepare_database(args, database, env)
        found = inprocess(args, env, targets_only=args.skip_inprocess)
        targets = found["targets"]
        print(
            f"Signed in as {targets['username']} (care manager, {targets['open_courses']} open "
            f"courses; {len(targets['citizen_ids'])} citizens with content for the citizen's "
            f"pages); {info['citizens_in_database']} citizens in the database"
            + (f", {found['database_size']}" if "database_size" in found else "")
        )
        if not args.skip_inprocess:
            measured[database.name] = costs_of(found)
            print(
                f"\nIn process, {database.name}: per request, mean of {args.requests} after "
                f"{args.warmup_requests} warm-up; database CPU from {found['db_source']}"
            )
            print(cost_table(measured[database.name]))
        if not args.skip_load:
            print(f"\nUnder load, {database.name}:")
            loaded[database.name] = load(args, env, targets, info["password"])
            print()
            print(table(loaded[database.name]))
            failed = failed or any(r.errors for r in loaded[database.name])

    names = list(measured)
    if len(names) > 1:
        small, large = names[0], names[-1]
        print(f"\nGrowth of the in-process cost per request, {large} over {small}:")
        print(growth_table(measured[small], measured[large], (small, large)))
    if len(databases(args)) > 1:
        print("\n=== Summary")
        for name, costs in measured.items():
            print(f"\nIn process, {name}:\n{cost_table(costs)}")
        for name, results in loaded.items():
            print(f"\nUnder load, {name} (concurrency {args.concurrency}):\n{table(results)}")
        if len(names) > 1:
            print(f"\nGrowth, {names[-1]} over {names[0]}:")
            print(growth_table(measured[names[0]], measured[names[-1]], (names[0], names[-1])))
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
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
