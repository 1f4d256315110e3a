"""Emergency access."""
