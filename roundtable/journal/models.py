"""Collective journal."""
