"""The directory's "alliance position" filter (003 第二条), supplied to members at start-up.

Positions are recorded here, where elections and appointments happen; members
cannot import meetings, so it asks through the extension points ``members.position_choices``
and ``members.members_holding_position`` (connected in apps.py).
"""

from django.db.models import Q

from meetings.models import Office, OfficeHolding
from members.models import Representative


def position_choices() -> list[tuple[str, str]]:
    return list(Office.choices)


def filter_by_position(queryset, value):
    """Keep the members that hold ``value`` now, directly or through a current representative."""
    current = OfficeHolding.objects.filter(office=value, ended_on__isnull=True)
    through_representatives = Representative.objects.current().filter(user__in=current.values("holder_id"))
    return queryset.filter(
        Q(pk__in=current.exclude(member=None).values("member_id"))
        | Q(pk__in=through_representatives.values("member_id"))
    )
