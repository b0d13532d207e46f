"""Private file storage: uploaded and issued files live under MEDIA_ROOT and have no public URL.

They are served only by views that check who asks (DESIGN.md, Confidentiality).
"""

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        # No URL pattern serves these files: a template asking for one is a bug.
        raise NotImplementedError("Private files are served only through access-checked views.")


def private_storage():
    """Return the storage for private files (a callable, so MEDIA_ROOT is read at use)."""
    return PrivateStorage()
