"""Every write operation of the API, sent input no person would send — strings with control
characters, a JSON type its schema does not name, a text or a body too large, a body that is
not an object — refuses it with a 4xx and changes no stored data (issue 10's check).

The operations come from the OpenAPI document, so a new endpoint is covered without touching
this file; hypothesis picks the field, the kind of damage and the value. Each request is sent
as a signed-in care manager with the ids of records she may see, so that it reaches the
validation and the services, not only a 404; the whole database but the audit trail, the cache
and the sessions is compared before and after.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterator
from typing import Any, get_args
from urllib.parse import urlencode

import pytest
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from pydantic import BaseModel

from roundtable.api.tests.documented import document
from roundtable.api.tests.test_documented_answers import setting  # noqa: F401  (fixture)
from roundtable.breakglass.tests.helpers import ANNA_NATIONAL_ID, REASON
from roundtable.core.api import BodyIn
from roundtable.journal.models import JournalEntry
from roundtable.journal.testing import dispute
from roundtable.sickleave.testing import NOTE

pytestmark = pytest.mark.django_db

WRITES = sorted(
    (method.upper(), path)
    for path, methods in document["paths"].items()
    for method in methods
    if method in {"post", "put", "patch", "delete"}
)

# Tables a refused request may write to: its audit event, the cache (sign-in delays), sessions.
_MAY_CHANGE = ("audit_", "roundtable_cache", "django_session")

# Small limits, so that "too large" costs little: the middleware's checks are the same.
MAX_FIELD_CHARS = 300
MAX_BODY_BYTES = 4_000

CONTROL = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))]
CONTROL.append("\ud800")  # a lone surrogate: JSON's "\ud800"


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _alternatives(schema: dict) -> list[dict]:
    schema = _resolve(schema)
    if "anyOf" in schema or "oneOf" in schema:
        return [_resolve(s) for s in schema.get("anyOf") or schema.get("oneOf") or []]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _alternatives(schema["allOf"][0])
    return [schema]


def _json_types(schema: dict) -> set[str]:
    types: set[str] = set()
    for alt in _alternatives(schema):
        kind = alt.get("type")
        if kind is None and "enum" in alt:
            kind = "string"
        if isinstance(kind, list):
            types.update(kind)
        elif kind:
            types.add(kind)
        elif not alt:
            types.update({"string", "integer", "number", "boolean", "array", "object", "null"})
    if "number" in types:
        types.add("integer")
    return types


def _minimal(schema: dict) -> Any:
    """A plausible value of the schema (never sent as it is: every request is damaged)."""
    alts = [a for a in _alternatives(schema) if a.get("type") != "null"] or _alternatives(schema)
    alt = alts[0]
    if "enum" in alt:
        return alt["enum"][0]
    kind = alt.get("type")
    if kind == "object" or "properties" in alt:
        props = alt.get("properties", {})
        return {name: _minimal(sub) for name, sub in props.items()}
    if kind == "array":
        return [_minimal(alt.get("items", {}))] if alt.get("items") else []
    fmt = alt.get("format")
    if kind == "string":
        return {
            "date": "2026-01-05",
            "date-time": "2026-01-05T10:00:00+01:00",
            "uuid": str(uuid.uuid4()),
        }.get(str(fmt), "x")
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return False
    return None


def _leaves(schema: dict, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every place in a body (the fields of objects, the first item of lists) with its schema."""
    for alt in _alternatives(schema):
        if alt.get("type") == "object" or "properties" in alt:
            for name, sub in alt.get("properties", {}).items():
                yield (*path, name), sub
                yield from _leaves(sub, (*path, name))
        elif alt.get("type") == "array" and alt.get("items"):
            yield (*path, 0), alt["items"]
            yield from _leaves(alt["items"], (*path, 0))


def _put(body: Any, path: tuple, value: Any, template: Any = None) -> Any:
    """The body with `value` at `path`; a container the body lacks on the way is taken from
    `template` (a plausible value of the whole schema)."""
    if not path:
        return value
    body = copy.deepcopy(body)
    node, model = body, template
    for part in path[:-1]:
        model = _step(model, part)
        if isinstance(node, dict) and part not in node:
            node[part] = copy.deepcopy(model)
        elif isinstance(node, list) and len(node) <= part:
            node.append(copy.deepcopy(model))
        node = node[part]
    if isinstance(node, list) and len(node) <= path[-1]:
        node.append(value)
    else:
        node[path[-1]] = value
    return body


def _step(model: Any, part: Any) -> Any:
    if isinstance(model, dict):
        return model.get(part)
    if isinstance(model, list) and model:
        return model[0]
    return None


def _body_schema(operation: dict) -> tuple[dict | None, bool]:
    body = operation.get("requestBody")
    if not body:
        return None, False
    return body["content"]["application/json"]["schema"], bool(body.get("required"))


