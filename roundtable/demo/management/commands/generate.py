"""`roundtable generate --scale N`: add a synthetic population of N citizens for load tests."""

from __future__ import annotations

import json
from dataclasses import asdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from roundtable.citizens.models import Citizen
from roundtable.demo.generate import (
    BATCH_SIZE,
    DEFAULT_SEED,
    generate,
    latest_run_tag,
    sample_logins,
)


class Command(BaseCommand):
    help = (
        "Add N synthetic citizens, with teams, professionals and organisations in proportion, "
        "to the configured database (names never collide with the demo or earlier runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1000, help="Number of citizens.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--tag", help="Run tag in generated names (default: g1, g2, …).")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--no-content",
            action="store_false",
            dest="content",
            help="Only people and courses: no meetings, plans, journal, consent, sick leave "
            "or assessments.",
        )
        parser.add_argument(
            "--logins",
            action="store_true",
            help="Generate nothing: print sample logins of the latest run (or --tag).",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="Print the result as JSON (progress to stderr).",
        )

    def handle(self, *args, scale, seed, tag, batch_size, content, logins, as_json, **options):
        progress = self.stderr.write if as_json else self.stdout.write
        if logins:
            tag = tag or latest_run_tag()
            if tag is None:
                raise CommandError("nothing has been generated in this database")
            rows, seconds, counts = sample_logins(tag=tag), None, {}
        else:
            if scale < 1 or batch_size < 1:
                raise CommandError("--scale and --batch-size must be at least 1")
            try:
                result = generate(
                    scale=scale,
                    seed=seed,
                    tag=tag,
                    batch_size=batch_size,
                    content=content,
                    today=timezone.localdate(),
                    log=progress,
                )
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            tag, rows, seconds, counts = result.tag, result.logins, result.seconds, result.content
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "tag": tag,
                        "seconds": seconds,
                        "content": counts,
                        "citizens_in_database": Citizen.objects.count(),
                        "password": settings.DEMO_PASSWORD,
                        "logins": [asdict(row) for row in rows],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        if counts:
            self.stdout.write("\nContent (no audit history; `roundtable audit verify` passes):")
            for kind, count in counts.items():
                self.stdout.write(f"  {count:>9}  {kind}")
        self.stdout.write(f"\nSample logins of run {tag} (password: {settings.DEMO_PASSWORD}):")
        for row in rows:
            self.stdout.write(f"  {row.username:<36} {row.role:<22} {row.team}")
