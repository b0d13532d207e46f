"""Each person's preferred language: where a page, an email and a PDF take their language from.

- A page: the language chosen in this browser with the switcher (Django's language
  cookie), else the signed-in person's preferred language
  (:class:`alliance.middleware.UserLanguageMiddleware`), else the browser's
  ``Accept-Language``, else English.
- An email: always its recipient's preferred language, never the sender's
  (:func:`alliance.emails.messages_for` groups recipients by it, one message per
  language); an address with no account takes the language of the member it
  belongs to, else English.
- The preferred language: applicants take the language they applied in,
  representatives their member's at admission; each person changes it on their
  profile page, and the switcher remembers a signed-in person's choice.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from alliance.history import save_by
from alliance.models import Profile

SESSION_KEY = "alliance_language"


def valid(language: str | None) -> str | None:
    """Return ``language`` if the site offers it, else None."""
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else None


def language_of(user) -> str:
    """Return the preferred language of ``user`` (English when they never chose)."""
    if user is None or not getattr(user, "pk", None):
        return settings.LANGUAGE_CODE
    try:
        return user.profile.language
    except Profile.DoesNotExist:
        return settings.LANGUAGE_CODE


def chosen_language(user) -> str | None:
    """Return the language ``user`` chose (or was given at admission), None if never: their
    pages then follow the browser's ``Accept-Language``."""
    if user is None or not getattr(user, "pk", None):
        return None
    try:
        return user.profile.language
    except Profile.DoesNotExist:
        return None


def languages_by_address(addresses) -> dict[str, str]:
    """Return {address (lower case): preferred language} of the accounts holding ``addresses``.

    Usernames are email addresses in lower case (members.services.accounts), so the
    unique username index answers; the demo's accounts are also found by email.
    """
    wanted = {a.strip().lower() for a in addresses if a}
    if not wanted:
        return {}
    User = get_user_model()
    found: dict[str, str] = {}
    rows = User.objects.filter(username__in=wanted, profile__isnull=False).values_list(
        "username", "profile__language"
    )
    for username, language in rows:
        found[username.lower()] = language
    rest = wanted - set(found)
    if rest:
        rows = User.objects.filter(email__in=rest, profile__isnull=False).values_list(
            "email", "profile__language"
        )
        for email, language in rows:
            found.setdefault(email.lower(), language)
    return found


@transaction.atomic
def language_set(*, user, language: str, by=None) -> Profile:
    """Record ``user``'s preferred language (the history keeps who set it and when)."""
    if not valid(language):
        raise ValueError(f"Not a language of the site: {language!r}")
    profile = Profile.objects.select_for_update().filter(user=user).first() or Profile(user=user)
    if profile.pk and profile.language == language:
        return profile
    profile.language = language
    save_by(profile, by or user)
    user.profile = profile
    return profile


def language_initial(*, user, language: str | None, by=None) -> None:
    """Give a new account its first preferred language (the application's, the member's);
    an account that already has one keeps it: the person chose it."""
    if valid(language) and not Profile.objects.filter(user=user).exists():
        language_set(user=user, language=language, by=by)


def remember_at_login(sender, request, user, **kwargs):
    """Read the person's chosen language once, at login, into the session (the
    user_logged_in signal): their pages then cost no query for it, whatever they show."""
    if request is not None and hasattr(request, "session"):
        # A query, not user.profile: that would cache "no profile" on the user object.
        chosen = Profile.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
        request.session[SESSION_KEY] = chosen or ""
