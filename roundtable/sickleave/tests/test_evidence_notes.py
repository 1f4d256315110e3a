"""Issue 13, 5: the evidence for the benefit case is written in the app by the one asked,
versioned, read by the citizen before it is sent, and sent to the jobcentre under consent."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import AuditEvent
from roundtable.core.data_classes import DataClass
from roundtable.sickleave import selectors, services
from roundtable.sickleave.models import EvidenceNote, EvidenceNoteImmutable, EvidenceRequest
from roundtable.sickleave.testing import ask_for_evidence, share_capacity, write_note

pytestmark = pytest.mark.django_db


def _view(who, request):
    import datetime as dt

    return selectors.evidence_note_get(
        actor=actor_for_user(who.user), request_id=request.pk, today=dt.date.today()
    )


def _send(who, request):
    return services.evidence_note_send(actor=actor_for_user(who.user), request_id=request.pk)


def test_the_consultant_can_ask_the_psychiatrist_rather_than_the_care_manager(cast):
    request = ask_for_evidence(cast, cast.sam)
    assert request.assignee == cast.sam
    addressees = selectors.evidence_addressee_list(course=cast.anna_course)
    assert addressees[0] == cast.alice and cast.sam in addressees
    assert cast.bob not in addressees and cast.carol not in addressees


def test_another_teams_care_manager_cannot_be_asked(cast):
    with pytest.raises(ValidationError):
        ask_for_evidence(cast, cast.carol)


def test_each_save_is_a_new_version_and_the_earlier_ones_are_kept(cast):
    request = ask_for_evidence(cast)
    first = write_note(cast.sam, request)
    second = write_note(cast.sam, request, functional_capacity="Can work mornings.", ready=True)
    assert (first.version, first.state) == (1, "draft")
    assert (second.version, second.state) == (2, "ready")
    assert EvidenceNote.objects.get(pk=first.pk).functional_capacity.startswith("Can do calm")
    assert [v.version for v in _view(cast.sam, request).versions] == [2, 1]
    assert AuditEvent.objects.filter(object_type="evidence_note", action="create").count() == 2


def test_a_version_cannot_be_changed_in_place(cast):
    note = write_note(cast.sam, ask_for_evidence(cast))
    note.functional_capacity = "Changed afterwards"
    with pytest.raises(EvidenceNoteImmutable):
        note.save()


def test_only_the_one_asked_writes_the_note(cast):
    request = ask_for_evidence(cast, cast.sam)
    with pytest.raises(PermissionDenied, match="Only the one the evidence is asked of"):
        write_note(cast.alice, request)


def test_sending_without_the_citizens_consent_is_refused_with_a_reason(cast):
    request = ask_for_evidence(cast)
    write_note(cast.sam, request, ready=True)
    with pytest.raises(ValidationError, match="has not let the jobcentre"):
        _send(cast.sam, request)
    request.refresh_from_db()
    assert request.status == EvidenceRequest.Status.OPEN
    assert not EvidenceNote.objects.filter(request=request, state="sent").exists()


def test_a_sent_note_cannot_be_changed_and_the_request_is_answered(cast):
    share_capacity(cast.anna)
    request = ask_for_evidence(cast)
    write_note(cast.sam, request, ready=True)
    sent = _send(cast.sam, request)
    assert (sent.version, sent.state) == (2, "sent")
    request.refresh_from_db()
    assert request.status == EvidenceRequest.Status.DONE
    with pytest.raises(ValidationError, match="cannot be changed"):
        write_note(cast.sam, request, functional_capacity="Second thoughts")
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.evidence_note_comment(
            actor=actor_for_user(cast.anna.user), request_id=request.pk, comment="Too late?"
        )
    assert EvidenceNote.objects.get(pk=sent.pk).functional_capacity.startswith("Can do calm")


def test_the_diagnosis_can_be_named_only_when_the_citizen_permits_it(cast):
    share_capacity(cast.anna)
    request = ask_for_evidence(cast)
    with pytest.raises(ValidationError, match="diagnosis"):
        write_note(cast.sam, request, diagnosis="F32.1")
    share_capacity(cast.anna, DataClass.DIAGNOSIS)
    note = write_note(cast.sam, request, diagnosis="F32.1")
    assert note.diagnosis == "F32.1"
    assert _view(cast.sam, request).jobcentre_reads_diagnosis


def test_a_diagnosis_no_longer_permitted_stops_the_sending(cast):
    share_capacity(cast.anna, DataClass.DIAGNOSIS)
    request = ask_for_evidence(cast)
    write_note(cast.sam, request, diagnosis="F32.1", ready=True)
    share_capacity(cast.anna)  # the citizen takes the diagnosis back
    with pytest.raises(ValidationError, match="Take the diagnosis out"):
        _send(cast.sam, request)


def test_the_citizen_reads_the_note_once_it_is_ready_but_never_a_draft(cast):
    request = ask_for_evidence(cast)
    write_note(cast.sam, request)
    assert _view(cast.anna, request).note is None
    assert _view(cast.anna, request).state == "draft"
    write_note(cast.sam, request, ready=True)
    assert _view(cast.anna, request).note.state == "ready"


def test_the_citizens_comment_becomes_a_version_that_goes_with_the_note(cast):
    share_capacity(cast.anna)
    request = ask_for_evidence(cast)
    write_note(cast.sam, request, ready=True)
    services.evidence_note_comment(
        actor=actor_for_user(cast.anna.user), request_id=request.pk, comment="I agree."
    )
    sent = _send(cast.sam, request)
    assert sent.citizen_comment == "I agree."
    assert _view(cast.bob, request).note.citizen_comment == "I agree."


def test_the_citizen_cannot_comment_on_a_draft(cast):
    request = ask_for_evidence(cast)
    write_note(cast.sam, request)
    with pytest.raises(PermissionDenied):
        services.evidence_note_comment(
            actor=actor_for_user(cast.anna.user), request_id=request.pk, comment="Hm"
        )


def test_the_consultant_sees_only_the_sent_version_and_only_under_consent(cast):
    directive = share_capacity(cast.anna)
    request = ask_for_evidence(cast)
    write_note(cast.sam, request, ready=True)
    assert _view(cast.bob, request).note is None
    _send(cast.sam, request)
    seen = _view(cast.bob, request)
    assert seen.state == "sent" and [v.state for v in seen.versions] == ["sent"]
    # The citizen withdraws: the sent note is no longer shown to the jobcentre.
    from roundtable.consent.models import ConsentStatus

    type(directive).objects.filter(pk=directive.pk).update(status=ConsentStatus.INACTIVE)
    assert _view(cast.bob, request).note is None


def test_the_consultant_never_sees_a_diagnosis_the_citizen_has_not_shared(cast):
    share_capacity(cast.anna, DataClass.DIAGNOSIS)
    request = ask_for_evidence(cast)
    write_note(cast.sam, request, diagnosis="F32.1", ready=True)
    _send(cast.sam, request)
    assert _view(cast.bob, request).shows_diagnosis
    share_capacity(cast.anna)
    assert not _view(cast.bob, request).shows_diagnosis