_OF_TYPE = {
    "string": st.text(max_size=5),
    "integer": st.integers(-(2**40), 2**40),
    "number": st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: f != int(f)),
    "boolean": st.booleans(),
    "array": st.lists(st.integers(0, 9), max_size=2),
    "object": st.dictionaries(st.text(max_size=3), st.integers(0, 9), max_size=2),
    "null": st.none(),
}


def _wrong_type(schema: dict) -> st.SearchStrategy:
    allowed = _json_types(schema)
    wrong = [kind for kind in _OF_TYPE if kind not in allowed]
    return st.sampled_from(wrong).flatmap(lambda kind: _OF_TYPE[kind])


def _with_control(text: str, char: str, at: int) -> str:
    at = min(at, len(text))
    return text[:at] + char + text[at:]


control_text = st.builds(
    _with_control, st.text(max_size=12), st.sampled_from(CONTROL), st.integers(0, 12)
)
# A URL carries bytes: a lone surrogate has none (it cannot be encoded), so not in a query.
query_control_text = st.builds(
    _with_control,
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.sampled_from(CONTROL[:-1]),
    st.integers(0, 12),
)


@st.composite
def damaged(draw, method: str, path: str, valid: Any = None) -> dict:
    """A request for the operation with one kind of damage: its body (JSON text) and query."""
    operation = document["paths"][path][method.lower()]
    schema, required = _body_schema(operation)
    kinds = ["query_control", "oversize_body"]
    leaves = list(_leaves(schema)) if schema else []
    strings = [(p, s) for p, s in leaves if "string" in _json_types(s)]
    if schema:
        kinds += ["wrong_type", "not_an_object"]
    if strings:
        kinds += ["control", "oversize_text"]
    kind = draw(st.sampled_from(kinds))
    template = _minimal(schema) if schema else None
    base = valid if valid is not None else template
    query: dict[str, str] = {}
    if kind == "query_control":
        query = {draw(st.sampled_from(["q", "limit", "x"])): draw(query_control_text)}
        body = base
    elif kind == "oversize_body":
        filler = {f"f{i}": "x" * 250 for i in range(MAX_BODY_BYTES // 250 + 2)}
        body = {**base, **filler} if isinstance(base, dict) else filler
    elif kind == "not_an_object":
        body = draw(_wrong_type({"type": "object"}).filter(lambda v: v is not None or required))
    elif kind == "wrong_type":
        where, sub = draw(st.sampled_from(leaves))
        body = _put(base, where, draw(_wrong_type(sub)), template)
    elif kind == "control":
        where, _sub = draw(st.sampled_from(strings))
        body = _put(base, where, draw(control_text), template)
    else:  # oversize_text
        where, _sub = draw(st.sampled_from(strings))
        body = _put(base, where, "y" * (MAX_FIELD_CHARS + 1), template)
    return {"kind": kind, "body": body, "query": query}


def _snapshot() -> dict[str, str]:
    """A digest of every row of every table a refused request must leave alone."""
    digests = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table.startswith(_MAY_CHANGE):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the database)
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def _ids(setting: dict, path: str) -> dict:  # noqa: F811
    # A family link nobody has: stopping it is refused whatever the body (404 before 4xx checks).
    known = {**setting, "number": 1, "grant_id": uuid.uuid4(), "link_id": uuid.uuid4()}
    if "/meetings/{meeting_id}/decisions" in path:
        known["meeting_id"] = setting["upcoming_id"]
    return known


def _valid(cast, password: str, setting: dict) -> dict[tuple[str, str], tuple[Any, Any]]:  # noqa: F811
    """Who may send each write, and a body it accepts: damage then is the only thing wrong."""
    citizen = "/api/v1/citizens/{citizen_id}"
    decisions = "/api/v1/meetings/{meeting_id}/decisions"
    today = timezone.localdate().isoformat()
    starts = timezone.now() + dt.timedelta(days=14)
    provision = {
        "type": "permit",
        "recipient_kind": "sector",
        "recipient": "employment",
        "data_classes": ["functional_capacity"],
    }
    return {
        ("POST", "/api/v1/auth/token"): (
            None,
            {"username": "alice.andersen", "password": password},
        ),
        ("POST", citizen + "/meetings"): (
            cast.alice,
            {
                "starts_at": starts.isoformat(),
                "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
                "purpose": "We look at the plan together.",
                "place": "Jobcentre North",
            },
        ),
        ("POST", decisions): (
            cast.alice,
            {
                "type": "course_content",
                "subtype": "activities",
                "title": "Which activity first?",
                "raised_by": "citizen",
                "options": [{"text": "Walking", "pros": "Easy", "cons": "Rain"}],
            },
        ),
        ("PATCH", decisions + "/{decision_id}"): (
            cast.alice,
            {"title": "What helps now?", "outcome": "Walks.", "type": "course_content"},
        ),
        ("POST", decisions + "/{decision_id}/options"): (
            cast.alice,
            {"text": "Swimming", "pros": "Calm", "cons": "Cold"},
        ),
        ("POST", citizen + "/assessments/symptoms"): (
            cast.alice,
            {"instrument": "PHQ-9", "score": 12, "measured_on": today},
        ),
        ("POST", citizen + "/assessments/sessions"): (
            cast.alice,
            {"held_on": today, "kind": "phone", "attendance": "attended", "notes": "Slept."},
        ),
        ("PUT", citizen + "/joint-plan/draft"): (
            cast.bob,
            {"overall_plan": "Three days a week.", "goals": [], "ramp": {"weeks": []}},
        ),
        ("POST", citizen + "/joint-plan/versions/{number}/response"): (
            cast.anna,
            {"agreement": "agree", "comment": "Good."},
        ),
        ("POST", citizen + "/consents"): (cast.anna, {"provisions": [provision]}),
        ("POST", citizen + "/evidence/{request_id}/note"): (
            cast.alice,
            {**NOTE, "ready": True},
        ),
        ("POST", citizen + "/evidence/{request_id}/comment"): (
            cast.anna,
            {"comment": "I agree with the note."},
        ),
        ("POST", citizen + "/journal"): (
            cast.alice,
            {"data_class": "health_summary", "body": "Started walking again."},
        ),
        ("POST", citizen + "/journal/{entry_id}/dispute"): (
            cast.anna,
            {"statement": "I walk every other day."},
        ),
        ("POST", citizen + "/journal/{entry_id}/addendum"): (
            cast.alice,
            {"body": "Corrected: every other day.", "outcome": "corrected"},
        ),
        ("POST", "/api/v1/break-glass"): (
            cast.carol,
            {
                "national_id": ANNA_NATIONAL_ID,
                "reason": REASON,
                "minutes": 30,
                "password": password,
            },
        ),
    }


def test_the_operations_are_read_from_the_document():
    assert ("PUT", "/api/v1/citizens/{citizen_id}/joint-plan/draft") in WRITES
    assert len(WRITES) >= 15


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_damaged_input_is_refused_with_a_4xx_and_changes_nothing(
    method,
    path,
    client,
    login,
    cast,
    setting,  # noqa: F811
    settings,
    password,
):
    settings.ROUNDTABLE_MAX_FIELD_CHARS = MAX_FIELD_CHARS
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES
    ids = _ids(setting, path)
    url = path.format(**{name: ids[name] for name in ids if "{" + name + "}" in path})
    # The draft's current revision, so that a request that got through would be saved.
    login(cast.alice)
    if_match = client.get(f"/api/v1/citizens/{cast.anna.pk}/joint-plan/draft")["ETag"]
    if path.endswith("/addendum"):  # the author answers an open dispute
        dispute(cast.anna, JournalEntry.objects.get(pk=setting["entry_id"]), "Not daily.")
    caller, valid = _valid(cast, password, setting).get((method, path), (cast.alice, None))
    if caller is None:
        client.logout()
    else:
        login(caller)
    if valid is not None:
        # The undamaged body is accepted (then undone): the damage is what the answer is about.
        with transaction.atomic():
            accepted = client.generic(
                method,
                url,
                data=json.dumps(valid).encode(),
                content_type="application/json",
                HTTP_IF_MATCH=if_match,
            )
            transaction.set_rollback(True)
        assert 200 <= accepted.status_code < 300, accepted.content

    @given(request=damaged(method, path, valid))
    @examples(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def refused(request):
        before = _snapshot()
        response = client.generic(
            method,
            url,
            data=json.dumps(request["body"]).encode(),
            content_type="application/json",
            QUERY_STRING=urlencode(request["query"]),
            HTTP_IF_MATCH=if_match,
        )
        assert 400 <= response.status_code < 500, (request, response.status_code, response.content)
        assert _snapshot() == before, (request, response.status_code, response.content)

    refused()


def _routers(router) -> Iterator[Any]:
    yield router
    for _prefix, child, *_rest in getattr(router, "_routers", ()):
        yield from _routers(child)


def _models_in(annotation: Any) -> Iterator[type]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field in annotation.model_fields.values():
            yield from _models_in(field.annotation)
    for arg in get_args(annotation):
        yield from _models_in(arg)


def test_every_body_schema_is_a_body_in():
    """A body schema that is a plain ninja Schema would read "abc" as an object with every field
    left out (issue 10 #20): every schema of every body, and every object inside one, must be
    `core.api.BodyIn`."""
    from roundtable.api.api import api

    bodies: set[type] = set()
    for _prefix, top in api._routers:
        for router in _routers(top):
            for view in router.path_operations.values():
                for operation in view.operations:
                    for model in operation.models:
                        if model.__ninja_param_source__ != "body":
                            continue
                        for field in model.model_fields.values():
                            bodies.update(_models_in(field.annotation))
    assert len(bodies) >= 15
    assert [b.__name__ for b in bodies if not issubclass(b, BodyIn)] == []
