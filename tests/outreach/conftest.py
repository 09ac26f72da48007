import datetime as dt

import pytest

from digibridge.outreach import services
from tests.directory.factories import OrganisationFactory, PersonFactory


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Attachments go to a temporary private folder, never into the developer's var/."""
    settings.DIGIBRIDGE_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def beijing_people(db):
    """Wei Zhang of Beijing Robotics Co and Li Na of Beijing Energy Co."""
    robotics = OrganisationFactory(name="Beijing Robotics Co", country="CN")
    energy = OrganisationFactory(name="Beijing Energy Co", country="CN")
    return (
        PersonFactory(organisation=robotics, first_name="Wei", last_name="Zhang"),
        PersonFactory(organisation=energy, first_name="Li", last_name="Na"),
    )


@pytest.fixture
def delegation(operator, beijing_people):
    """The Beijing enterprise delegation: Wei Zhang (leader) and Li Na."""
    leader, other = beijing_people
    return services.delegation_create(
        name="Beijing enterprise delegation to Barcelona",
        by=operator,
        leader=leader,
        members=[other],
        travel_from=dt.date(2025, 3, 2),
        travel_to=dt.date(2025, 3, 6),
        notes="Hotel near Fira.",
    )
