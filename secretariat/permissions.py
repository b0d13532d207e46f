"""Who may act on the secretariat's workflows (the positions of 000 and 004 三.1).

The Secretary-General and deputies are recognised either by the flag on their
staff profile or as current holders of those offices in ``meetings`` (where the
Chairman's appointments are recorded). The flag lets an organisation that does not
record appointments in meetings still run the document workflow.
"""

from django.utils import timezone

from alliance.roles import Role, has_role
from alliance.versions import cached_on_history
from meetings.models import OfficeHolding
from meetings.selectors import current_office_holders
from secretariat.models import Department, StaffProfile

# Permissions sit below selectors (pyproject.toml): selectors scope querysets with them.


def approver_office_holder_ids() -> set[int]:
    """Users currently holding the office of Secretary-General or deputy (recorded by meetings)."""
    offices = ["secretary_general", "deputy_secretary_general"]
    return set(current_office_holders().filter(office__in=offices).values_list("holder_id", flat=True))


def is_approver(user) -> bool:
    """Return whether the user approves documents as Secretary-General or deputy."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_secretariat_is_approver", None)
    if cached is None:
        cached = (
            StaffProfile.objects.filter(user=user, is_active=True).exclude(approval_role="").exists()
            or user.pk in approver_office_holder_ids()
        )
        user._secretariat_is_approver = cached
    return cached


def headed_department_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_secretariat_headed", None)
    if cached is None:
        cached = set(Department.objects.filter(head=user).values_list("pk", flat=True))
        user._secretariat_headed = cached
    return cached


# What a user's review rights read: departments' heads, staff profiles, the offices held.
REVIEW_RIGHTS_VERSIONS = (Department, StaffProfile, OfficeHolding)


def load_review_rights(user, request=None) -> None:
    """Give the user ``headed_department_ids`` and ``is_approver`` from the cache, kept per user
    and day (offices run by date) until a department, a staff profile or an office holding
    changes: their two or three queries cost ~1 ms of the staff dashboard in the issue 15 bench
    on every request."""
    if not user.is_authenticated:
        return

    def compute():
        return headed_department_ids(user), is_approver(user)

    user._secretariat_headed, user._secretariat_is_approver = cached_on_history(
        "secretariat:review-rights",
        REVIEW_RIGHTS_VERSIONS,
        compute,
        user.pk,
        timezone.localdate(),
        request=request,
    )


def can_review(user, document) -> bool:
    """Department head of the document (or an approver), never its author."""
    if document.author_id == user.pk:
        return False
    return document.department_id in headed_department_ids(user) or is_approver(user)


def can_approve(user, document) -> bool:
    return document.author_id != user.pk and is_approver(user)


def is_secretariat(user) -> bool:
    return has_role(user, Role.SECRETARIAT)
