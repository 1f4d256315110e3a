"""The service directory in HSDS's tabular form: CSV files, one per table, in one ZIP file.

HSDS 3.0 may be published as a Tabular Data Package beside its canonical JSON (Open Referral,
"Publication Formats Reference"): one CSV file per object, named as in the HSDS
`datapackage.json` (`organizations.csv`, `services.csv`, `locations.csv`,
`service_at_locations.csv`, ...), the object's fields as columns. A list an object holds is a
table of its own whose rows point back at it: `phones.csv` (`service_id` or `organization_id`),
`languages.csv` (`service_id`), `addresses.csv` (`location_id`), `schedules.csv`
(`service_at_location_id`), and `attributes.csv` (`link_entity`, `link_id`, `taxonomy_term_id`)
with the terms in `taxonomy_terms.csv` (`taxonomy`, `code`). We write only the tables and columns
the directory keeps — what `hsds.dump()` holds, with its extension columns `x_municipality` and
`x_country` — and a minimal `datapackage.json` naming them (every column a string). The rows of
the list tables get ids derived from their parent's id, so an export is the same every time.

Reading turns the rows back into the document `hsds.load()` takes and hands it the problems
found on the way, so a ZIP file is checked by the same rules as JSON, all or nothing, each
problem naming the file and line. The four core tables and `attributes.csv` with
`taxonomy_terms.csv` (a service's need is an attribute) must be there; the other list tables
may be left out. Other files in the ZIP file (`datapackage.json`, HSDS tables the directory
does not keep) are not read. A phone of a location or contact, a schedule of a service or
location alone, and an attribute of another entity are not kept, as in JSON.

Limits: a ZIP file of at most `MAX_BYTES`, with at most `MAX_MEMBERS` files, whose tables unpack
to at most `MAX_BYTES` together. Unpacking stops at the limit, whatever sizes the ZIP file claims,
so a small upload cannot fill the server's memory (a zip bomb).

Spreadsheets: a cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab
or a carriage return) gets a leading apostrophe (OWASP "CSV injection", `core/csvsafe.py`). A cell
that is only a number as phone numbers are written (digits, spaces and + - ( ) . /, such as
"+45 11 11 11 11") is left as it is: it can neither call a function nor read another cell, and an
apostrophe would come back into every phone number. Reading undoes nothing: an apostrophe someone
typed cannot be told from one we added, so a cell exported with one is imported with it (seen,
and harmless), and a cell starting with = is imported as the text it is.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roundtable.core.csvsafe import neutralise
from roundtable.network import hsds

ZIP_MAGIC = b"PK\x03\x04"
MAX_MEMBERS = 50
MAX_BYTES = 20 * 1024 * 1024

# file: (HSDS resource name, the columns written, the columns a file must have to be read)
TABLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "organizations.csv": (
        "organization",
        ("id", "name", "description", "email", "website", "x_municipality", "x_country"),
        ("id", "name"),
    ),
    "services.csv": (
        "service",
        ("id", "organization_id", "name", "description", "url", "email", "eligibility_description"),
        ("id", "organization_id", "name"),
    ),
    "locations.csv": (
        "location",
        ("id", "organization_id", "name"),
        ("id", "organization_id", "name"),
    ),
    "service_at_locations.csv": (
        "service_at_location",
        ("id", "service_id", "location_id"),
        ("id", "service_id", "location_id"),
    ),
    "phones.csv": (
        "phone",
        ("id", "organization_id", "service_id", "number"),
        ("number",),
    ),
    "languages.csv": ("language", ("id", "service_id", "name", "code"), ("service_id",)),
    "addresses.csv": (
        "address",
        ("id", "location_id", "address_1", "city", "address_type"),
        ("location_id",),
    ),
    "schedules.csv": (
        "schedule",
        ("id", "service_at_location_id", "description"),
        ("service_at_location_id", "description"),
    ),
    "attributes.csv": (
        "attribute",
        ("id", "link_id", "link_type", "link_entity", "taxonomy_term_id"),
        ("link_id", "taxonomy_term_id"),
    ),
    "taxonomy_terms.csv": (
        "taxonomy_term",
        ("id", "code", "name", "taxonomy"),
        ("id", "code", "taxonomy"),
    ),
}
REQUIRED_TABLES = (
    "organizations.csv",
    "services.csv",
    "locations.csv",
    "service_at_locations.csv",
    "attributes.csv",
    "taxonomy_terms.csv",
)
_CORE = {
    "organizations": "organizations.csv",
    "services": "services.csv",
    "locations": "locations.csv",
    "service_at_locations": "service_at_locations.csv",
}
# A phone number or plain number: no letter, so no function and no cell reference.
_NUMBER_LIKE = re.compile(r"[+-]?[0-9 ()./-]*[0-9][0-9 ()./-]*")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]+)*")
# What a damaged ZIP file raises: a bad header or checksum, data that does not inflate, an
# encrypted member (RuntimeError), a version or method Python cannot unpack, a short file.
_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    EOFError,
    OSError,
    ValueError,
)


# --- Writing -----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if _NUMBER_LIKE.fullmatch(text) else neutralise(text)


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column, "")) for column in columns])
    # A byte-order mark, as every CSV file of Roundtable has, so that spreadsheets read UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _child_id(parent: str, kind: str, index: int) -> str:
    return str(uuid.uuid5(uuid.UUID(parent), f"{kind}:{index}"))


def _term_id(taxonomy: str, code: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"roundtable:taxonomy:{taxonomy}:{code}"))


def datapackage() -> dict[str, Any]:
    """The package descriptor: what the files are, and no more than we write."""
    return {
        "profile": "tabular-data-package",
        "name": "roundtable-service-directory",
        "title": "Service directory (Open Referral HSDS 3.0, tabular)",
        "description": (
            "The HSDS tables and columns this directory keeps; columns starting with x_ are "
            "its extensions. A cell a spreadsheet would run as a formula starts with an "
            "apostrophe."
        ),
        "resources": [
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": column, "type": "string"} for column in columns],
                    "primaryKey": "id",
                },
            }
            for path, (name, columns, _required) in TABLES.items()
        ],
    }


def archive(document: dict[str, Any]) -> bytes:
    """The ZIP file of an HSDS document as `hsds.dump()` gives it."""
    rows: dict[str, list[dict[str, Any]]] = {path: [] for path in TABLES}
    terms: dict[str, dict[str, str]] = {}
    for o in document["organizations"]:
        rows["organizations.csv"].append(o)
        for i, phone in enumerate(o["phones"]):
            rows["phones.csv"].append(
                {"id": _child_id(o["id"], "phone", i), "organization_id": o["id"], **phone}
            )
    for s in document["services"]:
        rows["services.csv"].append(s)
        for i, phone in enumerate(s["phones"]):
            rows["phones.csv"].append(
                {"id": _child_id(s["id"], "phone", i), "service_id": s["id"], **phone}
            )
        for i, language in enumerate(s["languages"]):
            kind = "code" if _LANGUAGE_CODE.fullmatch(language) else "name"
            rows["languages.csv"].append(
                {"id": _child_id(s["id"], "language", i), "service_id": s["id"], kind: language}
            )
        for i, attribute in enumerate(s["attributes"]):
            term = attribute["taxonomy_term"]
            term_id = _term_id(term["taxonomy"], term["code"])
            terms[term_id] = {"id": term_id, "name": term["code"], **term}
            rows["attributes.csv"].append(
                {
                    "id": _child_id(s["id"], "attribute", i),
                    "link_id": s["id"],
                    "link_entity": "service",
                    "taxonomy_term_id": term_id,
                }
            )
    for x in document["locations"]:
        rows["locations.csv"].append(x)
        for i, address in enumerate(x["addresses"]):
            rows["addresses.csv"].append(
                {"id": _child_id(x["id"], "address", i), "location_id": x["id"], **address}
            )
    for a in document["service_at_locations"]:
        rows["service_at_locations.csv"].append(a)
        for i, schedule in enumerate(a["schedules"]):
            rows["schedules.csv"].append(
                {
                    "id": _child_id(a["id"], "schedule", i),
                    "service_at_location_id": a["id"],
                    **schedule,
                }
            )
    rows["taxonomy_terms.csv"] = sorted(terms.values(), key=lambda t: (t["taxonomy"], t["code"]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("datapackage.json", json.dumps(datapackage(), indent=2) + "\n")
        for path, (_name, columns, _required) in TABLES.items():
            package.writestr(path, _csv(columns, rows[path]))
    return buffer.getvalue()


# --- Reading -----------------------------------------------------------------------------------


def is_zip(source: IO[bytes], name: str = "") -> bool:
    """Whether an upload is meant as a ZIP file: by its first bytes, or by its name (so that a
    damaged ZIP file is called one, not "not JSON")."""
    head = source.read(len(ZIP_MAGIC))
    source.seek(0)
    return head == ZIP_MAGIC or name.lower().endswith(".zip")


@dataclass
class _Table:
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def _line(path: str, line: int) -> str:
    return _("%(file)s line %(line)d") % {"file": path, "line": line}


def _parse(path: str, text: str, problems: list[str]) -> _Table | None:
    """A table's rows by column name (cells stripped), or None when it cannot be read."""
    reader = csv.reader(io.StringIO(text, newline=""))
    table = _Table()
    start = 1
    try:
        header = [column.strip() for column in next(reader, [])]
        missing = [c for c in TABLES[path][2] if c not in header]
        if path == "languages.csv" and not {"code", "name"} & set(header):
            missing.append("code")
        for column in missing:
            problems.append(
                _("%(file)s: the column %(column)s is missing") % {"file": path, "column": column}
            )
        start = reader.line_num + 1
        for record in reader:
            line, start = start, reader.line_num + 1
            if not record:
                continue
            if len(record) != len(header):
                problems.append(
                    f"{_line(path, line)}: "
                    + ngettext(
                        "the row has %(found)d field where the header has %(expected)d",
                        "the row has %(found)d fields where the header has %(expected)d",
                        len(record),
                    )
                    % {"found": len(record), "expected": len(header)}
                )
                continue
            table.rows.append({c: v.strip() for c, v in zip(header, record, strict=True)})
            table.lines.append(line)
    except csv.Error:
        problems.append(_("%(file)s line %(line)d is not CSV") % {"file": path, "line": start})
        return None
    return None if missing else table


