"""Liaison briefings (000 §I.2(1)): each office reports its work to the secretariat each period."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from secretariat import conf, errors
from secretariat.errors import SecretariatError
from secretariat.models import LiaisonBriefing
from secretariat.rules import period_containing
from secretariat.selectors import offices_for_user


@transaction.atomic
def briefing_submit(
    *, office, by, period_start: datetime.date, work_done: str, contacts_made: str = "", issues: str = ""
) -> LiaisonBriefing:
    """Submit an office's briefing for the period containing ``period_start``; only for one's own office."""
    if not offices_for_user(by).filter(pk=office.pk).exists():
        raise SecretariatError(errors.OTHER_OFFICE)
    start, end = period_containing(period_start, conf.briefing_period_months())
    if start > timezone.localdate():
        raise SecretariatError(errors.BRIEFING_FUTURE)
    if not work_done.strip():
        raise SecretariatError(errors.BRIEFING_WORK)
    if LiaisonBriefing.objects.filter(office=office, period_start=start).exists():
        raise SecretariatError(errors.BRIEFING_EXISTS)
    try:
        with transaction.atomic():
            return LiaisonBriefing.objects.create(
                office=office,
                period_start=start,
                period_end=end,
                work_done=work_done.strip(),
                contacts_made=contacts_made.strip(),
                issues=issues.strip(),
                submitted_by=by,
            )
    except IntegrityError as exc:  # a concurrent submission for the same period
        raise SecretariatError(errors.BRIEFING_EXISTS) from exc
