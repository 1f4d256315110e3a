"""Content-Security-Policy on every response, no inline script or style in any template, and
secure cookies and HSTS in production (SECURITY.md 13)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse

from roundtable.accounts.models import User

ROOT = Path(__file__).resolve().parents[3]


# Spelled out rather than imported: this is the contract, the middleware must match it.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class InlineCodeFinder(HTMLParser):
    """Collects everything in a page that a CSP without 'unsafe-inline' would refuse."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        # A JSON data block is never executed, so the policy has nothing to refuse there.
        is_data = dict(attrs).get("type") == "application/json"
        if tag == "script" and "src" not in names and not is_data:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        if "style" in names:
            self.problems.append(f"style attribute on <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name} handler on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL on <{tag}>")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


@pytest.mark.django_db
def test_anonymous_pages_static_files_and_errors_carry_the_policy(client):
    for url in [
        reverse("account_login"),
        "/healthz",
        "/static/core/roundtable.css",
        "/no-such-page/",
        "/api/v1/me",
        "/api/v1/openapi.json",
    ]:
        response = client.get(url)
        assert response["Content-Security-Policy"] == POLICY, url


def test_signed_in_pages_and_htmx_fragments_carry_the_policy_and_no_inline_code(
    client, login, cast
):
    login(cast.alice)
    urls = [
        reverse("workspace:caseload"),
        reverse("workspace:citizen", args=[cast.anna.pk]),
        reverse("organisations:team-list"),
        reverse("mfa_index"),
        "/api/v1/docs",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == POLICY, url
        assert inline_code(response.content.decode()) == [], url
    fragment = client.get(
        reverse("citizens:national-id", args=[cast.anna.pk]), headers={"HX-Request": "true"}
    )
    assert fragment["Content-Security-Policy"] == POLICY
    assert "010190-1234" in fragment.content.decode()
    assert client.get("/api/v1/me")["Content-Security-Policy"] == POLICY


def test_the_citizen_portal_carries_the_policy_and_no_inline_code(client, login, cast):
    login(cast.anna.user)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    assert inline_code(response.content.decode()) == []


def test_the_configuration_pages_work_under_the_same_policy(client, cast, password):
    User.objects.filter(pk=cast.adam.user_id).update(is_staff=True, is_superuser=True)
    # Django's own admin login is replaced by the Roundtable sign-in page.
    response = client.get("/config/")
    assert response.status_code == 302
    login_page = client.get("/config/login/")
    assert login_page.status_code == 302
    assert login_page["Location"].startswith(reverse("account_login"))
    signed_in = client.post(
        reverse("account_login"),
        {"login": "adam.admin", "password": password, "next": "/config/"},
    )
    assert signed_in["Location"] == "/config/"
    for url in [
        "/config/",
        "/config/accounts/user/",
        f"/config/accounts/user/{cast.alice.user_id}/change/",
    ]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert page["Content-Security-Policy"] == POLICY, url
        assert inline_code(page.content.decode()) == [], url


def test_a_signed_in_user_who_is_not_staff_cannot_open_the_configuration_pages(client, login, cast):
    login(cast.alice)
    assert client.get("/config/login/").status_code == 403
    assert client.get("/config/").status_code == 302


def test_no_template_in_the_project_has_inline_script_style_or_handlers():
    problems = []
    patterns = {
        "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
        "<style> element": re.compile(r"<style\b", re.IGNORECASE),
        "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
        "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
        "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    }
    templates = sorted((ROOT / "roundtable").glob("**/templates/**/*.html"))
    assert templates, "no templates found"
    for path in templates:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for what, pattern in patterns.items():
                if pattern.search(line):
                    problems.append(f"{path.relative_to(ROOT)}:{number}: {what}")
    assert problems == []


def test_cookies_are_http_only_and_same_site_lax(client, cast, password):
    client.get(reverse("account_login"))
    response = client.post(
        reverse("account_login"), {"login": "alice.andersen", "password": password}
    )
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
    csrf_cookie = client.cookies["csrftoken"]
    assert csrf_cookie["httponly"]
    assert csrf_cookie["samesite"] == "Lax"


PRODUCTION_PROBE = """
import json
import django
from django.conf import settings
django.setup()
from django.test import Client

client = Client()
healthz = client.get("/healthz", secure=True)
print(json.dumps({
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "SESSION_COOKIE_SAMESITE": settings.SESSION_COOKIE_SAMESITE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "CSRF_COOKIE_HTTPONLY": settings.CSRF_COOKIE_HTTPONLY,
    "CSRF_COOKIE_SAMESITE": settings.CSRF_COOKIE_SAMESITE,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "DEBUG": settings.DEBUG,
    "ROUNDTABLE_MFA_REQUIRED_FOR_STAFF": settings.ROUNDTABLE_MFA_REQUIRED_FOR_STAFF,
    "SESSION_IDLE_MINUTES": settings.SESSION_IDLE_MINUTES,
    "SESSION_ABSOLUTE_SECONDS": settings.SESSION_ABSOLUTE_SECONDS,
    "hsts_header": healthz.get("Strict-Transport-Security"),
    "csp_header": healthz.get("Content-Security-Policy"),
}))
"""


def _settings_in_a_fresh_process(tmp_path: Path, **env: str) -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECURE_COOKIES",
            "SECURE_HSTS_SECONDS",
            "ROUNDTABLE_MFA_REQUIRED_FOR_STAFF",
            "SESSION_IDLE_MINUTES",
            "SESSION_ABSOLUTE_SECONDS",
            "DEBUG",
        }
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "ROUNDTABLE_VAR_DIR": str(tmp_path / "var"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_and_hsts_is_on(tmp_path):
    values = _settings_in_a_fresh_process(
        tmp_path,
        ROUNDTABLE_ENV="production",
        SECRET_KEY="production-test-secret-key-" + "x" * 40,
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        NATIONAL_ID_DIGEST_KEY="y" * 64,
        RESEARCH_PSEUDONYM_KEY="z" * 64,
    )
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["hsts_header"] == "max-age=31536000"
    assert values["csp_header"] == POLICY
    assert values["DEBUG"] is False
    assert values["ROUNDTABLE_MFA_REQUIRED_FOR_STAFF"] is True
    assert values["SESSION_IDLE_MINUTES"] == 30
    assert values["SESSION_ABSOLUTE_SECONDS"] == 10 * 3600


def test_development_defaults_and_the_environment_knobs(tmp_path):
    values = _settings_in_a_fresh_process(
        tmp_path, ROUNDTABLE_ENV="development", SESSION_IDLE_MINUTES="5"
    )
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["hsts_header"] is None
    assert values["ROUNDTABLE_MFA_REQUIRED_FOR_STAFF"] is False
    assert values["SESSION_IDLE_MINUTES"] == 5
