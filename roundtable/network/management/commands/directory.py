"""`roundtable directory import FILE` / `roundtable directory export FILE`: the service directory
as Open Referral HSDS JSON (roundtable/network/hsds.py). The import is all or nothing: a file
with problems exits 2 with every problem named, and nothing changes. `-` is standard in/out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.network.services import directory_export, directory_import


class Command(BaseCommand):
    help = "Import or export the service directory as HSDS JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for name, text in (("import", "read HSDS JSON"), ("export", "write HSDS JSON")):
            sub = subcommands.add_parser(name, help=text)
            sub.add_argument("file", help="the JSON file (- for standard in/out)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        if options["subcommand"] == "export":
            text = json.dumps(
                directory_export(actor=None, command=True), ensure_ascii=False, indent=2
            )
            if path == "-":
                self.stdout.write(text)
            else:
                Path(path).write_text(text + "\n", encoding="utf-8")
            return
        try:
            raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
            data = json.loads(raw)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {path}: {error}", returncode=2) from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not JSON: {error}", returncode=2) from None
        try:
            counts = directory_import(actor=None, data=data, command=True)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages), returncode=2) from None
        self.stdout.write(json.dumps(counts))
