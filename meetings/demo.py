"""Demo data of the meetings app (runs after the members loader): bodies, a past General
Assembly with an election, a past Chairman's Meeting with resolutions and action items
(one overdue), an upcoming meeting the demo member is invited to, and office holders.

Idempotent: every row is got or created on a natural key (titles, numbers, usernames).
Every person in it is fictional.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alliance.demo import demo_user, loader
from alliance.numbering import next_number
from alliance.roles import Role
from meetings import conf, demo_online, rules
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Body,
    CountingMethod,
    HoldingHow,
    Invitation,
    InvitationResponse,
    Meeting,
    MeetingMode,
    MeetingStatus,
    Minutes,
    MinutesRecipient,
    MinutesStatus,
    Office,
    OfficeHolding,
    ProgressUpdate,
    Resolution,
    ResolutionKind,
    ResolutionStatus,
)
from members.models import Member, MemberKind, MemberStatus, Tier
from members.selectors import notification_emails, represented_members

GA_TITLE = "Member General Assembly 2025"
# The meeting that approved the first fee schedule (001 §IV: "approved at the closed-door meeting
# of the first congress of the Alliance on May 28, 2024").
FIRST_CONGRESS_TITLE = "First congress of the Alliance, closed-door meeting"
CM_TITLE = "Chairman's Meeting, third quarter 2026"
UPCOMING_TITLE = "Member General Assembly 2027 (extraordinary session)"
# The online meeting ready to try has its own loader, registered by this import.
ONLINE_LOADER = demo_online.load_online_meeting


def _at(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _bodies():
    ga, _ = Body.objects.get_or_create(
        code="GA", defaults={"name": "Member General Assembly", "min_notice_days": 30}
    )
    cm, _ = Body.objects.get_or_create(
        code="CM",
        defaults={
            "name": "Chairman's Meeting",
            "entitled_tiers": [Tier.CHAIRMAN_UNIT, Tier.VICE_CHAIRMAN_UNIT],
            "min_notice_days": 7,
        },
    )
    return ga, cm


def _active_members():
    members = list(Member.objects.filter(status=MemberStatus.ACTIVE).order_by("number"))
    if members:
        return members
    # No members loader ran: a few fictional units so the meetings have someone to count.
    for index, tier in enumerate(
        [Tier.CHAIRMAN_UNIT, Tier.VICE_CHAIRMAN_UNIT, Tier.GROUP_MEMBER] * 2, start=1
    ):
        Member.objects.get_or_create(
            number=f"DEMO-GA-{index:03d}",
            defaults={
                "kind": MemberKind.UNIT,
                "tier": tier,
                "name": f"Demo Guard Services {index}",
                "country": "TH",
                "joined_on": datetime.date(2024, 3, 1),
            },
        )
    return list(Member.objects.filter(status=MemberStatus.ACTIVE).order_by("number"))


def _meeting(body, title, starts_at, status, by, **extra):
    meeting, created = Meeting.objects.get_or_create(
        body=body,
        title=title,
        defaults={
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=3),
            "mode": MeetingMode.HYBRID,
            "venue": "Secretariat conference hall, Kunming",
            "online_link": "https://meet.example.org/alliance",
            "status": status,
            "created_by": by,
            "notice_issued_at": starts_at - datetime.timedelta(days=40),
            "notice_issued_by": by,
            **extra,
        },
    )
    return meeting, created


def _invite(meeting, members, *, attended):
    Invitation.objects.bulk_create(
        Invitation.member_names(
            [
                Invitation(
                    meeting=meeting,
                    member=m,
                    response=InvitationResponse.ATTEND if m in attended else "pending",
                )
                for m in members
            ]
        ),
        ignore_conflicts=True,
    )


def _attend(meeting, members, by):
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, member=m, mode="in_person", signed_in_by=by) for m in members],
        ignore_conflicts=True,
    )


def _decide(meeting, *, title, kind, present, entitled, votes_for, by, **extra):
    """A resolution voted on with paper totals, judged by the body's rule, numbered when passed."""
    existing = Resolution.objects.filter(meeting=meeting, title=title).first()
    if existing:
        return existing
    body = meeting.body
    position = AgendaItem.objects.filter(meeting=meeting).count() + 1
    item = AgendaItem.objects.create(meeting=meeting, position=position, title=title, created_by=by)
    rule = body.election_rule() if kind == ResolutionKind.ELECTION else body.pass_rule()
    result = rules.vote_result(
        votes_for=votes_for,
        votes_against=present - votes_for,
        votes_abstain=0,
        present=present,
        entitled=entitled,
        rule=rule,
    )
    year = timezone.localdate(meeting.starts_at).year
    number = (
        f"{body.code}-{year}-{next_number(f'resolution-{body.code}', year):02d}" if result.passed else None
    )
    return Resolution.objects.create(
        meeting=meeting,
        body=body,
        agenda_item=item,
        number=number,
        kind=kind,
        title=title,
        status=ResolutionStatus.PASSED if result.passed else ResolutionStatus.REJECTED,
        counting_method=CountingMethod.PAPER,
        **rule.as_recorded(),
        entitled_count=entitled,
        present_count=present,
        votes_for=votes_for,
        votes_against=present - votes_for,
        votes_abstain=0,
        decided_at=meeting.starts_at + datetime.timedelta(hours=2),
        decided_by=by,
        proposed_by=by,
        **extra,
    )


