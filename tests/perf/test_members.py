"""Benchmarks of the members app: the directory at 100,000 members and certificate rendering.

Figures are printed (`make bench`), never asserted against a clock; the query
count, which must not grow with the page size, is asserted.
"""

import datetime
import statistics
import time

import pytest

from alliance.db import analyze
from alliance.roles import Role
from members.models import Member, MemberKind, MemberStatus, Tier
from members.rules import region_of
from members.services import certificate_issue, certificate_render
from tests.factories import UserFactory
from tests.perf import harness

pytestmark = pytest.mark.django_db

MEMBER_COUNT = 100_000
BATCH = 5_000
COUNTRIES = ["TH", "VN", "CN", "MY", "ID", "IN", "NP", "BD", "LA", "KH"]
TIERS = [Tier.GROUP_MEMBER] * 6 + [Tier.VICE_CHAIRMAN_UNIT, Tier.CHAIRMAN_UNIT, Tier.INDIVIDUAL_MEMBER] * 1
STATUSES = [MemberStatus.ACTIVE] * 8 + [MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN]


def _generate_members(count: int) -> float:
    start = time.perf_counter()
    joined = datetime.date(2025, 1, 1)
    for offset in range(0, count, BATCH):
        rows = []
        for i in range(offset, min(offset + BATCH, count)):
            country = COUNTRIES[i % len(COUNTRIES)]
            tier = TIERS[i % len(TIERS)]
            rows.append(
                Member(
                    number=f"B-{i:07d}",
                    kind=MemberKind.INDIVIDUAL if tier == Tier.INDIVIDUAL_MEMBER else MemberKind.UNIT,
                    tier=tier,
                    name=f"Bench Member {i * 7919 % count:06d}",
                    native_name="基准会员" if i % 3 == 0 else "",
                    country=country,
                    region=region_of(country),
                    status=STATUSES[i % len(STATUSES)],
                    joined_on=joined,
                )
            )
        Member.objects.bulk_create(rows)
    analyze(Member)
    return time.perf_counter() - start


def test_member_directory_at_100k(client):
    seconds = _generate_members(MEMBER_COUNT)
    harness.record("members: generate 100,000 members (bulk_create)", seconds=round(seconds, 1))
    client.force_login(UserFactory(username="bench-secretariat", roles=[Role.SECRETARIAT]))
    figures = {}
    for label, url in [
        ("page size 25", "/members/?per_page=25"),
        ("page size 100", "/members/?per_page=100"),
        ("status=active, 25", "/members/?status=active"),
        ("country=TH, 25", "/members/?country=TH"),
        ("tier=chairman_unit, 25", "/members/?tier=chairman_unit"),
        ("deepest page offered (400)", "/members/?page=400"),
        ("search 'Member 0123', 25", "/members/?q=Member+0123"),
    ]:
        m = harness.measure_get(client, url, runs=15)
        figures[label] = m
        harness.record_page(f"members: directory 100k, {label}", m)
    assert figures["page size 25"].queries == figures["page size 100"].queries


def test_certificate_rendering_per_pdf():
    secretariat = UserFactory(username="bench-cert", roles=[Role.SECRETARIAT])
    member = Member.objects.create(
        number="B-CERT-1",
        kind=MemberKind.UNIT,
        tier=Tier.VICE_CHAIRMAN_UNIT,
        name="Cloud Ridge Cyber Defence Co., Ltd.",
        native_name="云岭网络防御有限公司",
        country="CN",
        joined_on=datetime.date(2026, 3, 1),
    )
    certificate_render(
        certificate_id=certificate_issue(member=member, by=secretariat, on=member.joined_on).pk
    )  # warm-up: fonts loaded once per process
    timings = []
    for _ in range(5):
        certificate = certificate_issue(member=member, by=secretariat, on=member.joined_on)
        start = time.perf_counter()
        certificate_render(certificate_id=certificate.pk)
        # Two PDFs per certificate: the certificate and the notification letter.
        timings.append((time.perf_counter() - start) / 2)
    harness.record(
        "members: certificate + letter PDF (Chinese name), per PDF",
        median_ms=round(statistics.median(timings) * 1000, 1),
        runs=len(timings),
    )
