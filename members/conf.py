"""Configurable figures of the members app (settings ``ALLIANCE_<NAME>``)."""

import re

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


def max_upload_mb() -> int:
    """Largest accepted upload in megabytes (membership issue: 10 MB by default)."""
    return int(getattr(settings, "ALLIANCE_MAX_UPLOAD_MB", 10))


def account_activation_days() -> int:
    """Days a link to set a new account's password stays valid (issue 9: 7 by default)."""
    days = int(getattr(settings, "ALLIANCE_ACCOUNT_ACTIVATION_DAYS", 7))
    if days < 1:
        raise ImproperlyConfigured("ALLIANCE_ACCOUNT_ACTIVATION_DAYS must be at least 1")
    return days


def apply_rate() -> str:
    """Anonymous applications accepted per client address, as "count/period" (issue 9)."""
    rate = str(getattr(settings, "ALLIANCE_APPLY_RATE", "5/h"))
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", rate):
        raise ImproperlyConfigured('ALLIANCE_APPLY_RATE must look like "5/h" or "20/d"')
    return rate


def check_settings(app_configs=None, **kwargs) -> list:
    """System check: a mistyped account setting fails at start-up, not on first use."""
    errors = []
    for read in (account_activation_days, apply_rate):
        try:
            read()
        except (ImproperlyConfigured, TypeError, ValueError) as error:
            errors.append(checks.Error(str(error), id="members.E001"))
    return errors


def expulsion_resolutions(member_id: int) -> list[tuple[str, str]]:
    """The passed resolutions that decided this member's expulsion, as (number, label).

    Resolutions live in ``meetings``, a higher layer: it provides the function named by
    ``ALLIANCE_EXPULSION_RESOLUTIONS`` (DESIGN.md, Architecture).
    """
    return list(import_string(settings.ALLIANCE_EXPULSION_RESOLUTIONS)(member_id))


def directory_page_size() -> int:
    return int(getattr(settings, "ALLIANCE_MEMBERS_PAGE_SIZE", 25))


# Page sizes a user may pick in the directory (?per_page=).
DIRECTORY_PAGE_SIZES = (25, 50, 100)

# Content types accepted for uploads, checked by content (not by name), with the
# extension the stored file gets.
ACCEPTED_UPLOADS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}

# Images accepted for a member's logo or photo, checked by content.
ACCEPTED_IMAGES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
}
