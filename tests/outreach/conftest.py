import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Attachments go to a temporary private folder, never into the developer's var/."""
    settings.DIGIBRIDGE_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
