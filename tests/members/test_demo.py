import pytest

from alliance.demo import load_users
from members.demo import load_members
from members.models import Application, ApplicationStatus, LiaisonOffice, Member, MemberStatus, Representative
from members.selectors import liaison_countries, represented_members, review_queue

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (LiaisonOffice, Member, Representative, Application)]


def test_demo_data_is_idempotent_and_covers_every_case(django_user_model):
    load_users()
    load_members()
    first = _counts()
    load_members()
    assert _counts() == first
    assert first[1] >= 30
    assert set(Member.objects.values_list("status", flat=True)) == set(MemberStatus.values)
    assert {"安", "ท", "ồ"} <= set("".join(Member.objects.values_list("native_name", flat=True)))
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses >= set(ApplicationStatus.values) - {ApplicationStatus.APPROVED}
    liaison = django_user_model.objects.get(username="liaison")
    assert {"TH", "LA", "KH"} <= liaison_countries(liaison)
    assert review_queue(liaison, "preliminary").filter(country="TH").exists()
    member = represented_members(django_user_model.objects.get(username="member")).get()
    assert member.status == MemberStatus.ACTIVE and member.kind == "unit"
