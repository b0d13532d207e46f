"""Activity workflow (004 三.3): plan, approval, preparation, held with attendance, summary, archive."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from alliance.history import save_by
from secretariat import errors
from secretariat.errors import SecretariatError
from secretariat.models import Activity, ActivityAttendance, ActivityStatus, ApprovalBody

PLAN_FIELDS = (
    "theme",
    "starts_on",
    "ends_on",
    "place",
    "content",
    "participants",
    "budget",
    "is_major",
    "department",
)


def _check_plan(fields: dict) -> None:
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if not starts_on or not ends_on or ends_on < starts_on:
        raise SecretariatError(errors.ACTIVITY_DATES)
    budget = fields.get("budget", Decimal("0.00"))
    if not isinstance(budget, Decimal) or budget < 0:
        raise SecretariatError(errors.ACTIVITY_BUDGET)


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


@transaction.atomic
def activity_create(*, by, **fields) -> Activity:
    """Plan an activity: theme, dates, place, content, participants, budget (004 三.3)."""
    _check_plan(fields)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    return Activity.objects.create(created_by=by, **fields)


@transaction.atomic
def activity_update(*, activity: Activity, by, **fields) -> Activity:
    """Change the plan before the activity is held."""
    activity = _locked(activity)
    if activity.status not in (ActivityStatus.PLANNED, ActivityStatus.APPROVED, ActivityStatus.PREPARING):
        raise SecretariatError(errors.ACTIVITY_LOCKED)
    merged = {name: getattr(activity, name) for name in PLAN_FIELDS} | fields
    _check_plan(merged)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise ValueError(f"{name} is not editable")
        setattr(activity, name, value)
    activity.save()
    return activity


@transaction.atomic
def activity_approve(
    *, activity: Activity, by, body: str, reference: str = "", comment: str = ""
) -> Activity:
    """Record the approval of a plan; a major activity is approved by the council (004 三.3)."""
    activity = _locked(activity)
    if activity.is_major and (body != ApprovalBody.COUNCIL or not reference.strip()):
        raise SecretariatError(errors.MAJOR_NEEDS_COUNCIL)
    activity.move(
        ActivityStatus.APPROVED,
        by=by,
        comment=comment,
        approval_body=body,
        approval_reference=reference.strip(),
        approved_by=by,
        approved_at=timezone.now(),
    )
    return activity


@transaction.atomic
def activity_move(*, activity: Activity, to_status: str, by, comment: str = "") -> Activity:
    """Move to preparation, mark held, or cancel (the steps that carry no other data)."""
    if to_status not in (ActivityStatus.PREPARING, ActivityStatus.HELD, ActivityStatus.CANCELLED):
        raise SecretariatError(errors.illegal_move(activity.get_status_display(), to_status))
    activity = _locked(activity)
    if to_status == ActivityStatus.HELD and activity.starts_on > timezone.localdate():
        raise SecretariatError(errors.NOT_STARTED)
    activity.move(to_status, by=by, comment=comment)
    return activity


@transaction.atomic
def activity_record_attendance(
    *, activity: Activity, by, member, representative=None, attendee_name: str = ""
) -> ActivityAttendance:
    """Record that a member unit attended, and whether its representative came in person.

    This attendance feeds the participation record and rule (003 第九条).
    """
    activity = _locked(activity)
    if not activity.takes_attendance:
        raise SecretariatError(errors.ATTENDANCE_NOT_HELD)
    if representative is not None and representative.member_id != member.pk:
        raise SecretariatError(errors.REPRESENTATIVE_OF_OTHER_MEMBER)
    attendance, created = ActivityAttendance.objects.get_or_create(
        activity=activity,
        member=member,
        defaults={
            "representative": representative,
            "attendee_name": attendee_name.strip(),
            "recorded_by": by,
        },
    )
    if not created:
        attendance.representative = representative
        attendance.attendee_name = attendee_name.strip()
        attendance.recorded_by = by
        save_by(attendance, by)
    return attendance


@transaction.atomic
def activity_report(*, activity: Activity, by, summary: str, lessons: str = "") -> Activity:
    """Write the summary report, with lessons learned, of an activity that was held."""
    activity = _locked(activity)
    if not summary.strip():
        raise SecretariatError(errors.SUMMARY_REQUIRED)
    activity.move(ActivityStatus.REPORTED, by=by, summary=summary.strip(), lessons=lessons.strip())
    return activity


@transaction.atomic
def activity_archive(*, activity: Activity, by, comment: str = "") -> Activity:
    activity = _locked(activity)
    activity.move(ActivityStatus.ARCHIVED, by=by, comment=comment)
    return activity
