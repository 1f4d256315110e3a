"""`roundtable fhir export|bulk`: the FHIR door's files.

- `roundtable fhir export --citizen ID --out FILE [--as USERNAME]`: a Bundle of type
  collection with everything USERNAME may read of the citizen — through the same gate as the
  door, audited as their read. Without `--as`, the citizen's own copy (their own account).
- `roundtable fhir bulk --out DIR --as EVALUATOR [--team ID]`: the pseudonymised bulk variant
  for an evaluator, one NDJSON file per resource type, under the research export's rules.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.accounts.models import User
from roundtable.citizens.models import Citizen
from roundtable.interop.bulk import fhir_bulk_get
from roundtable.interop.bundles import bundle
from roundtable.interop.selectors import fhir_everything


def _actor(username: str) -> Actor:
    user = User.objects.filter(username=username, is_active=True).first()
    actor = actor_for_user(user)
    if actor is None:
        raise CommandError(f"No active user is called {username!r}.")
    return actor


def _uuid(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise CommandError(f"{what} must be an id (a UUID), not {value!r}.") from error


class Command(BaseCommand):
    help = "FHIR R4 files: a citizen's Bundle, or the evaluator's pseudonymised bulk NDJSON."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        export = commands.add_parser(
            "export",
            help="A Bundle (type collection) of everything the reader may read of one citizen.",
        )
        export.add_argument("--citizen", required=True, metavar="ID")
        export.add_argument("--out", required=True, metavar="FILE")
        export.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help="whose access applies (default: the citizen's own account)",
        )
        bulk = commands.add_parser(
            "bulk", help="Pseudonymised NDJSON per resource type for an evaluator."
        )
        bulk.add_argument("--out", required=True, metavar="DIR")
        bulk.add_argument("--as", dest="username", required=True, metavar="EVALUATOR")
        bulk.add_argument("--team", metavar="ID", help="one of the evaluator's teams only")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "export":
            self.export(options)
        else:
            self.bulk(options)

    def export(self, options: dict[str, Any]) -> None:
        citizen_id = _uuid(options["citizen"], "--citizen")
        username = options.get("username")
        if not username:
            username = (
                Citizen.objects.filter(pk=citizen_id)
                .values_list("user__username", flat=True)
                .first()
            )
            if not username:
                raise CommandError(
                    "This citizen has no account of their own: name the reader with --as."
                )
        try:
            resources = fhir_everything(actor=_actor(username), citizen_id=citizen_id)
        except Http404 as error:
            raise CommandError(
                f"{username} may not read a citizen with id {citizen_id}."
            ) from error
        base = getattr(settings, "FHIR_BASE_URL", "") or "https://roundtable.example/fhir/R4/"
        data = bundle(resources, base=base, kind="collection")
        Path(options["out"]).write_text(json.dumps(data, ensure_ascii=False, indent=1))
        self.stdout.write(f"Wrote {len(resources)} resources to {options['out']}.")

    def bulk(self, options: dict[str, Any]) -> None:
        team_id = _uuid(options["team"], "--team") if options.get("team") else None
        try:
            by_type = fhir_bulk_get(actor=_actor(options["username"]), team_id=team_id)
        except Http404 as error:
            raise CommandError(
                f"{options['username']} may not take a research export of these teams."
            ) from error
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        for name, resources in by_type.items():
            lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in resources)
            (out / f"{name}.ndjson").write_text(lines)
        counts = ", ".join(f"{len(v)} {k}" for k, v in by_type.items())
        self.stdout.write(f"Wrote {counts} to {out}.")
