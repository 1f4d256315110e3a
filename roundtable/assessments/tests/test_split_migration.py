"""A database made before the split keeps every record: the care, vocational and life-situation
records and the team programme move to their new apps with their rows, the encrypted therapy
notes stay readable, the foreign keys between them hold, and permissions keep their content
types (migrations assessments 0003, care/vocational/lifesituation 0001–0002, organisations
0002–0003).

The test migrates back to before the split, writes records there through the historical models,
and migrates forward again. Schema changes need real transactions, so there is no django_db
marker: the test asks for the project's transactional_db (conftest.py).
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from roundtable.care.models import CareSession, HealthAssessment, SessionNote
from roundtable.care.testing import days_ago, record_session
from roundtable.lifesituation.models import LifeArea
from roundtable.organisations.models import TeamProgramme
from roundtable.organisations.selectors import session_budget
from roundtable.testing import make_cast
from roundtable.vocational.models import IpsPlannedContact

BEFORE = [
    ("assessments", "0002_seed_treatment_catalogue"),
    ("organisations", "0001_initial"),
]
NOTE = "Spoke about the move and the new job; sleeps better"


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _write_before_the_split(old_apps, cast) -> dict:
    """Records of Anna's course as the app `assessments` held them."""

    def old(name):
        return old_apps.get_model("assessments", name)

    authored = {"created_by_id": cast.alice.pk, "updated_by_id": cast.alice.pk}
    course = cast.anna_course.pk
    treatment, _created = old("Treatment").objects.get_or_create(
        diagnosis_group="anxiety",
        slug="cbt",
        defaults={"kind": "cbt", "name": "Cognitive behavioural therapy", "level": 2},
    )
    step = old("CareStep").objects.create(
        course_id=course, treatment=treatment, starts_on=days_ago(20), **authored
    )
    session = old("CareSession").objects.create(
        course_id=course,
        step=step,
        held_on=days_ago(10),
        kind="individual",
        attendance="attended",
        **authored,
    )
    old("SessionNote").objects.create(session=session, text=NOTE)
    old("HealthAssessment").objects.create(
        course_id=course, assessed_on=days_ago(25), summary="Anxiety at work", **authored
    )
    plan = old("IpsJobSearchPlan").objects.create(
        course_id=course,
        job_goals="Kitchen work",
        review_on=days_ago(-20),
        created_by_id=cast.bob.pk,
        updated_by_id=cast.bob.pk,
    )
    old("IpsPlannedContact").objects.create(plan=plan, planned_on=days_ago(-2), employer="Café")
    old("LifeArea").objects.create(
        course_id=course, area="family", situation="Two children", data_class="family"
    )
    old("TeamProgramme").objects.create(team_id=cast.alpha.pk, is_ips=True, session_budget=7)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="assessments", model="sessionnote"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_sessionnote",
        defaults={"name": "Can view therapy note"},
    )
    return {"session": session.pk, "step": step.pk, "plan": plan.pk, "permission": permission.pk}


def test_records_written_before_the_split_are_read_after_it(transactional_db):
    latest = _latest()
    try:
        cast = make_cast()
        executor = _migrate(BEFORE)
        written = _write_before_the_split(executor.loader.project_state(BEFORE).apps, cast)

        _migrate(latest)

        session = CareSession.objects.select_related("step__treatment").get()
        assert session.pk == written["session"] and session.step_id == written["step"]
        assert session.step.treatment.slug == "cbt"
        assert SessionNote.objects.get(session=session).text == NOTE
        assert HealthAssessment.objects.get(course=cast.anna_course).summary == "Anxiety at work"
        contact = IpsPlannedContact.objects.select_related("plan__course").get()
        assert contact.plan_id == written["plan"] and contact.plan.course == cast.anna_course
        assert LifeArea.objects.get(course=cast.anna_course).situation == "Two children"
        assert TeamProgramme.objects.get(team=cast.alpha).is_ips
        assert session_budget(team_id=cast.alpha.pk) == 7
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
        assert {"care_sessionnote", "vocational_ipsplannedcontact", "lifesituation_lifearea"} <= (
            tables
        )
        assert "organisations_teamprogramme" in tables
        assert not {t for t in tables if t.startswith("assessments_")}

        # Permissions kept their content type, which now names the new app.
        ContentType.objects.clear_cache()
        permission = Permission.objects.get(pk=written["permission"])
        assert permission.content_type == ContentType.objects.get_for_model(SessionNote)
        assert permission.content_type.app_label == "care"

        # The moved tables take new records through the services.
        record_session(cast.alice, cast.anna, days=1, notes="After the split")
        assert sorted(SessionNote.objects.values_list("text", flat=True)) == [
            "After the split",
            NOTE,
        ]
    finally:
        _migrate(latest)


def test_the_split_migrates_back_and_forth(transactional_db):
    latest = _latest()
    try:
        _migrate(BEFORE)
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
        assert {"assessments_sessionnote", "assessments_teamprogramme"} <= tables
        assert "care_sessionnote" not in tables
        _migrate(latest)
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
        assert {"care_sessionnote", "care_treatment", "organisations_teamprogramme"} <= tables
        assert not {t for t in tables if t.startswith("assessments_")}
    finally:
        _migrate(latest)
