"""Holding the API to its OpenAPI document: send a schemathesis case through Django's test
client and check the answer with schemathesis' own response checks — the status, content type,
headers and body each as the document names them for that operation, and never a 5xx."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import requests
import schemathesis
from django.test import Client
from schemathesis.checks import not_a_server_error
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from roundtable.api.api import api

document = api.get_openapi_schema(path_prefix="/api/v1")
schema = schemathesis.openapi.from_dict(document)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# Headers the test client sets itself (or that would sign the session out of the test).
_OWN_HEADERS = {"content-type", "authorization", "cookie", "host"}


def operations() -> list[tuple[str, str]]:
    """Every (method, path) of the document, e.g. ("PUT", "/api/v1/citizens/{citizen_id}/...")."""
    return [
        (method.upper(), path) for path, methods in document["paths"].items() for method in methods
    ]


def _body(case) -> tuple[bytes, str]:
    body = case.body
    if body is None or type(body).__name__ == "NotSet":
        return b"", "application/octet-stream"
    if isinstance(body, bytes | str):
        return (body.encode() if isinstance(body, str) else body), case.media_type
    return json.dumps(body, default=str).encode(), "application/json"


def send(client: Client, case):
    """The case as a request through the test client (in the test's own transaction)."""
    body, content_type = _body(case)
    headers: dict[str, Any] = {
        f"HTTP_{k.upper().replace('-', '_')}": str(v)
        for k, v in (case.headers or {}).items()
        if k.lower() not in _OWN_HEADERS
    }
    return client.generic(
        case.method,
        case.formatted_path,
        data=body,
        content_type=content_type,
        QUERY_STRING=urlencode(case.query or {}, doseq=True),
        **headers,
    )


def _as_checked(case, response) -> Response:
    request = requests.Request(
        method=case.method,
        url=f"http://testserver{case.formatted_path}",
        headers={k: str(v) for k, v in (case.headers or {}).items()},
        params=case.query or {},
    ).prepare()
    return Response(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.headers.items()},
        content=response.content,
        request=request,
        elapsed=0.0,
        verify=False,
    )


def assert_documented(case, response) -> None:
    """Fail, naming every violation, unless the answer is one the document gives for it."""
    case.validate_response(_as_checked(case, response), checks=CHECKS)


def case_for(
    method: str,
    path: str,
    *,
    path_parameters: dict[str, Any] | None = None,
    query: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    body: Any = None,
):
    """A hand-made case of one operation of the document."""
    kwargs: dict[str, Any] = {
        "path_parameters": {k: str(v) for k, v in (path_parameters or {}).items()},
        "query": query or {},
        "headers": headers or {},
    }
    if body is not None:
        kwargs["body"] = body
        kwargs["media_type"] = "application/json"
    return schema[path][method].Case(**kwargs)
