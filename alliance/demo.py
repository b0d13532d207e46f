"""Demo data: each app registers a loader; ``manage.py load_demo`` runs them in order.

Loaders must be idempotent (get_or_create on natural keys): running the command
twice changes nothing. Every person and company in them is fictional.
"""

from collections.abc import Callable

DEMO_PASSWORD = "demo-pass-2026"

_loaders: list[tuple[int, str, Callable[[], None]]] = []
_logins: list[tuple[str, str]] = []


def loader(order: int):
    """Register a demo loader; lower ``order`` runs first."""

    def decorator(func):
        name = f"{func.__module__}.{func.__qualname__}"
        if all(existing != name for _, existing, _ in _loaders):
            _loaders.append((order, name, func))
        return func

    return decorator


def loaders():
    return [func for _, _, func in sorted(_loaders, key=lambda entry: (entry[0], entry[1]))]


def announce_login(role: str, username: str) -> None:
    """Record a demo login so the command can print one per role."""
    if (role, username) not in _logins:
        _logins.append((role, username))


def logins() -> list[tuple[str, str]]:
    return list(_logins)


def demo_user(username: str, *, role: str | None, first_name: str = "", last_name: str = "", **extra):
    """Get or create a demo user with the demo password, in the group of ``role``."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@alliance.example",
            **extra,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@loader(order=0)
def load_users():
    from alliance.roles import Role

    demo_user("admin", role=None, first_name="Ada", last_name="Admin", is_staff=True, is_superuser=True)
    announce_login("Administrator", "admin")
    demo_user("secretariat", role=Role.SECRETARIAT, first_name="Mei", last_name="Lin", is_staff=True)
    announce_login("Secretariat staff", "secretariat")
    demo_user("liaison", role=Role.LIAISON_OFFICER, first_name="Arun", last_name="Chai")
    announce_login("Liaison officer", "liaison")
    demo_user("treasurer", role=Role.TREASURER, first_name="Tomas", last_name="Reyes")
    announce_login("Treasurer", "treasurer")
    demo_user("member", role=Role.MEMBER, first_name="Nadia", last_name="Rahman")
    announce_login("Member", "member")
