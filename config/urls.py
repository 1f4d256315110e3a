from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from roundtable.api.api import api

# The configuration pages sign in through the same page as everyone else, so two-factor sign-in,
# throttling and the sign-in audit apply there too (Django's own admin login knows none of them).
# Replacing the bound method is allauth's documented way; the stubs forbid assigning a method.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include("roundtable.core.urls")),
    path("", include("roundtable.operations.urls")),
    path("accounts/", include("roundtable.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("roundtable.sickleave.urls")),
    path("", include("roundtable.meetings.urls")),
    path("", include("roundtable.assessments.urls")),
    path("", include("roundtable.care.urls")),
    path("", include("roundtable.vocational.urls")),
    path("", include("roundtable.lifesituation.urls")),
    path("", include("roundtable.plans.urls")),
    path("", include("roundtable.consent.urls")),
    path("", include("roundtable.journal.urls")),
    path("", include("roundtable.breakglass.urls")),
    path("", include("roundtable.exports.urls")),
    path("", include("roundtable.research.urls")),
    path("", include("roundtable.outcomes.urls")),
    path("", include("roundtable.instruments.urls")),
    path("", include("roundtable.family.urls")),
    path("", include("roundtable.network.urls")),
    path("", include("roundtable.supervision.urls")),
    path("", include("roundtable.workspace.urls")),
    path("citizens/", include("roundtable.citizens.urls")),
    path("teams/", include("roundtable.organisations.urls")),
    path("me/", include("roundtable.portal.urls")),
    path("api/v1/", api.urls),
    path("fhir/R4/", include("roundtable.interop.urls")),
    path("config/", admin.site.urls),
]

# Database trouble answers 503 with a plain page (see roundtable.core.views.server_error).
handler404 = "roundtable.core.views.not_found"
handler500 = "roundtable.core.views.server_error"
