"""The demo has a family member for the Norwegian citizen who can sign in (issue 13 §4)."""

from django.conf import settings
from django.contrib.auth import authenticate

from roundtable.accounts.actor import actor_for_user
from roundtable.demo.family import FAMILY_USERNAME
from roundtable.demo.setting import demo_users
from roundtable.family.models import FamilyLink
from roundtable.family.selectors import family_page_get


def test_the_norwegian_citizen_shares_meetings_and_the_plan_with_his_sister(demo):
    link = FamilyLink.objects.select_related("citizen__user", "user").get()
    assert link.citizen.user.username == "even.johannessen"
    assert link.shares_meetings and link.shares_plan and not link.shares_health
    assert link.is_active and link.language == "nb"
    user = authenticate(username=FAMILY_USERNAME, password=settings.DEMO_PASSWORD)
    assert user is not None and user.pk == link.user_id
    page = family_page_get(actor=actor_for_user(user), citizen_id=link.citizen_id)
    assert page.meetings is not None and page.plan is not None


def test_the_family_login_is_printed_with_the_other_demo_logins(demo):
    rows = {row["username"]: row for row in demo_users(demo)}
    assert rows[FAMILY_USERNAME]["role"] == "family_member"
