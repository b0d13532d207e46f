import datetime

import factory
from django.utils import timezone

from meetings import services
from meetings.models import Body, Meeting, Resolution
from members.models import Member
from tests.factories import UserFactory
from tests.members.factories import MemberFactory, RepresentativeFactory


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"B{n}")
    name = factory.Sequence(lambda n: f"Test body {n}")


def make_meeting(*, by, units=9, body=None, starts_in=datetime.timedelta(days=10), with_reps=False, **kwargs):
    """A meeting of ``body`` with ``units`` active member units invited (they are all entitled)."""
    body = body or BodyFactory()
    members = []
    for _ in range(units):
        member = RepresentativeFactory().member if with_reps else MemberFactory()
        members.append(member)
    meeting = services.meeting_create(
        body=body,
        title=kwargs.pop("title", "Spring meeting"),
        starts_at=timezone.now() + starts_in,
        mode="offline",
        venue="Kunming",
        by=by,
        **kwargs,
    )
    # Every active member entitled to the body is invited, including those of earlier meetings.
    invited = list(Member.objects.filter(meeting_invitations__meeting=meeting).order_by("pk"))
    return meeting, invited if len(invited) != len(members) else members


def in_session(meeting, members, *, by, present=None):
    """Issue the notice and sign in the first ``present`` units (all by default)."""
    if meeting.status == "draft":
        services.notice_issue(meeting=meeting, by=by, late_reason="test")
    for member in members[: len(members) if present is None else present]:
        services.attendance_record(meeting=meeting, member=member, mode="in_person", by=by)
    meeting.refresh_from_db()
    return meeting


def passed_expulsion_resolution(member, *, by):
    """A passed General Assembly resolution expelling ``member``, recorded without its vote.

    For tests of what cites it; the vote itself (which expels the member) is tested in test_votes.
    """
    meeting, _members = make_meeting(by=by, units=0, body=BodyFactory(code="GA"))
    resolution = services.resolution_propose(
        meeting=meeting, title=f"Expel {member.name}", kind="expulsion", subject_member=member, by=by
    )
    number = f"GA-2026-{resolution.pk:02d}"
    Resolution.objects.filter(pk=resolution.pk).update(
        status="passed", number=number, decided_at=timezone.now()
    )
    resolution.refresh_from_db()
    return resolution


__all__ = ["Meeting", "UserFactory"]


def office_holder(office, *, by):
    """Return a new user appointed to ``office`` since 2020."""
    from meetings.models import OfficeHolding

    holder = UserFactory()
    OfficeHolding.objects.create(
        office=office, holder=holder, how="appointed", started_on=datetime.date(2020, 1, 1), recorded_by=by
    )
    return holder
