"""The consent page asks about substance use and medication on its own and says why
(issue 10 #30): sharing the health summary or work does not share it."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_page_asks_about_substance_use_and_medication_on_its_own(client, login, cast):
    login(cast.anna)
    page = client.get(reverse("consent:mine")).content.decode()
    assert "Your use of alcohol, drugs and medicines" in page
    assert "A yes to a short summary of your health or to your work does not share it" in page
    name = "employment__substance_medication"
    chosen = re.search(rf'<input type="radio" name="{name}" value="(yes|no)"[^>]* checked', page)
    assert chosen and chosen.group(1) == "no"
