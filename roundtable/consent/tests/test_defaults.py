"""The defaults per jurisdiction: the issue-3 base, legal references, the deployment override."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from roundtable.consent.defaults import CONSENT_DEFAULTS, consent_defaults
from roundtable.core.data_classes import (
    ALL_CLASSES,
    EMPLOYMENT_CLASSES,
    HEALTH_CLASSES,
    JOINT_CLASSES,
)


@pytest.mark.parametrize("jurisdiction", ["dk", "se", "no"])
def test_defaults_reproduce_the_issue_3_base(jurisdiction):
    defaults = consent_defaults(jurisdiction)
    assert defaults.base_policy == "deny"
    assert defaults.default_for("health") == HEALTH_CLASSES | JOINT_CLASSES
    assert defaults.default_for("employment") == EMPLOYMENT_CLASSES | JOINT_CLASSES
    assert defaults.default_for("social") == JOINT_CLASSES
    # What the law requires cannot be denied; what is made together can.
    assert defaults.fixed_for("employment") == EMPLOYMENT_CLASSES
    assert defaults.deniable_for("employment") == JOINT_CLASSES


@pytest.mark.parametrize("jurisdiction", sorted(CONSENT_DEFAULTS))
def test_every_exception_names_its_legal_reference(jurisdiction):
    for exception in consent_defaults(jurisdiction).exceptions:
        assert exception.legal_ref.strip() and exception.reason


def test_a_deployment_overrides_one_jurisdiction(settings):
    settings.ROUNDTABLE_CONSENT_DEFAULTS = {
        "dk": {
            "exceptions": [
                {"id": "x.jobcentre", "sectors": ["employment"],
                 "data_classes": ["vocational", "benefit_decision", "functional_capacity"],
                 "legal_ref": "local agreement 2026/1"},
            ]
        }
    }  # fmt: skip
    assert "functional_capacity" in consent_defaults("dk").default_for("employment")
    assert consent_defaults("se").default_for("employment") == EMPLOYMENT_CLASSES | JOINT_CLASSES


def test_an_unknown_data_class_in_the_override_is_refused(settings):
    settings.ROUNDTABLE_CONSENT_DEFAULTS = {
        "dk": {"exceptions": [{"id": "x", "sectors": ["health"], "data_classes": ["bank"],
                               "legal_ref": "none"}]}
    }  # fmt: skip
    with pytest.raises(ImproperlyConfigured):
        consent_defaults("dk")


def test_an_unknown_jurisdiction_keeps_each_sector_to_its_own():
    defaults = consent_defaults("xx")
    assert defaults.default_for("employment") == EMPLOYMENT_CLASSES
    assert defaults.default_for("other") == frozenset()
    assert defaults.default_for("health") <= ALL_CLASSES
