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
def _fresh_matching_index():
    """Each test starts with a process index rebuilt from its own database state."""
    from digibridge.matching.index_store import store

    store.reset()
    yield
    store.reset()