def _minutes(meeting, status, by, approver=None):
    minutes, created = Minutes.objects.get_or_create(
        meeting=meeting,
        version=1,
        defaults={
            "status": status,
            "text": f"Minutes of {meeting.title}.\n\nThe meeting opened at 09:00 with a quorum present. "
            "The resolutions recorded in the register were adopted as shown.",
            "created_by": by,
        },
    )
    if created and status in (MinutesStatus.CIRCULATED, MinutesStatus.ARCHIVED):
        minutes.approved_by = approver or by
        minutes.approved_at = meeting.starts_at + datetime.timedelta(days=7)
        minutes.approved_as = str(Office.SECRETARY_GENERAL.label)
        minutes.circulated_at = meeting.starts_at + datetime.timedelta(days=8)
        minutes.save()
        recipients = [
            MinutesRecipient(minutes=minutes, member=a.member, email=email)
            for a in Attendance.objects.filter(meeting=meeting).select_related("member")
            for email in notification_emails(a.member)
        ]
        MinutesRecipient.objects.bulk_create(recipients, ignore_conflicts=True)
    return minutes


def _holding(office, holder, *, how, started_on, by, resolution=None, appointed_by=None, member=None):
    holding, _ = OfficeHolding.objects.get_or_create(
        office=office,
        holder=holder,
        started_on=started_on,
        defaults={
            "how": how,
            "term_ends_on": rules.term_end(started_on, conf.term_years())
            if how == HoldingHow.ELECTED
            else None,
            "resolution": resolution,
            "appointed_by": appointed_by,
            "member": member,
            "recorded_by": by,
        },
    )
    return holding


WAIVER_TITLE = "Waiver of the dues of members hit by natural disasters"


@transaction.atomic
def first_congress(by) -> Meeting:
    """The closed-door meeting of the first congress, 28 May 2024, which approved the first
    fee schedule (001 §IV; the same meeting dues' migration 0005 records where needed)."""
    ga, _cm = _bodies()
    meeting, _created = Meeting.objects.get_or_create(
        body=ga,
        title=FIRST_CONGRESS_TITLE,
        defaults={
            "starts_at": _at(2024, 5, 28),
            "mode": MeetingMode.OFFLINE,
            "venue": "Kunming",
            "status": MeetingStatus.ARCHIVED,
            "created_by": by,
        },
    )
    return meeting


def waiver_resolution(by) -> Resolution:
    """The 2025 General Assembly's resolution on waivers (001 §IV.6), which the demo's waivers cite."""
    ga, _cm = _bodies()
    meeting, _created = _meeting(ga, GA_TITLE, _at(2025, 5, 28), MeetingStatus.ARCHIVED, by)
    entitled = len(_active_members())
    return _decide(
        meeting,
        title=WAIVER_TITLE,
        kind=ResolutionKind.WAIVER,
        present=entitled,
        entitled=entitled,
        votes_for=entitled,
        by=by,
    )


