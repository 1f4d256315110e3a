"""The directory as HSDS JSON: an export imported into an empty directory gives the same
export (the round trip), a bad file is refused with every problem and changes nothing, and the
`roundtable directory import|export` command does the same."""

import copy
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from roundtable.network import hsds
from roundtable.network.models import DirectoryOrganization, DirectoryService
from roundtable.network.services import directory_import
from roundtable.network.testing import HSDS, load_directory

pytestmark = pytest.mark.django_db


def test_an_export_imported_again_is_the_same_export():
    load_directory()
    first = hsds.dump()
    DirectoryOrganization.objects.all().delete()
    directory_import(actor=None, data=json.loads(json.dumps(first)), command=True)
    assert hsds.dump() == first
    assert first["services"][0]["attributes"][0]["taxonomy_term"]["taxonomy"] == "roundtable-need"


def test_importing_twice_updates_in_place():
    load_directory()
    load_directory()
    assert DirectoryService.objects.count() == 2


def test_a_bad_document_is_refused_with_every_problem_and_nothing_changes():
    bad = copy.deepcopy(HSDS)
    bad["services"][0]["attributes"] = [
        {"taxonomy_term": {"taxonomy": "roundtable-need", "code": "space"}}
    ]
    bad["services"][1]["organization_id"] = "99999999-9999-4999-8999-999999999999"
    bad["organizations"][0]["name"] = ""
    with pytest.raises(ValidationError) as exc:
        directory_import(actor=None, data=bad, command=True)
    text = " ".join(exc.value.messages)
    assert "space" in text and "organization_id" in text and "name is missing" in text
    assert not DirectoryOrganization.objects.exists()


@pytest.mark.parametrize("data", [[], "x", {"services": "x"}, {"organizations": [1]}])
def test_documents_of_the_wrong_shape_are_refused(data):
    with pytest.raises(ValidationError):
        directory_import(actor=None, data=data, command=True)


def test_the_command_exports_and_imports(tmp_path, capsys):
    load_directory()
    out = tmp_path / "d.json"
    call_command("directory", "export", str(out))
    DirectoryOrganization.objects.all().delete()
    call_command("directory", "import", str(out))
    assert DirectoryService.objects.count() == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError):
        call_command("directory", "import", str(bad))


def test_text_with_a_control_character_is_refused():
    bad = copy.deepcopy(HSDS)
    bad["services"][0]["name"] = "Bolig\x00rådgivning"
    bad["services"][1]["languages"] = ["da\x07"]
    with pytest.raises(ValidationError) as exc:
        directory_import(actor=None, data=bad, command=True)
    assert exc.value.messages == [
        "services[0]: name holds a control character",
        "services[1]: languages holds a control character",
    ]
    assert not DirectoryOrganization.objects.exists()
