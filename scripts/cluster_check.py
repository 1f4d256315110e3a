"""The multi-machine topology, started and checked on this machine (`make cluster-check`).

On 127.0.0.1, in a temporary directory and on free ports: a PostgreSQL 15 primary and a
streaming replica (initdb, pg_basebackup -R), PgBouncer in transaction pooling in front of both,
two gunicorn app servers (deploy/gunicorn.conf.py) with DATABASE_REPLICA_URLS set, and HAProxy
(deploy/haproxy.cfg) in front of them. It generates a population (`roundtable generate`), then
runs each check of issue 14 and prints PASS or FAIL per check, and the throughput through the
balancer with two app servers beside one. Everything it started is stopped and the directory
removed however it ends (Ctrl-C and SIGTERM included). Exit status 1 if any check failed.

Run through `scripts/cluster-check`, which installs the Debian packages when missing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import CSRF_INPUT, Endpoint, Session, api_token, drive, page_login  # noqa: E402

LOOPBACK = "127.0.0.1"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
VENV_BIN = ROOT / ".venv" / "bin"
PASSWORD = os.environ.get("ROUNDTABLE_DEMO_PASSWORD", "roundtable-demo")
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def wait_for(what: str, test: Callable[[], bool], timeout: float = 60.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if test():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")


class Cluster:
    """Every process the check starts, and how to stop each of them."""

    def __init__(self, scale: int, keep: bool) -> None:
        self.scale = scale
        self.keep = keep
        self.tmp = Path(tempfile.mkdtemp(prefix="rt-cluster-"))
        self.tmp.chmod(0o755)
        self.as_root = os.geteuid() == 0
        self.pg_user = "postgres" if self.as_root else None
        self.ports = {
            name: free_port()
            for name in ("primary", "replica", "bouncer", "app1", "app2", "balancer")
        }
        self.procs: dict[str, subprocess.Popen] = {}
        self.pg_dirs = {"primary": self.tmp / "primary", "replica": self.tmp / "replica"}
        self.var = self.tmp / "var"
        self.var.mkdir()
        self.owned(self.tmp)  # initdb and pg_basebackup create their directories here

    # --- helpers -------------------------------------------------------------------------------

    def _pg_kwargs(self) -> dict:
        kwargs: dict = {"cwd": self.tmp, "env": {**os.environ, "HOME": str(self.tmp)}}
        if self.pg_user:
            kwargs.update(user=self.pg_user, group=self.pg_user, extra_groups=[])
        return kwargs

    def pg(self, *command: str, **extra) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 (fixed programs, our arguments)
            list(command), check=True, capture_output=True, text=True, **self._pg_kwargs(), **extra
        )

    def owned(self, path: Path) -> Path:
        """A file or directory the postgres user may write."""
        if self.pg_user:
            shutil.chown(path, self.pg_user, self.pg_user)
        return path

    def psql(self, server: str, sql: str, database: str = "postgres") -> str:
        out = self.pg(
            str(PG_BIN / "psql"),
            "-h",
            LOOPBACK,
            "-p",
            str(self.ports[server]),
            "-U",
            "postgres",
            "-d",
            database,
            "-At",
            "-c",
            sql,
        )
        return out.stdout.strip()

    def url(self, target: str, database: str = "roundtable") -> str:
        return f"postgres://postgres@{LOOPBACK}:{self.ports[target]}/{database}"

    def app_env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "DB_"))}
        env.update(
            ROUNDTABLE_VAR_DIR=str(self.var),
            DEBUG="False",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            LOG_LEVEL="WARNING",
            DATABASE_URL=self.url("primary"),
        )
        env.update(extra)
        return env

    def roundtable(self, *args: str, env: dict[str, str] | None = None) -> str:
        out = subprocess.run(  # noqa: S603
            [str(VENV_BIN / "roundtable"), *args],
            cwd=ROOT,
            env=env or self.app_env(),
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            raise RuntimeError(f"roundtable {' '.join(args)} failed:\n{out.stderr[-3000:]}")
        return out.stdout

    # --- PostgreSQL ----------------------------------------------------------------------------

    def start_primary(self) -> None:
        data = self.pg_dirs["primary"]
        self.pg(
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        conf = (ROOT / "deploy" / "postgresql.conf").read_text()
        conf += (
            f"\nport = {self.ports['primary']}\nlisten_addresses = '{LOOPBACK}'\n"
            f"unix_socket_directories = '{self.tmp}'\n"
            # A throwaway cluster on loopback: no need to wait for the disk.
            "fsync = off\nfull_page_writes = off\nshared_buffers = 128MB\nwal_keep_size = 256MB\n"
        )
        with (data / "postgresql.conf").open("a") as fh:
            fh.write(conf)
        self.pg_ctl("primary", "start")

    def pg_ctl(self, server: str, action: str, mode: str = "fast") -> None:
        data = self.pg_dirs[server]
        command = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-t", "60"]
        if action == "start":
            command += ["-l", str(self.owned_log(f"{server}.log")), "start"]
        else:
            command += ["-m", mode, action]
        self.pg(*command)

    def owned_log(self, name: str) -> Path:
        path = self.tmp / name
        path.touch()
        return self.owned(path)

    def start_replica(self) -> None:
        data = self.pg_dirs["replica"]
        self.pg(
            str(PG_BIN / "pg_basebackup"),
            "-h",
            LOOPBACK,
            "-p",
            str(self.ports["primary"]),
            "-U",
            "postgres",
            "-D",
            str(data),
            "-R",
            "-X",
            "stream",
            "--checkpoint=fast",
        )
        with (data / "postgresql.auto.conf").open("a") as fh:
            fh.write(f"port = {self.ports['replica']}\n")
        self.pg_ctl("replica", "start")

    def replica_caught_up(self) -> bool:
        target = self.psql("primary", "SELECT pg_current_wal_lsn()")
        return self.psql("replica", f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t"

    # --- PgBouncer, app servers, HAProxy -------------------------------------------------------

    def write_bouncer_config(self) -> Path:
        users = self.tmp / "userlist.txt"
        users.write_text('"postgres" ""\n')
        ini = self.tmp / "pgbouncer.ini"
        # The settings of deploy/pgbouncer.ini, with loopback addresses and trust.
        ini.write_text(
            "[databases]\n"
            f"roundtable = host={LOOPBACK} port={self.ports['primary']} dbname=roundtable\n"
            f"roundtable_replica1 = host={LOOPBACK} port={self.ports['replica']} "
            "dbname=roundtable\n"
            "[pgbouncer]\n"
            f"listen_addr = {LOOPBACK}\nlisten_port = {self.ports['bouncer']}\n"
            "unix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {users}\n"
            f"logfile = {self.owned_log('pgbouncer.log')}\n"
            "pool_mode = transaction\nmax_client_conn = 500\ndefault_pool_size = 10\n"
            "reserve_pool_size = 2\nserver_connect_timeout = 2\nserver_login_retry = 1\n"
            "query_wait_timeout = 10\nignore_startup_parameters = extra_float_digits,options\n"
            "admin_users = postgres\n"
        )
        return ini

    def start_bouncer(self) -> None:
        ini = self.tmp / "pgbouncer.ini"
        if not ini.exists():
            ini = self.write_bouncer_config()
        kwargs = self._pg_kwargs()
        self.procs["pgbouncer"] = subprocess.Popen(  # noqa: S603
            [shutil.which("pgbouncer") or "/usr/sbin/pgbouncer", str(ini)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **kwargs,
        )

        def listening() -> bool:
            with socket.create_connection((LOOPBACK, self.ports["bouncer"]), timeout=1):
                return True

        wait_for("PgBouncer", listening, 20)

    def app_server_env(self, name: str) -> dict[str, str]:
        return self.app_env(
            ROUNDTABLE_BIND=f"{LOOPBACK}:{self.ports[name]}",
            WEB_CONCURRENCY="2",
            GUNICORN_THREADS="2",
            GUNICORN_ERROR_LOG=str(self.tmp / f"{name}.log"),
            DATABASE_URL=self.url("bouncer"),
            DATABASE_REPLICA_URLS=self.url("bouncer", "roundtable_replica1"),
            DATABASE_POOLING="transaction",
            DATABASE_REPLICA_HEADER="1",
            DATABASE_REPLICA_RETRY="2",
            DB_CONNECT_TIMEOUT="2",
        )

    def start_app(self, name: str) -> None:
        self.procs[name] = subprocess.Popen(  # noqa: S603
            [
                str(VENV_BIN / "gunicorn"),
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=self.app_server_env(name),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"{name} ready", lambda: self.status(name, "/healthz/ready") == 200, 60)

    def stop_app(self, name: str) -> None:
        process = self.procs.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def start_balancer(self) -> None:
        env = {
            **os.environ,
            "RT_LB_BIND": f"{LOOPBACK}:{self.ports['balancer']}",
            "RT_APP1": f"{LOOPBACK}:{self.ports['app1']}",
            "RT_APP2": f"{LOOPBACK}:{self.ports['app2']}",
            "RT_HAPROXY_SOCKET": str(self.tmp / "haproxy.sock"),
        }
        self.procs["haproxy"] = subprocess.Popen(  # noqa: S603
            [shutil.which("haproxy") or "/usr/sbin/haproxy", "-db", "-f", "deploy/haproxy.cfg"],
            cwd=ROOT,
            env=env,
            stdout=open(self.tmp / "haproxy.log", "w"),  # noqa: SIM115 (closed with the process)
            stderr=subprocess.STDOUT,
        )
        wait_for(
            "both app servers UP in HAProxy", lambda: self.servers_up() == {"app1", "app2"}, 120
        )

    def haproxy(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(self.tmp / "haproxy.sock"))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def servers_up(self) -> set[str]:
        up = set()
        for line in self.haproxy("show stat").splitlines():
            cells = line.split(",")
            if (
                len(cells) > 17
                and cells[0] == "web"
                and cells[1].startswith("app")
                and cells[17] == "UP"
            ):
                up.add(cells[1])
        return up

    def status(self, name: str, path: str) -> int:
        return Session(self.ports[name]).request("GET", path)[0]

    # --- the whole ----------------------------------------------------------------------------

    def start(self) -> dict:
        step("PostgreSQL primary", self.start_primary)
        self.psql("primary", "CREATE DATABASE roundtable")
        step("migrations", lambda: self.roundtable("migrate", "--no-input", "--verbosity", "0"))
        info: dict = {}

        def generate() -> None:
            info.update(
                json.loads(self.roundtable("generate", "--scale", str(self.scale), "--json"))
            )

        step(f"a generated population of {self.scale} citizens", generate)
        step("streaming replica (pg_basebackup -R)", self.start_replica)
        wait_for("the replica to catch up", self.replica_caught_up)
        step("PgBouncer (transaction pooling)", self.start_bouncer)
        step("app server 1", lambda: self.start_app("app1"))
        step("app server 2", lambda: self.start_app("app2"))
        step("HAProxy", self.start_balancer)
        return info

    def stop(self) -> None:
        for name in ("haproxy", "app1", "app2"):
            process = self.procs.get(name)
            if process is None or process.poll() is not None:
                continue
            if name == "haproxy":
                process.terminate()
                process.wait(timeout=10)
            else:
                self.stop_app(name)
        bouncer = self.procs.get("pgbouncer")
        if bouncer is not None and bouncer.poll() is None:
            bouncer.kill()
            bouncer.wait()
        for server in ("replica", "primary"):
            if (self.pg_dirs[server] / "postmaster.pid").exists():
                with contextlib.suppress(subprocess.CalledProcessError):
                    self.pg_ctl(server, "stop", mode="immediate")
        if self.keep:
            print(f"Kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, int, float]]:
    """pid → (parent pid, process group, CPU seconds so far) of every process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        table[int(entry.name)] = (int(fields[1]), int(fields[2]), cpu)
    return table


