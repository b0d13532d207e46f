"""Who made a change (alliance.history.save_by): the acting person on every history row."""

import pytest

from alliance.history import save_by
from alliance.models import Profile
from members.services.contacts import contact_save
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_save_by_records_the_given_person_on_the_history_row(plain_user, secretariat_user):
    profile = Profile(user=plain_user, language="zh-hant")
    save_by(profile, secretariat_user)
    record = profile.history.get()
    assert (record.history_type, record.history_user, record.language) == ("+", secretariat_user, "zh-hant")


def test_save_by_passes_the_save_arguments_on(secretariat_user, treasurer_user):
    member = MemberFactory(name="Kestrel Ropeworks", native_name="")
    member.name, member.native_name = "Kestrel Rope Co.", "Not saved"
    save_by(member, treasurer_user, update_fields=["name"])
    member.refresh_from_db()
    assert (member.name, member.native_name) == ("Kestrel Rope Co.", "")
    record = member.history.latest()
    assert (record.history_type, record.history_user) == ("~", treasurer_user)


def test_a_service_records_the_acting_person_on_each_save(secretariat_user, member_user):
    member = MemberFactory()
    contact = contact_save(member=member, by=secretariat_user, name="Duty Desk")
    contact_save(member=member, by=member_user, contact=contact, name="Night Desk")
    records = contact.history.order_by("history_date", "history_id")
    assert [(r.history_type, r.name, r.history_user) for r in records] == [
        ("+", "Duty Desk", secretariat_user),
        ("~", "Night Desk", member_user),
    ]
