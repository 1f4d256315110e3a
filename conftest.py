import pytest

from roundtable.core.testing import PASSWORD, Cast, make_cast


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def login(client):
    """Sign a test client in as a professional or citizen user."""

    def _login(who) -> None:
        user = getattr(who, "user", who)
        client.force_login(user)

    return _login