def cpu_by_tier(cluster: Cluster) -> dict[str, float]:
    """CPU seconds used so far by the app servers, PostgreSQL (both servers), PgBouncer and
    HAProxy: a measure of cost that other work on the machine does not distort."""
    table = _processes()
    postmasters = set()
    for server in ("primary", "replica"):
        with contextlib.suppress(OSError, ValueError):
            pid_file = cluster.pg_dirs[server] / "postmaster.pid"
            postmasters.add(int(pid_file.read_text().split()[0]))
    apps = {p.pid for name, p in cluster.procs.items() if name.startswith("app")}
    tiers = {"app": 0.0, "postgres": 0.0, "pgbouncer": 0.0, "haproxy": 0.0}
    singles = {cluster.procs[n].pid: n for n in ("pgbouncer", "haproxy") if n in cluster.procs}
    for pid, (ppid, group, cpu) in table.items():
        if group in apps:
            tiers["app"] += cpu
        elif pid in postmasters or ppid in postmasters:
            tiers["postgres"] += cpu
        elif pid in singles:
            tiers[singles[pid]] += cpu
    return tiers


def step(label: str, action: Callable[[], object]) -> None:
    started = time.monotonic()
    print(f"  starting {label} …", end="", flush=True)
    action()
    print(f" {time.monotonic() - started:.1f} s", flush=True)


