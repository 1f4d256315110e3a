"""Legal holds at /config/: administrators place and lift them. A hold is never deleted here.

Citizens and courses are given by id (no list of names to choose from): the administrator copies
the id from the case the hold is about.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from roundtable.retention import services
from roundtable.retention.models import LegalHold


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    list_display = ["__str__", "set_by", "set_at", "lifted_at", "is_active"]
    list_filter = [("lifted_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["citizen", "course"]
    fields = ["citizen", "course", "reason", "set_by", "set_at", "lifted_by", "lifted_at"]
    readonly_fields = ["set_by", "set_at", "lifted_by", "lifted_at"]
    actions = ["lift"]

    @admin.display(boolean=True, description=_("active"))
    def is_active(self, obj: LegalHold) -> bool:
        return obj.is_active

    def get_readonly_fields(self, request, obj=None):
        # A hold's target and reason are its record: fixed once placed.
        if obj is not None:
            return [*self.readonly_fields, "citizen", "course", "reason"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        try:
            placed = services.legal_hold_place(
                set_by=request.user, reason=obj.reason, citizen=obj.citizen, course=obj.course
            )
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
            return
        obj.pk = placed.pk
        obj.set_by = placed.set_by
        obj.set_at = placed.set_at

    @admin.action(description=_("Lift the selected holds"))
    def lift(self, request, queryset) -> None:
        count = 0
        for hold in queryset.filter(lifted_at__isnull=True):
            services.legal_hold_lift(hold_id=hold.pk, lifted_by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d hold lifted.", "%(count)d holds lifted.", count) % {"count": count},
        )