@loader(order=20)
@transaction.atomic
def load_meetings():
    secretariat = demo_user("secretariat", role=Role.SECRETARIAT)
    member_user = demo_user("member", role=Role.MEMBER)
    chairman = demo_user("chairman", role=None, first_name="Viktor", last_name="Almeida")
    vice_1 = demo_user("vice1", role=None, first_name="Lena", last_name="Okafor")
    vice_2 = demo_user("vice2", role=None, first_name="Rafael", last_name="Sorensen")
    secretary_general = demo_user("secgen", role=Role.SECRETARIAT, first_name="Imogen", last_name="Tran")
    ga, cm = _bodies()
    members = _active_members()

    # A past General Assembly with the election of the Chairman and two Vice Chairmen.
    ga_meeting, created = _meeting(ga, GA_TITLE, _at(2025, 5, 28), MeetingStatus.ARCHIVED, secretariat)
    present = members[: max(1, len(members) * 5 // 6)]
    if created:
        _invite(ga_meeting, members, attended=present)
        _attend(ga_meeting, present, secretariat)
    for office, person, title in (
        (Office.CHAIRMAN, chairman, "Election of Viktor Almeida as Chairman"),
        (Office.VICE_CHAIRMAN, vice_1, "Election of Lena Okafor as Vice Chairman"),
        (Office.VICE_CHAIRMAN, vice_2, "Election of Rafael Sorensen as Vice Chairman"),
    ):
        resolution = _decide(
            ga_meeting,
            title=title,
            kind=ResolutionKind.ELECTION,
            present=len(present),
            entitled=len(members),
            votes_for=len(present),
            by=secretariat,
            office=office,
            candidate_user=person,
            secret=True,
        )
        if resolution.status == ResolutionStatus.PASSED:
            _holding(
                office,
                person,
                how=HoldingHow.ELECTED,
                started_on=datetime.date(2025, 5, 28),
                by=secretariat,
                resolution=resolution,
            )
    _decide(
        ga_meeting,
        title="Adoption of the fee schedule for 2026",
        kind=ResolutionKind.FEE_SCHEDULE,
        present=len(present),
        entitled=len(members),
        votes_for=len(present),
        by=secretariat,
    )
    waiver_resolution(secretariat)
    _minutes(ga_meeting, MinutesStatus.ARCHIVED, secretariat, approver=secretary_general)
    _holding(
        Office.SECRETARY_GENERAL,
        secretary_general,
        how=HoldingHow.APPOINTED,
        started_on=datetime.date(2025, 6, 1),
        by=secretariat,
        appointed_by=chairman,
    )

    # A past Chairman's Meeting with resolutions and action items, one of them overdue.
    cm_members = [m for m in members if m.tier in cm.entitled_tiers] or members[:5]
    today = timezone.localdate()
    cm_meeting, created = _meeting(cm, CM_TITLE, _at(2026, 9, 15), MeetingStatus.HELD, secretariat)
    if created:
        _invite(cm_meeting, cm_members, attended=cm_members)
        _attend(cm_meeting, cm_members, secretariat)
    n = len(cm_members)
    plan = _decide(
        cm_meeting,
        title="Regional training programme for 2027",
        kind=ResolutionKind.ORDINARY,
        present=n,
        entitled=n,
        votes_for=n,
        by=secretariat,
    )
    office = _decide(
        cm_meeting,
        title="Open a liaison desk in Hanoi",
        kind=ResolutionKind.ORDINARY,
        present=n,
        entitled=n,
        votes_for=n,
        by=secretariat,
    )
    for resolution, title, due, status in (
        (
            plan,
            "Draft the training curriculum",
            today - datetime.timedelta(days=14),
            ActionStatus.IN_PROGRESS,
        ),
        (plan, "Book training venues", today + datetime.timedelta(days=45), ActionStatus.OPEN),
        (office, "Find office premises", today + datetime.timedelta(days=60), ActionStatus.OPEN),
        (
            office,
            "Register the desk with local authorities",
            today - datetime.timedelta(days=40),
            ActionStatus.DONE,
        ),
    ):
        if resolution.status != ResolutionStatus.PASSED:
            continue
        item, created = ActionItem.objects.get_or_create(
            resolution=resolution,
            title=title,
            defaults={"due_on": due, "status": status, "owner": secretariat, "created_by": secretariat},
        )
        if created and status != ActionStatus.OPEN:
            ProgressUpdate.objects.create(
                action_item=item,
                note="Work under way; see the attached plan.",
                from_status=ActionStatus.OPEN,
                to_status=status,
                reported_by=secretariat,
            )
    _minutes(cm_meeting, MinutesStatus.DRAFT, secretariat)

    # An upcoming meeting: the demo member's unit is invited and can answer.
    upcoming, created = _meeting(
        ga,
        UPCOMING_TITLE,
        timezone.now().replace(microsecond=0) + datetime.timedelta(days=45),
        MeetingStatus.NOTICE_ISSUED,
        secretariat,
    )
    if created:
        upcoming.notice_issued_at = timezone.now()
        upcoming.save(update_fields=["notice_issued_at"])
        _invite(upcoming, members, attended=[])
        AgendaItem.objects.create(
            meeting=upcoming, position=1, title="Report of the Chairman", created_by=secretariat
        )
        AgendaItem.objects.create(
            meeting=upcoming, position=2, title="Report on dues and arrears", created_by=secretariat
        )
    # The members loader may not link the demo member: make sure its unit is invited if it has one.
    for member in represented_members(member_user):
        Invitation.objects.get_or_create(meeting=upcoming, member=member)
