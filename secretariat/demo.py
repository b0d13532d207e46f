"""Demo data of the secretariat: departments and staff, documents at every stage, activities
with attendance, briefings (one office late) and a participation flag. Idempotent; fictional."""

import contextlib
import datetime
from decimal import Decimal

from django.utils import timezone

from alliance.demo import announce_login, demo_user, loader
from alliance.roles import Role

HEADS = {
    "liaison": ("lhead", "Priya", "Nandakumar"),
    "development": ("dhead", "Kenji", "Arakawa"),
    "membership": ("head", "Sofia", "Marquez"),
    "public-relations": ("head", "Sofia", "Marquez"),
    "event-planning": ("ehead", "Lukas", "Brenner"),
}


def _staff():
    from secretariat.models import ApprovalRole, Department, StaffProfile

    departments = {d.code: d for d in Department.objects.all()}
    if len(departments) < 5:  # a flushed database: recreate the defaults of the data migration
        from importlib import import_module

        defaults = import_module("secretariat.migrations.0002_default_departments").DEPARTMENTS
        for order, (code, name, description) in enumerate(defaults, start=1):
            departments[code] = Department.objects.get_or_create(
                code=code, defaults={"name": name, "description": description, "order": order}
            )[0]
    users = {}
    for code, (username, first, last) in HEADS.items():
        user = demo_user(username, role=Role.SECRETARIAT, first_name=first, last_name=last, is_staff=True)
        users[username] = user
        department = departments[code]
        if department.head_id is None:
            department.head = user
            department.save(update_fields=["head"])
        StaffProfile.objects.get_or_create(user=user, defaults={"department": department, "title": "Head"})
    announce_login("Department head", "head")
    secgen = demo_user("secgen", role=Role.SECRETARIAT, first_name="Hamid", last_name="Osei", is_staff=True)
    StaffProfile.objects.get_or_create(
        user=secgen,
        defaults={
            "department": None,
            "title": "Secretary-General",
            "approval_role": ApprovalRole.SECRETARY_GENERAL,
        },
    )
    secretariat = demo_user("secretariat", role=Role.SECRETARIAT, is_staff=True)
    StaffProfile.objects.get_or_create(
        user=secretariat,
        defaults={
            "department": departments["membership"],
            "title": "Deputy Secretary-General",
            "approval_role": ApprovalRole.DEPUTY_SECRETARY_GENERAL,
        },
    )
    clerk = demo_user("clerk", role=Role.SECRETARIAT, first_name="Ana", last_name="Lima", is_staff=True)
    StaffProfile.objects.get_or_create(
        user=clerk, defaults={"department": departments["public-relations"], "title": "Officer"}
    )
    return departments, {"secgen": secgen, "secretariat": secretariat, "clerk": clerk, **users}


DOCUMENTS = [
    # (title, kind, audience, department, author, final stage)
    (
        "Call for nominations to the 2027 council",
        "announcement",
        "public",
        "public-relations",
        "clerk",
        "issued",
    ),
    (
        "Annual conference in Kunming: dates and venue",
        "notice",
        "public",
        "event-planning",
        "ehead",
        "issued",
    ),
    ("Member consultation on the training standard", "notice", "members", "membership", "clerk", "issued"),
    ("Circular on the handling of member data", "circular", "internal", "membership", "clerk", "issued"),
    ("Work report of the first half-year", "report", "internal", "development", "dhead", "archived"),
    ("Letter of thanks to the host city", "letter", "public", "public-relations", "clerk", "approved"),
    ("Notice of the regional security forum", "notice", "public", "event-planning", "ehead", "reviewed"),
    ("Guidelines for new members", "announcement", "members", "membership", "clerk", "in_review"),
    ("Draft partnership announcement", "announcement", "public", "public-relations", "clerk", "draft"),
]
ORDER = ["draft", "in_review", "reviewed", "approved", "issued", "archived"]
BODY = (
    "The secretariat informs you as follows.\n\n"
    "1. The matter described in the title is open to all concerned.\n"
    "2. Questions go to the secretariat in Kunming by email.\n\n"
    "Secretariat of the International Security Alliance"
)


def _documents(departments, users):
    from secretariat import services
    from secretariat.models import Document

    for title, kind, audience, code, author, stage in DOCUMENTS:
        if Document.objects.filter(title=title).exists():
            continue
        document = services.document_create(
            by=users[author],
            kind=kind,
            title=title,
            body=BODY,
            audience=audience,
            department=departments[code],
        )
        target = ORDER.index(stage)
        head = departments[code].head
        reviewer = head if head and head != users[author] else users["secgen"]
        steps = [
            lambda d, a=users[author]: services.document_submit(document=d, by=a),
            lambda d, r=reviewer: services.document_review(document=d, by=r),
            lambda d: services.document_approve(document=d, by=users["secgen"]),
            lambda d: services.document_issue(document=d, by=users["secretariat"]),
            lambda d: services.document_archive(document=d, by=users["secretariat"]),
        ]
        for step in steps[:target]:
            document = step(document)
        if kind == "circular" and stage == "issued":
            services.document_circulate(
                document=document,
                by=users["secretariat"],
                users=[users["clerk"], users["head"], users["dhead"]],
            )
            services.document_mark_read(document=document, user=users["clerk"])
        if audience == "members" and stage == "issued":
            from members.models import Member
            from secretariat.errors import SecretariatError

            # Without any member account yet there is nobody to circulate to.
            with contextlib.suppress(SecretariatError):
                services.document_circulate(
                    document=document,
                    by=users["secretariat"],
                    members=list(Member.objects.order_by("pk")[:5]),
                )


