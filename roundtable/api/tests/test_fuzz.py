"""API fuzzing (SECURITY.md 18): schemathesis generates requests from our own OpenAPI document,
valid and invalid, for every operation; none may answer 5xx.

The caller is a care manager signed in by session. Half of the generated path ids are replaced
by the ids of records she may see (her citizen, her citizen's meeting), so that generated
bodies reach the services and their validation, not only the 404 of an unknown id.
"""

from __future__ import annotations

import itertools
import json
from urllib.parse import urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from roundtable.api.api import api
from roundtable.meetings.testing import log_decision, schedule

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))

# Operations that end the caller's own credentials would end the fuzzing session itself.
SKIPPED_PATHS = {"/api/v1/auth/token"}
_alternate = itertools.count()


@pytest.fixture
def known_ids(cast):
    meeting = schedule(cast.alice, cast.anna)
    decision = log_decision(cast.alice, meeting)
    return {
        "citizen_id": cast.anna.pk,
        "meeting_id": meeting.pk,
        "decision_id": decision.pk,
    }


def _body(case) -> tuple[bytes | None, str | None]:
    body = case.body
    if body is None or type(body).__name__ == "NotSet":
        return None, None
    if isinstance(body, bytes | str):
        return (body.encode() if isinstance(body, str) else body), case.media_type
    return json.dumps(body, default=str).encode(), "application/json"


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_request_makes_the_api_fail(case, client, login, cast, known_ids):
    if case.path in SKIPPED_PATHS:
        return
    login(cast.alice)
    for name in list(case.path_parameters or {}):
        if name in known_ids and next(_alternate) % 2:
            case.path_parameters[name] = known_ids[name]
    path = case.formatted_path
    body, content_type = _body(case)
    headers = {
        f"HTTP_{k.upper().replace('-', '_')}": str(v)
        for k, v in (case.headers or {}).items()
        if k.lower() not in {"content-type", "authorization", "cookie", "host"}
    }
    response = client.generic(
        case.method,
        path,
        data=body or b"",
        content_type=content_type or "application/octet-stream",
        QUERY_STRING=urlencode(case.query or {}, doseq=True),
        **headers,
    )
    assert response.status_code < 500, (case.method, path, response.content[:500])
