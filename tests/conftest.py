import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless, with nothing that reaches for the network."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/lib/chromium/chromium"
        if shutil.which("/usr/lib/chromium/chromium")
        else CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
        ],
    }


@pytest.fixture
def operator(db):
    from tests.accounts.factories import UserFactory

    return UserFactory(role="operator", is_staff=True, email="operator@example.org")


@pytest.fixture
def member(db):
    """An enterprise member who acts for one approved organisation (``member.org``)."""
    from tests.accounts.factories import UserFactory
    from tests.directory.factories import OrganisationFactory, OrganisationMemberFactory

    user = UserFactory(email="member@example.org")
    org = OrganisationFactory(name="Hangzhou Example Robotics", country="CN")
    OrganisationMemberFactory(user=user, organisation=org, is_admin=True)
    user.org = org
    return user


@pytest.fixture
def stranger(db):
    """An enterprise member of another organisation."""
    from tests.accounts.factories import UserFactory
    from tests.directory.factories import OrganisationFactory, OrganisationMemberFactory

    user = UserFactory(email="stranger@example.org")
    org = OrganisationFactory(name="Lleida Example Logistics", country="ES")
    OrganisationMemberFactory(user=user, organisation=org)
    user.org = org
    return user


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    """Each test starts in the default language. A request through the test client runs in
    the test's thread, and LocaleMiddleware leaves the viewer's language active after it, so
    a Chinese page in one test would otherwise translate the next test's messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_remembered_reference_data():
    """Values ``common.counting.remembered`` keeps in the process belong to one test's data."""
    from digibridge.common.counting import forget_remembered

    forget_remembered()
    yield
    forget_remembered()


@pytest.fixture(autouse=True)
def _fresh_matching_index():
    """Each test starts with a process index rebuilt from its own database state."""
    from digibridge.matching.index_store import store

    store.reset()
    yield
    store.reset()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def reload_migration_data() -> None:
    """Load again what data migrations load: the sector taxonomy, the service catalogue."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from digibridge.directory.models import Sector
    from digibridge.directory.sectors import sync_sectors

    sync_sectors(Sector)
    editor = SimpleNamespace(connection=connection)  # all the migration reads of its editor
    import_module("digibridge.cooperation.migrations.0002_service_catalogue").seed(apps, editor)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (browser, concurrency) ends with a flush that empties every table,
    migration data included. Once all its fixtures are torn down, put that data back, so the
    tests after it find it in whatever order the plugins sort them."""
    yield
    # After the last test the session's fixtures are gone too (the test database destroyed).
    if _is_transactional(item) and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            reload_migration_data()
