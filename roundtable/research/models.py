"""Pseudonymised research exports."""
