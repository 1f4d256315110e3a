"""`roundtable directory import FILE` / `roundtable directory export FILE`: the service directory
as Open Referral HSDS JSON (roundtable/network/hsds.py), or as HSDS's tabular form, CSV files in
one ZIP file (roundtable/network/hsds_csv.py). Export writes the ZIP file when FILE ends in
`.zip`, JSON otherwise; import tells a ZIP file by its first bytes (or a `.zip` name). The
import is all or nothing: a file with problems exits 2 with every problem named, and nothing
changes. `-` is standard in/out (JSON only for export)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.network import hsds_csv
from roundtable.network.services import (
    directory_export,
    directory_export_csv,
    directory_import,
    directory_import_csv,
)


class Command(BaseCommand):
    help = (
        "Import or export the service directory as HSDS JSON, or as HSDS CSV files in one ZIP "
        "file (export: a FILE ending in .zip; import: told by the file's content)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        import_ = subcommands.add_parser("import", help="read HSDS JSON or a ZIP file of HSDS CSV")
        import_.add_argument(
            "file",
            help="HSDS JSON, or a ZIP file of HSDS CSV files (told by its first bytes); "
            "- for standard in",
        )
        export = subcommands.add_parser("export", help="write HSDS JSON or a ZIP file of HSDS CSV")
        export.add_argument(
            "file",
            help="NAME.zip writes HSDS CSV files (organizations.csv, services.csv, ...) in a "
            "ZIP file; any other name HSDS JSON; - JSON to standard out",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        if options["subcommand"] == "export":
            if path.lower().endswith(".zip"):
                Path(path).write_bytes(directory_export_csv(actor=None, command=True))
                return
            text = json.dumps(
                directory_export(actor=None, command=True), ensure_ascii=False, indent=2
            )
            if path == "-":
                self.stdout.write(text)
            else:
                Path(path).write_text(text + "\n", encoding="utf-8")
            return
        try:
            raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error}", returncode=2) from None
        try:
            if hsds_csv.is_zip(io.BytesIO(raw), path):
                counts = directory_import_csv(actor=None, archive=io.BytesIO(raw), command=True)
            else:
                counts = directory_import(actor=None, data=_json(raw, path), command=True)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages), returncode=2) from None
        self.stdout.write(json.dumps(counts))


def _json(raw: bytes, path: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise CommandError(f"cannot read {path}: {error}", returncode=2) from None
    except json.JSONDecodeError as error:
        raise CommandError(f"{path} is not JSON: {error}", returncode=2) from None
