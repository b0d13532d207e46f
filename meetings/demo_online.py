"""Demo: an online Chairman's Meeting ready to try (issue 13). Four units are invited; three
representatives (``rep1``–``rep3``) and one delegate holding the fourth unit's mandate
(``delegate1``) can check in from the meeting room while the check-in window is open.
The secretariat opens the vote on the motion waiting on the agenda.

Idempotent: got or created on natural keys. Registered by ``meetings/demo.py``.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from alliance.demo import announce_login, demo_user, loader
from alliance.roles import Role
from meetings.models import (
    AgendaItem,
    Body,
    Invitation,
    Mandate,
    Meeting,
    MeetingMode,
    MeetingRoom,
    MeetingStatus,
    Resolution,
)
from members.models import Member, MemberKind, MemberStatus, Representative, RepresentativeRole

ONLINE_TITLE = "Chairman's Meeting, online session"
REPS = [("rep1", "Arun", "Chandra"), ("rep2", "Mei", "Lin"), ("rep3", "Tomas", "Reyes")]
DELEGATE = ("delegate1", "Sofia", "Marin")


def _units() -> list[Member]:
    """Four active units whose representative has no account yet (or already a demo one)."""
    units = (
        Member.objects.filter(kind=MemberKind.UNIT, status=MemberStatus.ACTIVE)
        .exclude(representatives__user__username="member")
        .order_by("number")
    )
    return list(units[:4])


@loader(order=21)
@transaction.atomic
def load_online_meeting():
    secretariat = demo_user("secretariat", role=Role.SECRETARIAT)
    body = Body.objects.filter(code="CM").first() or Body.objects.first()
    if body is None:
        return
    units = _units()
    if len(units) < 4:
        return
    meeting, created = Meeting.objects.get_or_create(
        body=body,
        title=ONLINE_TITLE,
        defaults={
            "starts_at": timezone.now().replace(microsecond=0) + datetime.timedelta(days=1),
            "mode": MeetingMode.ONLINE,
            "online_link": "https://meet.example.org/alliance-cm",
            "status": MeetingStatus.NOTICE_ISSUED,
            "notice_issued_at": timezone.now(),
            "notice_issued_by": secretariat,
            "late_notice_reason": "Demo: convened at short notice.",
            "created_by": secretariat,
        },
    )
    if not created:
        return
    for (username, first, last), unit in zip(REPS, units[:3], strict=True):
        rep = Representative.objects.current().filter(member=unit, role=RepresentativeRole.PRIMARY).first()
        if rep and rep.user_id is None:
            # The account is the named representative's own: it takes the representative's name.
            given, _space, family = rep.name.partition(" ")
            user = demo_user(username, role=Role.MEMBER, first_name=given, last_name=family)
            rep.user = user
            rep.save(update_fields=["user"])
        elif not rep:
            user = demo_user(username, role=Role.MEMBER, first_name=first, last_name=last)
            Representative.objects.create(
                member=unit,
                user=user,
                role=RepresentativeRole.PRIMARY,
                name=f"{first} {last}",
                email=user.email,
                started_on=datetime.date(2025, 1, 1),
            )
        else:
            user = demo_user(username, role=Role.MEMBER, first_name=first, last_name=last)
            Representative.objects.get_or_create(
                member=unit,
                role=RepresentativeRole.DEPUTY,
                ended_on=None,
                defaults={
                    "user": user,
                    "name": f"{first} {last}",
                    "email": user.email,
                    "started_on": datetime.date(2025, 1, 1),
                },
            )
        announce_login("Online meeting rep", username)
    delegate = demo_user(DELEGATE[0], role=None, first_name=DELEGATE[1], last_name=DELEGATE[2])
    announce_login("Mandated delegate", DELEGATE[0])
    Invitation.objects.bulk_create(
        Invitation.member_names([Invitation(meeting=meeting, member=u) for u in units]), ignore_conflicts=True
    )
    Mandate.objects.get_or_create(
        meeting=meeting,
        member=units[3],
        revoked_at=None,
        defaults={"delegate": delegate, "granted_by": secretariat, "note": "Mandate letter DEMO-01"},
    )
    item = AgendaItem.objects.create(
        meeting=meeting, position=1, title="Regional training calendar for 2027", created_by=secretariat
    )
    AgendaItem.objects.create(meeting=meeting, position=2, title="Any other business", created_by=secretariat)
    Resolution.objects.create(
        meeting=meeting,
        body=body,
        agenda_item=item,
        title="Adopt the regional training calendar for 2027",
        proposed_by=secretariat,
    )
    MeetingRoom.objects.create(
        meeting=meeting,
        check_in_open=True,
        check_in_changed_at=timezone.now(),
        check_in_changed_by=secretariat,
        current_item=item,
    )
