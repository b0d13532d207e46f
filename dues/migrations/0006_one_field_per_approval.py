"""Keep one field per fact: a fee schedule's approver is its approving meeting, a waiver's
resolution its resolution key; the free text written beside them before meetings recorded
meetings and resolutions goes (0007 drops the columns).

A schedule without its meeting is linked to the meeting of its approval date, recorded
where needed: the first schedule's is the closed-door meeting of the first congress of
the Alliance, 28 May 2024 (001 §IV), of the Member General Assembly unless its text
names the Chairman's Meeting. A waiver line whose text names a resolution without the key
is linked to it when the number is known; its description keeps the text either way.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import migrations

FIRST_CONGRESS_TITLE = "First congress of the Alliance, closed-door meeting"
FIRST_CONGRESS_DAY = datetime.date(2024, 5, 28)


def _recorder(apps, schedule):
    """Who the recorded meeting is created by: the schedule's author, else the first administrator."""
    if schedule.created_by_id:
        return schedule.created_by_id
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    user = User.objects.order_by("-is_superuser", "pk").first()
    if user is None:
        user = User.objects.create(username="migration", is_active=False, password="!")
    return user.pk


def link_meetings(apps, schema_editor):
    FeeSchedule = apps.get_model("dues", "FeeSchedule")
    Body = apps.get_model("meetings", "Body")
    Meeting = apps.get_model("meetings", "Meeting")
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    for schedule in FeeSchedule.objects.filter(approving_meeting__isnull=True).order_by("year"):
        code = "CM" if "chairman" in schedule.approved_by.lower() else "GA"
        body = Body.objects.filter(code=code).first() or Body.objects.create(
            code=code, name="Chairman's Meeting" if code == "CM" else "Member General Assembly"
        )
        meeting = (
            Meeting.objects.filter(body=body, starts_at__date=schedule.approved_on).order_by("pk").first()
        )
        if meeting is None:
            first = schedule.approved_on == FIRST_CONGRESS_DAY and code == "GA"
            meeting = Meeting.objects.create(
                body=body,
                title=FIRST_CONGRESS_TITLE if first else (schedule.approved_by or body.name)[:255],
                starts_at=datetime.datetime.combine(schedule.approved_on, datetime.time(9), tzinfo=zone),
                mode="offline",
                venue="Kunming" if first else "",
                status="archived",
                created_by_id=_recorder(apps, schedule),
            )
        schedule.approving_meeting = meeting
        schedule.save(update_fields=["approving_meeting"])


def link_resolutions(apps, schema_editor):
    InvoiceLine = apps.get_model("dues", "InvoiceLine")
    Resolution = apps.get_model("meetings", "Resolution")
    lines = InvoiceLine.objects.filter(resolution__isnull=True).exclude(resolution_reference="")
    for line in lines:
        reference = line.resolution_reference.strip()
        line.resolution = Resolution.objects.filter(number=reference).first()
        if reference not in line.description:
            line.description = f"{line.description} ({reference})"[:255]
        line.save(update_fields=["resolution", "description"])


class Migration(migrations.Migration):
    dependencies = [
        ("dues", "0005_invoice_payment_currency"),
        ("meetings", "0004_contests"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(link_meetings, migrations.RunPython.noop),
        migrations.RunPython(link_resolutions, migrations.RunPython.noop),
    ]
