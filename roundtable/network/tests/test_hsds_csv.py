"""The directory as HSDS's tabular form, CSV files in one ZIP file: an export imported into an
empty directory gives the same JSON (the round trip); every kind of bad file is refused with
its problem, every problem listed, and nothing written; the directory page and the
`roundtable directory` command do the same; only team leaders and administrators do it."""

import copy
import csv
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from roundtable.network import hsds, hsds_csv
from roundtable.network.models import DirectoryOrganization, DirectoryService
from roundtable.network.services import (
    directory_export_csv,
    directory_import,
    directory_import_csv,
)
from roundtable.network.testing import HSDS, load_directory

pytestmark = pytest.mark.django_db

ORG = HSDS["organizations"][0]["id"]
HOUSING, CLINIC = (s["id"] for s in HSDS["services"])


def _export() -> bytes:
    return directory_export_csv(actor=None, command=True)


def _files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _rows(data: bytes, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_files(data)[name].decode("utf-8-sig"))))


def _zip(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


def _import(data: bytes) -> dict[str, int]:
    return directory_import_csv(actor=None, archive=io.BytesIO(data), command=True)


def _good_files() -> dict[str, bytes | str]:
    """The fixture directory's export, taken as files (the directory emptied again)."""
    load_directory()
    files: dict[str, bytes | str] = dict(_files(_export()))
    DirectoryOrganization.objects.all().delete()
    return files


def _problems(data: bytes) -> str:
    with pytest.raises(ValidationError) as exc:
        _import(data)
    assert not DirectoryOrganization.objects.exists()
    return " | ".join(exc.value.messages)


# --- The round trip and the shape --------------------------------------------------------------


def test_a_csv_export_imported_into_an_empty_directory_gives_the_same_json():
    document = copy.deepcopy(HSDS)
    document["services"][0]["description"] = 'Help to keep a flat, "fast",\nalso on Saturdays.'
    document["services"][0]["languages"] = ["da", "en", "Tigrinya"]
    directory_import(actor=None, data=document, command=True)
    first = hsds.dump()
    data = _export()
    DirectoryOrganization.objects.all().delete()
    assert not DirectoryService.objects.exists()
    assert _import(data) == {
        "organizations": 1,
        "services": 2,
        "locations": 1,
        "service_at_locations": 1,
    }
    assert hsds.dump() == first


def test_the_zip_holds_one_hsds_table_per_file_with_the_lists_in_their_own_tables():
    load_directory()
    data = _export()
    files = _files(data)
    assert set(files) == {"datapackage.json", *hsds_csv.TABLES}
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["profile"] == "tabular-data-package"
    assert [r["path"] for r in descriptor["resources"]] == list(hsds_csv.TABLES)
    organization = _rows(data, "organizations.csv")[0]
    assert organization["x_municipality"] == "Testby" and organization["x_country"] == "DK"
    phones = {
        (p["service_id"], p["organization_id"]): p["number"] for p in _rows(data, "phones.csv")
    }
    assert phones == {(HOUSING, ""): "+45 22 22 22 21", ("", ORG): "+45 11 11 11 11"}
    languages = _rows(data, "languages.csv")
    assert [(x["service_id"], x["code"]) for x in languages] == [(HOUSING, "da"), (HOUSING, "en")]
    terms = {t["id"]: t for t in _rows(data, "taxonomy_terms.csv")}
    needs = {
        a["link_id"]: terms[a["taxonomy_term_id"]]["code"]
        for a in _rows(data, "attributes.csv")
        if a["link_entity"] == "service"
    }
    assert needs == {HOUSING: "housing", CLINIC: "health"}
    assert _rows(data, "schedules.csv")[0]["description"] == "Mon–Fri 9–15"
    assert _rows(data, "addresses.csv")[0]["address_1"] == "Torvet 1"
    # Exported twice, the same files: the list tables' ids do not change.
    assert _files(_export()) == files


def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe_which_an_import_keeps():
    document = copy.deepcopy(HSDS)
    document["services"][1]["name"] = '=HYPERLINK("http://evil.example","Click")'
    document["services"][1]["description"] = "@SUM(1+1)"
    directory_import(actor=None, data=document, command=True)
    data = _export()
    clinic = next(s for s in _rows(data, "services.csv") if s["id"] == CLINIC)
    assert clinic["name"] == """'=HYPERLINK("http://evil.example","Click")"""
    assert clinic["description"] == "'@SUM(1+1)"
    DirectoryOrganization.objects.all().delete()
    _import(data)
    # Not undone on import: an apostrophe typed by someone cannot be told from ours.
    assert DirectoryService.objects.get(pk=CLINIC).name.startswith("'=HYPERLINK")


def test_a_formula_in_an_imported_file_is_only_text():
    files = _good_files()
    services = files["services.csv"].decode("utf-8-sig").replace("Lægehuset Torvet", "=1+1")
    files["services.csv"] = services
    _import(_zip(files))
    assert DirectoryService.objects.get(pk=CLINIC).name == "=1+1"


def test_a_zip_is_told_by_its_content_and_a_package_from_elsewhere_is_read():
    """A ZIP file made by hand, in a folder, without the optional tables, datapackage.json or a
    byte-order mark, with an HSDS table we do not keep and the need written in HSDS's way."""
    assert hsds_csv.is_zip(io.BytesIO(b"PK\x03\x04rest"), "directory.json")
    assert not hsds_csv.is_zip(io.BytesIO(b'{"organizations": []}'), "directory.json")
    data = _zip(
        {
            "export/organizations.csv": (
                f"id,name,x_municipality\r\n{ORG},Testby Kommune,Testby\r\n"
            ),
            "export/services.csv": (
                f"id,organization_id,name,status\n{CLINIC},{ORG},Lægehuset,active\n"
            ),
            "export/locations.csv": "id,organization_id,name\n",
            "export/service_at_locations.csv": "id,service_id,location_id\n",
            "export/attributes.csv": (
                f"id,link_id,link_entity,taxonomy_term_id\nx,{CLINIC},service,t1\n"
            ),
            "export/taxonomy_terms.csv": (
                "id,code,name,taxonomy\nt1,health,Health,roundtable-need\n"
            ),
            "export/programs.csv": "id,organization_id,name\n",
        }
    )
    assert _import(data)["services"] == 1
    assert DirectoryService.objects.get(pk=CLINIC).need == "health"


# --- Bad files: each with its problem, nothing written -----------------------------------------


def test_a_file_that_is_not_a_zip_is_refused():
    assert "The file is not a ZIP file." in _problems(b"PK\x03\x04 but then nothing")
    assert "The file is not a ZIP file." in _problems(b"organizations.csv")


def test_a_damaged_zip_is_refused_with_its_problem_not_an_error():
    data = bytearray(_zip(_good_files()))
    # The first file's header in the directory claims a ZIP version no one can unpack.
    at = data.index(b"PK\x01\x02") + 6
    data[at : at + 2] = (229).to_bytes(2, "little")
    assert "The file is not a ZIP file." in _problems(bytes(data))
    data = bytearray(_zip(_good_files()))
    # A byte of organizations.csv's packed data changed: it no longer inflates or checks out.
    at = data.index(b"organizations.csv") + len("organizations.csv") + 10
    data[at] ^= 0xFF
    assert "organizations.csv cannot be unpacked" in _problems(bytes(data))


def test_a_missing_table_is_named():
    files = _good_files()
    del files["services.csv"]
    del files["taxonomy_terms.csv"]
    text = _problems(_zip(files))
    assert "services.csv is missing from the ZIP file" in text
    assert "taxonomy_terms.csv is missing from the ZIP file" in text


def test_a_missing_column_is_named():
    files = _good_files()
    lines = files["organizations.csv"].decode("utf-8-sig").splitlines()
    rows = [row[:1] + row[2:] for row in csv.reader(lines)]  # without "name"
    files["organizations.csv"] = "\n".join(",".join(row) for row in rows)
    assert "organizations.csv: the column name is missing" in _problems(_zip(files))


def test_a_file_that_is_not_utf8_is_named():
    files = _good_files()
    files["locations.csv"] = files["locations.csv"].replace("Rådhuset".encode(), b"R\xe5dhuset")
    assert "locations.csv is not UTF-8 text" in _problems(_zip(files))


def test_a_row_with_a_wrong_number_of_fields_is_named_by_its_line():
    files = _good_files()
    files["services.csv"] = files["services.csv"] + b"only,three,fields\r\n"
    text = _problems(_zip(files))
    assert "services.csv line 4: the row has 3 fields where the header has 7" in text


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    files = _good_files()
    files["schedules.csv"] = "id,service_at_location_id,description\n" + "0" * (21 * 1024 * 1024)
    data = _zip(files)
    assert len(data) < 100_000  # small to send, large to unpack
    text = _problems(data)
    assert "unpack to more than 20 MB" in text and "zip bomb" in text


def test_a_zip_of_too_many_files_is_refused():
    files = _good_files()
    files.update({f"junk/{i}.txt": "" for i in range(60)})
    assert "The ZIP file holds more than 50 files" in _problems(_zip(files))


def test_a_control_character_is_refused():
    files = _good_files()
    text = (
        files["services.csv"].decode("utf-8-sig").replace("Boligrådgivning", "Bolig\x00rådgivning")
    )
    files["services.csv"] = text
    assert "services.csv line 2: name holds a control character" in _problems(_zip(files))


def test_every_problem_of_every_file_is_listed_at_once():
    files = _good_files()
    files["phones.csv"] = files["phones.csv"] + b"1,2\r\n"
    files["languages.csv"] = files["languages.csv"] + f"x,{ORG},Danish,\r\n".encode()
    files["taxonomy_terms.csv"] = files["taxonomy_terms.csv"].replace(b"housing", b"space")
    text = _problems(_zip(files))
    assert "phones.csv line 4: the row has 2 fields" in text
    assert "languages.csv line 4: service_id names no service" in text
    assert "services.csv line 2: the need space is unknown" in text


def test_every_broken_file_is_listed_at_once():
    files = _good_files()
    files["locations.csv"] = b"\xff\xfe"
    files["addresses.csv"] = "id,address_1\n"
    text = _problems(_zip(files))
    assert "locations.csv is not UTF-8 text" in text
    assert "addresses.csv: the column location_id is missing" in text


# --- The page ----------------------------------------------------------------------------------


def _upload(client, data: bytes, name: str = "directory.zip"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("network:directory-import"), {"file": upload})


def test_the_page_exports_the_zip_and_imports_it_again(client, login, cast):
    login(cast.tina)
    load_directory()
    page = client.get(reverse("network:directory")).content.decode()
    assert reverse("network:directory-export-csv") in page and "Export as HSDS CSV (zip)" in page
    response = client.get(reverse("network:directory-export-csv"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "directory-hsds-csv.zip" in response["Content-Disposition"]
    DirectoryOrganization.objects.all().delete()
    # Named as anything: the content tells that it is a ZIP file.
    response = _upload(client, response.content, name="directory.dat")
    assert response.status_code == 302
    assert DirectoryService.objects.count() == 2


def test_the_page_shows_the_problems_beside_the_file_field(client, login, cast):
    files = _good_files()
    del files["services.csv"]
    login(cast.adam)
    response = _upload(client, _zip(files))
    assert response.status_code == 400
    page = response.content.decode()
    errors = page.split('id="id_file_error"')[1].split("</ul>")[0]
    assert "services.csv is missing from the ZIP file" in errors
    assert not DirectoryOrganization.objects.exists()


def test_the_page_calls_a_broken_zip_file_not_a_zip_file(client, login, cast):
    login(cast.tina)
    response = _upload(client, b"not really", name="directory.zip")
    assert response.status_code == 400
    assert "The file is not a ZIP file." in response.content.decode()


@pytest.mark.parametrize("who", ["alice", "carol", "mona", "anna"])
def test_only_team_leaders_and_administrators_import_and_export_csv(client, login, cast, who):
    load_directory()
    data = _export()
    DirectoryOrganization.objects.all().delete()
    login(getattr(cast, who))
    assert client.get(reverse("network:directory-export-csv")).status_code == 403
    assert _upload(client, data).status_code == 403
    assert not DirectoryOrganization.objects.exists()


def test_signed_out_no_export_and_no_import(client, cast):
    load_directory()
    response = client.get(reverse("network:directory-export-csv"))
    assert response.status_code == 302 and "login" in response["Location"]


# --- The command -------------------------------------------------------------------------------


def test_the_command_exports_a_zip_by_its_name_and_imports_it(tmp_path):
    load_directory()
    first = hsds.dump()
    out = tmp_path / "directory.zip"
    call_command("directory", "export", str(out))
    assert "services.csv" in _files(out.read_bytes())
    DirectoryOrganization.objects.all().delete()
    call_command("directory", "import", str(out))
    assert hsds.dump() == first


def test_the_command_exits_2_with_every_problem(tmp_path):
    files = _good_files()
    del files["locations.csv"]
    files["services.csv"] = files["services.csv"] + b"a,b\r\n"
    bad = tmp_path / "bad.bin"  # not named .zip: told by its content
    bad.write_bytes(_zip(files))
    with pytest.raises(CommandError) as exc:
        call_command("directory", "import", str(bad))
    assert exc.value.returncode == 2
    assert "locations.csv is missing" in str(exc.value)
    assert "services.csv line 4: the row has 2 fields" in str(exc.value)
    assert not DirectoryOrganization.objects.exists()
