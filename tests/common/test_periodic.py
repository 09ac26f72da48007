import datetime as dt

import pytest
from django.utils import timezone

from digibridge.common.periodic import EmbeddedBeat
from digibridge.marketplace.models import Opportunity
from tests.marketplace.factories import OpportunityFactory


@pytest.mark.django_db
def test_embedded_beat_runs_each_scheduled_task_once_per_interval(tmp_path):
    old = OpportunityFactory(deadline=timezone.localdate() - dt.timedelta(days=1))
    beat = EmbeddedBeat(state_path=tmp_path / "periodic.json")
    first = beat.run_due(now=1000.0)
    assert "expire-opportunities" in first
    old.refresh_from_db()
    assert old.status == Opportunity.Status.EXPIRED
    assert beat.run_due(now=1001.0) == []  # nothing is due again a second later
    assert "expire-opportunities" in beat.run_due(now=1000.0 + 3600.0)
    again = EmbeddedBeat(state_path=tmp_path / "periodic.json")  # after a restart
    assert "expire-opportunities" not in again.run_due(now=1000.0 + 3700.0)
    assert "outreach-weekly-digest" not in again.run_due(now=1000.0 + 3700.0)