def _unpack(source: IO[bytes], problems: list[str]) -> dict[str, _Table]:
    """The tables of a ZIP file; raises ValidationError when any cannot be read."""
    size = source.seek(0, io.SEEK_END)
    source.seek(0)
    limit_mb = MAX_BYTES // (1024 * 1024)
    if size > MAX_BYTES:
        raise ValidationError(_("The ZIP file is larger than %(mb)d MB.") % {"mb": limit_mb})
    try:
        package = zipfile.ZipFile(source)
    except _BROKEN:
        raise ValidationError(_("The file is not a ZIP file.")) from None
    tables: dict[str, _Table] = {}
    usable = True
    with package:
        members = package.infolist()
        if len(members) > MAX_MEMBERS:
            raise ValidationError(
                _("The ZIP file holds more than %(n)d files.") % {"n": MAX_MEMBERS}
            )
        found: dict[str, zipfile.ZipInfo] = {}
        for info in members:
            name = PurePosixPath(info.filename).name
            if info.is_dir() or info.filename.startswith("__MACOSX/") or name not in TABLES:
                continue
            if name in found:
                problems.append(_("%(file)s is twice in the ZIP file") % {"file": name})
                usable = False
            found[name] = info
        budget = MAX_BYTES
        for path in TABLES:
            chosen = found.get(path)
            if chosen is None:
                if path in REQUIRED_TABLES:
                    problems.append(_("%(file)s is missing from the ZIP file") % {"file": path})
                    usable = False
                continue
            try:
                with package.open(chosen) as member:
                    raw = member.read(budget + 1)
            except _BROKEN:
                problems.append(_("%(file)s cannot be unpacked") % {"file": path})
                usable = False
                continue
            if len(raw) > budget:
                raise ValidationError(
                    _(
                        "The files in the ZIP file unpack to more than %(mb)d MB. Larger "
                        "directories are refused, so that a small file cannot fill the "
                        "server (a zip bomb)."
                    )
                    % {"mb": limit_mb}
                )
            budget -= len(raw)
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                problems.append(_("%(file)s is not UTF-8 text") % {"file": path})
                usable = False
                continue
            table = _parse(path, text, problems)
            if table is None:
                usable = False
            else:
                tables[path] = table
    if not usable:
        raise ValidationError(problems[:50])
    return tables


