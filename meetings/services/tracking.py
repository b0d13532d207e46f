"""Resolution tracking (000 §I.2): action items with owner, due date, status and progress;
the progress report for the Chairman."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.history import save_by
from alliance.pdf import render_pdf
from meetings import errors, rules, selectors
from meetings.errors import MeetingError
from meetings.models import ActionItem, ActionStatus, Meeting, ProgressUpdate, Resolution, ResolutionStatus
from meetings.services.meetings import agenda_item_add, material_add


@transaction.atomic
def action_item_add(
    *, resolution: Resolution, title: str, due_on: datetime.date, by, owner=None, owner_name: str = ""
) -> ActionItem:
    if resolution.status != ResolutionStatus.PASSED:
        raise MeetingError(errors.ACTION_NEEDS_PASSED_RESOLUTION)
    if not title.strip():
        raise MeetingError(errors.ACTION_NEEDS_TITLE)
    if owner is None and not owner_name.strip():
        raise MeetingError(errors.ACTION_NEEDS_OWNER)
    item = ActionItem(
        resolution=resolution,
        title=title.strip(),
        due_on=due_on,
        owner=owner,
        owner_name=owner_name.strip(),
        created_by=by,
    )
    save_by(item, by)
    return item


@transaction.atomic
def action_item_report(*, item: ActionItem, note: str, status: str, by) -> ProgressUpdate:
    """Report progress on an action item, possibly changing its status (recorded as an update)."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if not note.strip():
        raise MeetingError(errors.PROGRESS_REQUIRED)
    refusal = rules.ACTION_MOVES.refusal(item.status, status, dict(ActionStatus.choices))
    if refusal:
        raise MeetingError(refusal)
    update = ProgressUpdate.objects.create(
        action_item=item, note=note.strip(), from_status=item.status, to_status=status, reported_by=by
    )
    item.status = status
    save_by(item, by)
    return update


def progress_report_context() -> dict:
    today = timezone.localdate()
    resolutions = list(selectors.open_resolutions_with_progress())
    for resolution in resolutions:
        for item in resolution.action_items.all():
            item.overdue = rules.is_overdue(due_on=item.due_on, status=item.status, today=today)
            updates = list(item.updates.all())
            item.latest_update = updates[-1] if updates else None
    return {"resolutions": resolutions, "today": today}


@transaction.atomic
def progress_report_to_agenda(*, meeting: Meeting, by):
    """Add the progress report (as a PDF material) to the agenda of ``meeting`` in one step."""
    if meeting.starts_at <= timezone.now():
        raise MeetingError(errors.MEETING_ALREADY_HELD)
    today = timezone.localdate()
    item = agenda_item_add(
        meeting=meeting,
        title=_("Report on the progress of resolutions (%(date)s)") % {"date": today.isoformat()},
        by=by,
    )
    pdf = render_pdf("meetings/pdf/progress_report.html", progress_report_context())
    material_add(
        agenda_item=item,
        title=_("Resolution progress report"),
        file=ContentFile(pdf, name=f"resolution-progress-{today.isoformat()}.pdf"),
        by=by,
    )
    return item
