"""User accounts of applicants and representatives (username = email)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from alliance.accounts import users_for_reset
from alliance.roles import Role
from members import conf
from members.emails import send_after_commit
from members.errors import ACCOUNT_EXISTS, MembershipError
from members.tokens import activation_url


def _find_by_email(email: str):
    User = get_user_model()
    email = email.strip()
    return (
        User.objects.filter(username__iexact=email).first()
        or User.objects.filter(email__iexact=email).first()
    )


def account_for_email(email: str):
    """Return the account whose username or email is ``email`` (case aside), or None."""
    return _find_by_email(email)


def _unsaved_account(*, email: str, first_name: str = "", last_name: str = ""):
    return get_user_model()(
        username=email.strip().lower(), email=email.strip(), first_name=first_name, last_name=last_name
    )


def applicant_password_check(*, email: str, password: str, first_name: str = "", last_name: str = "") -> None:
    """Refuse a password the validators reject, judged against the account it would create."""
    try:
        validate_password(password, _unsaved_account(email=email, first_name=first_name, last_name=last_name))
    except ValidationError as error:
        raise MembershipError(" ".join(error.messages)) from error


@transaction.atomic
def applicant_account_create(*, email: str, password: str, first_name: str = "", last_name: str = ""):
    """Create the applicant's account (username = email) so they can come back to the application."""
    if _find_by_email(email):
        raise MembershipError(str(ACCOUNT_EXISTS))
    applicant_password_check(email=email, password=password, first_name=first_name, last_name=last_name)
    user = _unsaved_account(email=email, first_name=first_name, last_name=last_name)
    user.set_password(password)
    user.save()
    return user


def account_exists_notify(*, user, language: str | None = None) -> None:
    """Tell the holder of an address someone applied with that it already has an account:
    log in, or reset the password, then apply (issue 9: /apply/ never says so itself)."""
    send_after_commit("account_exists", [user], language=language, user=user)


def member_group() -> Group:
    # get_or_create: transactional tests flush the groups the data migration made.
    return Group.objects.get_or_create(name=Role.MEMBER)[0]


def member_account_for(*, email: str, name: str = ""):
    """Return the account of ``email`` in the Member group, reusing an existing one.

    A new account has no usable password: its holder chooses one through the link of
    ``account_activation_send``. Call inside a transaction.
    """
    user = _find_by_email(email)
    if user is None:
        first, _sep, last = name.strip().partition(" ")
        user = get_user_model().objects.create(
            username=email.strip().lower(), email=email.strip(), first_name=first[:150], last_name=last[:150]
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(member_group())
    return user


def member_role_drop_if_unused(user) -> None:
    """Take the Member role from ``user`` when they no longer act for any member."""
    from members.selectors import represented_members

    if user is not None and not represented_members(user).exists():
        user.groups.remove(member_group())


def account_activation_send(users, *, language: str | None = None) -> None:
    """Email each account that has no usable password yet a one-time link to choose one,
    after commit (issue 9: new representatives could not log in). Accounts that already
    have a password are left alone: their holders log in as before."""
    for user in {user.pk: user for user in users if not user.has_usable_password()}.values():
        _activation_email(user, language)


def account_activation_request(*, email: str, language: str | None = None) -> None:
    """Send a fresh link to set the password to every active account with ``email``,
    activated or not; say nothing of whether there is one (the view's answer is the same)."""
    for user in users_for_reset(email):
        _activation_email(user, language)


def _activation_email(user, language: str | None) -> None:
    send_after_commit(
        "activation",
        [user],
        language=language,
        user=user,
        url=activation_url(user),
        days=conf.account_activation_days(),
    )
