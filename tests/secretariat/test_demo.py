"""The demo loader fills every stage and is idempotent."""

import pytest

from alliance.demo import load_users
from secretariat.models import Activity, Document, DocumentStatus, LiaisonBriefing, ParticipationFlag

pytestmark = pytest.mark.django_db


def _load():
    # Only the foundation's users and ours: other apps' loaders are tested by their owners.
    from secretariat.demo import load_secretariat

    load_users()
    load_secretariat()


def counts():
    return (
        Document.objects.count(),
        Activity.objects.count(),
        LiaisonBriefing.objects.count(),
        ParticipationFlag.objects.count(),
    )


def test_demo_data_covers_every_document_stage_and_loads_twice_unchanged():
    _load()
    stages = set(Document.objects.values_list("status", flat=True))
    assert stages == set(DocumentStatus.values)
    assert Document.objects.filter(status="issued", audience="public", kind="announcement").exists()
    assert ParticipationFlag.objects.exists()
    first = counts()
    _load()
    assert counts() == first
