"""Roundtable: integrated mental-health care and vocational rehabilitation."""
