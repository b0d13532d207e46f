"""Configurable figures of the members app (settings ``ALLIANCE_<NAME>``)."""

from django.conf import settings


def max_upload_mb() -> int:
    """Largest accepted upload in megabytes (membership issue: 10 MB by default)."""
    return int(getattr(settings, "ALLIANCE_MAX_UPLOAD_MB", 10))


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
