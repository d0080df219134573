import pytest
from django.test import Client


@pytest.fixture
def as_user(client: Client):
    """A client logged in as the given user."""

    def login(user) -> Client:
        client.force_login(user)
        return client

    return login