def _members():
    from members.models import Member, MemberKind, Tier

    members = list(Member.objects.filter(status="active").order_by("kind", "pk"))
    if len(members) >= 3:
        return members
    samples = [
        ("SD-0001", "Harbourline Guard Services", "TH"),
        ("SD-0002", "Meridian Risk Consulting", "VN"),
        ("SD-0003", "Blue Lotus Security Technology", "LK"),
    ]
    for number, name, country in samples:
        Member.objects.get_or_create(
            number=number,
            defaults={
                "kind": MemberKind.UNIT,
                "tier": Tier.GROUP_MEMBER,
                "name": name,
                "country": country,
                "joined_on": datetime.date(2024, 6, 1),
            },
        )
    return list(Member.objects.filter(status="active").order_by("kind", "pk"))


def _activities(departments, users):
    from members.models import Representative
    from secretariat import services
    from secretariat.models import Activity

    today = timezone.localdate()
    members = _members()
    # Past activities: every active member comes except the last unit, which misses all
    # three (a participation flag follows).
    past = [
        ("Workshop on escort standards", 150, "Bangkok", Decimal("4800.00")),
        ("Cybersecurity exchange day", 100, "Hanoi", Decimal("3500.00")),
        ("Regional training for guards", 40, "Colombo", Decimal("6200.00")),
    ]
    for theme, days_ago, place, budget in past:
        if Activity.objects.filter(theme=theme).exists():
            continue
        start = today - datetime.timedelta(days=days_ago)
        activity = services.activity_create(
            by=users["ehead"],
            theme=theme,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=1),
            place=place,
            content="Presentations, exchanges between member units and a site visit.",
            participants="Member units of the region",
            budget=budget,
            is_major=False,
            department=departments["event-planning"],
        )
        services.activity_approve(activity=activity, by=users["secretariat"], body="secretariat")
        services.activity_move(activity=activity, to_status="preparing", by=users["ehead"])
        services.activity_move(activity=activity, to_status="held", by=users["ehead"])
        absent = [m for m in members if m.kind == "unit"][-1]
        for member in members:
            if member == absent:
                continue
            representative = Representative.objects.current().filter(member=member).first()
            services.activity_record_attendance(
                activity=activity,
                by=users["ehead"],
                member=member,
                representative=representative,
                attendee_name=""
                if representative
                else ("Delegate" if member.kind == "unit" else "In person"),
            )
        services.activity_report(
            activity=activity,
            by=users["ehead"],
            summary="Held as planned; member units shared their practice.",
            lessons="Send the programme a month ahead.",
        )
    upcoming = [
        ("Annual conference 2027", 30, "Kunming", Decimal("52000.00"), True),
        ("Members' open day", 12, "Kuala Lumpur", Decimal("2500.00"), False),
    ]
    for theme, days_ahead, place, budget, major in upcoming:
        if Activity.objects.filter(theme=theme).exists():
            continue
        start = today + datetime.timedelta(days=days_ahead)
        activity = services.activity_create(
            by=users["ehead"],
            theme=theme,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=2 if major else 0),
            place=place,
            content="Programme to be confirmed.",
            participants="All members",
            budget=budget,
            is_major=major,
            department=departments["event-planning"],
        )
        if major:
            services.activity_approve(
                activity=activity,
                by=users["secretariat"],
                body="council",
                reference="Council decision 2026-07",
            )
            services.activity_move(activity=activity, to_status="preparing", by=users["ehead"])


def _briefings():
    from members.models import LiaisonOffice
    from secretariat import conf, services
    from secretariat.models import LiaisonBriefing
    from secretariat.rules import briefing_due_period

    offices = list(LiaisonOffice.objects.filter(is_active=True).order_by("name")[:2])
    if not offices:
        office, _ = LiaisonOffice.objects.get_or_create(
            name="Bangkok Liaison Office", defaults={"countries": ["TH"]}
        )
        offices = [office]
        LiaisonOffice.objects.get_or_create(name="Colombo Liaison Office", defaults={"countries": ["LK"]})
    liaison = demo_user("liaison", role=Role.LIAISON_OFFICER)
    office = offices[0]
    office.officers.add(liaison)
    start, _end = briefing_due_period(
        timezone.localdate(), conf.briefing_period_months(), conf.briefing_grace_days()
    )
    if not LiaisonBriefing.objects.filter(office=office, period_start=start).exists():
        services.briefing_submit(
            office=office,
            by=liaison,
            period_start=start,
            work_done="Visited four applicants; preliminary review of two applications.",
            contacts_made="Chamber of commerce; two security associations.",
            issues="Translation of the charter into the local language is needed.",
        )
    # The other offices stay without a briefing: the secretariat sees them as late.


@loader(order=40)
def load_secretariat():
    from secretariat import services

    departments, users = _staff()
    _documents(departments, users)
    _activities(departments, users)
    _briefings()
    services.participation_recompute()
