"""Configurable figures of the members app, read through ``alliance.conf`` (settings
``ALLIANCE_MEMBERS_<NAME>``, and the project's ``ALLIANCE_MAX_UPLOAD_MB``)."""

from alliance import conf


def max_upload_mb() -> int:
    """Largest accepted upload in megabytes (membership issue: 10 MB by default)."""
    return conf.MAX_UPLOAD_MB.value()


def account_activation_days() -> int:
    """Days a link to set a new account's password stays valid (issue 9: 7 by default)."""
    return conf.MEMBERS_ACCOUNT_ACTIVATION_DAYS.value()


def apply_rate() -> str:
    """Anonymous applications accepted per client address, as "count/period" (issue 9)."""
    return conf.MEMBERS_APPLY_RATE.value()


def directory_page_size() -> int:
    return conf.MEMBERS_PAGE_SIZE.value()


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
