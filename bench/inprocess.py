"""In-process cost per request: Python CPU + database CPU + queries, page by page.

Run by `bench/run.py` once per database (as `python bench/inprocess.py`, with DATABASE_URL and
ROUNDTABLE_VAR_DIR set; JSON on stdout, progress on stderr), and imported by the smoke test in
`tests/test_bench.py`.

For each page of `bench/pages.py`, signed in as a generated care manager who has courses with
content (the team page: their own team; the API: a bearer token and no session), through
Django's test client — the whole middleware stack and template rendering, no HTTP, no server:

- **py ms**: `time.thread_time()` of this thread around the requests: the view, the ORM, the
  templates, the middleware, and on SQLite the database itself (it runs in this process);
- **db ms**: on PostgreSQL, the CPU time of the connection's server process
  (`pg_backend_pid()`), read from /proc/<pid>/schedstat (nanoseconds) or, where the kernel keeps
  no schedstats, from utime+stime in /proc/<pid>/stat (clock ticks). Same machine only; on
  SQLite there is no separate figure (it is part of py ms);
- **queries**: statements sent through Django's connection per request.

Each page gets a warm-up, then `requests` measured requests split into rounds that visit every
page in turn, so that a burst of other work on the machine spreads over all pages instead of
landing on one. Pages for a citizen rotate over up to ten of the care manager's citizens.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make `bench.pages` importable
    sys.path.insert(0, str(ROOT))

from bench.pages import FLOOR, Page, select  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class Targets:
    """Who signs in and what they look at."""

    tag: str
    username: str
    user_id: str
    team_id: str
    citizen_ids: list[str]
    open_courses: int


@dataclass
class Cost:
    key: str
    label: str
    requests: int
    queries: float
    py_ms: float
    db_ms: float | None

    @property
    def total_ms(self) -> float:
        return self.py_ms + (self.db_ms or 0.0)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def choose_targets(*, tag: str | None = None, citizens: int = 10) -> Targets:
    """A generated care manager with content on their caseload: the run's sample care manager
    (first team, first by username) when they have any, else the next one who has."""
    from roundtable.citizens.models import OPEN_STATUSES, Course
    from roundtable.demo.generate import latest_run_tag, sample_logins
    from roundtable.organisations.models import Membership, Professional, Role

    tag = tag or latest_run_tag()
    if tag is None:
        raise RuntimeError("nothing has been generated in this database")
    sample = [s.username for s in sample_logins(tag=tag) if s.role == Role.CARE_MANAGER]
    care_managers = Professional.objects.filter(role=Role.CARE_MANAGER).select_related("user")
    candidates = [
        *care_managers.filter(user__username__in=sample),
        *care_managers.filter(user__username__contains=f".{tag}-").order_by("user__username")[:50],
    ]
    for cm in candidates:
        busy = (
            Course.objects.filter(
                care_manager=cm,
                status__in=OPEN_STATUSES,
                joint_plan__versions__isnull=False,
                journal_entries__isnull=False,
                meetings__isnull=False,
            )
            .order_by("citizen__family_name", "citizen__given_name", "pk")
            .values_list("citizen_id", flat=True)
            .distinct()
        )
        citizen_ids = [str(c) for c in dict.fromkeys(busy)][:citizens]
        if citizen_ids:
            team_id = Membership.objects.filter(professional=cm).values_list("team_id", flat=True)
            return Targets(
                tag=tag,
                username=cm.user.username,
                user_id=str(cm.user.pk),
                team_id=str(team_id.first()),
                citizen_ids=citizen_ids,
                open_courses=Course.objects.filter(
                    care_manager=cm, status__in=OPEN_STATUSES
                ).count(),
            )
    raise RuntimeError(
        f"the generated run {tag} has no content (meetings, plans, journal): it was generated "
        "before `roundtable generate` made content. Drop the database and run again."
    )


def backend_pid() -> int | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def process_cpu_ns(pid: int) -> int | None:
    """CPU time a process has used, in nanoseconds; None if /proc cannot tell."""
    try:
        ran = int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
        if ran > 0:
            return ran
    except (OSError, ValueError, IndexError):
        pass
    try:
        # The command name (field 2) may hold spaces; fields after its ")" are fixed.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1_000_000_000 // CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return None


def db_cpu_source(pid: int | None) -> str:
    if pid is None:
        return "in process (SQLite)"
    try:
        if int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) > 0:
            return f"/proc/{pid}/schedstat"
    except (OSError, ValueError, IndexError):
        pass
    return f"/proc/{pid}/stat" if process_cpu_ns(pid) is not None else "unavailable"


def measure(
    targets: Targets,
    *,
    pages: Sequence[Page],
    requests: int,
    warmup: int,
    rounds: int = 4,
    log: Callable[[str], None] = lambda message: None,
) -> list[Cost]:
    """Average cost per request of each page (see the module docstring)."""
    from django.db import close_old_connections, connection
    from django.test import Client

    from roundtable.accounts.models import User
    from roundtable.accounts.services import api_token_issue

    user = User.objects.get(pk=targets.user_id)
    client = Client()
    client.force_login(user)
    api_client = Client()  # no session: the token alone, as an API client sends it
    api_headers = {
        "Authorization": f"Bearer {api_token_issue(user=user)}",
        "Accept": "application/json",
    }
    rounds = max(1, min(rounds, requests))
    per_round = math.ceil(requests / rounds)
    totals = {p.key: {"n": 0, "py": 0, "db": 0, "queries": 0, "db_known": True} for p in pages}

    def get(page: Page, path: str) -> None:
        if not connection.in_atomic_block:
            # What the request cycle does between requests (the test client leaves it out):
            # drop an expired connection, and check the connection again on first use.
            close_old_connections()
        response = api_client.get(path, headers=api_headers) if page.api else client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}, not 200")

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    for round_number in range(rounds):
        for page in pages:
            paths = page.paths(citizen_ids=targets.citizen_ids, team_id=targets.team_id)
            if round_number == 0:
                for i in range(warmup):
                    get(page, paths[i % len(paths)])
            queries = 0
            pid = backend_pid()
            raw = connection.connection
            with connection.execute_wrapper(count):
                db_before = process_cpu_ns(pid) if pid else None
                py_before = time.thread_time_ns()
                for i in range(per_round):
                    get(page, paths[(round_number * per_round + i) % len(paths)])
                py_after = time.thread_time_ns()
                db_after = process_cpu_ns(pid) if pid else None
            if connection.connection is not raw:
                raise RuntimeError("the database connection was replaced during a measurement")
            total = totals[page.key]
            total["n"] += per_round
            total["py"] += py_after - py_before
            total["queries"] += queries
            if db_before is None or db_after is None:
                total["db_known"] = False
            else:
                total["db"] += db_after - db_before
        log(f"  round {round_number + 1}/{rounds} done")
    costs = []
    for page in pages:
        t = totals[page.key]
        n = t["n"]
        costs.append(
            Cost(
                key=page.key,
                label=page.label,
                requests=n,
                queries=t["queries"] / n,
                py_ms=t["py"] / n / 1e6,
                db_ms=t["db"] / n / 1e6 if t["db_known"] else None,
            )
        )
    return costs


def database_size() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            return str(cursor.fetchone()[0])
    path = Path(str(connection.settings_dict["NAME"]))
    files = [path, Path(f"{path}-wal")]
    size = sum(f.stat().st_size for f in files if f.exists())
    return f"{size / 1e6:.0f} MB"


# --- tables -------------------------------------------------------------------------------------


def cost_table(costs: Sequence[Cost]) -> str:
    floor = next((c.total_ms for c in costs if c.key == FLOOR), None)
    head = f"{'page':<14} {'queries':>8} {'py ms':>8} {'db ms':>8} {'total ms':>9} {'× floor':>8}"
    lines = [head, "-" * len(head)]
    for c in costs:
        db = f"{c.db_ms:8.2f}" if c.db_ms is not None else f"{'-':>8}"
        ratio = f"{c.total_ms / floor:8.2f}" if floor else f"{'-':>8}"
        lines.append(
            f"{c.label:<14} {c.queries:>8.1f} {c.py_ms:>8.2f} {db} {c.total_ms:>9.2f} {ratio}"
        )
    return "\n".join(lines)


def growth_table(small: Sequence[Cost], large: Sequence[Cost], names: tuple[str, str]) -> str:
    """Cost at the larger scale over cost at the smaller, per page."""
    a, b = names
    head = (
        f"{'page':<14} {a + ' ms':>10} {b + ' ms':>10} {'growth':>7} "
        f"{'queries ' + a:>11} {'queries ' + b:>12}"
    )
    lines = [head, "-" * len(head)]
    by_key = {c.key: c for c in large}
    for c in small:
        other = by_key.get(c.key)
        if other is None:
            continue
        lines.append(
            f"{c.label:<14} {c.total_ms:>10.2f} {other.total_ms:>10.2f} "
            f"{other.total_ms / c.total_ms:>7.2f} {c.queries:>11.1f} {other.queries:>12.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--requests", type=int, default=200, help="measured requests per page")
    p.add_argument("--warmup", type=int, default=20, help="warm-up requests per page")
    p.add_argument("--rounds", type=int, default=4, help="rounds over all pages")
    p.add_argument("--only", default="", help="comma-separated page keys (the floor always)")
    p.add_argument(
        "--targets-only", action="store_true", help="print whom and what it would measure"
    )
    args = p.parse_args(argv)
    if args.requests < 1 or args.warmup < 0 or args.rounds < 1:
        p.error("--requests and --rounds must be positive, --warmup not negative")
    setup_django()
    from django.db import connection

    say = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    targets = choose_targets()
    out: dict = {"targets": asdict(targets), "vendor": connection.vendor}
    if not args.targets_only:
        say(
            f"In process: {targets.username}, {targets.open_courses} open courses, "
            f"{len(targets.citizen_ids)} citizens with content to rotate over"
        )
        costs = measure(
            targets,
            pages=select(args.only),
            requests=args.requests,
            warmup=args.warmup,
            rounds=args.rounds,
            log=say,
        )
        out.update(
            costs=[{**asdict(c), "total_ms": c.total_ms} for c in costs],
            db_source=db_cpu_source(backend_pid()),
            database_size=database_size(),
        )
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
