"""Secretariat benchmarks: the staff dashboard and the document pages with 100,000 members,
10,000 documents and 5,000 activities, and a participation-rule run. Figures are printed,
never asserted; pages are compared to the bare-Django baseline of the same run."""

import datetime
import os
import random
import statistics
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance.db import analyze
from alliance.roles import Role
from members.models import Member, MemberKind, Tier
from secretariat.models import (
    Activity,
    ActivityAttendance,
    ApprovalRole,
    Department,
    Document,
    DocumentStatus,
)
from secretariat.services import participation_recompute
from tests.factories import UserFactory
from tests.perf import harness
from tests.secretariat.factories import StaffProfileFactory

pytestmark = pytest.mark.django_db

MEMBERS = int(os.environ.get("SECRETARIAT_BENCH_MEMBERS", 100_000))
DOCUMENTS = int(os.environ.get("SECRETARIAT_BENCH_DOCUMENTS", 10_000))
ACTIVITIES = int(os.environ.get("SECRETARIAT_BENCH_ACTIVITIES", 5_000))
# Attendance of the most recent held activities (the participation rule reads only the last 7):
# 20,000 units at each, so the other 80,000 make a worst case of withdrawal flags.
ATTENDED_ACTIVITIES = 7
ATTENDEES = int(os.environ.get("SECRETARIAT_BENCH_ATTENDEES", 20_000))
KINDS = ["notice", "announcement", "circular", "report", "letter"]
STATUSES = [DocumentStatus.DRAFT, DocumentStatus.IN_REVIEW, DocumentStatus.REVIEWED, DocumentStatus.ISSUED]
WORDS = [
    "security",
    "alliance",
    "member",
    "training",
    "escort",
    "cyber",
    "forum",
    "annual",
    "council",
    "report",
    "notice",
    "region",
]


def make_data(user):
    rng = random.Random(7)
    today = timezone.localdate()
    Member.objects.bulk_create(
        [
            Member(
                number=f"S{n:07d}",
                kind=MemberKind.UNIT,
                tier=Tier.GROUP_MEMBER,
                name=f"Bench Security {n}",
                country="TH",
                joined_on=datetime.date(2020, 1, 1),
            )
            for n in range(MEMBERS)
        ],
        batch_size=5000,
    )
    department = Department.objects.get_or_create(
        code="public-relations", defaults={"name": "Public Relations"}
    )[0]
    department.head = user
    department.save()
    now = timezone.now()
    documents = []
    for n in range(DOCUMENTS):
        status = STATUSES[n % len(STATUSES)]
        kind = KINDS[n % len(KINDS)]
        issued = status == DocumentStatus.ISSUED
        documents.append(
            Document(
                kind=kind,
                title=" ".join(rng.choices(WORDS, k=6)).capitalize(),
                body=" ".join(rng.choices(WORDS, k=120)),
                audience=["public", "members", "internal"][n % 3],
                department=department,
                status=status,
                author_id=user.pk,
                number=f"ISA-{kind}-{n:06d}" if issued else None,
                number_year=2026 if issued else None,
                number_sequence=n if issued else None,
                issued_at=now - datetime.timedelta(hours=n) if issued else None,
            )
        )
    Document.objects.bulk_create(documents, batch_size=2000)
    activities = []
    for n in range(ACTIVITIES):
        start = today + datetime.timedelta(days=90 - n)
        activities.append(
            Activity(
                theme=f"Activity {n}",
                starts_on=start,
                ends_on=start,
                place="Kunming",
                content="Bench",
                budget=Decimal("1000.00"),
                status="held" if start < today else "planned",
                created_by_id=user.pk,
            )
        )
    Activity.objects.bulk_create(activities, batch_size=5000)
    recent = Activity.objects.filter(status="held").order_by("-starts_on")[:ATTENDED_ACTIVITIES]
    member_ids = list(Member.objects.values_list("pk", flat=True))
    rows = [
        ActivityAttendance(activity_id=activity.pk, member_id=pk, recorded_by_id=user.pk)
        for activity in recent
        for pk in member_ids[:ATTENDEES]
    ]
    ActivityAttendance.objects.bulk_create(rows, batch_size=10000)
    analyze(Member, Document, Activity, ActivityAttendance)


def record_sections(client, user):
    """Time each dashboard section of every app, to show where the dashboard spends its time."""
    import time

    from django.test import RequestFactory

    from secretariat.dashboard import DASHBOARD

    request = RequestFactory().get("/dashboard/")
    request.user = user
    for section in DASHBOARD:
        if not section.visible(user):
            continue
        section.context(request)  # warm up (translations, caches)
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                section.context(request)
            timings.append(time.perf_counter() - start)
        harness.record(
            f"  dashboard section {section.key}",
            median_ms=round(statistics.median(timings) * 1000, 2),
            queries=len(queries.captured_queries),
        )


def test_secretariat_dashboard_and_pages(client):
    user = UserFactory(username="bench-sg", roles=[Role.SECRETARIAT], is_staff=True)
    StaffProfileFactory(user=user, department=None, approval_role=ApprovalRole.SECRETARY_GENERAL)
    _, seconds = harness.timed(make_data, user)
    harness.record(
        f"secretariat: data ({MEMBERS:,} members, {DOCUMENTS:,} documents, {ACTIVITIES:,} activities)",
        seconds=round(seconds, 1),
    )
    # The first run raises a flag for each of the 80,000 absent units (a worst case, in bulk);
    # the rerun is the steady state of a nightly run: the same reads, nothing new to raise.
    flags, seconds = harness.timed(participation_recompute)
    with CaptureQueriesContext(connection) as queries:
        _none, rerun_seconds = harness.timed(participation_recompute)
    harness.record(
        f"secretariat: participation rule over {MEMBERS:,} members",
        seconds=round(seconds, 2),
        flags=flags,
        rerun_seconds=round(rerun_seconds, 2),
        queries_rerun=len(queries.captured_queries),
    )
    client.force_login(user)
    record_sections(client, user)
    harness.record_page("secretariat: staff dashboard", harness.measure_get(client, "/dashboard/", runs=20))
    harness.record_page("secretariat: document list", harness.measure_get(client, "/documents/", runs=20))
    harness.record_page(
        "secretariat: document search", harness.measure_get(client, "/documents/?q=escort+forum", runs=10)
    )
    harness.record_page(
        "secretariat: participation flags", harness.measure_get(client, "/participation/", runs=20)
    )
    client.logout()
    harness.record_page("secretariat: public notices", harness.measure_get(client, "/notices/", runs=30))
    harness.record_page("secretariat: landing page", harness.measure_get(client, "/", runs=30))
