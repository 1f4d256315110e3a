"""Consent."""
