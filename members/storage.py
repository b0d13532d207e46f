"""The storage of members' private files (the backend: alliance.storage, settings STORAGES)."""

from django.core.files.storage import default_storage

from alliance.storage import PrivateStorage

__all__ = ["PrivateStorage", "private_storage"]


def private_storage():
    """Return Django's lazy default storage, for FileField(storage=...).

    Lazy, so every model, task and test sees the backend the settings name at the
    time of use, never one fixed at import; migrations name this function.
    """
    return default_storage
