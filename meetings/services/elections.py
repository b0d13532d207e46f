"""Elections of the Chairman and Vice Chairmen (000 §II): nomination with the term rule."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import conf, errors, rules
from meetings.errors import MeetingError
from meetings.models import HoldingHow, Meeting, Office, OfficeHolding, Resolution, ResolutionKind
from meetings.services.motions import resolution_propose


def candidate_problem(*, office: str, candidate_user, start) -> str:
    """Return why the person may not be elected to ``office`` from ``start``, or ''."""
    terms = [
        (h.started_on, h.ended_on or h.term_ends_on)
        for h in OfficeHolding.objects.filter(office=office, holder=candidate_user, how=HoldingHow.ELECTED)
    ]
    return rules.term_limit_problem(
        terms,
        new_start=start,
        max_consecutive=conf.max_consecutive_terms(),
        gap_days=conf.consecutive_gap_days(),
    )


@transaction.atomic
def election_nominate(
    *, meeting: Meeting, office: str, candidate_user, by, candidate_member=None, secret: bool = True
) -> Resolution:
    """Nominate a candidate for Chairman or Vice Chairman (000 §II).

    Refused when the person has already served the most consecutive terms allowed
    (one consecutive re-election), with a message saying so.
    """
    if office not in (Office.CHAIRMAN, Office.VICE_CHAIRMAN):
        raise MeetingError(errors.NOT_ELECTED_OFFICE)
    problem = candidate_problem(
        office=office, candidate_user=candidate_user, start=timezone.localdate(meeting.starts_at)
    )
    if problem:
        raise MeetingError(problem)
    name = str(candidate_user)
    return resolution_propose(
        meeting=meeting,
        title=_("Election of %(name)s as %(office)s") % {"name": name, "office": Office(office).label},
        kind=ResolutionKind.ELECTION,
        office=office,
        candidate_user=candidate_user,
        candidate_member=candidate_member,
        secret=secret,
        by=by,
    )