# --- the checks ---------------------------------------------------------------------------------

RESULTS: list[tuple[str, bool, str]] = []


def report(name: str, ok: bool, detail: str) -> None:
    RESULTS.append((name, ok, detail))
    print(f"{'PASS' if ok else 'FAIL'}  {name}\n      {detail}", flush=True)


def check(name: str) -> Callable[[Callable[..., str]], Callable[..., None]]:
    """A check returns its detail line, or raises AssertionError (FAIL) with the reason."""

    def wrap(function: Callable[..., str]) -> Callable[..., None]:
        def run(*args, **kwargs) -> None:
            try:
                report(name, True, function(*args, **kwargs))
            except Exception as exc:  # noqa: BLE001 (any failure is this check's FAIL)
                report(name, False, f"{type(exc).__name__}: {exc}")

        return run

    return wrap


def read_from(headers: dict[str, str]) -> str:
    """Where the app server read the page from (HAProxy passes header names in lower case)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    return lowered.get("x-roundtable-read-from", "?")


def csrf_of(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def journal_write(session: Session, citizen: str, data_class: str, body: str) -> int:
    status, _, html = session.request("GET", f"/citizens/{citizen}/journal/")
    if status != 200:
        return status
    form = urllib.parse.urlencode(
        {"data_class": data_class, "body": body, "csrfmiddlewaretoken": csrf_of(html)}
    )
    status, _, _ = session.request(
        "POST",
        f"/citizens/{citizen}/journal/new/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{LOOPBACK}:{session.port}/citizens/{citizen}/journal/",
        },
    )
    return status


class Checks:
    def __init__(self, cluster: Cluster, info: dict) -> None:
        self.cluster = cluster
        logins = {row["role"]: row["username"] for row in info["logins"]}
        self.care_manager = logins["care_manager"]
        self.consultant = logins["employment_consultant"]
        self.lb = cluster.ports["balancer"]
        self.session = page_login(self.lb, self.care_manager, PASSWORD)
        status, _, html = self.session.request("GET", "/citizens/")
        assert status == 200, f"caseload answered {status}"
        self.citizens = list(dict.fromkeys(re.findall(rf"/citizens/({UUID})/", html)))
        assert self.citizens, "the care manager's caseload is empty"

    @check("a professional's journey through the balancer")
    def journey(self) -> str:
        s = page_login(self.lb, self.care_manager, PASSWORD)
        citizen = self.citizens[0]
        for path in ("/citizens/", f"/citizens/{citizen}/", f"/citizens/{citizen}/journal/"):
            status = s.request("GET", path)[0]
            assert status == 200, f"GET {path} answered {status}"
        body = f"Cluster check entry {uuid.uuid4().hex[:12]}"
        status = journal_write(s, citizen, "health_summary", body)
        assert status == 302, f"writing the journal entry answered {status}"
        status, headers, html = s.request("GET", f"/citizens/{citizen}/journal/")
        assert status == 200 and body in html, "the entry just written is not on the page"
        return (
            "signed in, caseload, citizen page, journal, wrote an entry and read it back at once "
            f"(read from the {read_from(headers)})"
        )

    @check("revoked consent refused at once through the other app server")
    def consent(self) -> str:
        app1, app2 = self.cluster.ports["app1"], self.cluster.ports["app2"]
        token = api_token(app1, self.consultant, PASSWORD)
        bearer = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

        def api(port: int, method: str, path: str, payload: dict | None = None) -> tuple:
            status, _, text = Session(port).request(
                method, path, None if payload is None else json.dumps(payload), bearer
            )
            return status, (json.loads(text) if text.startswith(("{", "[")) else text)

        status, page = api(app1, "GET", "/api/v1/citizens?limit=50")
        assert status == 200, f"citizen list answered {status}"
        citizens = page["items"]
        oral = {"given_via": "oral", "witness_name": "Cluster Check"}
        permit = {
            **oral,
            "provisions": [
                {
                    "type": "permit",
                    "recipient_kind": "sector",
                    "recipient": "employment",
                    "data_classes": ["diagnosis"],
                }
            ],
        }
        for citizen in citizens:
            cid = citizen["id"]
            status, consent = api(app1, "POST", f"/api/v1/citizens/{cid}/consents", permit)
            assert status == 201, f"recording the consent answered {status}: {consent}"
            status, seen = api(app2, "GET", f"/api/v1/citizens/{cid}")
            if status == 200 and seen["courses"] and seen["courses"][0]["diagnosis_group"]:
                break
        else:
            raise AssertionError("no citizen of the consultant's with a diagnosis group to share")
        status, revoked = api(
            app1, "POST", f"/api/v1/citizens/{cid}/consents/{consent['id']}/revoke", oral
        )
        assert status == 201, f"revoking answered {status}: {revoked}"
        started = time.monotonic()
        status, after = api(app2, "GET", f"/api/v1/citizens/{cid}")
        took = time.monotonic() - started
        assert status == 200, f"reading again answered {status}"
        assert after["courses"][0]["diagnosis_group"] is None, "the diagnosis is still shown"
        return (
            "consent recorded and revoked through app server 1; the very next read through app "
            f"server 2 ({took * 1000:.0f} ms later) no longer shows the diagnosis"
        )

    @check("an app server stopped mid-load: the balancer routes around it")
    def app_server_stopped(self) -> str:
        cluster = self.cluster
        cookie = {"Cookie": self.session.cookie_header()}
        citizen = self.citizens[0]
        endpoint = Endpoint(
            "pages",
            "caseload and citizen pages",
            ["/citizens/", f"/citizens/{citizen}/", f"/citizens/{citizen}/journal/"],
            cookie,
        )
        result: dict = {}
        load = threading.Thread(
            target=lambda: result.update(
                r=drive(self.lb, endpoint, seconds=8, concurrency=4, max_requests=10**6)
            )
        )
        writer = page_login(self.lb, self.care_manager, PASSWORD)
        acknowledged, refused = [], Counter()
        load.start()
        started = time.monotonic()
        stopped_at = None
        stopper = threading.Thread()
        while time.monotonic() - started < 8:
            if stopped_at is None and time.monotonic() - started > 2.5:
                stopped_at = time.monotonic() - started
                stopper = threading.Thread(target=cluster.stop_app, args=("app2",))
                stopper.start()
            body = f"Written under load {uuid.uuid4().hex[:12]}"
            try:
                status = journal_write(writer, citizen, "health_summary", body)
            except OSError as exc:
                status = type(exc).__name__
            if status == 302:
                acknowledged.append(body)
            else:
                refused[status] += 1
            time.sleep(0.2)
        load.join()
        run = result["r"]
        stopper.join(timeout=40)
        token = api_token(self.lb, self.care_manager, PASSWORD)
        status, _, text = Session(self.lb).request(
            "GET",
            f"/api/v1/citizens/{citizen}/journal?limit=200",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert status == 200, f"reading the journal back answered {status}"
        stored = {entry.get("body") for entry in json.loads(text)}
        lost = [b for b in acknowledged if b not in stored]
        detail = (
            f"app server 2 stopped (SIGTERM) {stopped_at:.1f} s into an 8 s load: "
            f"{run.requests} GETs, {run.errors} failed {dict(run.statuses)}; "
            f"{len(acknowledged)} writes acknowledged, {len(lost)} lost"
            + (f", {sum(refused.values())} refused {dict(refused)}" if refused else "")
        )
        assert run.errors == 0 and not lost, detail
        cluster.start_app("app2")
        wait_for("app server 2 back in HAProxy", lambda: cluster.servers_up() == {"app1", "app2"})
        return detail + "; app server 2 started again and back in the balancer"

    @check("replica stopped: reads fall back to the primary; started: reads return to it")
    def replica_stopped(self) -> str:
        cluster, s = self.cluster, self.session
        path = f"/citizens/{self.citizens[0]}/journal/"
        cluster.pg_ctl("replica", "stop", mode="fast")
        sources, statuses = Counter(), Counter()
        for _ in range(20):
            status, headers, _ = s.request("GET", path)
            statuses[status] += 1
            sources[read_from(headers)] += 1
        assert statuses == {200: 20}, f"with the replica down: {dict(statuses)}"
        assert set(sources) == {"primary"}, f"with the replica down, read from {dict(sources)}"
        cluster.pg_ctl("replica", "start")
        wait_for("the replica to catch up", cluster.replica_caught_up)
        started = time.monotonic()
        back = Counter()

        def on_replica() -> bool:
            status, headers, _ = s.request("GET", path)
            back[status] += 1
            return read_from(headers) == "replica"

        wait_for("reads to return to the replica", on_replica, 30)
        assert set(back) == {200}, f"while the replica came back: {dict(back)}"
        return (
            f"replica down: 20 of 20 reads answered 200 from the primary; replica started: "
            f"reads back on it {time.monotonic() - started:.1f} s after it caught up, no error"
        )

    @check("PgBouncer killed (-9): fast 503s, recovery without restarting the app servers")
    def bouncer_killed(self) -> str:
        cluster, s = self.cluster, self.session
        pids = {name: cluster.procs[name].pid for name in ("app1", "app2")}
        path = f"/citizens/{self.citizens[0]}/"
        cluster.procs["pgbouncer"].kill()
        cluster.procs["pgbouncer"].wait()
        statuses, slowest = Counter(), 0.0
        until = time.monotonic() + 5
        while time.monotonic() < until:
            for port in (self.lb, cluster.ports["app1"], cluster.ports["app2"]):
                started = time.monotonic()
                status = Session(port, dict(s.cookies)).request("GET", path)[0]
                slowest = max(slowest, time.monotonic() - started)
                statuses[status] += 1
            time.sleep(0.1)
        assert set(statuses) == {503}, f"while PgBouncer was down: {dict(statuses)}"
        assert slowest < 3, f"the slowest answer took {slowest:.1f} s"
        cluster.start_bouncer()
        took = wait_for("pages through the balancer", lambda: s.request("GET", path)[0] == 200, 30)
        wait_for("both servers UP", lambda: cluster.servers_up() == {"app1", "app2"}, 30)
        for port in (cluster.ports["app1"], cluster.ports["app2"]):
            status = Session(port, dict(s.cookies)).request("GET", path)[0]
            assert status == 200, f"app server on {port} answered {status} after recovery"
        same = all(cluster.procs[name].pid == pid for name, pid in pids.items())
        assert same, "an app server was restarted"
        return (
            f"down: {sum(statuses.values())} requests (balancer and both app servers), all 503, "
            f"slowest {slowest * 1000:.0f} ms; PgBouncer started again: pages answer 200 after "
            f"{took:.1f} s, same app server processes, still signed in"
        )

    @check("roundtable audit verify on the primary: intact")
    def audit_verify(self) -> str:
        out = self.cluster.roundtable("audit", "verify")
        return out.strip().splitlines()[-1] if out.strip() else "exit status 0"

    def throughput(self, seconds: float) -> str:
        """Pages through the balancer with two app servers, then with one (app2 disabled)."""
        cluster = self.cluster
        cookie = {"Cookie": self.session.cookie_header()}
        pages = [
            Endpoint("floor", "floor", ["/floor/"], cookie),
            Endpoint("caseload", "caseload", ["/citizens/"], cookie),
            Endpoint(
                "citizen", "citizen page", [f"/citizens/{c}/" for c in self.citizens[:10]], cookie
            ),
        ]
        options = {"concurrency": 8, "max_requests": 10**6}
        measured: dict[str, dict] = {}
        for servers in (2, 1):
            if servers == 1:
                cluster.haproxy("disable server web/app2")
                time.sleep(1)
            for page in pages:
                drive(self.lb, page, seconds=2, **options)
                before = cpu_by_tier(cluster)
                result = drive(self.lb, page, seconds=seconds, **options)
                after = cpu_by_tier(cluster)
                cost = {k: (after[k] - before[k]) / max(1, len(result.latencies)) for k in after}
                measured.setdefault(page.key, {})[servers] = (result, cost)
        cluster.haproxy("enable server web/app2")
        lines = [
            f"through HAProxy, 8 client threads, {seconds:g} s per page (after 2 s warm-up); "
            f"{os.cpu_count()} cores shared by everything on the machine (the load generator, "
            "HAProxy, PgBouncer, both PostgreSQL servers, the app servers with 2 workers x 2 "
            "threads each, and whatever else runs)",
            f"  {'page':<14}{'2 servers':>10}{'p95 ms':>8}{'1 server':>10}{'p95 ms':>8}"
            f"{'2:1':>6}{'errors':>7}   CPU ms per request: app  postgres  pgbouncer  haproxy",
        ]
        for page in pages:
            (two, cost), (one, _) = measured[page.key][2], measured[page.key][1]
            ratio = two.throughput / one.throughput if one.throughput else float("nan")
            lines.append(
                f"  {page.label:<14}{two.throughput:>10.1f}{two.percentile_ms(95):>8.0f}"
                f"{one.throughput:>10.1f}{one.percentile_ms(95):>8.0f}{ratio:>6.2f}"
                f"{two.errors + one.errors:>7}   {'':>19}{cost['app'] * 1000:>4.1f}"
                f"{cost['postgres'] * 1000:>10.1f}{cost['pgbouncer'] * 1000:>11.2f}"
                f"{cost['haproxy'] * 1000:>9.2f}"
            )
        lines.append(
            "  (req/s of successful responses; CPU ms per request measured with two app servers, "
            "from /proc: 1000 / app ms = requests per second per app-server core)"
        )
        return "\n".join(lines)

    def audit_size(self) -> str:
        rows, size, width = self.cluster.psql(
            "primary",
            "SELECT count(*), pg_total_relation_size('audit_auditevent'),"
            " coalesce(avg(pg_column_size(a.*)), 0)::int FROM audit_auditevent a",
            "roundtable",
        ).split("|")
        per_row = int(size) / max(1, int(rows))
        return (
            f"audit_auditevent: {rows} events, {int(size) / 2**20:.1f} MiB with indexes "
            f"({per_row:.0f} bytes per event, fixed page overhead included); "
            f"{width} bytes per row on average without indexes"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1000, help="citizens to generate")
    parser.add_argument("--load-seconds", type=float, default=10, help="throughput run length")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    cluster = Cluster(args.scale, args.keep)

    def terminate(signum, frame) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    started = time.monotonic()
    print(f"Cluster check in {cluster.tmp} (ports {cluster.ports})")
    try:
        info = cluster.start()
        checks = Checks(cluster, info)
        print()
        checks.journey()
        checks.consent()
        checks.app_server_stopped()
        checks.replica_stopped()
        checks.bouncer_killed()
        checks.audit_verify()
        print("\nMeasured (not checks):")
        try:
            print(checks.audit_size())
            print(checks.throughput(args.load_seconds))
        except Exception as exc:  # noqa: BLE001
            print(f"  not measured: {exc}")
    except KeyboardInterrupt:
        print("\nInterrupted.")
        return 130
    except Exception as exc:  # noqa: BLE001 (the setup failed: say where, clean up)
        report("setting up the cluster", False, f"{type(exc).__name__}: {exc}")
        for name in ("primary.log", "replica.log", "pgbouncer.log", "app1.log", "app2.log"):
            path = cluster.tmp / name
            if path.exists() and path.stat().st_size:
                print(f"--- {name} (last lines)\n" + "\n".join(path.read_text().splitlines()[-8:]))
    finally:
        cluster.stop()
    failed = [name for name, ok, _ in RESULTS if not ok]
    print(
        f"\n{len(RESULTS) - len(failed)} of {len(RESULTS)} checks passed "
        f"in {time.monotonic() - started:.0f} s"
        + (f"; FAILED: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