@dataclass
class _Links:
    """Rows of one table by id, to hang the list tables' rows on."""

    by_id: dict[str, dict[str, Any]]

    def find(
        self, row: dict[str, str], key: str, where: str, problems: list[str], text: str
    ) -> dict[str, Any] | None:
        found = self.by_id.get(row.get(key, ""))
        if found is None:
            problems.append(f"{where}: {text}")
        return found


def _document(tables: dict[str, _Table], problems: list[str]) -> dict[str, list[dict]]:
    """The HSDS document `hsds.load()` takes, from the tables' rows."""

    def rows(path: str) -> Iterable[tuple[str, dict[str, str]]]:
        table = tables.get(path, _Table())
        for line, row in zip(table.lines, table.rows, strict=True):
            yield _line(path, line), row

    def pick(row: dict[str, str], *columns: str) -> dict[str, Any]:
        return {column: row.get(column, "") for column in columns}

    document: dict[str, list[dict]] = {key: [] for key in _CORE}
    for _where, row in rows("organizations.csv"):
        document["organizations"].append(
            pick(row, *TABLES["organizations.csv"][1]) | {"phones": []}
        )
    for _where, row in rows("services.csv"):
        document["services"].append(
            pick(row, *TABLES["services.csv"][1])
            | {"phones": [], "languages": [], "attributes": []}
        )
    for _where, row in rows("locations.csv"):
        document["locations"].append(pick(row, "id", "organization_id", "name") | {"addresses": []})
    for _where, row in rows("service_at_locations.csv"):
        document["service_at_locations"].append(
            pick(row, "id", "service_id", "location_id") | {"schedules": []}
        )
    organizations = _Links({o["id"]: o for o in document["organizations"]})
    services = _Links({s["id"]: s for s in document["services"]})
    locations = _Links({x["id"]: x for x in document["locations"]})
    at_locations = _Links({a["id"]: a for a in document["service_at_locations"]})
    no_service = _("service_id names no service")

    for where, row in rows("phones.csv"):
        phone = {"number": row["number"]}
        if row.get("service_id"):
            if service := services.find(row, "service_id", where, problems, no_service):
                service["phones"].append(phone)
        elif row.get("organization_id") and not any(
            row.get(k) for k in ("location_id", "contact_id", "service_at_location_id")
        ):
            text = _("organization_id names no organization")
            if organization := organizations.find(row, "organization_id", where, problems, text):
                organization["phones"].append(phone)
    for where, row in rows("languages.csv"):
        language = row.get("code") or row.get("name")
        if not language:
            problems.append(f"{where}: " + _("the language has neither a code nor a name"))
        elif service := services.find(row, "service_id", where, problems, no_service):
            service["languages"].append(language)
    for where, row in rows("addresses.csv"):
        text = _("location_id names no location")
        if location := locations.find(row, "location_id", where, problems, text):
            location["addresses"].append(pick(row, "address_1", "city", "address_type"))
    for location in document["locations"]:
        # The directory keeps one address: the physical one when there are several.
        location["addresses"].sort(key=lambda a: a["address_type"] != "physical")
    for where, row in rows("schedules.csv"):
        text = _("service_at_location_id names no service at a location")
        if at := at_locations.find(row, "service_at_location_id", where, problems, text):
            at["schedules"].append({"description": row["description"]})
    terms = {row["id"]: row for _where, row in rows("taxonomy_terms.csv")}
    for where, row in rows("attributes.csv"):
        entity = row.get("link_entity", "")
        if entity not in ("", "service") or (not entity and row["link_id"] not in services.by_id):
            continue  # an attribute of something the directory does not keep
        text = _("link_id names no service")
        if service := services.find(row, "link_id", where, problems, text):
            term = terms.get(row["taxonomy_term_id"])
            if term is None:
                problems.append(f"{where}: " + _("taxonomy_term_id names no taxonomy term"))
            else:
                service["attributes"].append(
                    {"taxonomy_term": {"taxonomy": term["taxonomy"], "code": term["code"]}}
                )
    return document


def load(source: IO[bytes]) -> dict[str, int]:
    """Write a ZIP file of HSDS CSV files into the directory, all or nothing (`hsds.load`); the
    caller is atomic. Raises ValidationError with every problem found."""
    problems: list[str] = []
    tables = _unpack(source, problems)
    document = _document(tables, problems)

    def place(table: str, index: int) -> str:
        path = _CORE[table]
        return _line(path, tables[path].lines[index])

    return hsds.load(document, place=place, problems=problems)
