import pytest
from django.core.cache import cache

from tests.factories import ArticleFactory, SpeakerFactory, UserFactory, make_claim


@pytest.fixture
def editor(db):
    return UserFactory(editor=True)


@pytest.fixture
def viewer(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def speaker(db):
    return SpeakerFactory()


@pytest.fixture
def claim(article, speaker):
    return make_claim(article, speaker=speaker)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Login and API throttles count in the cache; one test's failures must not lock out the next.
    cache.clear()
    yield
    cache.clear()
