from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """The assessments overview: the page, the citizen's own page, the API read and the timeline
    part that show the care, vocational and life-situation records of a course together. Its
    migrations made the tables those apps now hold (see migration 0003)."""

    name = "roundtable.assessments"
    label = "assessments"
    verbose_name = _("Assessments")
