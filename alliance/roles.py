"""Roles of DESIGN.md as Django groups, and the guard every role-restricted view uses.

A role is a group; administrators (superusers) hold every role. Scoping within a
role (a liaison officer's countries, a member's own file) is done by each app's
querysets; this module only says who may reach a view at all.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from alliance.prepared import rows_for


class Role:
    SECRETARIAT = "Secretariat"
    LIAISON_OFFICER = "Liaison officer"
    TREASURER = "Treasurer"
    MEMBER = "Member"

    ALL = (SECRETARIAT, LIAISON_OFFICER, TREASURER, MEMBER)


def user_roles(user) -> frozenset[str]:
    """Return the names of the roles the user holds (all of them for a superuser)."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return frozenset(Role.ALL)
    cached = getattr(user, "_alliance_roles", None)
    if cached is None:
        cached = frozenset(rows_for("alliance.roles.user_roles", _role_names, user.pk))
        user._alliance_roles = cached
    return cached


def _role_names(user_id: int):
    # Every page asks it: compiled once (alliance.prepared), where building and compiling the
    # join through the user's groups cost ~0.25 ms a page in the issue 15 bench.
    from django.contrib.auth.models import Group

    return Group.objects.filter(user__id=user_id, name__in=Role.ALL).values_list("name", flat=True)


def has_role(user, *roles: str) -> bool:
    """Return whether the user holds at least one of the roles."""
    return bool(user_roles(user) & set(roles))


def role_required(*roles: str):
    """Let in only users holding one of ``roles``: anonymous users go to the login
    page, signed-in users without the role get 403. Every view is a function."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
