import pytest

from roundtable.care.testing import treatment_catalogue_ensure


@pytest.fixture(autouse=True)
def _treatment_catalogue(request):
    """Every database test here sees the seeded treatment catalogue, even after another
    test's flush emptied it."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    if marker is None and "db" not in names and "transactional_db" not in names:
        return
    transactional = "transactional_db" in names or bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    treatment_catalogue_ensure()
