"""Retention schedules and legal holds."""
